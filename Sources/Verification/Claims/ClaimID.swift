import SchemeVocabulary

/// The id of a claim: C1 … C16 in the numbering of docs/theory.md §7, and E1, the engine-agreement check of the
/// main job (every engine scheme against its exact law).
public enum ClaimID: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case c1 = "C1", c2 = "C2", c3 = "C3", c4 = "C4", c5 = "C5", c6 = "C6", c7 = "C7", c8 = "C8", c9 = "C9"
    case c10 = "C10", c11 = "C11", c12 = "C12", c13 = "C13", c14 = "C14", c15 = "C15", c16 = "C16"
    case e1 = "E1"

    public var description: String { rawValue }

    /// Parses "C5", "c5" or "E1".
    public init?(parsing text: String) {
        self.init(rawValue: text.uppercased())
    }

    /// Declaration order (C1 … C16, then E1).
    public static func < (lhs: ClaimID, rhs: ClaimID) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension SchemeVariant {
    /// The role of a verdict about this variant: the subject when correct, a mutant named by its mutation otherwise.
    public var role: VerdictRole {
        guard let mutation else { return .subject }
        return .mutant(mutation.description)
    }
}

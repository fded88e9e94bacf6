/// How well a claim's statement is sourced (docs/theory.md §0): the label printed next to every verdict.
public enum Provenance: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// [V] verified from a cited source (the paper's abstract, TL;DR, captions, or its follow-up).
    case verified = "V"
    /// [R] reconstructed or derived (by the notes' author and re-derived in proofs-notes), numerically checked.
    case reconstructed = "R"
    /// [U] not verified: a plausible statement that must not be treated as ground truth.
    case unverified = "U"

    public var description: String { "[\(rawValue)]" }
}

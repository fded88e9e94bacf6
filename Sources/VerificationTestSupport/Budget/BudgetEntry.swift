// One line of the suite's false-failure / false-pass budget (docs/testing-policy.md R1, R19).
// `BoundMethod` (the bounding argument) lives in the Verification module (Statistics/BoundMethod.swift).
import Verification

/// Which error a budgeted check can make.
public enum BudgetKind: String, Sendable, Equatable {
    /// An assertion on correct code that fails by chance with probability ≤ α (the check's level).
    case falseFailure
    /// A mutant check (R18) that passes by chance — the wrong scheme is not rejected — with probability ≤ β.
    case falsePass
}

/// A declared budget line: a stable id, what kind of error it bounds, its level, the bounding method and
/// what the check is.
public struct BudgetEntry: Sendable, Equatable, CustomStringConvertible {
    /// Stable id, `<claim or area>.<what>.<statistic>`, e.g. "C4.mc.covariance".
    public let id: String
    public let kind: BudgetKind
    /// α (for `.falseFailure`) or β (for `.falsePass`); 0 for deterministic checks.
    public let level: Double
    public let method: BoundMethod
    /// One line: what is checked, where (test class), and if split, across how many sub-checks.
    public let summary: String

    public init(id: String, kind: BudgetKind, level: Double, method: BoundMethod, summary: String) {
        self.id = id
        self.kind = kind
        self.level = level
        self.method = method
        self.summary = summary
    }

    public var description: String {
        "\(id) [\(kind.rawValue), level \(level), \(method)]: \(summary)"
    }
}

// One line of the suite's false-failure / false-pass budget (testing-rules R1, R19).

/// Which error a budgeted check can make.
public enum BudgetKind: String, Sendable, Equatable {
    /// An assertion on correct code that fails by chance with probability ≤ α (the check's level).
    case falseFailure
    /// A mutant check (R18) that passes by chance — the wrong scheme is not rejected — with probability ≤ β.
    case falsePass
}

/// The argument that bounds a check's error probability.
public enum BoundMethod: Sendable, Equatable, CustomStringConvertible {
    /// Hoeffding: P(|X̄ − μ| ≥ t) ≤ 2 exp(−2nt²/(b − a)²) for iid X in [a, b].
    case hoeffding
    /// Empirical Bernstein (Maurer & Pontil 2009, Theorem 4), iid X in [a, b].
    case empiricalBernstein
    /// Dvoretzky–Kiefer–Wolfowitz–Massart: P(sup|Fₙ − F| > ε) ≤ 2 exp(−2nε²), iid real samples.
    case dkw
    /// An exact χ² law of a Gaussian sample variance (or another exact Gaussian statistic).
    case exactChiSquare
    /// The Clopper–Pearson interval for a binomial proportion (exact coverage ≥ 1 − α).
    case clopperPearson
    /// Another exact finite-sample argument, named.
    case exact(String)
    /// A CLT z-interval — only with a written justification of the normal approximation at this level (R12).
    case cltZ(justification: String)
    /// No randomness: the check cannot fail by chance (level 0).
    case deterministic

    /// The method's name without its argument, e.g. "CLT z" for every `.cltZ`.
    public var name: String {
        switch self {
        case .hoeffding: return "Hoeffding"
        case .empiricalBernstein: return "empirical Bernstein"
        case .dkw: return "DKW"
        case .exactChiSquare: return "exact chi-square"
        case .clopperPearson: return "Clopper-Pearson"
        case let .exact(what): return "exact \(what)"
        case .cltZ: return "CLT z"
        case .deterministic: return "deterministic"
        }
    }

    public var description: String {
        if case let .cltZ(justification) = self { return "CLT z (justified: \(justification))" }
        return name
    }
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

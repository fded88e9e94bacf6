// How a statistical check bounds its error probability (docs/testing-policy.md §2.1, R12). Used by `StatisticalInterval`
// and by the test-support budget ledger.

/// The argument that bounds a check's error probability.
public enum BoundMethod: Sendable, Equatable, CustomStringConvertible {
    /// Hoeffding: P(|X̄ − μ| ≥ t) ≤ 2 exp(−2nt²/(b − a)²) for iid X in [a, b].
    case hoeffding
    /// Empirical Bernstein (Maurer & Pontil 2009, Theorem 4), iid X in [a, b].
    case empiricalBernstein
    /// Betting (Waudby-Smith & Ramdas 2024): Ville's inequality on non-negative capital processes, iid X in [a, b]
    /// (`BettingInterval`, PN-V15).
    case betting
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
        case .betting: return "betting"
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

/// K, the number of fine sub-steps one Poisson-midpoint step stands in for: a finite K ≥ 1, or the Poisson limit
/// K = ∞.
///
/// Finite K: the sub-step indices i = 0, …, K − 1 are each flagged with probability 1/K (the index-0 midpoint is the
/// start point and costs nothing); K = 1 is plain LMC. K = ∞: a Poisson(1) number of midpoints at i.i.d. U[0, 1)
/// fractions of the step (Kandasamy & Nagaraj, arXiv 2405.17068, §2; docs/theory.md §2.1; PN-S01, PN-S02).
public enum MidpointCount: Sendable, Equatable, Hashable, CustomStringConvertible {
    case finite(Int)
    case infinite

    /// "K=4" or "K=∞".
    public var description: String { "K=\(valueText)" }

    /// "4" or "∞".
    public var valueText: String {
        switch self {
        case .finite(let k): return "\(k)"
        case .infinite: return "∞"
        }
    }

    /// K as a number (∞ for the Poisson limit).
    public var value: Double {
        switch self {
        case .finite(let k): return Double(k)
        case .infinite: return .infinity
        }
    }

    /// The expected number of midpoint evaluations per step, 1 − 1/K (1 for K = ∞): K − 1 candidate sub-steps each
    /// flagged with probability 1/K (Poisson(1) for K = ∞). PN-P02.
    public var expectedMidpointEvaluations: Double {
        switch self {
        case .finite(let k): return 1 - 1 / Double(k)
        case .infinite: return 1
        }
    }

    /// The largest finite K any part of the suite accepts. Larger K gain nothing over K = ∞ at any step the suite
    /// uses (the finite-K law differs from the Poisson limit by O(η/K)), while the engine's per-step work and the
    /// exact laws' sums grow with K.
    public static let maximumFinite = 10_000_000

    /// Throws unless 1 ≤ K ≤ `maximumFinite` (∞ is always valid).
    public func validate() throws(SchemeError) {
        if case .finite(let k) = self {
            guard k >= 1 else { throw .invalidMidpointCount(k) }
            guard k <= MidpointCount.maximumFinite else { throw .midpointCountTooLarge(k) }
        }
    }
}

// The PLMC parameter K (number of fine LMC steps one PLMC step stands in for), including K = ∞.

/// K for generated cases: a finite K ≥ 1 or the K → ∞ limit of the Poisson midpoint method
/// (arXiv 2405.17068, Algorithm 1 and its K = ∞ limit, the randomized-midpoint-like scheme).
/// Kept independent of the Langevin module's own type so that test support does not depend on it.
public enum GeneratedMidpointCount: Sendable, Hashable, CustomStringConvertible {
    case finite(Int)
    case infinite

    /// The default set K ∈ {1, 2, 4, 8, 16, 64, ∞}.
    public static let standardSet: [GeneratedMidpointCount] = [1, 2, 4, 8, 16, 64].map { .finite($0) } + [.infinite]

    /// K as a Double (∞ for `.infinite`).
    public var value: Double {
        switch self {
        case let .finite(k): return Double(k)
        case .infinite: return .infinity
        }
    }

    public var description: String {
        switch self {
        case let .finite(k): return "K = \(k)"
        case .infinite: return "K = ∞"
        }
    }

    /// Simpler values from `set`: every finite value smaller than this one (every finite value for ∞), ascending.
    public func shrinkCandidates(in set: [GeneratedMidpointCount]) -> [GeneratedMidpointCount] {
        set.compactMap { candidate -> (Int, GeneratedMidpointCount)? in
            guard case let .finite(k) = candidate, Double(k) < value else { return nil }
            return (k, candidate)
        }
        .sorted { $0.0 < $1.0 }
        .map(\.1)
    }

    /// Throws unless every finite K in `set` is ≥ 1 and the set is non-empty.
    static func validate(_ set: [GeneratedMidpointCount]) throws(TestSupportError) {
        try require(!set.isEmpty, "K set", set, "must not be empty")
        for k in set {
            if case let .finite(n) = k { try require(n >= 1, "K", n, "must be ≥ 1") }
        }
    }
}

/// Count, mean, centred sum of squares M₂ = Σ (y − ȳ)², minimum and maximum of iid per-chain values, mergeable by
/// Chan, Golub & LeVeque's pairwise update
///
///     n = nₐ + n_b,  δ = ȳ_b − ȳₐ,  ȳ = ȳₐ + δ·n_b/n,  M₂ = M₂ₐ + M₂_b + δ²·nₐn_b/n
///
/// (merged in block order, so the result does not depend on the thread count). The unbiased sample variance
/// M₂/(n − 1) is Maurer & Pontil's Vₙ used by the empirical Bernstein bound (PN-V08).
public struct RunningMoments: Sendable, Equatable, CustomStringConvertible {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = 0
    public private(set) var sumOfSquares: Double = 0
    public private(set) var minimum: Double = .infinity
    public private(set) var maximum: Double = -.infinity

    public init() {}

    /// Welford: n += 1; δ = y − ȳ; ȳ += δ/n; M₂ += δ (y − ȳ).
    @inline(__always)
    public mutating func add(_ y: Double) {
        count += 1
        let delta = y - mean
        mean += delta / Double(count)
        sumOfSquares += delta * (y - mean)
        if y < minimum { minimum = y }
        if y > maximum { maximum = y }
    }

    /// Chan et al.'s merge.
    public mutating func merge(_ other: RunningMoments) {
        if other.count == 0 { return }
        if count == 0 { self = other; return }
        let na = Double(count), nb = Double(other.count), n = na + nb
        let delta = other.mean - mean
        mean += delta * (nb / n)
        sumOfSquares += other.sumOfSquares + delta * delta * (na * nb / n)
        count += other.count
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    /// M₂/(n − 1) (0 for n < 2).
    public var sampleVariance: Double { count < 2 ? 0 : sumOfSquares / Double(count - 1) }

    public var description: String {
        "n = \(count), mean = \(mean), sd = \(sampleVariance.squareRoot()), range [\(minimum), \(maximum)]"
    }
}

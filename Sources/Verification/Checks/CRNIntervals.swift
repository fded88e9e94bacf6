import Foundation
import Langevin

extension RunningMoments {
    /// The two-sided empirical Bernstein interval (Maurer & Pontil 2009, Thm 4; `empiricalBernsteinHalfWidth`) for the
    /// mean of the iid per-chain values summarised here, which must lie in `range` (checked on the observed minimum
    /// and maximum). Not clipped to the range (a difference of bounded values may be of either sign). PN-V08.
    public func empiricalBernsteinInterval(statistic: String, range: ClosedRange<Double>, alpha: Double)
        throws(VerificationError) -> StatisticalInterval
    {
        try require(count >= 2, "sample size of \(statistic)", count, "must be ≥ 2")
        try require(minimum >= range.lowerBound && maximum <= range.upperBound, "samples of \(statistic)",
                    "[\(minimum), \(maximum)]", "must lie in the declared range \(range)")
        let t = try empiricalBernsteinHalfWidth(n: count, sampleVariance: sampleVariance, range: range, alpha: alpha)
        return try StatisticalInterval(statistic: statistic, estimate: mean, lower: mean - t, upper: mean + t, n: count,
                                       alpha: alpha, method: .empiricalBernstein)
    }
}

extension StatisticalInterval {
    /// The interval of |μ| implied by this interval of μ: [min |·|, max |·|] when it excludes 0, [0, max |·|] otherwise
    /// (the secant rule then has no power: R14).
    public func absoluteValueInterval() throws(VerificationError) -> ErrorInterval {
        let a = abs(lower), b = abs(upper)
        let lo = (lower > 0 || upper < 0) ? min(a, b) : 0
        return try ErrorInterval(lower: lo, upper: max(a, b))
    }

    /// The interval of √μ for a non-negative mean μ (√ is increasing): [√max(L, 0), √U].
    public func squareRootInterval() throws(VerificationError) -> ErrorInterval {
        try ErrorInterval(lower: max(lower, 0).squareRoot(), upper: max(upper, 0).squareRoot())
    }

    /// The half-width (U − L)/2.
    public var halfWidth: Double { (upper - lower) / 2 }
}

/// The designed false-pass argument of a containment mutant (PN-V08): a mutant passes only if the correct value μ₀
/// lies in its interval X̄ ± t_α; if |μ′ − μ₀| > t_α + t_β, where μ′ is the mutant's own exact mean and t_β the
/// empirical Bernstein half-width at level β from the same sample, passing implies |X̄ − μ′| > t_β, which has
/// probability ≤ β. Returns whether the design covers β, and the margin |μ′ − μ₀| − t_α − t_β.
func containmentMutantDesign(moments: RunningMoments, range: ClosedRange<Double>, alpha: Double, beta: Double,
                             correct mu0: Double, mutant mu1: Double) throws(VerificationError) -> (adequate: Bool, margin: Double) {
    let tAlpha = try empiricalBernsteinHalfWidth(n: moments.count, sampleVariance: moments.sampleVariance, range: range,
                                                 alpha: alpha)
    let tBeta = try empiricalBernsteinHalfWidth(n: moments.count, sampleVariance: moments.sampleVariance, range: range,
                                                alpha: beta)
    let margin = abs(mu1 - mu0) - tAlpha - tBeta
    return (margin > 0, margin)
}

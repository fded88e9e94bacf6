import Foundation
import ReferenceLaws

/// What the slope interval of a `RateFit` is.
public enum SlopeIntervalKind: Sendable, Equatable, CustomStringConvertible {
    /// Exact errors (no noise): [min, max] of the local slopes. On a halving ladder the unweighted least-squares
    /// slope is a convex combination of the local slopes, so it lies inside (PN-V01).
    case localSlopeEnvelope
    /// Monte Carlo errors: the secant interval [log(L₀/U_K), log(U₀/L_K)]/log(h₀/h_K) of docs/testing-policy.md R15, with
    /// the two end intervals each at level α/2 (PN-V01).
    case secant(alpha: Double)

    public var description: String {
        switch self {
        case .localSlopeEnvelope: return "local-slope envelope (exact)"
        case let .secant(alpha): return "secant interval at α = \(alpha)"
        }
    }
}

/// A log–log rate fit e(h) ≈ C h^p over a halving ladder: the data, the local slopes
/// sₖ = log(e(hₖ)/e(hₖ₊₁))/log(hₖ/hₖ₊₁), the least-squares slope of log e on log h (ReferenceLaws
/// `WeightedLinearFit`, PN-L09), its interval, and the claimed order p with its tolerance δ (PN-V01).
///
/// * Regime check: the local slopes vary by at most δ (max − min ≤ δ): the ladder is in the asymptotic range.
/// * Design check: the slope interval is no wider than δ, so an order outside p ± 2δ is rejected.
public struct RateFit: Sendable, Equatable, CustomStringConvertible {
    public let steps: [Double]
    /// e(hₖ) (exact errors, or the point estimates of Monte Carlo errors).
    public let errors: [Double]
    /// The guaranteed-level error intervals (Monte Carlo fits only).
    public let errorIntervals: [ErrorInterval]?
    public let localSlopes: [Double]
    public let fittedSlope: Double
    public let fittedIntercept: Double
    public let slopeLower: Double
    public let slopeUpper: Double
    public let intervalKind: SlopeIntervalKind
    public let expectedOrder: Double
    public let tolerance: Double

    /// The slope a report shows next to the interval, always inside it: for exact errors the least-squares slope
    /// (inside the local-slope envelope, PN-V01); for Monte Carlo errors the secant slope of the point estimates
    /// log(ê₀/ê_K)/log(h₀/h_K), inside the secant interval because each estimate lies inside its own interval (the
    /// weighted least-squares slope uses the intermediate levels too and may fall outside it).
    public var reportedSlope: Double {
        guard case .secant = intervalKind, let first = errors.first, let last = errors.last,
              let h0 = steps.first, let hK = steps.last else { return fittedSlope }
        return log(first / last) / log(h0 / hK)
    }

    /// max − min of the local slopes.
    public var localSlopeSpread: Double { (localSlopes.max() ?? .nan) - (localSlopes.min() ?? .nan) }
    /// Local slopes stable within δ.
    public var regimeStable: Bool { localSlopeSpread <= tolerance }
    /// The slope interval is no wider than δ.
    public var designAdequate: Bool { slopeUpper - slopeLower <= tolerance }

    /// A fit of exact (noise-free) errors: unweighted least squares of log e on log h, interval = the local-slope
    /// envelope. Throws unless steps strictly decrease and are positive, at least three points are given, and
    /// every error is finite and > 0; p finite, δ ≥ 0.
    public static func exact(steps: [Double], errors: [Double], expectedOrder p: Double, tolerance delta: Double)
        throws(VerificationError) -> RateFit
    {
        try validate(steps: steps, count: errors.count, p: p, delta: delta)
        for (k, e) in errors.enumerated() {
            try require(e > 0 && e.isFinite, "error e(h_\(k)) at h = \(steps[k])", e, "must be finite and > 0 for a log–log fit")
        }
        let slopes = localSlopes(steps: steps, errors: errors)
        let fit = try leastSquares(steps: steps, values: errors, weights: nil)
        return RateFit(steps: steps, errors: errors, errorIntervals: nil, localSlopes: slopes, fittedSlope: fit.slope,
                       fittedIntercept: fit.intercept, slopeLower: slopes.min() ?? .nan, slopeUpper: slopes.max() ?? .nan,
                       intervalKind: .localSlopeEnvelope, expectedOrder: p, tolerance: delta)
    }

    /// A fit of Monte Carlo errors with guaranteed-level intervals [Lₖ, Uₖ] (the first and the last each at level
    /// α/2): weighted least squares of log ê on log h with weights 1/((log Uₖ − log Lₖ)/2)², and the secant
    /// interval of R15 between the coarsest and the finest level. Throws unless every Lₖ > 0 (R14: noise far below
    /// the bias), the estimates are finite and > 0, and the steps decrease.
    public static func monteCarlo(steps: [Double], estimates: [Double], intervals: [ErrorInterval], alpha: Double,
                                  expectedOrder p: Double, tolerance delta: Double) throws(VerificationError) -> RateFit {
        try validate(steps: steps, count: estimates.count, p: p, delta: delta)
        try require(intervals.count == steps.count, "error intervals", intervals.count, "need one per step (\(steps.count))")
        try require(alpha > 0 && alpha < 1, "α", alpha, "must lie in (0, 1)")
        for (k, e) in estimates.enumerated() {
            try require(e > 0 && e.isFinite, "estimate ê(h_\(k))", e, "must be finite and > 0")
            try require(intervals[k].lower > 0, "error interval at h_\(k)", intervals[k],
                        "needs L > 0 (Monte Carlo noise far below the bias, docs/testing-policy.md R14)")
        }
        let weights = intervals.map { interval -> Double in
            let half = 0.5 * log(interval.upper / interval.lower)
            return half > 0 ? 1 / (half * half) : 1e300
        }
        let slopes = localSlopes(steps: steps, errors: estimates)
        let fit = try leastSquares(steps: steps, values: estimates, weights: weights)
        let decision = try SecantSlopeRule.decide(coarse: intervals[0], fine: intervals[intervals.count - 1],
                                                  coarseStep: steps[0], fineStep: steps[steps.count - 1],
                                                  expectedOrder: p, tolerance: delta)
        return RateFit(steps: steps, errors: estimates, errorIntervals: intervals, localSlopes: slopes,
                       fittedSlope: fit.slope, fittedIntercept: fit.intercept, slopeLower: decision.slopeLower,
                       slopeUpper: decision.slopeUpper, intervalKind: .secant(alpha: alpha), expectedOrder: p,
                       tolerance: delta)
    }

    /// sₖ = log(eₖ/eₖ₊₁)/log(hₖ/hₖ₊₁).
    public static func localSlopes(steps: [Double], errors: [Double]) -> [Double] {
        var slopes: [Double] = []
        for k in 0..<(steps.count - 1) {
            let errorRatio: Double = errors[k] / errors[k + 1]
            let stepRatio: Double = steps[k] / steps[k + 1]
            slopes.append(log(errorRatio) / log(stepRatio))
        }
        return slopes
    }

    private static func validate(steps: [Double], count: Int, p: Double, delta: Double) throws(VerificationError) {
        try require(steps.count >= 3, "ladder", steps.count, "needs at least three steps")
        try require(count == steps.count, "errors", count, "need one per step (\(steps.count))")
        for k in steps.indices {
            try require(steps[k] > 0 && steps[k].isFinite, "step h_\(k)", steps[k], "must be finite and > 0")
            if k > 0 { try require(steps[k] < steps[k - 1], "steps", steps, "must strictly decrease") }
        }
        try require(p.isFinite, "expected order", p, "must be finite")
        try require(delta >= 0 && delta.isFinite, "tolerance δ", delta, "must be finite and ≥ 0")
    }

    private static func leastSquares(steps: [Double], values: [Double], weights: [Double]?) throws(VerificationError)
        -> WeightedLinearFit
    {
        let x = steps.map { log($0) }
        let y = values.map { log($0) }
        do {
            if let weights { return try WeightedLinearFit(x: x, y: y, weights: weights) }
            return try WeightedLinearFit(x: x, y: y)
        } catch {
            throw .numerical("log–log least squares: \(error)")
        }
    }

    public var description: String {
        let slopes = localSlopes.map { String(format: "%.4f", $0) }.joined(separator: ", ")
        return String(format: "fitted slope %.4f, %@ [%.4f, %.4f], local slopes [%@], expected %g ± %g",
                      fittedSlope, intervalKind.description, slopeLower, slopeUpper, slopes, expectedOrder, tolerance)
    }
}

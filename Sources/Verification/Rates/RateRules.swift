import Foundation

/// The decision for exact (noise-free) error ladders (PN-V01): the claim "e(h) ∝ h^p" holds on the ladder iff
/// the fitted slope and every local slope lie in [p − δ_model, p + δ_model], where δ_model bounds the
/// pre-asymptotic deviation of the exact series on the ladder (`AsymptoticRange`). No noise, no level.
public enum ExactRateRule {
    /// `.holds`, or `.fails` naming the slopes outside p ± δ.
    public static func decide(_ fit: RateFit) -> ClaimOutcome {
        let p = fit.expectedOrder, delta = fit.tolerance
        func inside(_ s: Double) -> Bool { s >= p - delta && s <= p + delta }
        var problems: [String] = []
        if !inside(fit.fittedSlope) { problems.append(String(format: "fitted slope %.4f", fit.fittedSlope)) }
        for (k, s) in fit.localSlopes.enumerated() where !inside(s) {
            problems.append(String(format: "local slope %.4f between h = %.4g and %.4g", s, fit.steps[k], fit.steps[k + 1]))
        }
        if problems.isEmpty { return .holds }
        return .fails(problems.joined(separator: "; ") + String(format: " outside %g ± %g", p, delta))
    }

    /// Builds the exact fit and decides, turning degenerate data into outcomes instead of errors: an error that is
    /// exactly 0 fails (no power law h^p with a non-zero constant), a non-finite or negative error is inconclusive.
    /// Levels from the first error below `floor` (the metric's rounding floor) on are not resolved by double
    /// precision and are dropped; the decision uses the remaining coarser levels, and is inconclusive when fewer
    /// than three remain. Returns the fit when it could be built.
    public static func evaluate(steps: [Double], errors: [Double], expectedOrder p: Double, tolerance delta: Double,
                                floor: Double = 0) throws(VerificationError) -> (fit: RateFit?, outcome: ClaimOutcome) {
        if let k = errors.firstIndex(where: { !$0.isFinite }) {
            return (nil, .inconclusive("error at h = \(steps[k]) is \(errors[k])"))
        }
        if let k = errors.firstIndex(where: { $0 == 0 }) {
            return (nil, .fails("the error vanishes at h = \(steps[k]): no power law C·h^\(p) with C ≠ 0"))
        }
        if let k = errors.firstIndex(where: { $0 < 0 }) {
            return (nil, .inconclusive("negative error \(errors[k]) at h = \(steps[k])"))
        }
        let usable = errors.firstIndex(where: { $0 < floor }) ?? errors.count
        guard usable >= 3 else {
            return (nil, .inconclusive("only \(usable) error(s) above the rounding floor \(floor) (need 3)"))
        }
        let fit = try RateFit.exact(steps: Array(steps.prefix(usable)), errors: Array(errors.prefix(usable)),
                                    expectedOrder: p, tolerance: delta)
        return (fit, decide(fit))
    }
}

/// The decision for Monte Carlo error ladders (docs/testing-policy.md R15; PN-V01): fails only when the secant interval
/// lies entirely outside [p − δ, p + δ] (false-failure probability ≤ α); the design check (interval width ≤ δ) and
/// the monotonicity of the error intervals are reported as numbers, and a failed design check makes the verdict
/// inconclusive (the test would have no power).
public enum MonteCarloRateRule {
    public static func decide(_ fit: RateFit) -> ClaimOutcome {
        let p = fit.expectedOrder, delta = fit.tolerance
        let meets = fit.slopeLower <= p + delta && fit.slopeUpper >= p - delta
        if !meets {
            return .fails(String(format: "secant slope interval [%.4f, %.4f] lies outside %g ± %g",
                                 fit.slopeLower, fit.slopeUpper, p, delta))
        }
        if !fit.designAdequate {
            return .inconclusive(String(format: "secant slope interval width %.4f exceeds δ = %g (no power)",
                                        fit.slopeUpper - fit.slopeLower, delta))
        }
        if let intervals = fit.errorIntervals, !SecantSlopeRule.monotonicity(intervals).holds {
            return .inconclusive(SecantSlopeRule.monotonicity(intervals).description)
        }
        return .holds
    }
}

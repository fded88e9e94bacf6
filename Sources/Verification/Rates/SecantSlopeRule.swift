// The rigorous order decision of docs/testing-policy.md R15: a confidence interval for the secant slope between the
// coarsest and the finest step, compared with the claimed order p ± δ_model.
import Foundation

/// Whether the measured order is compatible with the claim.
public enum SlopeVerdict: String, Sendable, Equatable {
    /// The slope interval meets [p − δ, p + δ]: no evidence against the claim.
    case holds
    /// The slope interval lies entirely outside [p − δ, p + δ]: the claim is rejected (false-failure ≤ α).
    case fails
}

/// The secant slope interval, the verdict and the design check of one rate test.
public struct SecantSlopeDecision: Sendable, Equatable, CustomStringConvertible {
    /// [log(L₀/U_K), log(U₀/L_K)] / log(h₀/h_K); the lower end is −∞ when L₀ = 0.
    public let slopeLower: Double
    public let slopeUpper: Double
    public let expectedOrder: Double
    public let tolerance: Double
    public let verdict: SlopeVerdict

    /// slopeUpper − slopeLower.
    public var width: Double { slopeUpper - slopeLower }
    /// The design check of R15, reported separately from the verdict: width ≤ δ, so that a true secant slope
    /// outside p ± 2δ is rejected with probability ≥ 1 − α (the test has power).
    public var designAdequate: Bool { width <= tolerance }

    public var description: String {
        "secant slope ∈ [\(slopeLower), \(slopeUpper)] vs claimed order \(expectedOrder) ± \(tolerance): "
            + "\(verdict.rawValue); design width \(width) " + (designAdequate ? "≤" : ">") + " δ = \(tolerance)"
    }
    /// The claim outcome of R15: *fails* when the slope interval misses p ± δ; *holds* when it meets it and the design
    /// is adequate; otherwise *inconclusive* ("design: …"). `note` follows the description in parentheses, `hint` follows
    /// an inadequate design's reason after "; " (e.g. what a larger tier runs).
    public func outcome(note: String? = nil, hint: String? = nil) -> ClaimOutcome {
        let text = description + (note.map { " (\($0))" } ?? "")
        switch verdict {
        case .fails: return .fails(text)
        case .holds: return designAdequate ? .holds : .inconclusive("design: " + text + (hint.map { "; " + $0 } ?? ""))
        }
    }
}

/// Successive error intervals, coarse to fine, must decrease and be disjoint: U_{k+1} < L_k for every k.
public struct MonotonicityCheck: Sendable, Equatable, CustomStringConvertible {
    /// The first k with U_{k+1} ≥ L_k (levels k and k + 1 overlap or increase), or nil.
    public let firstViolation: Int?
    public var holds: Bool { firstViolation == nil }

    public var description: String {
        guard let k = firstViolation else { return "error intervals decrease and are disjoint at every level" }
        return "error intervals of levels \(k) and \(k + 1) are not decreasing and disjoint (U_{k+1} ≥ L_k)"
    }
}

/// The secant slope decision rule (docs/testing-policy.md R15).
public enum SecantSlopeRule {
    /// With e(h₀) ∈ [L₀, U₀] and e(h_K) ∈ [L_K, U_K], each at level α/2 (so both hold jointly with probability
    /// ≥ 1 − α), and e(h) ≈ C h^p, the secant slope log(e(h₀)/e(h_K)) / log(h₀/h_K) lies in
    /// ```
    /// [log(L₀/U_K), log(U₀/L_K)] / log(h₀/h_K).
    /// ```
    /// Verdict `.fails` only if this interval is disjoint from [p − δ, p + δ] (closed: touching counts as
    /// meeting), so a correct claim with true secant slope in p ± δ fails with probability ≤ α. Two-sided and
    /// sign-aware (a growing error gives a negative slope). Throws unless h₀ > h_K > 0 are finite,
    /// L_K > 0 (otherwise the interval is uninformative: R14 requires the noise far below the bias),
    /// p finite and δ ≥ 0 finite.
    public static func decide(
        coarse: ErrorInterval, fine: ErrorInterval, coarseStep h0: Double, fineStep hK: Double,
        expectedOrder p: Double, tolerance delta: Double
    ) throws(VerificationError) -> SecantSlopeDecision {
        try require(hK > 0 && h0.isFinite && h0 > hK, "steps", "h₀ = \(h0), h_K = \(hK)", "need h₀ > h_K > 0, finite")
        try require(fine.lower > 0, "finest error interval", fine,
                    "needs L_K > 0 (the Monte Carlo error at the finest step must be far below the bias, R14)")
        try require(p.isFinite, "expected order", p, "must be finite")
        try require(delta >= 0 && delta.isFinite, "tolerance δ", delta, "must be finite and ≥ 0")
        let logRatio = log(h0 / hK)
        let lower = coarse.lower > 0 ? log(coarse.lower / fine.upper) / logRatio : -Double.infinity
        let upper = log(coarse.upper / fine.lower) / logRatio
        let meets = lower <= p + delta && upper >= p - delta
        return SecantSlopeDecision(slopeLower: lower, slopeUpper: upper, expectedOrder: p, tolerance: delta,
                                   verdict: meets ? .holds : .fails)
    }

    /// Checks that error intervals given from the coarsest to the finest step decrease strictly and are
    /// pairwise disjoint between successive levels: U_{k+1} < L_k.
    public static func monotonicity(_ intervals: [ErrorInterval]) -> MonotonicityCheck {
        for k in intervals.indices.dropLast() where !(intervals[k + 1].upper < intervals[k].lower) {
            return MonotonicityCheck(firstViolation: k)
        }
        return MonotonicityCheck(firstViolation: nil)
    }
}

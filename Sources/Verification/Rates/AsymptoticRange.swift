import Foundation

/// Where a halving ladder is in the asymptotic range of an exact error series, and how far its local slopes can
/// deviate from the order there (PN-V01, docs/testing-policy.md R13).
///
/// Every exact metric of this module is a sum (or a maximum) over the eigen-blocks of A of a per-block error
/// g(x), x = ηλ, with the same function g for every block (up to a λ-power factor that cancels in ratios).
/// Hence the local slope of the d-dimensional error between η and η/2 lies in the range of the 1-D local slopes
/// s(x) = log₂(g(x)/g(x/2)) over the blocks' x = ηλₖ ≤ ηλ_max. So if |s(x) − p| ≤ δ for every x ≤ x₀, every
/// local slope (and the least-squares slope, a convex combination of them) of every ladder with h₀λ_max ≤ x₀
/// lies in p ± δ. `largestScale` finds such an x₀ from the exact 1-D series g of the correct scheme.
public enum AsymptoticRange {
    /// The local slope log₂(g(x)/g(x/2)).
    public static func localSlope(at x: Double, error g: (Double) throws -> Double) rethrows -> Double {
        log2(try g(x) / g(x / 2))
    }

    /// The largest x₀ = upperLimit·2^{−j/8} (j ≥ 0) such that |s(x) − p| ≤ maximumDeviation at every grid point
    /// x = upperLimit·2^{−i/8} from x₀ down through `minimumRange` further halvings (past the last violation the
    /// deviation of an analytic series decreases like a power of x). The scan goes down at most `maximumSpan`
    /// halvings below upperLimit; nil if no such x₀ is found there.
    public static func largestScale(expectedOrder p: Double, maximumDeviation: Double, upperLimit: Double,
                                    minimumRange: Int = 9, maximumSpan: Int = 30,
                                    error g: (Double) throws -> Double) throws(VerificationError) -> Double? {
        try require(upperLimit > 0 && upperLimit.isFinite, "upper limit", upperLimit, "must be finite and > 0")
        try require(maximumDeviation > 0 && maximumDeviation.isFinite, "maximum deviation", maximumDeviation, "must be > 0")
        try require(maximumSpan > minimumRange && minimumRange >= 1, "maximum span", maximumSpan,
                    "must exceed the minimum range ≥ 1")
        var lastViolation = -1
        var i = 0
        while i <= 8 * maximumSpan {
            if i - lastViolation > 8 * minimumRange { return upperLimit * exp2(-Double(lastViolation + 1) / 8) }
            let x = upperLimit * exp2(-Double(i) / 8)
            let s: Double
            do { s = try localSlope(at: x, error: g) } catch {
                throw VerificationError.wrap(error, "exact error series at x = \(x)")
            }
            if !(abs(s - p) <= maximumDeviation) { lastViolation = i }
            i += 1
        }
        return nil
    }

    /// max |s(x) − p| over the grid x = x₀·2^{−i/8}, i = 0…8·span: the δ actually used by the correct scheme
    /// below x₀ (reported with each verdict).
    public static func maximumDeviation(expectedOrder p: Double, below x0: Double, span: Int = 24,
                                        error g: (Double) throws -> Double) throws(VerificationError) -> Double {
        var worst = 0.0
        for i in 0...(8 * span) {
            let x = x0 * exp2(-Double(i) / 8)
            do { worst = max(worst, abs(try localSlope(at: x, error: g) - p)) } catch {
                throw VerificationError.wrap(error, "exact error series at x = \(x)")
            }
        }
        return worst
    }
}

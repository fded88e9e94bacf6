import CGSL

/// Argument guards shared by the distribution wrappers. Every guard is written so that NaN fails it,
/// and every failure is a `GSLError` with code `GSL_EDOM` (domain error) and a message naming the argument,
/// so the distribution functions keep the single typed error `GSLError`.
enum LawArgument {
    /// ½ log(2π).
    static let halfLogTwoPi = 0.918_938_533_204_672_741_780_329_736_406
    /// 1/√(2π).
    static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_939_946_059_934_381_868

    static func domainError(_ what: String, _ detail: String) -> GSLError {
        GSLError(code: Int32(GSL_EDOM), context: what, reason: detail)
    }

    /// GSL's inverse distribution functions can return a wrong number without reporting it at extreme
    /// arguments (measured: `gsl_cdf_chisq_Qinv(5e-10, 2e6)` ≈ 1.155e6 instead of 2.011e6). So every inverse is
    /// plugged back into its forward function, and a relative mismatch above 1e-6 becomes a `GSLError` (GSL_ETOL)
    /// instead of a silently wrong quantile.
    static func checkedInverse(_ x: Double, target: Double, context: @autoclosure () -> String,
                               forward: (Double) throws(GSLError) -> Double) throws(GSLError) -> Double {
        guard x.isFinite else { return x }
        let back = try forward(x)
        guard abs(back - target) <= 1e-6 * max(target, Double.leastNormalMagnitude) else {
            throw GSLError(code: Int32(GSL_ETOL), context: context(),
                           reason: "inverse did not converge: the forward function at \(x) gives \(back), not \(target)")
        }
        return x
    }

    static func requireNotNaN(_ x: Double, _ what: @autoclosure () -> String) throws(GSLError) {
        guard !x.isNaN else { throw domainError(what(), "argument is NaN") }
    }

    static func requireFinite(_ x: Double, _ what: @autoclosure () -> String) throws(GSLError) {
        guard x.isFinite else { throw domainError(what(), "argument \(x) is not finite") }
    }

    static func requireProbability(_ p: Double, _ what: @autoclosure () -> String) throws(GSLError) {
        guard p >= 0, p <= 1 else { throw domainError(what(), "probability \(p) is not in [0, 1]") }
    }

    /// Requires a finite parameter > 0 (NaN fails).
    static func requirePositive(_ x: Double, _ what: @autoclosure () -> String) throws(GSLError) {
        guard x > 0, x.isFinite else { throw domainError(what(), "parameter \(x) must be finite and > 0") }
    }
}

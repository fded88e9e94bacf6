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

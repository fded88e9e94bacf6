import CGSL

/// Student's t law with ν > 0 degrees of freedom. GSL: `gsl_cdf_tdist_P/Q/Pinv/Qinv`.
///
/// ν ≤ 0, ν = ∞ or NaN throws `GSLError` (`GSL_EDOM`). Checked against mpmath in
/// `data/reference/laws/distributions.json` (`DistributionReferenceTests`).
public struct StudentT: Sendable, Equatable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom nu: Double) throws(GSLError) {
        try LawArgument.requirePositive(nu, "StudentT: degrees of freedom")
        degreesOfFreedom = nu
    }

    public func cdf(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "StudentT.cdf: x")
        let nu = degreesOfFreedom
        return try GSL.value("gsl_cdf_tdist_P(\(x), \(nu))") { gsl_cdf_tdist_P(x, nu) }
    }

    public func survival(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "StudentT.survival: x")
        let nu = degreesOfFreedom
        return try GSL.value("gsl_cdf_tdist_Q(\(x), \(nu))") { gsl_cdf_tdist_Q(x, nu) }
    }

    /// The p-quantile, p ∈ [0, 1]; ±∞ at p = 1, 0.
    public func quantile(_ p: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(p, "StudentT.quantile: p")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let nu = degreesOfFreedom
        let x = try GSL.value("gsl_cdf_tdist_Pinv(\(p), \(nu))") { gsl_cdf_tdist_Pinv(p, nu) }
        return try LawArgument.checkedInverse(x, target: p, context: "gsl_cdf_tdist_Pinv(\(p), \(nu))") { (y: Double) throws(GSLError) -> Double in
            try GSL.value("gsl_cdf_tdist_P") { gsl_cdf_tdist_P(y, nu) }
        }
    }

    /// The x with P(X > x) = q.
    public func upperQuantile(_ q: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(q, "StudentT.upperQuantile: q")
        if q == 0 { return .infinity }
        if q == 1 { return -.infinity }
        let nu = degreesOfFreedom
        let x = try GSL.value("gsl_cdf_tdist_Qinv(\(q), \(nu))") { gsl_cdf_tdist_Qinv(q, nu) }
        return try LawArgument.checkedInverse(x, target: q, context: "gsl_cdf_tdist_Qinv(\(q), \(nu))") { (y: Double) throws(GSLError) -> Double in
            try GSL.value("gsl_cdf_tdist_Q") { gsl_cdf_tdist_Q(y, nu) }
        }
    }
}

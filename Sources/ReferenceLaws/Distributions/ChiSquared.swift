import CGSL

/// The χ² law with k > 0 degrees of freedom (k need not be an integer): P(X ≤ x) = P(k/2, x/2), the
/// regularised lower incomplete gamma function. GSL: `gsl_cdf_chisq_P/Q/Pinv/Qinv`.
///
/// k ≤ 0, k = ∞ or NaN throws `GSLError` (`GSL_EDOM`). Checked against mpmath in
/// `data/reference/laws/distributions.json` (`DistributionReferenceTests`).
public struct ChiSquared: Sendable, Equatable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom k: Double) throws(GSLError) {
        try LawArgument.requirePositive(k, "ChiSquared: degrees of freedom")
        degreesOfFreedom = k
    }

    /// P(X ≤ x); 0 for x ≤ 0.
    public func cdf(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "ChiSquared.cdf: x")
        let k = degreesOfFreedom
        return try GSL.value("gsl_cdf_chisq_P(\(x), \(k))") { gsl_cdf_chisq_P(x, k) }
    }

    /// P(X > x), accurate in the upper tail.
    public func survival(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "ChiSquared.survival: x")
        let k = degreesOfFreedom
        return try GSL.value("gsl_cdf_chisq_Q(\(x), \(k))") { gsl_cdf_chisq_Q(x, k) }
    }

    /// The p-quantile, p ∈ [0, 1]; quantile(1) = ∞.
    public func quantile(_ p: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(p, "ChiSquared.quantile: p")
        if p == 1 { return .infinity }
        let k = degreesOfFreedom
        let x = try GSL.value("gsl_cdf_chisq_Pinv(\(p), \(k))") { gsl_cdf_chisq_Pinv(p, k) }
        return try LawArgument.checkedInverse(x, target: p, context: "gsl_cdf_chisq_Pinv(\(p), \(k))") { (y: Double) throws(GSLError) -> Double in
            try GSL.value("gsl_cdf_chisq_P") { gsl_cdf_chisq_P(y, k) }
        }
    }

    /// The x with P(X > x) = q, accurate for tiny q; upperQuantile(0) = ∞.
    public func upperQuantile(_ q: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(q, "ChiSquared.upperQuantile: q")
        if q == 0 { return .infinity }
        let k = degreesOfFreedom
        let x = try GSL.value("gsl_cdf_chisq_Qinv(\(q), \(k))") { gsl_cdf_chisq_Qinv(q, k) }
        return try LawArgument.checkedInverse(x, target: q, context: "gsl_cdf_chisq_Qinv(\(q), \(k))") { (y: Double) throws(GSLError) -> Double in
            try GSL.value("gsl_cdf_chisq_Q") { gsl_cdf_chisq_Q(y, k) }
        }
    }
}

import CGSL

/// The Beta(a, b) law on [0, 1], a, b > 0: P(X ≤ x) = I_x(a, b), the regularised incomplete beta
/// function. GSL: `gsl_cdf_beta_P/Q/Pinv/Qinv`.
///
/// a or b ≤ 0, ∞ or NaN throws `GSLError` (`GSL_EDOM`). Checked against mpmath in
/// `data/reference/laws/distributions.json` (`DistributionReferenceTests`).
public struct BetaDistribution: Sendable, Equatable {
    public let a: Double
    public let b: Double

    public init(a: Double, b: Double) throws(GSLError) {
        try LawArgument.requirePositive(a, "BetaDistribution: a")
        try LawArgument.requirePositive(b, "BetaDistribution: b")
        self.a = a
        self.b = b
    }

    public func cdf(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "BetaDistribution.cdf: x")
        let (a, b) = (a, b)
        return try GSL.value("gsl_cdf_beta_P(\(x), \(a), \(b))") { gsl_cdf_beta_P(x, a, b) }
    }

    public func survival(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "BetaDistribution.survival: x")
        let (a, b) = (a, b)
        return try GSL.value("gsl_cdf_beta_Q(\(x), \(a), \(b))") { gsl_cdf_beta_Q(x, a, b) }
    }

    /// The p-quantile, p ∈ [0, 1].
    public func quantile(_ p: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(p, "BetaDistribution.quantile: p")
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let (a, b) = (a, b)
        let x = try GSL.value("gsl_cdf_beta_Pinv(\(p), \(a), \(b))") { gsl_cdf_beta_Pinv(p, a, b) }
        return try LawArgument.checkedInverse(x, target: p, context: "gsl_cdf_beta_Pinv(\(p), \(a), \(b))") { (y: Double) throws(GSLError) -> Double in
            try GSL.value("gsl_cdf_beta_P") { gsl_cdf_beta_P(y, a, b) }
        }
    }

    /// The x with P(X > x) = q.
    public func upperQuantile(_ q: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(q, "BetaDistribution.upperQuantile: q")
        if q == 0 { return 1 }
        if q == 1 { return 0 }
        let (a, b) = (a, b)
        let x = try GSL.value("gsl_cdf_beta_Qinv(\(q), \(a), \(b))") { gsl_cdf_beta_Qinv(q, a, b) }
        return try LawArgument.checkedInverse(x, target: q, context: "gsl_cdf_beta_Qinv(\(q), \(a), \(b))") { (y: Double) throws(GSLError) -> Double in
            try GSL.value("gsl_cdf_beta_Q") { gsl_cdf_beta_Q(y, a, b) }
        }
    }
}

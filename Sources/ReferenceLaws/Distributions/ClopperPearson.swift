import CGSL

extension BetaDistribution {
    /// The Clopper–Pearson ("exact") interval for a binomial proportion p from x successes in n trials:
    /// lower = B⁻¹(α/2; x, n − x + 1) (0 if x = 0), upper = B⁻¹(1 − α/2; x + 1, n − x) (1 if x = n),
    /// where B⁻¹(·; a, b) is the Beta(a, b) quantile (Clopper & Pearson, Biometrika 26 (1934) 404–413).
    /// Coverage is at least 1 − α for every p (PN-L08).
    ///
    /// Throws `GSLError` (`GSL_EDOM`) for n < 1, x ∉ [0, n], or α ∉ (0, 1).
    public static func clopperPearson(successes x: Int, trials n: Int, alpha: Double) throws(GSLError) -> ConfidenceInterval {
        guard n >= 1 else { throw LawArgument.domainError("clopperPearson: trials", "trials \(n) must be ≥ 1") }
        guard x >= 0, x <= n else {
            throw LawArgument.domainError("clopperPearson: successes", "successes \(x) must lie in [0, \(n)]")
        }
        guard alpha > 0, alpha < 1 else {
            throw LawArgument.domainError("clopperPearson: alpha", "α = \(alpha) must lie in (0, 1)")
        }
        let half = alpha / 2
        let lower = x == 0 ? 0 : try BetaDistribution(a: Double(x), b: Double(n - x + 1)).quantile(half)
        let upper = x == n ? 1 : try BetaDistribution(a: Double(x + 1), b: Double(n - x)).upperQuantile(half)
        return ConfidenceInterval(lower: lower, upper: upper, alpha: alpha)
    }

    /// Clopper–Pearson interval at confidence `level` = 1 − α (see `clopperPearson(successes:trials:alpha:)`;
    /// prefer that form for levels very close to 1).
    public static func clopperPearson(successes x: Int, trials n: Int, level: Double) throws(GSLError) -> ConfidenceInterval {
        guard level > 0, level < 1 else {
            throw LawArgument.domainError("clopperPearson: level", "level \(level) must lie in (0, 1)")
        }
        return try clopperPearson(successes: x, trials: n, alpha: 1 - level)
    }
}

/// Clopper–Pearson interval for a binomial proportion at confidence `level`; see
/// `BetaDistribution.clopperPearson(successes:trials:alpha:)`.
public func clopperPearson(successes: Int, trials: Int, level: Double) throws(GSLError) -> ConfidenceInterval {
    try BetaDistribution.clopperPearson(successes: successes, trials: trials, level: level)
}

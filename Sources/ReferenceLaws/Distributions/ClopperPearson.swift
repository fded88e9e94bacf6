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
        do {
            let lower = x == 0 ? 0 : try BetaDistribution(a: Double(x), b: Double(n - x + 1)).quantile(half)
            let upper = x == n ? 1 : try BetaDistribution(a: Double(x + 1), b: Double(n - x)).upperQuantile(half)
            return ConfidenceInterval(lower: lower, upper: upper, alpha: alpha)
        } catch {
            // GSL's Beta inversion does not converge for large n at small α (e.g. n = 10⁶, α = 10⁻⁹) and says so
            // (a quantile that does not reproduce its probability throws too): solve the binomial tails instead.
            let bounds = clopperPearsonByTails(successes: x, trials: n, alpha: alpha)
            guard bounds.lower.isFinite, bounds.upper.isFinite else { throw error }
            return ConfidenceInterval(lower: bounds.lower, upper: bounds.upper, alpha: alpha)
        }
    }

    /// The Clopper–Pearson interval from the binomial tails themselves: p_L solves P_p(X ≥ x) = α/2 (0 when x = 0),
    /// p_U solves P_p(X ≤ x) = α/2 (1 when x = n), X ~ Bin(n, p) — the same numbers as the Beta quantiles (PN-L08) —
    /// with the tails summed in log space (`DiscreteTails`) and bisection from a bracket p̂ ± 40 standard deviations
    /// (widened until the sign changes), each end rounded outwards (relative width 10⁻¹⁵). No GSL call; works for
    /// n up to about 10⁸ at any α. Requires 1 ≤ n, 0 ≤ x ≤ n, 0 < α < 1 (not checked here).
    public static func clopperPearsonByTails(successes x: Int, trials n: Int, alpha: Double) -> (lower: Double, upper: Double) {
        let pHat = Double(x) / Double(n)
        let sd = max((pHat * (1 - pHat) / Double(n)).squareRoot(), 1 / Double(n))
        let lower = x == 0 ? 0 : DiscreteTails.conservativeRoot(below: true, bracket: (max(0, pHat - 40 * sd), pHat)) { p in
            DiscreteTails.binomialUpper(trials: n, probability: p, atLeast: x) - alpha / 2
        }
        let upper = x == n ? 1 : DiscreteTails.conservativeRoot(below: false, bracket: (pHat, min(1, pHat + 40 * sd))) { p in
            alpha / 2 - DiscreteTails.binomialLower(trials: n, probability: p, atMost: x)
        }
        return (min(lower, pHat), max(upper, pHat))
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

// Exact binomial (Clopper–Pearson) bounds, through ReferenceLaws' GSL-backed Beta quantiles.
import ReferenceLaws

/// Exact binomial confidence bounds.
public enum ExactBinomial {
    /// The Clopper–Pearson interval (Clopper & Pearson, Biometrika 26, 1934) for a proportion p from x
    /// successes in n trials, two-sided with non-coverage ≤ α (α/2 per side):
    /// ```
    /// lower = Beta quantile α/2 of Beta(x, n − x + 1)        (0 if x = 0)
    /// upper = Beta quantile 1 − α/2 of Beta(x + 1, n − x)    (1 if x = n)
    /// ```
    /// Computed by `BetaDistribution.clopperPearson` (ReferenceLaws, GSL `gsl_cdf_beta_Pinv/Qinv`; PN-L08).
    /// Closed forms used in the tests: x = 0 ⇒ upper = 1 − (α/2)^{1/n}; x = n ⇒ lower = (α/2)^{1/n}.
    /// Throws unless 0 ≤ x ≤ n, n ≥ 1 and 0 < α < 1.
    public static func clopperPearson(
        successes x: Int, trials n: Int, alpha: Double
    ) throws(VerificationError) -> (lower: Double, upper: Double) {
        try require(n >= 1, "trials", n, "must be ≥ 1")
        try require(x >= 0 && x <= n, "successes", x, "must lie in 0…\(n)")
        try require(alpha > 0 && alpha < 1, "α", alpha, "must lie in (0, 1)")
        do {
            let interval = try BetaDistribution.clopperPearson(successes: x, trials: n, alpha: alpha)
            return (interval.lower, interval.upper)
        } catch {
            throw .numerical("Clopper–Pearson bounds for \(x)/\(n) at α = \(alpha): \(error)")
        }
    }
}

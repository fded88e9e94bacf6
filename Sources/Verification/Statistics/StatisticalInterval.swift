// An estimate with a guaranteed-level interval, carrying what a failure message must print (R3).

/// A two-sided interval [lower, upper] for an unknown quantity, built so that P(quantity ∉ interval) ≤ α on
/// correct code, together with the estimate, the sample size n, α and the bounding method.
public struct StatisticalInterval: Sendable, Equatable, CustomStringConvertible {
    /// What is estimated, e.g. "P(X ≤ 0.3)" or "E tanh(⟨u, X⟩)".
    public let statistic: String
    public let estimate: Double
    public let lower: Double
    public let upper: Double
    public let n: Int
    /// The non-coverage probability the interval was built for.
    public let alpha: Double
    public let method: BoundMethod

    /// An interval from explicit bounds (e.g. an exact χ² interval built elsewhere). Throws unless
    /// lower ≤ upper (not NaN), n ≥ 1 and 0 < α ≤ 1 (α = 0 only for `.deterministic`).
    public init(
        statistic: String, estimate: Double, lower: Double, upper: Double, n: Int, alpha: Double, method: BoundMethod
    ) throws(VerificationError) {
        try require(lower <= upper, "interval", "[\(lower), \(upper)]", "needs lower ≤ upper")
        try require(!estimate.isNaN, "estimate", estimate, "must not be NaN")
        try requireSampleSize(n, minimum: 1)
        if method == .deterministic {
            try require(alpha == 0, "α", alpha, "must be 0 for a deterministic bound")
        } else {
            try requireLevel(alpha, "α")
        }
        self.statistic = statistic
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.n = n
        self.alpha = alpha
        self.method = method
    }

    /// The Hoeffding interval X̄ ± (b − a)√(ln(2/α)/(2n)) for the mean of iid samples in [a, b], clipped to
    /// [a, b]. Throws if a sample lies outside [a, b] (the bound would not apply) or is not finite.
    public static func hoeffding(
        statistic: String, samples: some Collection<Double>, range: ClosedRange<Double>, alpha: Double
    ) throws(VerificationError) -> StatisticalInterval {
        let summary = try boundedSummary(samples, range: range)
        return try hoeffding(statistic: statistic, mean: summary.mean, n: summary.count, range: range, alpha: alpha)
    }

    /// The Hoeffding interval from a mean of n iid samples known to lie in [a, b].
    public static func hoeffding(
        statistic: String, mean: Double, n: Int, range: ClosedRange<Double>, alpha: Double
    ) throws(VerificationError) -> StatisticalInterval {
        let t = try hoeffdingHalfWidth(n: n, range: range, alpha: alpha)
        return try clipped(statistic: statistic, estimate: mean, halfWidth: t, n: n, alpha: alpha,
                           method: .hoeffding, to: range)
    }

    /// The two-sided empirical Bernstein interval (see `empiricalBernsteinHalfWidth`), clipped to [a, b].
    /// Throws if a sample lies outside [a, b] or n < 2.
    public static func empiricalBernstein(
        statistic: String, samples: some Collection<Double>, range: ClosedRange<Double>, alpha: Double
    ) throws(VerificationError) -> StatisticalInterval {
        let summary = try boundedSummary(samples, range: range)
        let t = try empiricalBernsteinHalfWidth(n: summary.count, sampleVariance: summary.sampleVariance,
                                                range: range, alpha: alpha)
        return try clipped(statistic: statistic, estimate: summary.mean, halfWidth: t, n: summary.count,
                           alpha: alpha, method: .empiricalBernstein, to: range)
    }

    /// The DKW interval Fₙ(x) ± √(ln(2/α)/(2n)), clipped to [0, 1], for a CDF value F(x) (also valid
    /// simultaneously for all x). `empiricalCDF` = #{samples ≤ x}/n.
    public static func dkw(
        statistic: String, empiricalCDF: Double, n: Int, alpha: Double
    ) throws(VerificationError) -> StatisticalInterval {
        try require(empiricalCDF >= 0 && empiricalCDF <= 1, "empirical CDF", empiricalCDF, "must lie in [0, 1]")
        let epsilon = try dkwHalfWidth(n: n, alpha: alpha)
        return try clipped(statistic: statistic, estimate: empiricalCDF, halfWidth: epsilon, n: n, alpha: alpha,
                           method: .dkw, to: 0...1)
    }

    /// The Clopper–Pearson interval for a binomial proportion (see `ExactBinomial.clopperPearson`).
    public static func clopperPearson(
        statistic: String, successes: Int, trials: Int, alpha: Double
    ) throws(VerificationError) -> StatisticalInterval {
        let bounds = try ExactBinomial.clopperPearson(successes: successes, trials: trials, alpha: alpha)
        return try StatisticalInterval(statistic: statistic, estimate: Double(successes) / Double(trials),
                                       lower: bounds.lower, upper: bounds.upper, n: trials, alpha: alpha,
                                       method: .clopperPearson)
    }

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    public var width: Double { upper - lower }

    public var description: String {
        "\(statistic) = \(estimate), interval [\(lower), \(upper)] (n = \(n), α = \(alpha), \(method.name))"
    }

    private static func clipped(
        statistic: String, estimate: Double, halfWidth: Double, n: Int, alpha: Double, method: BoundMethod,
        to range: ClosedRange<Double>
    ) throws(VerificationError) -> StatisticalInterval {
        try require(estimate.isFinite, "estimate", estimate, "must be finite")
        let lower = Swift.max(range.lowerBound, estimate - halfWidth)
        let upper = Swift.min(range.upperBound, estimate + halfWidth)
        return try StatisticalInterval(statistic: statistic, estimate: estimate, lower: lower, upper: upper, n: n,
                                       alpha: alpha, method: method)
    }

    private static func boundedSummary(
        _ samples: some Collection<Double>, range: ClosedRange<Double>
    ) throws(VerificationError) -> SampleSummary {
        let summary = SampleSummary(samples)
        for x in samples where !(x >= range.lowerBound && x <= range.upperBound) {
            throw .invalidParameter(name: "sample", value: "\(x)", requirement: "must lie in the declared range \(range)")
        }
        return summary
    }
}

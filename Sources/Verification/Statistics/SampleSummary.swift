// Mean and unbiased variance of a sample, with its observed range (for the bounded-support checks).

/// n, mean, unbiased sample variance (divisor n − 1; 0 for n = 1), minimum and maximum of a sample,
/// computed with Welford's update (numerically stable in one pass).
public struct SampleSummary: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var sumOfSquares = 0.0
    public private(set) var minimum = Double.infinity
    public private(set) var maximum = -Double.infinity

    public init() {}

    /// The summary of `values`.
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for x in values { add(x) }
    }

    /// Welford: n += 1; δ = x − mean; mean += δ/n; M₂ += δ (x − mean).
    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        sumOfSquares += delta * (x - mean)
        minimum = Swift.min(minimum, x)
        maximum = Swift.max(maximum, x)
    }

    /// M₂ / (n − 1), the unbiased sample variance (Maurer & Pontil's Vₙ); 0 when n < 2.
    public var sampleVariance: Double { count < 2 ? 0 : sumOfSquares / Double(count - 1) }
}

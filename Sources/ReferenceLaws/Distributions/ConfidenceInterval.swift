/// A two-sided interval [lower, upper] for an unknown quantity, with the nominal coverage it was built for.
///
/// `alpha` is the nominal non-coverage 1 − level, stored separately so that tiny levels such as 1e-9
/// do not lose precision in 1 − level.
public struct ConfidenceInterval: Sendable, Equatable, CustomStringConvertible {
    public let lower: Double
    public let upper: Double
    /// Nominal probability that the interval misses the true value (two-sided, split equally).
    public let alpha: Double

    public init(lower: Double, upper: Double, alpha: Double) {
        self.lower = lower
        self.upper = upper
        self.alpha = alpha
    }

    /// Nominal coverage 1 − α.
    public var level: Double { 1 - alpha }
    public var width: Double { upper - lower }
    public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }

    public var description: String { "[\(lower), \(upper)] (α = \(alpha))" }
}

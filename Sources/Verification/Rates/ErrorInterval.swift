/// A confidence interval [lower, upper] for a non-negative error e(h) at one step size (e.g. a weak error or a
/// W₂ distance), as fed to the secant slope rule.
public struct ErrorInterval: Sendable, Equatable, CustomStringConvertible {
    public let lower: Double
    public let upper: Double

    /// Throws unless 0 ≤ lower ≤ upper < ∞.
    public init(lower: Double, upper: Double) throws(VerificationError) {
        try require(lower >= 0 && upper.isFinite && lower <= upper, "error interval", "[\(lower), \(upper)]",
                    "needs 0 ≤ lower ≤ upper < ∞")
        self.lower = lower
        self.upper = upper
    }

    public var description: String { "[\(lower), \(upper)]" }
}

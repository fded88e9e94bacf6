import CGSL
import Foundation

/// The normal law N(μ, σ²) with density p(x) = e^{−(x−μ)²/(2σ²)}/(σ√(2π)).
///
/// Every function reduces to the standard normal z = (x − μ)/σ (`StandardNormal`, GSL-backed).
/// The initialiser rejects a non-finite mean and σ ≤ 0, σ = ∞ or NaN with a `GSLError` (`GSL_EDOM`).
/// Checked against mpmath in `data/reference/laws/distributions.json` (`DistributionReferenceTests`).
public struct Normal: Sendable, Equatable {
    public let mean: Double
    public let standardDeviation: Double

    /// N(mean, standardDeviation²); requires a finite mean and 0 < σ < ∞.
    public init(mean: Double, standardDeviation: Double) throws(GSLError) {
        try LawArgument.requireFinite(mean, "Normal: mean")
        try LawArgument.requirePositive(standardDeviation, "Normal: standard deviation")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// N(mean, variance); requires a finite mean and 0 < variance < ∞.
    public init(mean: Double, variance: Double) throws(GSLError) {
        try LawArgument.requirePositive(variance, "Normal: variance")
        try self.init(mean: mean, standardDeviation: variance.squareRoot())
    }

    public var variance: Double { standardDeviation * standardDeviation }

    private func standardized(_ x: Double, _ what: String) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, what)
        return (x - mean) / standardDeviation
    }

    public func pdf(_ x: Double) throws(GSLError) -> Double {
        try StandardNormal.pdf(standardized(x, "Normal.pdf: x")) / standardDeviation
    }

    /// log p(x) = −(x−μ)²/(2σ²) − log σ − ½ log(2π), without underflow.
    public func logPDF(_ x: Double) throws(GSLError) -> Double {
        try StandardNormal.logPDF(standardized(x, "Normal.logPDF: x")) - Foundation.log(standardDeviation)
    }

    public func cdf(_ x: Double) throws(GSLError) -> Double {
        try StandardNormal.cdf(standardized(x, "Normal.cdf: x"))
    }

    public func survival(_ x: Double) throws(GSLError) -> Double {
        try StandardNormal.survival(standardized(x, "Normal.survival: x"))
    }

    /// μ + σ Φ⁻¹(p) for p ∈ [0, 1].
    public func quantile(_ p: Double) throws(GSLError) -> Double {
        mean + standardDeviation * (try StandardNormal.quantile(p))
    }

    /// P(lower < X ≤ upper), computed from whichever tail avoids cancellation.
    public func probability(from lower: Double, to upper: Double) throws(GSLError) -> Double {
        let a = try standardized(lower, "Normal.probability: lower")
        let b = try standardized(upper, "Normal.probability: upper")
        return try StandardNormal.mass(from: a, to: b)
    }
}

extension StandardNormal {
    /// P(a < Z ≤ b) = Φ(b) − Φ(a), taken in the upper tail when both ends are positive (1 − Φ
    /// loses relative accuracy there). Zero when b ≤ a.
    public static func mass(from a: Double, to b: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(a, "StandardNormal.mass: a")
        try LawArgument.requireNotNaN(b, "StandardNormal.mass: b")
        guard b > a else { return 0 }
        if a > 0 { return try survival(a) - survival(b) }
        return try cdf(b) - cdf(a)
    }
}

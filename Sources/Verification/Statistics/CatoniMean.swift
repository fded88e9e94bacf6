// Catoni's M-estimator of a mean: guaranteed sub-Gaussian deviations from a variance bound alone (PN-V10).
import Foundation

/// Catoni's estimator of E Y from n iid samples whose variance is at most v (O. Catoni, "Challenging the empirical
/// mean and empirical variance: a deviation study", Ann. IHP 2012, Prop. 2.4; as stated in Lugosi & Mendelson,
/// arXiv 1906.04280, Thm. 5).
///
/// θ̂ is the root of Σᵢ ψ(a(Yᵢ − θ)) = 0 with ψ(x) = sign(x)·log(1 + |x| + x²/2). For ANY scale a > 0 and δ ∈ (0, 1),
/// iid data with variance ≤ v′ and L = log(1/δ): since ψ(x) ≤ log(1 + x + x²/2), with probability ≥ 1 − δ
/// θ̂ − E Y ≤ z₊ = (1 − √(1 − a²v′ − 2L/n))/a (the smaller root of a z²/2 − z + a v′/2 + L/(na) = 0, which exists iff
/// a²v′ + 2L/n ≤ 1), and the same below. This type tunes a for (v, δ = α/2):
///   a = √(2L / (n v (1 + 2L/(n − 2L)))),
/// for which z₊ = √(2vL/(n − 2L)) — the two-sided half-width at level α (`halfWidth`) — and
/// `deviation(varianceBound:level:)` gives z₊ at another variance bound v′ and level β for the SAME estimator: the
/// false-pass bound of a mutant whose samples have another variance (the design rule of PN-V10).
public struct CatoniMean: Sendable, Equatable, CustomStringConvertible {
    public let estimate: Double
    /// √(2vL/(n − 2L)), L = log(2/α): P(|θ̂ − E Y| ≥ halfWidth) ≤ α when Var Y ≤ v.
    public let halfWidth: Double
    public let n: Int
    public let varianceBound: Double
    public let alpha: Double
    /// The estimator's scale a.
    public let scale: Double

    /// Throws unless n > 2 log(2/α), v > 0 finite, 0 < α < 1, and every sample is finite.
    public init(_ samples: UnsafeBufferPointer<Double>, varianceBound v: Double, alpha: Double) throws(VerificationError) {
        let n = samples.count
        let scale = try Self.scale(n: n, varianceBound: v, alpha: alpha)
        guard let first = samples.first else { throw .invalidParameter(name: "n", value: "0", requirement: "must be ≥ 1") }
        var lo = first, hi = first, sum = 0.0
        for y in samples {
            guard y.isFinite else { throw .invalidParameter(name: "sample", value: "\(y)", requirement: "must be finite") }
            lo = min(lo, y)
            hi = max(hi, y)
            sum += y
        }
        self.n = n
        self.varianceBound = v
        self.alpha = alpha
        self.scale = scale
        self.halfWidth = Self.halfWidth(n: n, varianceBound: v, alpha: alpha)
        self.estimate = Self.root(samples, scale: scale, start: sum / Double(n), bracket: (lo, hi))
    }

    public init(_ samples: [Double], varianceBound v: Double, alpha: Double) throws(VerificationError) {
        let result = samples.withUnsafeBufferPointer { buffer -> Result<CatoniMean, VerificationError> in
            do throws(VerificationError) { return .success(try CatoniMean(buffer, varianceBound: v, alpha: alpha)) } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// The tuned scale a for (n, v, α); throws unless n > 2 log(2/α), v > 0 finite, 0 < α < 1.
    public static func scale(n: Int, varianceBound v: Double, alpha: Double) throws(VerificationError) -> Double {
        try require(alpha > 0 && alpha < 1, "α", alpha, "must lie in (0, 1)")
        try require(v > 0 && v.isFinite, "variance bound", v, "must be finite and > 0")
        let l = log(2 / alpha)
        try require(Double(n) > 2 * l, "n", n, "must exceed 2 log(2/α) = \(2 * l)")
        let nd = Double(n)
        return (2 * l / (nd * v * (1 + 2 * l / (nd - 2 * l)))).squareRoot()
    }

    /// The half-width √(2vL/(n − 2L)), L = log(2/α) (before sampling: for designs). +∞ when n ≤ 2L.
    public static func halfWidth(n: Int, varianceBound v: Double, alpha: Double) -> Double {
        let l = log(2 / alpha), nd = Double(n)
        guard nd > 2 * l else { return .infinity }
        return (2 * v * l / (nd - 2 * l)).squareRoot()
    }

    /// The two-sided deviation bound at level β of the estimator tuned for (n, v, α) on data with variance ≤ v′:
    /// P(|θ̂ − E Y| ≥ t) ≤ β with t = (1 − √(1 − a²v′ − 2 log(2/β)/n))/a; +∞ when the root does not exist.
    public static func deviation(n: Int, tunedVariance v: Double, tunedAlpha alpha: Double, varianceBound v1: Double,
                                 level beta: Double) -> Double {
        guard let a = try? scale(n: n, varianceBound: v, alpha: alpha), beta > 0, beta < 1, v1 >= 0 else { return .infinity }
        let discriminant = 1 - a * a * v1 - 2 * log(2 / beta) / Double(n)
        guard discriminant > 0 else { return .infinity }
        return (1 - discriminant.squareRoot()) / a
    }

    /// `deviation(n:tunedVariance:tunedAlpha:varianceBound:level:)` of this estimator.
    public func deviation(varianceBound v1: Double, level beta: Double) -> Double {
        Self.deviation(n: n, tunedVariance: varianceBound, tunedAlpha: alpha, varianceBound: v1, level: beta)
    }

    /// The root of the strictly decreasing score Σψ(a(yᵢ − θ)): safeguarded Newton from the sample mean inside
    /// [min y, max y], to a relative step of 1e-15.
    static func root(_ y: UnsafeBufferPointer<Double>, scale a: Double, start: Double, bracket: (Double, Double)) -> Double {
        var (lo, hi) = bracket
        var theta = start
        for _ in 0..<200 {
            var score = 0.0, slope = 0.0
            for v in y {
                let x = a * (v - theta)
                if x >= 0 {
                    let q = 1 + x + 0.5 * x * x
                    score += log1p(x + 0.5 * x * x)
                    slope += (1 + x) / q
                } else {
                    let q = 1 - x + 0.5 * x * x
                    score -= log1p(-x + 0.5 * x * x)
                    slope += (1 - x) / q
                }
            }
            if score > 0 { lo = theta } else { hi = theta }
            var next = theta + score / (a * slope)
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - theta) <= 1e-15 * max(1, abs(theta)) { return next }
            theta = next
        }
        return theta
    }

    /// Whether the interval [estimate ± halfWidth] contains `value`.
    public func contains(_ value: Double) -> Bool { abs(estimate - value) <= halfWidth }

    public var description: String {
        String(format: "Catoni %.6g ± %.3g (n = %d, v ≤ %.4g, α = %.3g)", estimate, halfWidth, n, varianceBound, alpha)
    }
}

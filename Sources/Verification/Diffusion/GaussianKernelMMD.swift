import DenseLinearAlgebra
import Foundation
import ReferenceLaws

/// The squared maximum mean discrepancy between the law of samples and a Gaussian-mixture data law q, with the Gaussian
/// kernel k(x, y) = exp(−‖x − y‖²/(2h²)) and the bandwidth fixed in advance (docs/theory.md §8.10; PN-D06).
///
/// The expectations under q are closed form (Gaussian integrals): with Mₖ = Σₖ + h²I,
///   g(x) = E_{Y~q} k(x, Y) = Σₖ wₖ hᵈ det(Mₖ)^{−1/2} exp(−½ (x − μₖ)ᵀ Mₖ⁻¹ (x − μₖ)),
///   c = E k(Y, Y′) = Σₖ Σₗ wₖ wₗ hᵈ det(Σₖ + Σₗ + h²I)^{−1/2} exp(−½ (μₖ − μₗ)ᵀ (Σₖ + Σₗ + h²I)⁻¹ (μₖ − μₗ)),
/// so MMD²(p, q) = E_p E_p k(X, X′) − 2 E_p g(X) + c has the unbiased U-statistic
///   U = (1/(n(n − 1))) Σ_{i≠j} H(xᵢ, xⱼ),  H(x, x′) = k(x, x′) − g(x) − g(x′) + c ∈ [c − 2ḡ, 1 + c],
/// ḡ = min(1, Σₖ wₖ hᵈ det(Mₖ)^{−1/2}) ≥ sup g. Intervals (each at α/2, intersected; union bound): Hoeffding's bound for
/// U-statistics of order 2 (Hoeffding 1963, §5: P(|U − EU| ≥ t) ≤ 2 exp(−2⌊n/2⌋t²/(b − a)²)) and the empirical
/// Bernstein bound (Maurer & Pontil 2009, Thm. 4) on the ⌊n/2⌋ iid values H(x₂ᵢ₋₁, x₂ᵢ); above `uStatisticLimit`
/// samples the estimate is the linear-time mean of those values with the empirical Bernstein interval alone.
///
/// Paired (common random numbers): for two samplers run on the same starts and noise, zᵢ = (xᵢ, yᵢ) are iid and
/// H(xᵢ, xⱼ) − H(yᵢ, yⱼ) ∈ [−(1 + 2ḡ), 1 + 2ḡ] is a symmetric kernel in z: the same two bounds give an interval for
/// MMD²(p_x, q) − MMD²(p_y, q).
public struct GaussianKernelMMD: Sendable {
    public let bandwidth: Double
    let forms: MixtureComponentForms
    /// hᵈ, the factor of every Gaussian integral.
    let scale: Double
    /// c = E k(Y, Y′).
    public let selfTerm: Double
    /// ḡ ≥ sup g.
    public let kernelMeanBound: Double

    /// Above this many samples only the linear-time estimator is used (the U-statistic costs n²/2 kernel evaluations);
    /// its interval is then the empirical Bernstein bound alone at level α (method `.empiricalBernstein`).
    public static let uStatisticLimit = 5000

    /// How the intervals are bounded (the ledger entries of the checks that use them name the same method).
    public static let boundMethod = BoundMethod.exact("Hoeffding U-statistic ∩ empirical Bernstein (α/2 each)")

    /// Throws unless h is finite and positive.
    public init(data law: GaussianMixtureLaw, bandwidth h: Double) throws {
        guard h.isFinite, h > 0 else {
            throw VerificationError.invalidParameter(name: "bandwidth", value: "\(h)", requirement: "must be finite and > 0")
        }
        bandwidth = h
        forms = try MixtureComponentForms(law, widening: h * h)
        let d = law.dimension
        scale = pow(h, Double(d))
        selfTerm = try Self.crossTerm(law, law, bandwidth: h)
        kernelMeanBound = min(1, forms.offsets.reduce(0) { $0 + exp($1) } * scale)
    }

    /// The bandwidth fixed in advance for a data law: h² = tr Cov(q)/4 (for d-dimensional data ‖x − y‖²/(2h²) is then
    /// about 4 for two independent draws, so the kernel neither saturates nor vanishes).
    public static func defaultBandwidth(for law: GaussianMixtureLaw) -> Double {
        (law.covariance.trace / 4).squareRoot()
    }

    /// E k(X, Y) for independent X ~ p, Y ~ q, both Gaussian mixtures (closed form).
    public static func crossTerm(_ p: GaussianMixtureLaw, _ q: GaussianMixtureLaw, bandwidth h: Double) throws -> Double {
        let d = p.dimension
        guard q.dimension == d else {
            throw VerificationError.invalidParameter(name: "laws", value: "d = \(d), \(q.dimension)", requirement: "must agree")
        }
        var total = 0.0
        for k in 0..<p.componentCount {
            for l in 0..<q.componentCount {
                var m = p.covariances[k] + q.covariances[l]
                for i in 0..<d { m[i, i] += h * h }
                let factor = try CholeskyFactor(m, what: "Σₖ + Σₗ + h²I")
                let delta = (0..<d).map { p.means[k][$0] - q.means[l][$0] }
                let y = factor.solveLower(delta)
                let quadratic = y.reduce(0) { $0 + $1 * $1 }
                total += p.weights[k] * q.weights[l]
                    * exp(Double(d) * log(h) - 0.5 * factor.logDeterminant - 0.5 * quadratic)
            }
        }
        return total
    }

    /// The exact MMD²(p, q) between two Gaussian mixtures (closed form).
    public static func exact(_ p: GaussianMixtureLaw, _ q: GaussianMixtureLaw, bandwidth h: Double) throws -> Double {
        try crossTerm(p, p, bandwidth: h) - 2 * crossTerm(p, q, bandwidth: h) + crossTerm(q, q, bandwidth: h)
    }

    /// g(xᵢ) for every row of `samples` (n × d, row-major).
    public func kernelMeans(_ samples: [Double]) -> [Double] {
        let d = forms.dimension, n = samples.count / d, kCount = forms.componentCount
        var out = [Double](repeating: 0, count: n)
        let values = UnsafeMutablePointer<Double>.allocate(capacity: kCount)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: d)
        defer { values.deallocate(); scratch.deallocate() }
        samples.withUnsafeBufferPointer { x in
            for i in 0..<n {
                forms.evaluate(x.baseAddress! + i * d, into: values, scratch: scratch)
                var sum = 0.0
                for k in 0..<kCount { sum += exp(values[k]) }
                out[i] = scale * sum
            }
        }
        return out
    }

    /// The estimate of MMD²(samples, q) with a two-sided interval at level α.
    public func estimate(_ samples: [Double], alpha: Double) throws -> StatisticalInterval {
        try estimate(samples, paired: nil, alpha: alpha)
    }

    /// The estimate of MMD²(p_x, q) − MMD²(p_y, q) from paired samples (row i of both from the same start and noise),
    /// with a two-sided interval at level α.
    public func pairedDifference(_ x: [Double], _ y: [Double], alpha: Double) throws -> StatisticalInterval {
        return try estimate(x, paired: y, alpha: alpha)
    }

    func estimate(_ x: [Double], paired y: [Double]?, alpha: Double) throws -> StatisticalInterval {
        let d = forms.dimension
        let n = try forms.checkedRows(x, paired: y, minimumRows: 4)
        let gx = kernelMeans(x), gy = y.map(kernelMeans)
        let twoH2 = 2 * bandwidth * bandwidth
        func kernel(_ s: [Double], _ i: Int, _ j: Int) -> Double {
            var sq = 0.0
            for l in 0..<d { let t = s[i * d + l] - s[j * d + l]; sq += t * t }
            return exp(-sq / twoH2)
        }
        func h(_ i: Int, _ j: Int) -> Double {
            var value = kernel(x, i, j) - gx[i] - gx[j] + selfTerm
            if let y, let gy { value -= kernel(y, i, j) - gy[i] - gy[j] + selfTerm }
            return value
        }
        let gBar = kernelMeanBound
        let range: ClosedRange<Double> = y == nil ? (selfTerm - 2 * gBar)...(1 + selfTerm) : (-(1 + 2 * gBar))...(1 + 2 * gBar)
        let m = n / 2
        let linear = (0..<m).map { h(2 * $0, 2 * $0 + 1) }
        let linearMean = linear.reduce(0, +) / Double(m)
        let variance = linear.reduce(0) { $0 + ($1 - linearMean) * ($1 - linearMean) } / Double(m - 1)
        let statistic = y == nil ? "MMD²(h = \(bandwidth))" : "ΔMMD²(h = \(bandwidth)), paired"
        guard n <= Self.uStatisticLimit else {
            // Linear time only: the mean of the ⌊n/2⌋ iid pair values, empirical Bernstein at α.
            let half = try empiricalBernsteinHalfWidth(n: m, sampleVariance: variance, range: range, alpha: alpha)
            return try StatisticalInterval(statistic: statistic + ", linear-time", estimate: linearMean,
                                           lower: linearMean - half, upper: linearMean + half, n: n, alpha: alpha,
                                           method: .empiricalBernstein)
        }
        var sum = 0.0
        for i in 0..<n { for j in (i + 1)..<n { sum += h(i, j) } }
        let u = sum / Double(n * (n - 1) / 2)
        let hoeffding = try hoeffdingHalfWidth(n: m, range: range, alpha: alpha / 2)
        let bernstein = try empiricalBernsteinHalfWidth(n: m, sampleVariance: variance, range: range, alpha: alpha / 2)
        var lower = max(u - hoeffding, linearMean - bernstein), upper = min(u + hoeffding, linearMean + bernstein)
        if lower > upper { (lower, upper) = (u - hoeffding, u + hoeffding) }   // only on the ≤ α event of a miss
        return try StatisticalInterval(statistic: statistic, estimate: u, lower: lower, upper: upper, n: n, alpha: alpha,
                                       method: Self.boundMethod)
    }
}

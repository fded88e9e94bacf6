import DenseLinearAlgebra
import ReferenceLaws

/// Exact first two moments of an `OverdampedVariant` (correct PLMC/LMC or a mutant) under linear drift, from its
/// `MidpointMoments` alone (design "Mutant laws"; paper-notes §4.2; PN-V04).
///
/// In the eigenbasis of A (eigenvalue λ, x = ηλ, y = Qᵀ(X − m)) one step is y′ = β y + w with
///   E[β] = 1 − x + x² E[M],  Cov(β_k, β_l) = x_k² x_l² Var(M)  (M is shared by all coordinates),
///   E[w²] = 2η s² (1 − 2 c₁ x + c₂ x²),  c₁ = E[S_K·T]/K,  c₂ = E[T²]/K,  s² = σ²/(2h),
///   E[w | H] = 0, w independent of y, E[w_k w_l] = 0 for k ≠ l.
/// Hence μ′_k = E[β_k] μ_k, C′_kl = E[β_kβ_l] C_kl + Cov(β_k, β_l) μ_k μ_l + δ_kl E[w_k²], and the stationary
/// law (when E[β_k²] < 1 for all k) is N-moments (m, Q diag(σ_k²) Qᵀ) with
///   λ σ² = 2 s² (1 − 2c₁x + c₂x²) / (2 − x − 2(1 − x) x E[M] − x³ E[M²])
/// (1 − E[β²] = x·(the denominator), evaluated in this factored form without cancellation).
public struct MomentParameterisedScheme: Sendable, CustomStringConvertible {
    public let variant: OverdampedVariant
    public let moments: MidpointMoments

    public init(_ variant: OverdampedVariant) {
        self.variant = variant
        self.moments = MidpointMoments(variant)
    }

    public var description: String { variant.description }

    /// (1 − E[β²])/x at x = ηλ.
    func contractionDeficit(x: Double) -> Double {
        2 - x - 2 * (1 - x) * x * moments.meanM - x * x * x * moments.secondM
    }

    /// E[w²]/(2η) at x.
    func relativeNoise(x: Double) -> Double {
        moments.noiseScaleSquared * (1 - 2 * moments.cross * x + moments.secondT * x * x)
    }

    /// λσ² at x = ηλ (the stationary variance ratio r of paper-notes §4.2). Throws `.law` when E[β²] ≥ 1.
    public func stationaryVarianceRatio(x: Double) throws(VerificationError) -> Double {
        try require(x > 0 && x.isFinite, "x = ηλ", x, "must be finite and > 0")
        let deficit = contractionDeficit(x: x)
        guard deficit > 0 else {
            throw .law("\(variant) has no stationary law at x = ηλ = \(x): E[β²] ≥ 1 (mean-square unstable)")
        }
        return 2 * relativeNoise(x: x) / deficit
    }

    /// The exact stationary mean and covariance m, Q diag(rₖ/λₖ) Qᵀ.
    public func stationary(eta: Double, target: GaussianTarget) throws(VerificationError) -> ChainMoments {
        try require(eta > 0 && eta.isFinite, "η", eta, "must be finite and > 0")
        var variances: [Double] = []
        for lambda in target.eigenvalues {
            variances.append(try stationaryVarianceRatio(x: eta * lambda) / lambda)
        }
        do {
            return try ChainMoments(mean: target.mean, covariance: target.fromEigenbasis(diagonal: variances))
        } catch { throw .law("stationary law of \(variant): \(error)") }
    }

    /// The exact mean and covariance after n steps from an initial law with these first two moments.
    public func afterSteps(_ n: Int, eta: Double, target: GaussianTarget, from initial: ChainMoments)
        throws(VerificationError) -> ChainMoments
    {
        try require(n >= 0, "n", n, "must be ≥ 0")
        try require(eta > 0 && eta.isFinite, "η", eta, "must be finite and > 0")
        let d = target.dimension
        try require(initial.dimension == d, "initial law dimension", initial.dimension, "must equal d = \(d)")
        let xs = target.eigenvalues.map { eta * $0 }
        let meanBeta = xs.map { 1 - $0 + $0 * $0 * moments.meanM }
        let fluctuation = xs.map { $0 * $0 * moments.varianceM.squareRoot() }
        let noise = xs.map { 2 * eta * relativeNoise(x: $0) }
        let shifted = zip(initial.mean, target.mean).map { $0 - $1 }
        var mu = target.eigen.vectors.transposed * shifted
        var c = target.toEigenbasis(initial.covariance)
        for _ in 0..<n {
            var next = Matrix(rows: d, cols: d)
            for k in 0..<d {
                for l in 0..<d {
                    let ff = fluctuation[k] * fluctuation[l]
                    next[k, l] = (meanBeta[k] * meanBeta[l] + ff) * c[k, l] + ff * mu[k] * mu[l] + (k == l ? noise[k] : 0)
                }
            }
            for k in 0..<d { mu[k] *= meanBeta[k] }
            c = next
        }
        let mean = zip(target.eigen.vectors * mu, target.mean).map { $0 + $1 }
        let covariance = target.eigen.fromEigenbasis(c).symmetrized
        do { return try ChainMoments(mean: mean, covariance: covariance) } catch {
            throw .law("law of \(variant) after \(n) steps: \(error)")
        }
    }
}

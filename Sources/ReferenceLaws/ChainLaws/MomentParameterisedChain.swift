import DenseLinearAlgebra
import SchemeVocabulary

/// Exact first two moments of an overdamped variant (correct or mutated LMC, PLMC, RLMC) under linear drift, from its
/// `MidpointMoments` alone (docs/theory.md §4.2; PN-V04). This is how `ChainLaw` computes the laws of mutants.
///
/// In the eigenbasis of A (eigenvalue λ, x = ηλ, y = Qᵀ(X − m)) one step is y′ = β y + w with
///   E[β] = 1 − x + x² E[M],  Cov(β_k, β_l) = x_k² x_l² Var(M)  (M is shared by all coordinates),
///   E[w²] = 2η s² (1 − 2 c₁ x + c₂ x²),  E[w | H] = 0, w independent of y, E[w_k w_l] = 0 for k ≠ l.
/// Hence μ′_k = E[β_k] μ_k, C′_kl = E[β_kβ_l] C_kl + Cov(β_k, β_l) μ_k μ_l + δ_kl E[w_k²], and the stationary
/// law (when E[β_k²] < 1 for all k) has mean m and covariance Q diag(σ_k²) Qᵀ with
///   λ σ² = 2 s² (1 − 2c₁x + c₂x²) / (2 − x − 2(1 − x) x E[M] − x³ E[M²])
/// (1 − E[β²] = x·(the denominator), evaluated in this factored form without cancellation).
public struct MomentParameterisedChain: Sendable, CustomStringConvertible {
    public let variant: SchemeVariant
    public let moments: MidpointMoments

    public init(_ variant: SchemeVariant) throws(ChainLawError) {
        self.variant = variant
        self.moments = try MidpointMoments(variant)
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

    /// λσ² at x = ηλ (the stationary variance ratio of docs/theory.md §4.2). Throws `.unstable` when E[β²] ≥ 1.
    public func stationaryVarianceRatio(x: Double) throws(ChainLawError) -> Double {
        guard x > 0, x.isFinite else {
            throw .invalidParameter(name: "x = ηλ", value: x, requirement: "must be finite and > 0")
        }
        let deficit = contractionDeficit(x: x)
        guard deficit > 0 else {
            throw .unstable(scheme: variant.description,
                            condition: "E[β²] ≥ 1 at x = ηλ = \(x) (mean-square unstable)")
        }
        return 2 * relativeNoise(x: x) / deficit
    }

    /// The exact stationary mean and covariance m, Q diag(rₖ/λₖ) Qᵀ.
    public func stationary(eta: Double, drift: LinearDrift) throws(ChainLawError) -> ChainMoments {
        guard eta > 0, eta.isFinite else { throw .invalidStep(eta) }
        var variances: [Double] = []
        for lambda in drift.eigenvalues {
            variances.append(try stationaryVarianceRatio(x: eta * lambda) / lambda)
        }
        return try ChainLaw.checkedResult(mean: drift.mean,
                                          covariance: drift.eigen.fromEigenbasis(Matrix.diagonal(variances)).symmetrized,
                                          what: "the stationary law of \(variant)")
    }

    /// The exact mean and covariance after n steps from an initial law with these first two moments.
    public func afterSteps(_ n: Int, eta: Double, drift: LinearDrift, from initial: ChainMoments)
        throws(ChainLawError) -> ChainMoments
    {
        guard n >= 0 else { throw .invalidStepCount(n) }
        guard eta > 0, eta.isFinite else { throw .invalidStep(eta) }
        let d = drift.dimension
        guard initial.dimension == d else {
            throw .invalidInput(.dimensionMismatch(what: "initial law of \(variant)", expected: d, got: initial.dimension))
        }
        let xs = drift.eigenvalues.map { eta * $0 }
        let meanBeta = xs.map { 1 - $0 + $0 * $0 * moments.meanM }
        let fluctuation = xs.map { $0 * $0 * moments.varianceM.squareRoot() }
        let noise = xs.map { 2 * eta * relativeNoise(x: $0) }
        let shifted = zip(initial.mean, drift.mean).map { $0 - $1 }
        var mu = drift.eigen.vectors.transposed * shifted
        var c = drift.eigen.toEigenbasis(initial.covariance)
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
        let mean = zip(drift.eigen.vectors * mu, drift.mean).map { $0 + $1 }
        return try ChainLaw.checkedResult(mean: mean, covariance: drift.eigen.fromEigenbasis(c).symmetrized,
                                          what: "the law of \(variant) after \(n) steps")
    }
}

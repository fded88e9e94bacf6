import DenseLinearAlgebra
import Foundation

/// The Ornstein–Uhlenbeck process dX = −A(X − m) dt + √2 dB on ℝᵈ with A symmetric positive definite
/// (the overdamped Langevin diffusion for the Gaussian target π = N(m, A⁻¹), PN-L05).
///
/// From X₀ ~ N(m₀, S₀) the law at time t ≥ 0 is Gaussian with
///
///   mean       m + e^{−At}(m₀ − m),
///   covariance e^{−At} S₀ e^{−At} + A⁻¹(I − e^{−2At}),
///
/// evaluated in A's eigenbasis A = Q diag(a) Qᵀ: with S̃₀ = Qᵀ S₀ Q, the covariance is
/// Q [e^{−(aᵢ+aⱼ)t} S̃₀ᵢⱼ + δᵢⱼ (−expm1(−2aᵢt))/aᵢ] Qᵀ, so the noise term keeps full relative accuracy for
/// small t. The stationary law is N(m, A⁻¹). Validation: A symmetric within `Matrix.symmetryTolerance`,
/// finite and positive definite; m of dimension d; t ≥ 0 (t = +∞ gives the stationary law; NaN or t < 0
/// throws `GaussianLawError.invalidParameter`).
public struct OrnsteinUhlenbeck: Sendable {
    public let precision: Matrix
    public let center: [Double]
    private let eigen: SymmetricEigen

    /// dX = −A(X − m) dt + √2 dB with A = `precision`, m = `center`.
    public init(precision a: Matrix, center m: [Double]) throws(GaussianLawError) {
        do { try a.validateSymmetric("OU drift matrix A") } catch { throw .matrix(error) }
        try GaussianFactor.vector(m, "OU center m", count: a.rows)
        let symmetric = a.symmetrized
        _ = try GaussianFactor.cholesky(symmetric, "OU drift matrix A")   // positive definite, with the failing pivot
        let eigen = try GaussianFactor.eigen(symmetric, "OU drift matrix A")
        guard let smallest = eigen.values.first, smallest > 0 else {
            throw .matrix(.notPositiveDefinite(what: "OU drift matrix A",
                                               detail: "smallest eigenvalue \(eigen.values.first ?? .nan)"))
        }
        self.precision = symmetric
        self.center = m
        self.eigen = eigen
    }

    public var dimension: Int { center.count }

    /// The stationary law N(m, A⁻¹).
    public func stationaryLaw() throws(GaussianLawError) -> GaussianLaw {
        try GaussianLaw(mean: center, covariance: eigen.apply { 1 / $0 })
    }

    /// Mean and covariance at time t from N(m₀, S₀); S₀ may be only positive semi-definite (S₀ = 0 starts
    /// from the point m₀). S₀ must be symmetric and finite; t ∈ [0, ∞].
    public func transitionMoments(initialMean m0: [Double], initialCovariance s0: Matrix, time t: Double)
        throws(GaussianLawError) -> (mean: [Double], covariance: Matrix)
    {
        try GaussianFactor.requireTime(t, "OU time t")
        let d = dimension
        try GaussianFactor.vector(m0, "OU initial mean", count: d)
        do {
            try s0.validateSymmetric("OU initial covariance")
            try s0.validateDimension("OU initial covariance", d)
        } catch { throw .matrix(error) }
        let a = eigen.values
        let decay = a.map { exp(-$0 * t) }
        // Mean: m + Q diag(e^{−at}) Qᵀ (m₀ − m).
        let offset = zip(m0, center).map { $0 - $1 }
        let rotated = eigen.vectors.transposed * offset
        let mean = zip(center, eigen.vectors * zip(rotated, decay).map { $0 * $1 }).map { $0 + $1 }
        // Covariance in the eigenbasis.
        var inBasis = eigen.toEigenbasis(s0.symmetrized)
        for i in 0..<d { for j in 0..<d { inBasis[i, j] *= decay[i] * decay[j] } }
        for i in 0..<d { inBasis[i, i] += -expm1(-2 * a[i] * t) / a[i] }
        return (mean, eigen.fromEigenbasis(inBasis).symmetrized)
    }

    /// The law at time t ≥ 0 from X₀ ~ `initial` (always non-degenerate, since S₀ is positive definite).
    public func transitionLaw(from initial: GaussianLaw, time t: Double) throws(GaussianLawError) -> GaussianLaw {
        let (mean, covariance) = try transitionMoments(initialMean: initial.mean,
                                                       initialCovariance: initial.covariance, time: t)
        return try GaussianLaw(mean: mean, covariance: covariance)
    }

    /// The law at time t > 0 from the point x₀ (t = 0 would be a point mass and throws).
    public func transitionLaw(fromPoint x0: [Double], time t: Double) throws(GaussianLawError) -> GaussianLaw {
        guard t > 0 else {
            throw .invalidParameter(name: "OU time t", value: t, requirement: "must be > 0 from a point (t = 0 is a point mass)")
        }
        let (mean, covariance) = try transitionMoments(initialMean: x0,
                                                       initialCovariance: Matrix(rows: dimension, cols: dimension),
                                                       time: t)
        return try GaussianLaw(mean: mean, covariance: covariance)
    }
}

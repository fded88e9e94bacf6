import DenseLinearAlgebra
import Foundation
import Randomness

/// The Gaussian law N(μ, Σ) on ℝᵈ, d ≥ 1, with Σ symmetric positive definite:
///
///   log p(x) = −½ (x − μ)ᵀ Σ⁻¹ (x − μ) − ½ log det Σ − (d/2) log(2π).
///
/// Validation, in order, each a `GaussianLawError.matrix(…)`: Σ non-empty and square, every entry finite,
/// symmetric within `Matrix.symmetryTolerance` (relative to max(1, max|Σᵢⱼ|)), μ of dimension d with
/// finite entries, and Σ positive definite (GSL Cholesky; the failing pivot is reported). The stored
/// covariance is the symmetrised (Σ + Σᵀ)/2.
///
/// Sampling: X = μ + L Z with Σ = L Lᵀ (Cholesky) and Z ~ N(0, I) from `nextStandardNormal()` of the
/// injected generator, coordinates drawn in order 1…d.
public struct GaussianLaw: Sendable {
    public let mean: [Double]
    public let covariance: Matrix
    /// Σ = L Lᵀ.
    public let factor: CholeskyFactor

    public init(mean: [Double], covariance: Matrix) throws(GaussianLawError) {
        do { try covariance.validateSymmetric("covariance") } catch { throw .matrix(error) }
        try GaussianFactor.vector(mean, "mean", count: covariance.rows)
        let symmetric = covariance.symmetrized
        self.factor = try GaussianFactor.cholesky(symmetric, "covariance")
        self.mean = mean
        self.covariance = symmetric
    }

    /// N(0, I_d).
    public static func standard(dimension d: Int) throws(GaussianLawError) -> GaussianLaw {
        guard d >= 1 else {
            throw .invalidParameter(name: "dimension", value: Double(d), requirement: "must be ≥ 1")
        }
        return try GaussianLaw(mean: [Double](repeating: 0, count: d), covariance: .identity(d))
    }

    /// N(μ, σ²) in one dimension.
    public init(mean: Double, variance: Double) throws(GaussianLawError) {
        try self.init(mean: [mean], covariance: .diagonal([variance]))
    }

    public var dimension: Int { mean.count }

    /// log det Σ = 2 Σ log Lᵢᵢ.
    public var logDeterminant: Double { factor.logDeterminant }

    /// The Mahalanobis norm squared (x − μ)ᵀ Σ⁻¹ (x − μ) = |L⁻¹(x − μ)|².
    public func mahalanobisSquared(_ x: [Double]) throws(GaussianLawError) -> Double {
        try GaussianFactor.vector(x, "point", count: dimension)
        let y = factor.solveLower(zip(x, mean).map { $0 - $1 })
        return y.reduce(0) { $0 + $1 * $1 }
    }

    /// log p(x); throws for a point of the wrong dimension or with non-finite entries.
    public func logDensity(_ x: [Double]) throws(GaussianLawError) -> Double {
        let q = try mahalanobisSquared(x)
        return -0.5 * q - 0.5 * logDeterminant - Double(dimension) * LawArgument.halfLogTwoPi
    }

    public func density(_ x: [Double]) throws(GaussianLawError) -> Double { exp(try logDensity(x)) }

    /// One draw μ + L Z, Z ~ N(0, I), using `generator.nextStandardNormal()` d times.
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> [Double] {
        let d = dimension
        var z = [Double](repeating: 0, count: d)
        for i in 0..<d { z[i] = generator.nextStandardNormal() }
        var x = mean
        for i in 0..<d {
            var sum = 0.0
            for k in 0...i { sum += factor.lower[i, k] * z[k] }
            x[i] += sum
        }
        return x
    }

    /// The marginal law N(μᵢ, Σᵢᵢ) of coordinate i (0-based).
    public func marginal(_ i: Int) throws(GaussianLawError) -> Normal {
        guard i >= 0, i < dimension else {
            throw .invalidParameter(name: "coordinate", value: Double(i), requirement: "must lie in 0..<\(dimension)")
        }
        do { return try Normal(mean: mean[i], variance: covariance[i, i]) } catch { throw .gsl(error) }
    }

    /// P(Xᵢ ≤ x) for coordinate i (0-based).
    public func marginalCDF(coordinate i: Int, at x: Double) throws(GaussianLawError) -> Double {
        let law = try marginal(i)
        do { return try law.cdf(x) } catch { throw .gsl(error) }
    }

    /// Throws unless `other` has the same dimension.
    func requireSameDimension(_ other: GaussianLaw, _ what: String) throws(GaussianLawError) {
        guard other.dimension == dimension else {
            throw .matrix(.dimensionMismatch(what: what, expected: dimension, got: other.dimension))
        }
    }
}

import DenseLinearAlgebra
import Foundation
import ReferenceLaws

/// KL divergences between a finite Gaussian mixture and a Gaussian by one-dimensional quadrature (PN-V03).
///
/// With p the mixture, q the Gaussian and r = p/q: KL(p‖q) = E_q[r log r] = E_q[φ(ε)], ε = r − 1,
/// φ(ε) = (1 + ε) log(1 + ε) − ε ≥ 0 (E_q[ε] = 0). ε is a weighted sum of expm1 of per-component log ratios,
/// so it keeps full relative accuracy when the mixture is within O(η²) of q, and φ uses its series
/// Σ_{n≥2} (−ε)ⁿ/(n(n−1)) for |ε| < 0.1. Where a log ratio is large (far tails) the integrand is evaluated in
/// log space (q·(r log r − r + 1) with log r by log-sum-exp), so nothing overflows.
public enum MixtureDivergence {
    /// φ(ε) = (1 + ε) log(1 + ε) − ε, accurate for small |ε|.
    public static func phi(_ epsilon: Double) -> Double {
        if abs(epsilon) < 0.1 {
            var sum = 0.0
            var power = epsilon * epsilon
            var n = 2.0
            while n < 60 {
                let term = power / (n * (n - 1))
                sum += term
                if abs(term) <= 1e-18 * abs(sum) { break }
                power *= -epsilon
                n += 1
            }
            return sum
        }
        if !(1 + epsilon > 0) { return -epsilon }            // (1 + ε) log(1 + ε) → 0 as ε → −1
        return (1 + epsilon) * log1p(epsilon) - epsilon
    }

    /// q(u)·φ(ε(u)) from the log ratios ℓ_j = log(p_j/q) at u and the weights w_j (Σ w_j = 1), with log q(u).
    static func integrand(logRatios: [Double], weights: [Double], logDensity: Double) -> Double {
        let largest = logRatios.max() ?? 0
        if largest < 2 {
            var epsilon = 0.0
            for j in logRatios.indices { epsilon += weights[j] * expm1(logRatios[j]) }
            return exp(logDensity) * phi(epsilon)
        }
        var sum = 0.0
        for j in logRatios.indices { sum += weights[j] * exp(logRatios[j] - largest) }
        let logR = largest + log(sum)
        let rq = exp(logDensity + logR)
        return rq * logR - rq + exp(logDensity)
    }

    /// KL(Σ_j w_j N(0, v_j I_d) ‖ N(0, v I_d)): a shared-scale mixture against an isotropic Gaussian (C7).
    /// In the radius t = |y|/√v (χ_d-distributed under q) the ratio of component j is
    /// ρ_j^{d/2} exp(−t²(ρ_j − 1)/2), ρ_j = v/v_j, so KL = ∫₀^∞ φ(ε(t)) χ_d(t) dt (GSL QAGIU).
    public static func isotropicScaleMixture(weights: [Double], variances: [Double], referenceVariance v: Double,
                                             dimension d: Int, relativeTolerance: Double = 1e-10)
        throws(VerificationError) -> Double
    {
        try validate(weights: weights, count: variances.count)
        try require(d >= 1, "dimension", d, "must be ≥ 1")
        try require(v > 0 && v.isFinite && variances.allSatisfy { $0 > 0 && $0.isFinite }, "variances", variances,
                    "must be finite and > 0")
        let dd = Double(d)
        let logRho = variances.map { log(v / $0) }
        let rhoMinusOne = variances.map { (v - $0) / $0 }
        let logNormaliser = (dd / 2 - 1) * log(2) + lgamma(dd / 2)
        var ratios = [Double](repeating: 0, count: variances.count)
        let f: (Double) -> Double = { t in
            if t == 0 { return 0 }
            let t2 = t * t
            for j in ratios.indices { ratios[j] = 0.5 * dd * logRho[j] - 0.5 * t2 * rhoMinusOne[j] }
            let logDensity = (dd - 1) * log(t) - 0.5 * t2 - logNormaliser
            return integrand(logRatios: ratios, weights: weights, logDensity: logDensity)
        }
        return try integrate(f, from: 0, to: .infinity, relativeTolerance: relativeTolerance, what: "isotropic mixture KL")
    }

    /// KL(Σ_j w_j N(μ_j, v_j) ‖ N(μ, v)) in one dimension (C8): with y = μ + √v t, t ~ N(0, 1) under q,
    /// log(p_j/q) = ½ log(v/v_j) − (y − μ_j)²/(2v_j) + t²/2; KL = ∫ φ(ε(t)) φ_N(t) dt (GSL QAGI).
    public static func oneDimensionalMixture(weights: [Double], means: [Double], variances: [Double],
                                             referenceMean mu: Double, referenceVariance v: Double,
                                             relativeTolerance: Double = 1e-10) throws(VerificationError) -> Double {
        try validate(weights: weights, count: variances.count)
        try require(means.count == variances.count, "means", means.count, "need one per component")
        try require(v > 0 && v.isFinite && variances.allSatisfy { $0 > 0 && $0.isFinite }, "variances", variances,
                    "must be finite and > 0")
        let sd = v.squareRoot()
        let halfLogRatio = variances.map { 0.5 * log(v / $0) }
        var ratios = [Double](repeating: 0, count: variances.count)
        let logRootTwoPi = 0.5 * log(2 * Double.pi)
        let f: (Double) -> Double = { t in
            let y = mu + sd * t
            for j in ratios.indices {
                let z = y - means[j]
                ratios[j] = halfLogRatio[j] - z * z / (2 * variances[j]) + 0.5 * t * t
            }
            return integrand(logRatios: ratios, weights: weights, logDensity: -0.5 * t * t - logRootTwoPi)
        }
        return try integrate(f, from: -.infinity, to: .infinity, relativeTolerance: relativeTolerance,
                             what: "1-D mixture KL")
    }

    private static func validate(weights: [Double], count: Int) throws(VerificationError) {
        try require(!weights.isEmpty && weights.count == count, "mixture weights", weights.count,
                    "need one weight per component (≥ 1)")
        try require(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "mixture weights", weights, "must be finite and ≥ 0")
        let total = weights.reduce(0, +)
        try require(abs(total - 1) <= 1e-12, "Σ weights", total, "must be 1")
    }

    /// GSL's adaptive rule; when it stops on round-off (the integrand is accurate to ~1e-13 relative, below the
    /// requested tolerance for tiny divergences) its estimate is accepted if its own error estimate is within
    /// `acceptedRoundoff` relative.
    private static func integrate(_ f: (Double) -> Double, from a: Double, to b: Double, relativeTolerance: Double,
                                  what: String) throws(VerificationError) -> Double {
        do {
            let result = try Quadrature.integrate(f, from: a, to: b, absoluteTolerance: 0,
                                                  relativeTolerance: relativeTolerance, limit: 2000)
            return result.value
        } catch let .notConverged(_, estimate, errorEstimate) where errorEstimate <= acceptedRoundoff * abs(estimate) {
            return estimate
        } catch {
            throw .numerical("\(what): \(error)")
        }
    }

    /// Relative error estimate accepted when the quadrature reports round-off.
    public static let acceptedRoundoff = 1e-5
}

/// Gauss–Hermite nodes and weights for E[f(Z)], Z ~ N(0, 1) (probabilists' Hermite): by Golub–Welsch, the
/// nodes are the eigenvalues of the symmetric tridiagonal Jacobi matrix J with J_{k,k+1} = √k (k = 1…n−1) and
/// the weights the squared first components of its unit eigenvectors (ReferenceLaws `SymmetricEigen`, GSL).
/// Exact for polynomials of degree ≤ 2n − 1 (PN-V03).
public struct GaussHermiteRule: Sendable, Equatable {
    public let nodes: [Double]
    public let weights: [Double]

    /// Throws unless 1 ≤ n ≤ 200.
    public init(points n: Int) throws(VerificationError) {
        try require(n >= 1 && n <= 200, "Gauss–Hermite points", n, "must lie in 1…200")
        var jacobi = Matrix(rows: n, cols: n)
        for k in 1..<max(n, 1) where k < n {
            let b = Double(k).squareRoot()
            jacobi[k - 1, k] = b
            jacobi[k, k - 1] = b
        }
        let eigen: SymmetricEigen
        do { eigen = try SymmetricEigen(jacobi, what: "Gauss–Hermite Jacobi matrix") } catch {
            throw .numerical("Gauss–Hermite nodes: \(error)")
        }
        nodes = eigen.values
        weights = (0..<n).map { eigen.vectors[0, $0] * eigen.vectors[0, $0] }
    }

    /// Σ wᵢ f(xᵢ) ≈ E[f(Z)].
    public func expectation(_ f: (Double) throws -> Double) rethrows -> Double {
        var sum = 0.0
        for (x, w) in zip(nodes, weights) { sum += w * (try f(x)) }
        return sum
    }
}

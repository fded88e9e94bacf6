import DenseLinearAlgebra
import Foundation
import SchemeVocabulary

/// A data law Σₖ wₖ N(μₖ, Σₖ) on ℝᵈ with full covariances, and its exact noisy marginals under the variance-preserving
/// forward process x = √ᾱ x₀ + √(1 − ᾱ) ε (docs/theory.md §8.9; PN-D01):
///
///   p_ᾱ = Σₖ wₖ N(√ᾱ μₖ, Cₖ),  Cₖ = ᾱ Σₖ + (1 − ᾱ) I,
///   ε*(x, ᾱ) = −√(1 − ᾱ) ∇log p_ᾱ(x) = √(1 − ᾱ) Σₖ rₖ(x) Cₖ⁻¹ (x − √ᾱ μₖ),
///   rₖ(x) = softmaxₖ(log wₖ + log N(x; √ᾱ μₖ, Cₖ)),
///
/// at any continuous ᾱ ∈ (0, 1] (ᾱ = 1 is the data law itself). Each Σₖ is diagonalised once (Σₖ = Qₖ Λₖ Qₖᵀ, GSL), so
/// at a level ᾱ the inverse Cₖ⁻¹ = Qₖ diag(1/(ᾱλ + 1 − ᾱ)) Qₖᵀ and log det Cₖ = Σ log(ᾱλ + 1 − ᾱ) need no factorisation
/// and stay accurate for sharp components; responsibilities are combined by log-sum-exp.
///
/// Validation (each a `DiffusionError.invalidData` naming the entry): 1 … `maximumComponents` components of one
/// dimension 1 … `maximumDimension`; weights finite and positive, summing to 1 within 10⁻⁹; means finite; covariances
/// symmetric (relative 10⁻¹⁰) and positive definite (smallest eigenvalue > 0, condition number ≤ 10¹²).
public struct GaussianMixtureLaw: Sendable {
    public let weights: [Double]
    public let means: [[Double]]
    public let covariances: [Matrix]
    /// Eigenvalues λₖ (ascending) of each Σₖ.
    public let eigenvalues: [[Double]]
    /// Eigenvectors of each Σₖ, row-major d × d with the eigenvectors in the columns.
    let eigenvectors: [[Double]]

    public static let maximumComponents = 4096
    public static let maximumDimension = 4096
    public static let maximumCondition = 1e12

    public init(weights: [Double], means: [[Double]], covariances: [Matrix]) throws(DiffusionError) {
        let k = weights.count
        guard k >= 1, k <= Self.maximumComponents else {
            throw .invalidData("needs 1 … \(Self.maximumComponents) components, got \(k)")
        }
        guard means.count == k, covariances.count == k else {
            throw .invalidData("\(k) weights but \(means.count) means and \(covariances.count) covariances")
        }
        let d = means[0].count
        guard d >= 1, d <= Self.maximumDimension else {
            throw .invalidData("the dimension must be 1 … \(Self.maximumDimension), got \(d)")
        }
        for (i, w) in weights.enumerated() where !(w.isFinite && w > 0) {
            throw .invalidData("weight \(i + 1) is \(w); weights must be finite and positive")
        }
        let total = weights.reduce(0, +)
        guard abs(total - 1) <= 1e-9 else { throw .invalidData("the weights sum to \(total), not 1") }
        var values: [[Double]] = [], vectors: [[Double]] = []
        for i in 0..<k {
            guard means[i].count == d else {
                throw .invalidData("mean \(i + 1) has dimension \(means[i].count), expected \(d)")
            }
            if let j = means[i].firstIndex(where: { !$0.isFinite }) {
                throw .invalidData("mean \(i + 1) has a non-finite entry \(means[i][j]) at \(j + 1)")
            }
            let sigma = covariances[i]
            guard sigma.rows == d, sigma.cols == d else {
                throw .invalidData("covariance \(i + 1) is \(sigma.rows)×\(sigma.cols), expected \(d)×\(d)")
            }
            let eigen: SymmetricEigen
            do {
                try sigma.validateFinite("covariance \(i + 1)")
                eigen = try SymmetricEigen(sigma, what: "covariance \(i + 1)")
            } catch let error as MatrixError {
                throw .invalidData(error.description)
            } catch {
                throw .invalidData("covariance \(i + 1): \(error)")
            }
            let smallest = eigen.values[0], largest = eigen.values[d - 1]
            guard smallest > 0, largest <= Self.maximumCondition * smallest else {
                throw .invalidData("covariance \(i + 1) is not positive definite (eigenvalues \(smallest) … \(largest)"
                    + ", condition limit \(Self.maximumCondition))")
            }
            values.append(eigen.values)
            vectors.append(eigen.vectors.storage)
        }
        self.weights = weights
        self.means = means
        self.covariances = covariances.map(\.symmetrized)
        eigenvalues = values
        eigenvectors = vectors
    }

    /// One Gaussian N(μ, Σ).
    public init(mean: [Double], covariance: Matrix) throws(DiffusionError) {
        try self.init(weights: [1], means: [mean], covariances: [covariance])
    }

    public var dimension: Int { means[0].count }
    public var componentCount: Int { weights.count }

    /// The exact mean Σ wₖ μₖ of the data law.
    public var mean: [Double] {
        (0..<dimension).map { j in zip(weights, means).reduce(0) { $0 + $1.0 * $1.1[j] } }
    }

    /// The exact covariance Σ wₖ (Σₖ + μₖμₖᵀ) − μμᵀ of the data law.
    public var covariance: Matrix {
        let d = dimension, m = mean
        var c = Matrix(rows: d, cols: d)
        for (w, (mu, sigma)) in zip(weights, zip(means, covariances)) {
            for i in 0..<d { for j in 0..<d { c[i, j] += w * (sigma[i, j] + (mu[i] - m[i]) * (mu[j] - m[j])) } }
        }
        return c.symmetrized
    }

    /// log p_ᾱ(x), the log-density of the noisy marginal (ᾱ = 1: the data law).
    public func logDensity(_ x: [Double], alphaBar: Double) -> Double {
        let level = level(alphaBar: alphaBar)
        var best = -Double.infinity
        var logits = [Double](repeating: 0, count: componentCount)
        for k in 0..<componentCount {
            logits[k] = level.componentLogit(k, x)
            best = max(best, logits[k])
        }
        return best + log(logits.reduce(0) { $0 + exp($1 - best) })
    }

    /// The responsibilities rₖ(x) of the components at level ᾱ (ᾱ = 1: under the data law).
    public func responsibilities(_ x: [Double], alphaBar: Double) -> [Double] {
        let level = level(alphaBar: alphaBar)
        let logits = (0..<componentCount).map { level.componentLogit($0, x) }
        let best = logits.max() ?? 0
        let e = logits.map { exp($0 - best) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
}

/// Everything ε* needs at one level ᾱ: Cₖ⁻¹ (row-major, dense, symmetric), √ᾱ μₖ, and
/// log wₖ − ½ log det Cₖ − (d/2) log 2π.
public struct GaussianMixtureLevel: Sendable {
    public let alphaBar: Double
    /// √(1 − ᾱ).
    public let noiseScale: Double
    let dimension: Int
    let inverses: [Double]
    let shiftedMeans: [Double]
    let logNormalisers: [Double]

    /// The log-weight plus log N(x; √ᾱ μₖ, Cₖ) of component k (single point, not on the hot path).
    func componentLogit(_ k: Int, _ x: [Double]) -> Double {
        let d = dimension
        var quadratic = 0.0
        for i in 0..<d {
            var row = 0.0
            for j in 0..<d { row += inverses[k * d * d + i * d + j] * (x[j] - shiftedMeans[k * d + j]) }
            quadratic += (x[i] - shiftedMeans[k * d + i]) * row
        }
        return logNormalisers[k] - 0.5 * quadratic
    }
}

extension GaussianMixtureLaw {
    /// The level-ᾱ precomputation: d³ work per component.
    public func level(alphaBar: Double) -> GaussianMixtureLevel {
        let d = dimension, kCount = componentCount
        let rootAlphaBar = alphaBar.squareRoot(), noise = 1 - alphaBar
        var inverses = [Double](repeating: 0, count: kCount * d * d)
        var shifted = [Double](repeating: 0, count: kCount * d)
        var normalisers = [Double](repeating: 0, count: kCount)
        var inverseValues = [Double](repeating: 0, count: d)
        for k in 0..<kCount {
            var logDeterminant = 0.0
            for j in 0..<d {
                let c = alphaBar * eigenvalues[k][j] + noise
                inverseValues[j] = 1 / c
                logDeterminant += log(c)
            }
            let q = eigenvectors[k]
            inverses.withUnsafeMutableBufferPointer { out in
                let base = k * d * d
                for i in 0..<d {
                    for j in i..<d {
                        var sum = 0.0
                        for l in 0..<d { sum += q[i * d + l] * inverseValues[l] * q[j * d + l] }
                        out[base + i * d + j] = sum
                        out[base + j * d + i] = sum
                    }
                }
            }
            for j in 0..<d { shifted[k * d + j] = rootAlphaBar * means[k][j] }
            normalisers[k] = log(weights[k]) - 0.5 * logDeterminant - 0.5 * Double(d) * log(2 * Double.pi)
        }
        return GaussianMixtureLevel(alphaBar: alphaBar, noiseScale: noise.squareRoot(), dimension: d, inverses: inverses,
                                    shiftedMeans: shifted, logNormalisers: normalisers)
    }
}

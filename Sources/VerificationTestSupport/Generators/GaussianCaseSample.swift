// One generated Gaussian target N(m, A⁻¹) with drift −A(x − m): the basic case of the property tests.
import DenseLinearAlgebra
import Foundation
import Randomness

/// A Gaussian case: dimension d, precision matrix A = Q diag(λ) Qᵀ (symmetric positive definite), mean m.
///
/// The spectrum is λᵢ = λ_min · κ^{tᵢ} with positions t₀ = 0 and t₁ = 1 (so λ_max/λ_min = κ exactly, up to
/// the one rounding of λ_min·κ) and further positions in [0, 1] (log-uniform eigenvalues). Q is Haar-random on
/// O(d), regenerated from `rotationSeed` (so shrinking can rebuild it at a smaller d), or the identity for a
/// diagonal case. The drift of the Langevin dynamics targeting this law is b(x) = −A(x − m)
/// (docs/theory.md §4: Gaussian/OU targets, arXiv 2405.17068 §2).
public struct GaussianCaseSample: Sendable, Equatable, CustomStringConvertible {
    public let dimension: Int
    /// λ_min > 0.
    public let smallestEigenvalue: Double
    /// κ = λ_max / λ_min ≥ 1 (1 when d = 1).
    public let conditionNumber: Double
    /// tᵢ ∈ [0, 1]: λᵢ = λ_min · κ^{tᵢ}; t₀ = 0 and, for d ≥ 2, t₁ = 1.
    public let spectrumPositions: [Double]
    /// The seed of the Haar rotation (unused when `isDiagonal`).
    public let rotationSeed: UInt64
    /// True when Q = I, i.e. A = diag(λ).
    public let isDiagonal: Bool
    /// λᵢ, in the order of the columns of `eigenvectors`.
    public let eigenvalues: [Double]
    /// Q, orthogonal: A qⱼ = λⱼ qⱼ for column qⱼ.
    public let eigenvectors: Matrix
    /// A = Q diag(λ) Qᵀ, exactly symmetric.
    public let precision: Matrix
    /// m.
    public let mean: [Double]

    /// Builds a case; throws for d < 1, λ_min or κ not finite and positive (κ ≥ 1), positions not d values in
    /// [0, 1] beginning 0, 1, or a mean of the wrong length or with non-finite entries.
    public init(
        dimension: Int, smallestEigenvalue: Double, conditionNumber: Double, spectrumPositions: [Double],
        rotationSeed: UInt64, isDiagonal: Bool, mean: [Double]
    ) throws(TestSupportError) {
        try require(dimension >= 1, "dimension", dimension, "must be ≥ 1")
        try require(smallestEigenvalue > 0 && smallestEigenvalue.isFinite, "λ_min", smallestEigenvalue, "must be finite and > 0")
        try require(conditionNumber >= 1 && conditionNumber.isFinite, "κ", conditionNumber, "must be finite and ≥ 1")
        try require(dimension > 1 || conditionNumber == 1, "κ", conditionNumber, "must be 1 when d = 1")
        try require(spectrumPositions.count == dimension, "spectrum positions", spectrumPositions.count, "need d = \(dimension) values")
        try require(spectrumPositions.allSatisfy { $0 >= 0 && $0 <= 1 }, "spectrum positions", spectrumPositions, "must lie in [0, 1]")
        try require(spectrumPositions[0] == 0 && (dimension == 1 || spectrumPositions[1] == 1),
                    "spectrum positions", spectrumPositions, "must begin with 0, 1 (so κ is exact)")
        try require(mean.count == dimension, "mean", mean.count, "needs d = \(dimension) entries")
        try require(mean.allSatisfy(\.isFinite), "mean", mean, "entries must be finite")

        self.dimension = dimension
        self.smallestEigenvalue = smallestEigenvalue
        self.conditionNumber = conditionNumber
        self.spectrumPositions = spectrumPositions
        self.rotationSeed = rotationSeed
        self.isDiagonal = isDiagonal
        self.mean = mean
        let lambdas = spectrumPositions.map { t -> Double in
            switch t {
            case 0: return smallestEigenvalue
            case 1: return smallestEigenvalue * conditionNumber
            default: return smallestEigenvalue * pow(conditionNumber, t)
            }
        }
        self.eigenvalues = lambdas
        var q = Matrix.identity(dimension)
        if !isDiagonal {
            var rng = Xoshiro256StarStar(seed: rotationSeed)
            // Haar rotation by Householder QR of a Gaussian matrix with the sign fix (Mezzadri 2007, §5).
            do { q = try Matrix.randomOrthogonal(dimension) { rng.nextStandardNormal() } } catch {
                throw .invalidParameter(name: "rotation", value: "d = \(dimension)", requirement: error.description)
            }
        }
        self.eigenvectors = q
        var a = Matrix(rows: dimension, cols: dimension)
        for i in 0..<dimension {
            for j in i..<dimension {
                var sum = 0.0
                for k in 0..<dimension { sum += q[i, k] * lambdas[k] * q[j, k] }
                a[i, j] = sum
                a[j, i] = sum
            }
        }
        self.precision = a
    }

    /// λ_max = λ_min · κ.
    public var largestEigenvalue: Double { eigenvalues.max() ?? smallestEigenvalue }

    /// True when every entry of m is zero.
    public var hasZeroMean: Bool { mean.allSatisfy { $0 == 0 } }

    /// Prints d, κ, λ, the diagonal flag, the rotation seed, A row by row and m (shortest round-trip decimals).
    public var description: String {
        var lines = ["GaussianCaseSample(d = \(dimension), κ = \(conditionNumber), λ_min = \(smallestEigenvalue), "
            + "diagonal = \(isDiagonal), rotation seed = \(rotationSeed))"]
        lines.append("  λ = \(eigenvalues)")
        for i in 0..<dimension {
            lines.append((i == 0 ? "  A = [" : "       ") + precision.row(i).map { "\($0)" }.joined(separator: ", ")
                + (i == dimension - 1 ? "]" : ";"))
        }
        lines.append("  m = \(mean)")
        return lines.joined(separator: "\n")
    }

    /// A copy with some fields replaced (positions and mean are adapted to a new dimension by truncation;
    /// d = 1 forces κ = 1).
    func with(
        dimension newDimension: Int? = nil, conditionNumber newKappa: Double? = nil, isDiagonal newDiagonal: Bool? = nil,
        mean newMean: [Double]? = nil, smallestEigenvalue newLambda: Double? = nil
    ) -> GaussianCaseSample? {
        let d = newDimension ?? dimension
        let kappa = d == 1 ? 1 : (newKappa ?? conditionNumber)
        let positions = Array(spectrumPositions.prefix(d))
        let m = Array((newMean ?? mean).prefix(d))
        return try? GaussianCaseSample(
            dimension: d, smallestEigenvalue: newLambda ?? smallestEigenvalue, conditionNumber: kappa,
            spectrumPositions: positions, rotationSeed: rotationSeed, isDiagonal: newDiagonal ?? isDiagonal, mean: m)
    }
}

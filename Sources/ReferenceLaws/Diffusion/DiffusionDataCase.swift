import DenseLinearAlgebra
import Foundation
import Randomness
import SchemeVocabulary

/// The built-in data laws of the diffusion checks (docs/theory.md §8.9; PN-D01): Gaussian mixtures with exact scores,
/// chosen to stress what the samplers differ in — sharp components (the low-noise end), unequal weights (mode
/// coverage), dimension (the shared flags of PLMC), and one Gaussian (exact output laws).
public enum DiffusionDataCase: String, Sendable, CaseIterable, CustomStringConvertible {
    /// 8 modes on the circle of radius 2, weights ∝ 1, …, 8, sharp components: variances 0.01 (even modes, isotropic)
    /// and 0.02 × 0.005 along and across the circle (odd modes).
    case ring8 = "ring-8"
    /// d = 16, 8 components, seeded random means N(0, 4I) and covariances Q diag(λ) Qᵀ (Haar Q, λ log-uniform in
    /// [0.05, 1]), Dirichlet-like weights.
    case mixtureD16 = "mixture-d16"
    /// The same recipe at d = 64 (the speed benchmark's law).
    case mixtureD64 = "mixture-d64"
    /// 1-D, weights 0.3 / 0.7, means −1.5 and 1, variances 0.1 and 0.3.
    case twoMode1D = "two-mode-1d"
    /// One Gaussian, d = 2: μ = (0.3, −0.5), Σ = [[1, 0.3], [0.3, 0.5]] (exact output laws, PN-D04).
    case gaussian2D = "gaussian-2d"

    public var description: String { rawValue }

    /// The data law (built deterministically; the random cases from a fixed seed of the package's own generator).
    public func law() throws(DiffusionError) -> GaussianMixtureLaw {
        switch self {
        case .ring8:
            let total = 36.0
            var weights: [Double] = [], means: [[Double]] = [], covariances: [Matrix] = []
            for k in 0..<8 {
                let angle = Double(k) * Double.pi / 4
                let (c, s) = (cos(angle), sin(angle))
                weights.append(Double(k + 1) / total)
                means.append([2 * c, 2 * s])
                if k % 2 == 0 {
                    covariances.append(0.01 * Matrix.identity(2))
                } else {
                    // 0.02 along the tangent (−s, c), 0.005 along the radius (c, s).
                    let along = 0.02, across = 0.005
                    covariances.append(try! Matrix([[along * s * s + across * c * c, (across - along) * s * c],
                                                    [(across - along) * s * c, along * c * c + across * s * s]]))
                }
            }
            return try GaussianMixtureLaw(weights: weights, means: means, covariances: covariances)
        case .mixtureD16: return try Self.randomMixture(dimension: 16, components: 8, seed: 0x16)
        case .mixtureD64: return try Self.randomMixture(dimension: 64, components: 8, seed: 0x64)
        case .twoMode1D:
            return try GaussianMixtureLaw(weights: [0.3, 0.7], means: [[-1.5], [1]],
                                          covariances: [Matrix.diagonal([0.1]), Matrix.diagonal([0.3])])
        case .gaussian2D:
            return try GaussianMixtureLaw(mean: [0.3, -0.5], covariance: try! Matrix([[1, 0.3], [0.3, 0.5]]))
        }
    }

    /// The seeded recipe of the random cases: weights (1 + Uₖ)/Σ, means 2·N(0, I), covariances Q diag(λ) Qᵀ with Q Haar
    /// and log λ uniform on [log 0.05, 0], from `Xoshiro256StarStar(seed:)` in that order.
    static func randomMixture(dimension d: Int, components k: Int, seed: UInt64) throws(DiffusionError) -> GaussianMixtureLaw {
        var generator = Xoshiro256StarStar(seed: seed)
        let raw = (0..<k).map { _ in 1 + generator.nextUniform() }
        let total = raw.reduce(0, +)
        let weights = raw.map { $0 / total }
        let means = (0..<k).map { _ in (0..<d).map { _ in 2 * generator.nextStandardNormal() } }
        var covariances: [Matrix] = []
        for _ in 0..<k {
            let lambda = (0..<d).map { _ in exp(log(0.05) * generator.nextUniform()) }
            do {
                let q = try Matrix.randomOrthogonal(d) { generator.nextStandardNormal() }
                covariances.append(try Matrix.symmetric(rotation: q, eigenvalues: lambda))
            } catch { throw .invalidData("random covariance: \(error)") }
        }
        return try GaussianMixtureLaw(weights: weights, means: means, covariances: covariances)
    }
}

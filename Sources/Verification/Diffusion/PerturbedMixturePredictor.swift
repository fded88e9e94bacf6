import DenseLinearAlgebra
import Foundation
import Randomness
import ReferenceLaws
import SchemeVocabulary

/// The seeded smooth score error of `ScorePerturbation` on Gaussian-mixture data, for the Monte Carlo engine
/// (docs/theory.md §8.11; PN-D07):
///
///   ε̂(y, ᾱ) = (1 + r cos θ(ᾱ)) ε*(y, ᾱ) + r sin θ(ᾱ) ρ(ᾱ) u,   ρ(ᾱ)² = E_{p_ᾱ} ‖ε*‖²,
///
/// with θ, u and r those of the perturbation. E_{p_ᾱ} ε* = −√(1 − ᾱ) E ∇log p_ᾱ = 0 for any smooth density, so the two
/// parts of δ = ε̂ − ε* are orthogonal in L²(p_ᾱ) and E‖δ‖² = r² E‖ε*‖² exactly — provided ρ(ᾱ)² is exact. For a mixture
/// it has no closed form: it is computed at each level by quadrature under each noisy component N(√ᾱ μₖ, Cₖ),
/// ρ² = Σₖ wₖ E‖ε*(√ᾱ μₖ + Lₖ z)‖², Cₖ = LₖLₖᵀ, with a tensor Gauss–Hermite rule (`pointsPerAxis`) for d ≤ 2 and,
/// for d > 2, the mean over `fixedDraws` seeded standard normal z per component (the same z at every ᾱ, so ρ stays a
/// smooth function of ᾱ; an estimate, not exact). For one Gaussian the quadrature is exact (ε* is affine) and equals
/// (1 − ᾱ) tr C⁻¹, the Gaussian route's value. δ is a fixed function of (y, ᾱ): never fresh noise per call.
public struct PerturbedMixturePredictor: NoisePredictor {
    public let law: GaussianMixtureLaw
    public let perturbation: ScorePerturbation
    let direction: [Double]
    /// Standard-normal quadrature points (row-major, count × d) and their weights.
    let points: [Double]
    let pointWeights: [Double]

    /// Gauss–Hermite nodes per axis: 64 for d = 1, 24 for d = 2.
    public static func pointsPerAxis(dimension d: Int) -> Int { d == 1 ? 64 : 24 }
    public static let fixedDraws = 256

    public init(law: GaussianMixtureLaw, perturbation: ScorePerturbation) throws {
        self.law = law
        self.perturbation = perturbation
        let d = law.dimension
        direction = perturbation.direction(dimension: d)
        if d <= 2 {
            let rule = try GaussHermiteRule(points: Self.pointsPerAxis(dimension: d))
            if d == 1 {
                points = rule.nodes
                pointWeights = rule.weights
            } else {
                var p: [Double] = [], w: [Double] = []
                for (a, wa) in zip(rule.nodes, rule.weights) {
                    for (b, wb) in zip(rule.nodes, rule.weights) { p += [a, b]; w.append(wa * wb) }
                }
                points = p
                pointWeights = w
            }
        } else {
            var g = Xoshiro256StarStar(seed: perturbation.seed &+ 0xD1CE)
            points = (0..<(Self.fixedDraws * d)).map { _ in g.nextStandardNormal() }
            pointWeights = [Double](repeating: 1 / Double(Self.fixedDraws), count: Self.fixedDraws)
        }
    }

    public var dimension: Int { law.dimension }

    public struct Level: Sendable {
        let base: GaussianMixtureLevel
        let scale: Double
        /// r sin θ ρ u.
        let offset: [Double]
        public let rms: Double
    }

    /// ρ(ᾱ) = (E_{p_ᾱ} ‖ε*‖²)^{1/2} by the quadrature of the type's comment.
    public func rootMeanSquare(alphaBar: Double) -> Double {
        let d = dimension, count = pointWeights.count
        let base = law.level(alphaBar: alphaBar)
        var workspace = law.makeWorkspace(maximumRows: count)
        var y = [Double](repeating: 0, count: count * d), eps = y
        var total = 0.0
        for k in 0..<law.componentCount {
            // Lₖ: Cholesky of ᾱΣₖ + (1 − ᾱ)I.
            var c = law.covariances[k]
            for i in 0..<d { for j in 0..<d { c[i, j] *= alphaBar } }
            for i in 0..<d { c[i, i] += 1 - alphaBar }
            guard let factor = try? CholeskyFactor(c, what: "noisy component covariance") else { return .nan }
            let l = factor.lower
            for r in 0..<count {
                for i in 0..<d {
                    var s = alphaBar.squareRoot() * law.means[k][i]
                    for j in 0...i { s += l[i, j] * points[r * d + j] }
                    y[r * d + i] = s
                }
            }
            y.withUnsafeBufferPointer { yb in
                eps.withUnsafeMutableBufferPointer { eb in
                    law.predict(yb.baseAddress!, rows: count, at: base, into: eb.baseAddress!, workspace: &workspace)
                }
            }
            var sum = 0.0
            for r in 0..<count {
                var sq = 0.0
                for i in 0..<d { sq += eps[r * d + i] * eps[r * d + i] }
                sum += pointWeights[r] * sq
            }
            total += law.weights[k] * sum
        }
        return total.squareRoot()
    }

    public func level(alphaBar: Double) -> Level {
        let rms = rootMeanSquare(alphaBar: alphaBar)
        let (scale, offset) = perturbation.coefficients(alphaBar: alphaBar)
        return Level(base: law.level(alphaBar: alphaBar), scale: scale, offset: direction.map { offset * rms * $0 },
                     rms: rms)
    }

    public func makeWorkspace(maximumRows: Int) -> GaussianMixtureWorkspace { law.makeWorkspace(maximumRows: maximumRows) }

    public func predict(_ states: UnsafePointer<Double>, rows: Int, at level: Level, into output: UnsafeMutablePointer<Double>,
                        workspace: inout GaussianMixtureWorkspace) {
        law.predict(states, rows: rows, at: level.base, into: output, workspace: &workspace)
        let d = dimension
        level.offset.withUnsafeBufferPointer { offset in
            for r in 0..<rows {
                let o = output + r * d
                for j in 0..<d { o[j] = level.scale * o[j] + offset[j] }
            }
        }
    }
}

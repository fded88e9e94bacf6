import Foundation
import Randomness
import SchemeVocabulary

/// A deterministic, seeded, smooth error of the noise prediction with relative L² size r at every noise level
/// (docs/theory.md §8.11; PN-D07): on Gaussian data with exact prediction ε*(y, ᾱ) = √(1 − ᾱ) C⁻¹(y − √ᾱ μ),
///
///   ε̂(y, ᾱ) = ε* + δ,  δ(y, ᾱ) = r [cos θ(ᾱ) ε*(y, ᾱ) + sin θ(ᾱ) ρ(ᾱ) u],  ρ(ᾱ)² = E‖ε*‖² = (1 − ᾱ) tr C⁻¹,
///
/// with u a seeded unit vector and θ(ᾱ) = a₁ sin(ω₁λ + φ₁) + a₂ sin(ω₂λ + φ₂) a seeded smooth function of the half
/// log-SNR λ. Since E_{p_ᾱ} ε* = 0, the two parts are orthogonal in L²(p_ᾱ) and E‖δ‖² = r² E‖ε*‖² exactly, at every ᾱ.
/// δ is affine in y (a network's error is a fixed function of (y, ᾱ), never fresh noise per call), so the output laws
/// stay exact (`DiffusionOutputLaw.moments(of:mutation:dataMean:dataCovariance:perturbation:)`).
public struct ScorePerturbation: Sendable, Equatable {
    public let relativeSize: Double
    public let seed: UInt64
    let amplitudes: [Double]
    let frequencies: [Double]
    let phases: [Double]

    /// Throws unless 0 ≤ r ≤ 1 is finite.
    public init(relativeSize r: Double, seed: UInt64 = 0x5C0E) throws(DiffusionError) {
        guard r.isFinite, r >= 0, r <= 1 else {
            throw .invalidSampler("the relative score error must be in [0, 1], got \(r)")
        }
        relativeSize = r
        self.seed = seed
        var g = Xoshiro256StarStar(seed: seed)
        amplitudes = (0..<2).map { _ in Double.pi * g.nextUniform() }
        frequencies = (0..<2).map { _ in 0.2 + 0.8 * g.nextUniform() }
        phases = (0..<2).map { _ in 2 * Double.pi * g.nextUniform() }
    }

    /// θ(ᾱ).
    public func angle(alphaBar: Double) -> Double {
        let lambda = NoiseSchedule.halfLogSNR(alphaBar)
        return (0..<2).reduce(0.0) { $0 + amplitudes[$1] * sin(frequencies[$1] * lambda + phases[$1]) }
    }

    /// (1 + r cos θ, r sin θ): ε̂ = (1 + r cos θ) ε* + r sin θ ρ u.
    public func coefficients(alphaBar: Double) -> (scale: Double, offset: Double) {
        let theta = angle(alphaBar: alphaBar)
        return (1 + relativeSize * cos(theta), relativeSize * sin(theta))
    }

    /// The seeded unit vector u in d dimensions (a second stream of the same seed).
    public func direction(dimension d: Int) -> [Double] {
        var g = Xoshiro256StarStar(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        var u = (0..<d).map { _ in g.nextStandardNormal() }
        let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { u = u.map { $0 / norm } } else { u = [1] + [Double](repeating: 0, count: d - 1) }
        return u
    }
}

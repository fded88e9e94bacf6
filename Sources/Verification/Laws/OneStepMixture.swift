import Foundation
import ReferenceLaws
import SchemeVocabulary

/// One component of a one-step law: with probability `weight`, y′ ~ N(meanFactor·y, noiseVariance) in one
/// eigen-coordinate (per coordinate, independent across coordinates given the flags).
public struct MixtureComponent: Sendable, Equatable {
    public let weight: Double
    public let meanFactor: Double
    public let noiseVariance: Double
}

/// The exact one-step law of an overdamped `SchemeVariant` (LMC, PLMC or a mutant of it) with finite K in one eigen-coordinate (eigenvalue λ,
/// x = ηλ): conditional on the flag pattern H the step y′ = β_H y + w_H is Gaussian, so the law is the finite
/// mixture Σ_H w_H N(β_H y, v_H) over the 2^K patterns (claims C7/C8; PN-V03, PN-V04):
///   w_H = p^{|H|}(1 − p)^{K−|H|},  β_H = 1 − x + x² f Σ_{i∈H} τᵢ / K,
///   v_H = 2h s² (K − 2 x f Σ_{i∈H} min(K, τᵢ)·[shared] + x² f² Σ_{i,j∈H} min(τᵢ, τⱼ)).
/// The patterns are enumerated by a recursion over i that keeps the integer sums (Στᵢ, Σ min(K, τᵢ),
/// Σ_{i,j} min(τᵢ, τⱼ)) and merges patterns with equal sums (τ is non-decreasing in i, so adding i to H adds
/// 2 Σ_{j∈H} τⱼ + τᵢ to the double sum). Exact up to rounding of the weights.
public struct OneStepMixture: Sendable, Equatable {
    public let components: [MixtureComponent]

    /// Largest K enumerated (2^K patterns before merging).
    public static let maximumMidpointCount = 16

    /// The mixture of `variant` (PLMC(K) or a mutant, finite K ≤ 16; LMC gives one component).
    public init(_ variant: SchemeVariant, eta: Double, eigenvalue lambda: Double) throws(VerificationError) {
        try require(eta > 0 && eta.isFinite, "η", eta, "must be finite and > 0")
        try require(lambda > 0 && lambda.isFinite, "λ", lambda, "must be finite and > 0")
        if case .replacedBy(let other)? = variant.mutation {
            self = try OneStepMixture(SchemeVariant(other), eta: eta, eigenvalue: lambda)
            return
        }
        let x = eta * lambda
        let scale = variant.noiseScaleSquared
        if case .lmc = variant.scheme, variant.mutation == nil || variant.mutation == .noiseSqrtEta {
            components = [MixtureComponent(weight: 1, meanFactor: 1 - x, noiseVariance: 2 * eta * scale)]
            return
        }
        switch variant.mutation {
        case nil, .independentMidpointNoise?, .independentEndpointNoise?, .correctionWeightOverK?,
             .flagProbabilityOneOverKPlusOne?, .midpointAtStartPoint?, .noiseSqrtEta?, .offByOneMidpointIndex?,
             .countsIndexZeroMidpoint?:
            break
        default:
            throw .invalidParameter(name: "variant", value: variant.description,
                                    requirement: "the flag enumeration covers PLMC and its flag, index, weight and noise mutants")
        }
        guard case let .plmc(count) = variant.scheme else {
            throw .invalidParameter(name: "variant", value: variant.description, requirement: "must be LMC or PLMC")
        }
        guard case let .finite(k) = count, k <= Self.maximumMidpointCount else {
            throw .invalidParameter(name: "K", value: "\(count)",
                                    requirement: "the flag enumeration needs a finite K ≤ \(Self.maximumMidpointCount)")
        }
        struct Key: Hashable { let tau: Int; let cross: Int; let double: Int }
        let p = variant.flagProbability(k)
        var states: [Key: Double] = [Key(tau: 0, cross: 0, double: 0): 1]
        for i in 0..<k {
            let tau = variant.midpointIndex(i)
            var next: [Key: Double] = [:]
            next.reserveCapacity(states.count * 2)
            for (key, weight) in states {
                next[key, default: 0] += weight * (1 - p)
                let added = Key(tau: key.tau + tau, cross: key.cross + min(k, tau), double: key.double + 2 * key.tau + tau)
                next[added, default: 0] += weight * p
            }
            states = next
        }
        let kd = Double(k), h = eta / kd
        let f = variant.weightFactor(k)
        let shared = variant.sharesMidpointNoise
        components = states.sorted { ($0.key.tau, $0.key.cross, $0.key.double) < ($1.key.tau, $1.key.cross, $1.key.double) }
            .map { key, weight in
                let beta = 1 - x + x * x * f * Double(key.tau) / kd
                let crossTerm = shared ? Double(key.cross) : 0
                let v = 2 * h * scale * (kd - 2 * x * f * crossTerm + x * x * f * f * Double(key.double))
                return MixtureComponent(weight: weight, meanFactor: beta, noiseVariance: v)
            }
    }

    /// Σ w_H (should be 1 up to rounding).
    public var totalWeight: Double { components.reduce(0) { $0 + $1.weight } }

    /// The mean factor E[β] and second moment E[β²] of the mixture.
    public var meanFactorMoments: (mean: Double, second: Double) {
        components.reduce((0, 0)) { ($0.0 + $1.weight * $1.meanFactor, $0.1 + $1.weight * $1.meanFactor * $1.meanFactor) }
    }

    /// E[v_H] (the expected conditional noise variance).
    public var meanNoiseVariance: Double { components.reduce(0) { $0 + $1.weight * $1.noiseVariance } }
}

/// K fine LMC steps of size h = η/K from y, in one eigen-coordinate (eigenvalue λ): exactly
/// N(q^K y, 2h (1 − q^{2K})/(1 − q²)) with q = 1 − ηλ/K, computed with log1p/expm1 (docs/theory.md §4.4).
public func fineLMCOneStep(eta: Double, midpointCount k: Int, eigenvalue lambda: Double)
    throws(VerificationError) -> (meanFactor: Double, variance: Double)
{
    try require(eta > 0 && eta.isFinite, "η", eta, "must be finite and > 0")
    try require(k >= 1, "K", k, "must be ≥ 1")
    try require(lambda > 0 && lambda.isFinite, "λ", lambda, "must be finite and > 0")
    let kd = Double(k), h = eta / kd, z = h * lambda
    try require(z < 1, "ηλ/K", z, "must be < 1 (q = 1 − ηλ/K > 0)")
    let logQ = log1p(-z)
    let meanFactor = exp(kd * logQ)
    let variance = 2 * h * (-expm1(2 * kd * logQ)) / (z * (2 - z))
    return (meanFactor, variance)
}

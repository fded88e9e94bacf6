import SchemeVocabulary

/// The moments of one overdamped step that its exact law depends on, for every overdamped scheme and every mutation
/// of one that keeps the linear-drift structure (PN-V04). In one eigen-coordinate (eigenvalue λ, x = ηλ) every such
/// step is y′ = β y + w with β = 1 − x + x² M, E[w | M] = 0 and E[w²] = 2η s² (1 − 2 c₁ x + c₂ x²), where
///   meanM = E[M], varianceM = Var(M), cross = c₁ = E[S_K·T]/K, secondT = c₂ = E[T²]/K, noiseScaleSquared = s²,
/// M = f Σᵢ Hᵢ τᵢ/K and T = f Σᵢ Hᵢ Nᵢ in the notation of `SchemeMutation` (f = c/η, E[Sᵢ Sⱼ] = min(i, j)).
///
/// Finite K, by exact sums over the sub-steps (τ non-decreasing in i for every variant, p = P(Hᵢ = 1)):
///   E[M] = f p Στᵢ / K,   Var(M) = f² p(1 − p) Στᵢ² / K²,
///   E[S_K·T] = f p Σ min(K, τᵢ) (shared noise; 0 for independent midpoint or endpoint noise),
///   E[T²] = f² [p Στᵢ + 2p² Σᵢ τᵢ (K − 1 − i)]   (E[NᵢNⱼ] = min(τᵢ, τⱼ) = τᵢ for i < j).
/// K = ∞ (midpoint times a Poisson process of rate ϱ on [0, 1), uniform times u, f = lim c/η):
///   E[M] = f ϱ/2,  Var(M) = f² ϱ/3,  E[S·T] = f ϱ/2 (shared; 0 independent),  E[T²] = f² (ϱ/2 + ϱ²/3),
/// with ϱ = 1, or ½ for the halved Poisson rate. The correct PLMC gives E[M] = (K−1)/(2K),
/// E[M²] = (K−1)²(7K−2)/(12K³), E[S_K·T] = (K−1)/2, E[T²] = (K−1)(5K−4)/(6K) (docs/theory.md §4.2) and
/// (1/2, 7/12, 1/2, 5/6) at K = ∞. RLMC (one midpoint at uη, u ~ U[0, 1)): (1/2, 1/12, 1/2, 1/2), the cross term 0
/// with independent midpoint or endpoint noise.
public struct MidpointMoments: Sendable, Equatable {
    public let meanM: Double
    public let varianceM: Double
    /// E[S_K·T]/K.
    public let cross: Double
    /// E[T²]/K.
    public let secondT: Double
    /// σ²/(2h): 1, or ½ for the √η-noise mutant.
    public let noiseScaleSquared: Double

    /// E[M²] = Var(M) + E[M]².
    public var secondM: Double { varianceM + meanM * meanM }

    /// Throws `.unsupported` for kinetic schemes and for mutations without this structure (the substitutions, the
    /// dropped correction, the fine chain as the coarse step).
    public init(_ variant: SchemeVariant) throws(ChainLawError) {
        try variant.scheme.validateForLaw()
        let mutation = variant.mutation
        noiseScaleSquared = variant.noiseScaleSquared
        let sharesNoise = variant.sharesMidpointNoise
        switch mutation {
        case .replacedBy?, .replacedByFineChain?, .droppedCorrection?, .fineChainAsCoarseStep?:
            throw .unsupported("the law of \(variant) is not moment-parameterised")
        default: break
        }
        switch variant.scheme {
        case .lmc:
            (meanM, varianceM, cross, secondT) = (0, 0, 0, 0)
        case .rlmc:
            (meanM, varianceM, cross, secondT) = (0.5, 1.0 / 12.0, sharesNoise ? 0.5 : 0, 0.5)
        case .plmc(.finite(let k)):
            let kd = Double(k)
            let p = variant.flagProbability(k)
            let f = variant.weightFactor(k)
            var sumTau = 0.0, sumTauSquared = 0.0, sumCross = 0.0, sumOrdered = 0.0
            for i in 0..<k {
                let tau = Double(Self.midpointIndex(i, mutation))
                sumTau += tau
                sumTauSquared += tau * tau
                sumCross += min(kd, tau)
                sumOrdered += tau * Double(k - 1 - i)
            }
            meanM = f * p * sumTau / kd
            varianceM = f * f * p * (1 - p) * sumTauSquared / (kd * kd)
            cross = sharesNoise ? f * p * sumCross / kd : 0
            secondT = f * f * (p * sumTau + 2 * p * p * sumOrdered) / kd
        case .plmc(.infinite):
            // f = 0 for the η/K weight and for midpoints at the start point (τ = 0 ⇒ M = T = 0); the off-by-one
            // index and the Bernoulli(1/(K+1)) flags coincide with PLMC in the limit.
            let rate = mutation == .halvedPoissonRate ? 0.5 : 1.0
            let f: Double = (mutation == .correctionWeightOverK || mutation == .midpointAtStartPoint) ? 0 : 1
            meanM = f * rate / 2
            varianceM = f * f * rate / 3
            cross = sharesNoise ? f * rate / 2 : 0
            secondT = f * f * (rate / 2 + rate * rate / 3)
        case .ulmc, .plmcULMC, .rlmcULMC:
            throw .unsupported("\(variant.scheme) is a kinetic scheme: its law is not moment-parameterised")
        }
    }

    /// τᵢ, the fine-time index of midpoint i.
    static func midpointIndex(_ i: Int, _ mutation: SchemeMutation?) -> Int {
        switch mutation {
        case .midpointAtStartPoint?: return 0
        case .offByOneMidpointIndex?: return i + 1
        default: return i
        }
    }
}

extension SchemeVariant {
    /// The knobs of the overdamped mutations in the notation of `SchemeMutation` (finite K): P(Hᵢ = 1) = p.
    public func flagProbability(_ k: Int) -> Double {
        mutation == .flagProbabilityOneOverKPlusOne ? 1 / Double(k + 1) : 1 / Double(k)
    }

    /// τᵢ, the fine-time index of midpoint i.
    public func midpointIndex(_ i: Int) -> Int { MidpointMoments.midpointIndex(i, mutation) }

    /// c/η, the correction weight relative to η.
    public func weightFactor(_ k: Int) -> Double { mutation == .correctionWeightOverK ? 1 / Double(k) : 1 }

    /// Whether the midpoints and the endpoint read the same Brownian path.
    public var sharesMidpointNoise: Bool {
        mutation != .independentMidpointNoise && mutation != .independentEndpointNoise
    }

    /// σ²/(2h): 1, or ½ for the √η-noise mutant.
    public var noiseScaleSquared: Double { mutation == .noiseSqrtEta ? 0.5 : 1 }
}

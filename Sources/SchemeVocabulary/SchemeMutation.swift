/// A deliberately wrong change to a scheme: a mutant. Every rate or law check of the suite runs mutants through the
/// same body as the correct scheme and must reject them, which shows the check has power (docs/testing-policy.md
/// R18, R19; PN-V04, PN-V06). One type covers every mutant of the exact laws, the engine and the Monte Carlo claims.
///
/// In the terms of the Poisson-midpoint step (h = η/K, W the step's Brownian path)
///   X′ = X + η b(X) + c Σᵢ Hᵢ [b(X̃ᵢ) − b(X)] + σ S_K,   X̃ᵢ = X + τᵢ h b(X) + σ Nᵢ,
/// whose correct form has Hᵢ ~ Bernoulli(1/K), τᵢ = i, c = η, σ = √(2h), Nᵢ = S_{τᵢ} and S_j = W(jh)/√h:
public enum SchemeMutation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Nᵢ from a Brownian path independent of the endpoint's (RLMC: W(uη) independent of W(η)). The midpoints lose
    /// the shared noise; the stationary bias of PLMC(∞) becomes first order (docs/theory.md §7 C13; PN-P13).
    case independentMidpointNoise
    /// The endpoint's noise independent of the midpoints' path (the same joint law as
    /// `independentMidpointNoise`, reached from the other side of the step).
    case independentEndpointNoise
    /// c = η/K instead of η (at K = ∞ the correction vanishes: LMC(η)).
    case correctionWeightOverK
    /// Hᵢ ~ Bernoulli(1/(K + 1)) instead of 1/K (coincides with PLMC at K = ∞).
    case flagProbabilityOneOverKPlusOne
    /// The i = 0 midpoint flagged with probability 1/K and evaluated (at X itself: its correction is 0), so the
    /// mean cost is 2 instead of 2 − 1/K.
    case countsIndexZeroMidpoint
    /// τᵢ = 0: every midpoint at the start point, every correction 0 (= LMC(η) in law).
    case midpointAtStartPoint
    /// σ² halved everywhere ("√η noise"): the chain targets the wrong temperature.
    case noiseSqrtEta
    /// τᵢ = i + 1: every midpoint one sub-step late (coincides with PLMC at K = ∞).
    case offByOneMidpointIndex
    /// K = ∞ with a Poisson(1/2) midpoint count instead of Poisson(1) (the wrong count law).
    case halvedPoissonRate
    /// The midpoint correction deleted (PLMC-ULMC becomes ULMC).
    case droppedCorrection
    /// The coarse step replaced by K fine LMC(η/K) steps on the step's path: pathwise the fine chain itself, so
    /// its distance to the fine chain is exactly 0 (C12's mutant).
    case fineChainAsCoarseStep
    /// The law of another scheme in this scheme's place (a check of order p must reject a scheme of another order).
    case replacedBy(Scheme)
    /// The law of fine LMC(η/K) in this scheme's place.
    case replacedByFineChain
    // Diffusion-sampler mutants (C16)
    /// PLMC on the DDPM chain with every midpoint's noise prediction evaluated at the block's start time t₀ instead of
    /// its own fine time tᵢ.
    case midpointAtBlockStartTime
    /// The noise-prediction term of every step with the wrong sign (x′ = a x − b ε + s z).
    case scoreSignFlipped
    /// σ_t multiplied by √2 (the step's noise variance doubled).
    case noiseVarianceDoubled
    /// PLMC on the DDPM chain whose cheap path Ỹ draws its own noise z′ᵢ instead of the same zᵢ as the update.
    case independentCheapPathNoise

    /// A short description, e.g. "independent midpoint noise".
    public var description: String {
        switch self {
        case .independentMidpointNoise: return "independent midpoint noise"
        case .independentEndpointNoise: return "independent endpoint noise"
        case .correctionWeightOverK: return "correction weight η/K"
        case .flagProbabilityOneOverKPlusOne: return "flags H ~ Bernoulli(1/(K+1))"
        case .countsIndexZeroMidpoint: return "counting the i = 0 midpoint"
        case .midpointAtStartPoint: return "midpoint at the start point"
        case .noiseSqrtEta: return "√η noise (variance halved)"
        case .offByOneMidpointIndex: return "off-by-one midpoint index (i → i+1)"
        case .halvedPoissonRate: return "midpoint count Poisson(1/2)"
        case .droppedCorrection: return "no correction"
        case .fineChainAsCoarseStep: return "fine LMC(η/K) as the coarse step"
        case .replacedBy(let scheme): return "\(scheme) in its place"
        case .replacedByFineChain: return "fine LMC(η/K) in its place"
        case .midpointAtBlockStartTime: return "midpoints at the block's start time"
        case .scoreSignFlipped: return "score term with the wrong sign"
        case .noiseVarianceDoubled: return "σ_t × √2"
        case .independentCheapPathNoise: return "independent noise on the cheap path"
        }
    }

    /// True when the mutation changes something `scheme` has: midpoint mutations need midpoints, flag and index
    /// mutations a finite K ≥ 2, count-law mutations K = ∞.
    public func applies(to scheme: Scheme) -> Bool {
        let k = scheme.midpointCount
        switch self {
        case .noiseSqrtEta:
            return true
        case .independentMidpointNoise, .independentEndpointNoise:
            switch scheme {
            case .plmc, .rlmc, .plmcULMC, .rlmcULMC: return true
            case .lmc, .ulmc: return false
            }
        case .correctionWeightOverK, .midpointAtStartPoint:
            if case .plmc = scheme { return true }
            return false
        case .flagProbabilityOneOverKPlusOne, .offByOneMidpointIndex, .countsIndexZeroMidpoint, .fineChainAsCoarseStep:
            if case .plmc(.finite) = scheme { return true }
            return false
        case .halvedPoissonRate:
            return k == .infinite
        case .droppedCorrection:
            if case .plmcULMC = scheme { return true }
            return false
        case .replacedBy(let other):
            return other != scheme && other.isUnderdamped == scheme.isUnderdamped
        case .replacedByFineChain:
            return !scheme.isUnderdamped
        case .midpointAtBlockStartTime, .scoreSignFlipped, .noiseVarianceDoubled, .independentCheapPathNoise:
            return false
        }
    }

    /// True when the mutation changes something the diffusion sampler has: the score sign of every sampler, the noise
    /// scale of the stochastic ones, the midpoint time and the cheap-path noise of PLMC.
    public func applies(to sampler: DiffusionSampler) -> Bool {
        switch self {
        case .scoreSignFlipped: return true
        case .noiseVarianceDoubled: return sampler.isStochastic
        case .midpointAtBlockStartTime, .independentCheapPathNoise:
            if case .plmc(_, let k) = sampler { return k >= 2 }
            return false
        default: return false
        }
    }
}

/// A scheme, correct or mutated: what a check runs.
public struct SchemeVariant: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let scheme: Scheme
    public let mutation: SchemeMutation?

    /// The correct scheme.
    public init(_ scheme: Scheme) {
        self.scheme = scheme
        self.mutation = nil
    }

    /// Throws when the mutation does not apply to the scheme (`SchemeMutation.applies(to:)`).
    public init(_ scheme: Scheme, mutation: SchemeMutation?) throws(SchemeError) {
        if let mutation, !mutation.applies(to: scheme) {
            throw .mutationDoesNotApply(mutation: mutation.description, scheme: scheme.description)
        }
        self.scheme = scheme
        self.mutation = mutation
    }

    public var isMutant: Bool { mutation != nil }

    /// "PLMC(K=4)" or "PLMC(K=4) with independent midpoint noise" (a replacement names the law used:
    /// "PLMC(K=∞) in place of LMC").
    public var description: String {
        switch mutation {
        case .none: return scheme.description
        case .replacedBy(let other)?: return "\(other) in place of \(scheme)"
        case .replacedByFineChain?: return "fine LMC(η/K) in place of \(scheme)"
        case .some(let mutation): return "\(scheme) with \(mutation)"
        }
    }

    /// The name of a run at step η, e.g. "PLMC(η=0.2, K=4) with correction weight η/K".
    public func label(stepSize eta: Double) -> String {
        guard let mutation else { return scheme.label(stepSize: eta) }
        return "\(scheme.label(stepSize: eta)) with \(mutation)"
    }
}

/// A scheme variant run at a step size η: what a law at one step, a kernel or a timing is computed for.
public struct SchemeAtStep: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let variant: SchemeVariant
    public let stepSize: Double

    public init(_ variant: SchemeVariant, stepSize: Double) {
        self.variant = variant
        self.stepSize = stepSize
    }

    /// LMC at step η.
    public static func lmc(stepSize eta: Double) -> SchemeAtStep { SchemeAtStep(SchemeVariant(.lmc), stepSize: eta) }

    /// PLMC(K) at step η, optionally mutated (throws when the mutation does not apply).
    public static func plmc(stepSize eta: Double, substeps k: Int, mutation: SchemeMutation? = nil) throws(SchemeError)
        -> SchemeAtStep
    {
        SchemeAtStep(try SchemeVariant(.plmc(.finite(k)), mutation: mutation), stepSize: eta)
    }

    /// "PLMC(η=0.2, K=4) with correction weight η/K".
    public var description: String { variant.label(stepSize: stepSize) }
}

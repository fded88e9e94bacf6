import ReferenceLaws

/// A deliberately wrong change to PLMC (or LMC) whose exact law is known, used to show that a check has power
/// (testing-rules R18; design "Mutant laws"; PN-V04). Each mutant is defined by what it changes in the PLMC step
///   X′ = X + η b(X) + c Σᵢ Hᵢ [b(X̃ᵢ) − b(X)] + σ S_K,   X̃ᵢ = X + τᵢ h b(X) + σ Nᵢ,   h = η/K,
/// whose correct form has Hᵢ ~ Bernoulli(1/K), τᵢ = i, c = η, σ = √(2h), Nᵢ = S_{τᵢ} (the partial sums
/// S_j = Σ_{l<j} Z_l of the same Gaussians as the endpoint noise σ S_K).
public enum SchemeMutation: String, Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    /// Nᵢ = S′_{τᵢ} from an independent Brownian path (E[S_K·T] = 0): the midpoints lose the shared noise.
    case independentMidpointNoise
    /// c = η/K instead of η (M → M/K, T → T/K); at K = ∞ the correction vanishes (= LMC(η)).
    case correctionWeightOverK
    /// Hᵢ ~ Bernoulli(1/(K + 1)) instead of 1/K (coincides with PLMC at K = ∞).
    case flagProbabilityOneOverKPlusOne
    /// τᵢ = 0: every midpoint at the start point, so every correction vanishes (= LMC(η)).
    case midpointAtStartPoint
    /// σ = √h instead of √(2h) ("√η noise"): every noise variance is halved.
    case noiseSqrtEta
    /// τᵢ = i + 1 instead of i (coincides with PLMC at K = ∞).
    case offByOneMidpointIndex

    public var description: String {
        switch self {
        case .independentMidpointNoise: return "independent midpoint noise"
        case .correctionWeightOverK: return "correction weight η/K"
        case .flagProbabilityOneOverKPlusOne: return "flags H ~ Bernoulli(1/(K+1))"
        case .midpointAtStartPoint: return "midpoint at the start point"
        case .noiseSqrtEta: return "√η noise (variance halved)"
        case .offByOneMidpointIndex: return "off-by-one midpoint index (i → i+1)"
        }
    }
}

/// An overdamped scheme of the PLMC family under linear drift: LMC, PLMC(K) or PLMC(∞), optionally mutated.
/// Its per-eigenvalue one-step map is y′ = β y + w with β = 1 − x + x² M and w = σ(S_K − x T) (x = ηλ,
/// M = (c/η) Σᵢ Hᵢ τᵢ/K, T = (c/η) Σᵢ Hᵢ Nᵢ; paper-notes §4.2; PN-V04), from which `MidpointMoments` and
/// `MomentParameterisedScheme` compute exact laws.
public struct OverdampedVariant: Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Base: Sendable, Equatable, Hashable {
        case lmc
        case plmc(MidpointCount)
    }

    public let base: Base
    public let mutation: SchemeMutation?

    /// Throws for K < 1 and for mutations of LMC other than `.noiseSqrtEta` (LMC has no midpoints to mutate).
    public init(_ base: Base, mutation: SchemeMutation? = nil) throws(VerificationError) {
        if case .plmc(.finite(let k)) = base {
            try require(k >= 1, "K", k, "must be ≥ 1")
        }
        if base == .lmc, let mutation, mutation != .noiseSqrtEta {
            throw .invalidParameter(name: "mutation", value: mutation.description,
                                    requirement: "LMC has no midpoints; only the √η-noise mutation applies to it")
        }
        self.base = base
        self.mutation = mutation
    }

    /// The correct scheme of `ChainLaw` this variant mutates (LMC or PLMC(K)).
    public var chainScheme: ChainScheme {
        switch base {
        case .lmc: return .lmc
        case let .plmc(count): return .plmc(count)
        }
    }

    /// K, or nil for LMC.
    public var midpointCount: MidpointCount? {
        if case let .plmc(count) = base { return count }
        return nil
    }

    public var description: String {
        let name = chainScheme.description
        guard let mutation else { return name }
        return "\(name) with \(mutation)"
    }

    // The knobs of the definition (finite K).

    /// P(Hᵢ = 1).
    func flagProbability(_ k: Int) -> Double {
        mutation == .flagProbabilityOneOverKPlusOne ? 1 / Double(k + 1) : 1 / Double(k)
    }

    /// τᵢ, the fine-time index of midpoint i.
    func midpointIndex(_ i: Int) -> Int {
        switch mutation {
        case .midpointAtStartPoint: return 0
        case .offByOneMidpointIndex: return i + 1
        default: return i
        }
    }

    /// c/η.
    func weightFactor(_ k: Int) -> Double {
        mutation == .correctionWeightOverK ? 1 / Double(k) : 1
    }

    /// Whether Nᵢ = S_{τᵢ} shares the endpoint's Gaussians.
    var sharesMidpointNoise: Bool { mutation != .independentMidpointNoise }

    /// σ² / (2h).
    var noiseScaleSquared: Double { mutation == .noiseSqrtEta ? 0.5 : 1 }
}

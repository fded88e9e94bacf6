/// The variance σ_t² of DDPM's ancestral step (Ho et al. 2020, §3.2): the posterior variance β̃ (diffusers'
/// "fixed_small") or the forward variance β (diffusers' "fixed_large", recomputed on the sampler's grid).
public enum DDPMVariance: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case posterior
    case forward

    /// "σ²=β̃" or "σ²=β".
    public var description: String { self == .posterior ? "σ²=β̃" : "σ²=β" }
}

/// A diffusion-model sampler: the reverse-time discretisation run on a noise-prediction model ε(x, ᾱ), from a start
/// x ~ N(0, I) at its first grid time to a data sample (docs/theory.md §8; PN-D01 … PN-D05). One vocabulary with the
/// Langevin `Scheme`s: each sampler declares its cost (network evaluations, NFE) and orders as data (`theory`).
///
/// * `.ddpm(variance, steps: N)`: ancestral DDPM (Ho et al. 2020, Alg. 2) on the "leading" grid
///   {(N − 1)r, …, r, 0}, r = T/N (N divides T); N = T is the full chain.
/// * `.ddim(steps: N)`: deterministic DDIM, η = 0 (Song et al. 2021, Eq. 12), same grid.
/// * `.dpmSolver2(steps: N)`: DPM-Solver-2 with the λ-midpoint (Lu et al. 2022a, Alg. 1, r₁ = ½) between the points
///   of the same grid, and a first-order last step to ᾱ = 1.
/// * `.dpmSolverPP2M(steps: N)`: DPM-Solver++(2M) (Lu et al. 2022b, Alg. 2) on diffusers' default grid
///   round(linspace(0, T − 1, N + 1)) reversed without its last point, ending with a first-order step to σ = 0.
/// * `.heun(steps: N)`: Heun's method on the probability-flow ODE in VE variables (Karras et al. 2022, Alg. 1 with
///   σ(t) = t, s(t) = 1, no churn) on diffusers' HeunDiscrete grid (N times linspace(0, T − 1, N), σ̂ interpolated
///   linearly in t, then σ̂ = 0); NFE = 2N − 1.
/// * `.plmc(variance, blockSize: K)`: the Poisson midpoint method on the T-step DDPM chain (Kandasamy & Nagaraj,
///   arXiv 2405.17068, §2, DDPM version; docs/theory.md §8.8): blocks of K consecutive fine steps from t = T − 1 down (a
///   shorter last block of n steps uses flags Bernoulli(1/n) and weight n); K = 1 is the T-step chain itself.
public enum DiffusionSampler: Sendable, Equatable, Hashable, CustomStringConvertible {
    case ddpm(DDPMVariance, steps: Int)
    case ddim(steps: Int)
    case dpmSolver2(steps: Int)
    case dpmSolverPP2M(steps: Int)
    case heun(steps: Int)
    case plmc(DDPMVariance, blockSize: Int)

    /// "DDPM-50(σ²=β̃)", "DDIM-50", "DPM-Solver-2-25", "DPM-Solver++(2M)-20", "Heun-18", "PLMC-DDPM(K=25, σ²=β̃)".
    public var description: String {
        switch self {
        case let .ddpm(variance, n): return "DDPM-\(n)(\(variance))"
        case .ddim(let n): return "DDIM-\(n)"
        case .dpmSolver2(let n): return "DPM-Solver-2-\(n)"
        case .dpmSolverPP2M(let n): return "DPM-Solver++(2M)-\(n)"
        case .heun(let n): return "Heun-\(n)"
        case let .plmc(variance, k): return "PLMC-DDPM(K=\(k), \(variance))"
        }
    }

    /// True for the samplers that draw noise (DDPM, PLMC); the others are deterministic maps of the start.
    public var isStochastic: Bool {
        switch self {
        case .ddpm, .plmc: return true
        case .ddim, .dpmSolver2, .dpmSolverPP2M, .heun: return false
        }
    }

    /// The sampler's number of steps N (for PLMC, the number of blocks on a schedule of length T).
    public func stepCount(scheduleLength t: Int) -> Int {
        switch self {
        case .ddpm(_, let n), .ddim(let n), .dpmSolver2(let n), .dpmSolverPP2M(let n), .heun(let n): return n
        case .plmc(_, let k): return (t + k - 1) / k
        }
    }

    /// Throws unless the step count (block size) is valid for a schedule of T timesteps: N | T for the leading grids,
    /// 2 ≤ N ≤ T for the others, 1 ≤ K ≤ T.
    public func validate(scheduleLength t: Int) throws(DiffusionError) {
        switch self {
        case .ddpm(_, let n), .ddim(let n), .dpmSolver2(let n):
            guard n >= 1, n <= t, t % n == 0 else {
                throw .invalidSampler("\(self): the leading grid needs N dividing T = \(t), got N = \(n)")
            }
            if case .dpmSolver2 = self, n < 2 { throw .invalidSampler("\(self): needs N ≥ 2") }
        case .dpmSolverPP2M(let n), .heun(let n):
            guard n >= 2, n <= t else { throw .invalidSampler("\(self): needs 2 ≤ N ≤ T = \(t), got N = \(n)") }
        case .plmc(_, let k):
            guard k >= 1, k <= t else { throw .invalidSampler("\(self): needs 1 ≤ K ≤ T = \(t), got K = \(k)") }
        }
    }

    /// The block sizes of PLMC on a T-step chain: K, …, K, then T mod K (if non-zero).
    public static func blockSizes(blockSize k: Int, scheduleLength t: Int) -> [Int] {
        var sizes = [Int](repeating: k, count: t / k)
        if t % k != 0 { sizes.append(t % k) }
        return sizes
    }
}

extension DiffusionSampler {
    /// The theory of the sampler (docs/theory.md §8, §7 C15–C16): expected network evaluations per sample, the order of
    /// the output law's distance (W₂) to its fine chain in the coarse step (DDPM-N against the T-step chain: first
    /// order in T/N; PLMC(K) against the T-step chain: second order in K, PN-D05), and the source.
    public func theory(scheduleLength t: Int) -> SamplerTheory {
        switch self {
        case let .ddpm(_, n):
            return SamplerTheory(networkEvaluations: Double(n), orders: [.outputAgainstFineChain: 1],
                                 reference: "Ho et al. 2020, Alg. 2 (DDPM, ancestral), respaced as in Nichol & Dhariwal 2021",
                                 proofsNote: "PN-D02")
        case .ddim(let n):
            return SamplerTheory(networkEvaluations: Double(n), orders: [:],
                                 reference: "Song et al. 2021, Eq. 12 with η = 0 (DDIM)", proofsNote: "PN-D02")
        case .dpmSolver2(let n):
            return SamplerTheory(networkEvaluations: Double(2 * n - 1), orders: [:],
                                 reference: "Lu et al. 2022a, Alg. 1 with r₁ = ½ (DPM-Solver-2)", proofsNote: "PN-D03")
        case .dpmSolverPP2M(let n):
            return SamplerTheory(networkEvaluations: Double(n), orders: [:],
                                 reference: "Lu et al. 2022b, Alg. 2 (DPM-Solver++(2M))", proofsNote: "PN-D03")
        case .heun(let n):
            return SamplerTheory(networkEvaluations: Double(2 * n - 1), orders: [:],
                                 reference: "Karras et al. 2022, Alg. 1 (Heun on the probability-flow ODE)",
                                 proofsNote: "PN-D03")
        case let .plmc(_, k):
            let nfe = DiffusionSampler.blockSizes(blockSize: k, scheduleLength: t).reduce(0.0) { $0 + 2 - 1 / Double($1) }
            return SamplerTheory(networkEvaluations: nfe, orders: k == 1 ? [:] : [.outputAgainstFineChain: 2],
                                 reference: "Kandasamy & Nagaraj, arXiv 2405.17068, §2 (Poisson midpoint method, DDPM version)",
                                 proofsNote: "PN-D04")
        }
    }
}

/// What a sampler's error is measured against, for a declared order in its coarse step.
public enum SamplerErrorMeasure: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// W₂ between the output law (moment-matched for PLMC) and the output law of the fine T-step chain the sampler
    /// coarsens, against the number of fine steps each coarse step skips: T/N − 1 for a respaced chain, K − 1 for PLMC
    /// (both samplers are the fine chain itself at 0; PN-D05).
    case outputAgainstFineChain

    public var description: String { "W₂ of the output law to the fine chain's, in the fine steps skipped per coarse step" }
}

/// The theory of a diffusion sampler, as data.
public struct SamplerTheory: Sendable, Equatable {
    /// Expected network (score) evaluations per sample: NFE.
    public let networkEvaluations: Double
    public let orders: [SamplerErrorMeasure: Double]
    public let reference: String
    public let proofsNote: String

    public func order(_ measure: SamplerErrorMeasure) -> Double? { orders[measure] }
}

/// A sampler, correct or mutated (C16's mutants).
public struct SamplerVariant: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let sampler: DiffusionSampler
    public let mutation: SchemeMutation?

    public init(_ sampler: DiffusionSampler) {
        self.sampler = sampler
        mutation = nil
    }

    /// Throws unless the mutation applies: the score-sign and noise-scale mutants to the stochastic samplers, the
    /// midpoint-time and cheap-path-noise mutants to PLMC.
    public init(_ sampler: DiffusionSampler, mutation: SchemeMutation?) throws(DiffusionError) {
        if let mutation, !mutation.applies(to: sampler) {
            throw .invalidSampler("the mutation \"\(mutation)\" does not apply to \(sampler)")
        }
        self.sampler = sampler
        self.mutation = mutation
    }

    public var description: String {
        guard let mutation else { return sampler.description }
        return "\(sampler) with \(mutation)"
    }
}

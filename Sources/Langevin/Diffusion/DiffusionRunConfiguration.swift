import SchemeVocabulary

/// How a diffusion sampling run is laid out: N chains (samples), one seed, fixed blocks of chains, worker threads.
///
/// Results depend on (sampler, schedule, model, chains, seed, starts, replayed noise) only — not on `threads` and not on
/// `blockRows`: each chain draws from its own streams keyed by (seed, chain, purpose) — x_T from `.initialState`, the
/// update noise zᵢ from `.brownian`, PLMC's flags from `.auxiliary`, the independent cheap-path noise of the mutant
/// from `.candidateBridge` — and the model evaluates every row independently (`NoisePredictor`). The Gaussian streams
/// (x_T, zᵢ, z′ᵢ) are `LaneNormalStream`s, the flags' stream is xoshiro256** (`ChainStreams`, PN-S10).
public struct DiffusionRunConfiguration: Sendable, Equatable {
    /// Number of chains N ≥ 1 (ignored when `starts` is given: one chain per start).
    public var chains: Int
    public var seed: UInt64
    /// Worker threads ≥ 1.
    public var threads: Int
    /// Chains per block (fixed work unit; does not change any number).
    public var blockRows: Int
    /// Given starts x_T, row-major `rows × d` (nil: x_T ~ N(0, I) from each chain's stream).
    public var starts: [Double]?
    /// Replayed update noise, `[update][chain][coordinate]` flattened (nil: each chain's Brownian stream). Update k of a
    /// chain is its k-th noisy step; only ancestral samplers (DDPM) accept it.
    public var replayedNoise: [Double]?

    public init(chains: Int, seed: UInt64 = 0, threads: Int = 1, blockRows: Int = 64, starts: [Double]? = nil,
                replayedNoise: [Double]? = nil) {
        self.chains = chains
        self.seed = seed
        self.threads = threads
        self.blockRows = blockRows
        self.starts = starts
        self.replayedNoise = replayedNoise
    }

    /// The largest number of state entries (chains × d) one run may hold: 5·10⁷ (400 MB per state buffer).
    public static let maximumStateEntries = 50_000_000
    /// The largest number of chains of one run: 5·10⁶ (every chain keeps its own streams, a few hundred bytes: PN-S10).
    public static let maximumChains = 5_000_000
    public static let maximumThreads = 256
}

/// The samples of a run and what they cost.
public struct DiffusionRunResult: Sendable {
    public let dimension: Int
    public let chains: Int
    /// The output x₀ of every chain, row-major `chains × dimension`.
    public let samples: [Double]
    /// Network evaluations, summed over chains.
    public let networkEvaluations: Int
    public let seconds: Double

    /// Network evaluations per sample (for PLMC, the realised mean of a random count).
    public var meanNetworkEvaluations: Double { Double(networkEvaluations) / Double(chains) }

    /// Row `i` of the samples.
    public func sample(_ i: Int) -> [Double] { Array(samples[(i * dimension)..<((i + 1) * dimension)]) }
}

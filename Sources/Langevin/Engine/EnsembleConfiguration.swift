/// How an ensemble run is laid out: N chains from one initial state, T steps, one seed.
///
/// Results depend on (scheme, drift, chains, steps, seed, initial state, start time, block size,
/// recorded steps) only — NOT on `threads`: every chain has its own keyed streams, blocks of `blockSize`
/// chains are fixed, and block statistics are merged in block order. Each chain's state does not depend on the
/// block size either (only on the seed, the chain's index and the scheme); the block size changes only the rounding
/// of the merged moments.
public struct EnsembleConfiguration: Sendable, Equatable {
    /// Number of independent chains N ≥ 1.
    public var chains: Int
    /// Number of steps T ≥ 1 (coarse steps for PLMC).
    public var steps: Int
    /// Run seed; chain c's streams are keyed by (seed, c, purpose).
    public var seed: UInt64
    /// Worker threads ≥ 1 (results are identical for every value).
    public var threads: Int
    /// Initial position x₀ ∈ ℝᵈ of every chain (nil: the origin of the drift's dimension).
    public var initialState: [Double]?
    /// Initial velocity v₀ ∈ ℝᵈ for underdamped schemes (nil: 0). Rejected for overdamped schemes.
    public var initialVelocity: [Double]?
    /// Time of step 0 (for time-varying drifts).
    public var startTime: Double
    /// Chains per block (fixed; independent of `threads`).
    public var blockSize: Int
    /// Step indices (0 … T) at which moments and observables are recorded (nil: only T). T is always recorded.
    public var recordSteps: [Int]?
    /// Whether to accumulate the covariance matrix (D² work per chain per recorded step, D = d or 2d).
    public var trackCovariance: Bool
    /// Relative divergence threshold ρ: a chain whose distance from the centre c exceeds ρ · max(1, ‖c‖) stops the
    /// run with `SimulationError.unstable` (nil: only non-finite states are reported). Relative, so a stable chain
    /// around a far-away mean is never called unstable.
    public var explosionThreshold: Double?
    /// The centre c of the divergence test, in state coordinates (x, or [x; v] for underdamped schemes; nil: the
    /// initial state). `simulate` passes the target mean.
    public var explosionCenter: [Double]?
    /// Where the run reports its completed chain-steps while it runs (nil: nowhere). Not part of the run's identity.
    public var progress: EngineProgress?

    public init(chains: Int, steps: Int, seed: UInt64 = 0, threads: Int = 1, initialState: [Double]? = nil,
                initialVelocity: [Double]? = nil, startTime: Double = 0, blockSize: Int = 128,
                recordSteps: [Int]? = nil, trackCovariance: Bool = true, explosionThreshold: Double? = 1e12,
                explosionCenter: [Double]? = nil, progress: EngineProgress? = nil) {
        self.chains = chains
        self.steps = steps
        self.seed = seed
        self.threads = threads
        self.initialState = initialState
        self.initialVelocity = initialVelocity
        self.startTime = startTime
        self.blockSize = blockSize
        self.recordSteps = recordSteps
        self.trackCovariance = trackCovariance
        self.explosionThreshold = explosionThreshold
        self.explosionCenter = explosionCenter
        self.progress = progress
    }

    /// Equal when every field that determines the run's numbers is equal (`progress` is not one).
    public static func == (lhs: EnsembleConfiguration, rhs: EnsembleConfiguration) -> Bool {
        lhs.chains == rhs.chains && lhs.steps == rhs.steps && lhs.seed == rhs.seed && lhs.threads == rhs.threads
            && lhs.initialState == rhs.initialState && lhs.initialVelocity == rhs.initialVelocity
            && lhs.startTime == rhs.startTime && lhs.blockSize == rhs.blockSize && lhs.recordSteps == rhs.recordSteps
            && lhs.trackCovariance == rhs.trackCovariance && lhs.explosionThreshold == rhs.explosionThreshold
            && lhs.explosionCenter == rhs.explosionCenter
    }

    /// The recorded steps, sorted, unique, always containing `steps`.
    var resolvedRecordSteps: [Int] {
        Array(Set((recordSteps ?? []) + [steps])).sorted()
    }
}

/// A vector-valued function φ of the per-chain state (x for overdamped, [x; v] for underdamped schemes),
/// recorded at the configuration's `recordSteps` (mean and covariance over chains). Evaluated once per
/// chain per recorded step (never on the per-step path), so a closure is fine here.
public struct EnsembleObservable: Sendable {
    public var name: String
    /// Number of outputs k.
    public var outputs: Int
    /// φ(state) → out[0 ..< k]; `state` has the full per-chain state dimension.
    public var evaluate: @Sendable (_ state: UnsafePointer<Double>, _ stateDimension: Int,
                                    _ out: UnsafeMutablePointer<Double>) -> Void

    public init(name: String, outputs: Int,
                evaluate: @escaping @Sendable (UnsafePointer<Double>, Int, UnsafeMutablePointer<Double>) -> Void) {
        self.name = name
        self.outputs = outputs
        self.evaluate = evaluate
    }
}

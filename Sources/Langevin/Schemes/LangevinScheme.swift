/// A one-step discretisation of (overdamped or kinetic) Langevin dynamics, as a value type.
///
/// A scheme advances every chain of a block by one step, takes all its randomness from the injected
/// `StepNoise` (so several schemes can share one Brownian path, and tests can script the noise), and
/// evaluates the drift only in batches: first the base drift of every chain, then all midpoints of the
/// block in ONE call. It declares its metadata (drift calls per step, orders, reference).
public protocol LangevinScheme: Sendable {
    /// The step size η (the coarse step for PLMC).
    var stepSize: Double { get }
    /// True for kinetic schemes, whose per-chain state is (x, v) ∈ ℝ^{2d}.
    var isUnderdamped: Bool { get }
    /// Name, expected drift calls per step, declared orders, citation.
    var metadata: SchemeMetadata { get }
    /// Rows per chain the midpoint buffers should hold up front (a hint; buffers grow if exceeded).
    var midpointRowsPerChain: Int { get }
    /// The largest number of steps the scheme can take (coefficient chains with a finite schedule), or nil.
    var maximumSteps: Int? { get }
    /// Throws `SimulationError` for parameters outside the scheme's domain (η ≤ 0 or NaN, K < 1, γ ≤ 0, …).
    func validate() throws(SimulationError)
    /// The time at which step `step` (0-based: X_step → X_{step+1}) starts, for a run started at `startTime`.
    func stepStartTime(step: Int, startTime: Double) -> Double
    /// Advances the `ws.count` chains of the block by one step starting at `time`. Returns the number of
    /// drift rows evaluated (base + midpoints).
    func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                              noise: inout N) -> Int
}

extension LangevinScheme {
    public var isUnderdamped: Bool { false }
    public var midpointRowsPerChain: Int { 2 }
    public var maximumSteps: Int? { nil }
    public func stepStartTime(step: Int, startTime: Double) -> Double { startTime + Double(step) * stepSize }
}

/// Declared facts about a scheme.
public struct SchemeMetadata: Sendable, Equatable, CustomStringConvertible {
    /// Short name, e.g. "PLMC(η=0.1, K=∞)".
    public var name: String
    /// Expected drift evaluations per step (per chain).
    public var expectedDriftCallsPerStep: Double
    /// Declared weak order (error of expectations of smooth observables over a finite horizon), if known.
    public var weakOrder: Double?
    /// Declared strong (pathwise mean-square) order, if known.
    public var strongOrder: Double?
    /// Declared order of the stationary bias for Lipschitz drifts on Gaussian targets (covariance error), if known.
    public var stationaryBiasOrder: Double?
    /// Citation: paper, arXiv id, section/equation.
    public var reference: String
    /// The proofs-note that derives the construction (PN-…), if any.
    public var proofsNote: String?

    public init(name: String, expectedDriftCallsPerStep: Double, weakOrder: Double?, strongOrder: Double?,
                stationaryBiasOrder: Double?, reference: String, proofsNote: String?) {
        self.name = name
        self.expectedDriftCallsPerStep = expectedDriftCallsPerStep
        self.weakOrder = weakOrder
        self.strongOrder = strongOrder
        self.stationaryBiasOrder = stationaryBiasOrder
        self.reference = reference
        self.proofsNote = proofsNote
    }

    public var description: String { name }
}

/// The number of fine sub-steps K of a PLMC step: finite, or the Poisson limit K = ∞.
public enum MidpointSubsteps: Sendable, Equatable, Hashable, CustomStringConvertible {
    case finite(Int)
    case infinite

    public var description: String {
        switch self {
        case .finite(let k): return "\(k)"
        case .infinite: return "∞"
        }
    }

    /// Expected drift calls per PLMC step: 2 − 1/K (the index-0 term costs nothing), 2 for K = ∞.
    public var expectedDriftCallsPerStep: Double {
        switch self {
        case .finite(let k): return 2 - 1 / Double(k)
        case .infinite: return 2
        }
    }

    func validate() throws(SimulationError) {
        if case .finite(let k) = self, k < 1 { throw .invalidSubsteps(k) }
    }
}

import DenseLinearAlgebra

/// Moments of the ensemble at one recorded step.
public struct EnsembleSnapshot: Sendable {
    /// Step index (0 = initial state).
    public var step: Int
    /// Moments of the per-chain state (x, or [x; v] for underdamped schemes).
    public var state: MomentAccumulator
    /// Moments of the concatenated observables (empty dimension when there are none).
    public var observables: MomentAccumulator

    public var mean: [Double] { state.mean }
    /// Unbiased sample covariance (n − 1 normalisation).
    public var covariance: Matrix { state.covariance }
}

/// What an ensemble run returns: moments of the final state (and of any recorded steps), the drift-call
/// count and the wall-clock time.
public struct EnsembleResult: Sendable {
    public var chains: Int
    public var steps: Int
    /// Mean of the final state (x, or [x; v] ordered x then v for underdamped schemes).
    public var mean: [Double]
    /// Unbiased sample covariance of the final state (2d × 2d ordered [x; v] for underdamped schemes).
    public var covariance: Matrix
    /// Total drift evaluations (rows) over all chains and steps.
    public var driftCalls: Int
    /// driftCalls / (chains · steps).
    public var driftCallsPerStep: Double
    /// Wall-clock seconds of the run.
    public var seconds: Double
    /// Moments at every recorded step, ascending (the last is step T).
    public var snapshots: [EnsembleSnapshot]
    /// The run's name, e.g. "PLMC(η=0.2, K=4)".
    public var label: String
}

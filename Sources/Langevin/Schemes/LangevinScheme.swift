import SchemeVocabulary

/// The engine's form of a scheme: a value type that advances every chain of a block by one step.
///
/// A scheme takes all its randomness from the injected `StepNoise` (so several schemes can share one Brownian path,
/// and tests can script the noise), and evaluates the drift only in batches: first the base drift of every chain,
/// then all midpoints of the block in ONE call. The schemes of the vocabulary are `VocabularyScheme`s: what they are
/// (and what theory says about them) is their `variant`; `EngineScheme` builds the concrete type from it.
package protocol LangevinScheme: Sendable {
    /// The run's name, e.g. "PLMC(η=0.2, K=4)".
    var label: String { get }
    /// True for kinetic schemes, whose per-chain state is (x, v) ∈ ℝ^{2d}.
    var isUnderdamped: Bool { get }
    /// The step size η (the coarse step for PLMC).
    var stepSize: Double { get }
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
    package var midpointRowsPerChain: Int { 2 }
    package var maximumSteps: Int? { nil }
    package func stepStartTime(step: Int, startTime: Double) -> Double { startTime + Double(step) * stepSize }
}

/// A scheme of the vocabulary run by the engine: its name, kind and theory come from its `variant`.
package protocol VocabularyScheme: LangevinScheme {
    /// The scheme, possibly mutated, that this value runs.
    var variant: SchemeVariant { get }
}

extension VocabularyScheme {
    package var isUnderdamped: Bool { variant.scheme.isUnderdamped }
    /// The run's name, e.g. "PLMC(η=0.2, K=4)" (`SchemeVariant.label(stepSize:)`).
    package var label: String { variant.label(stepSize: stepSize) }
    /// The theory declared for the variant (cost, orders, reference).
    package var theory: SchemeTheory { variant.theory }

    /// Throws unless η is positive and finite and the variant's scheme is valid.
    package func validateVariant() throws(SimulationError) {
        try validateStepSize(stepSize)
        do { try variant.scheme.validate() } catch { throw SimulationError(error) }
    }
}

extension SimulationError {
    /// The simulation-level form of a vocabulary error.
    init(_ error: SchemeError) {
        switch error {
        case .invalidMidpointCount(let k): self = .invalidSubsteps(k)
        case .invalidFriction(let gamma): self = .invalidFriction(gamma)
        case .midpointCountTooLarge, .mutationDoesNotApply: self = .invalidScheme(error)
        }
    }
}

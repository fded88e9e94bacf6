import SchemeVocabulary

/// The engine's one exhaustive function of the vocabulary: a `SchemeVariant` at step η as the concrete scheme type
/// that runs it. Running an `EngineScheme` dispatches once to the concrete type, so the engine is specialised inside
/// this module (no existential and no per-step dispatch on the hot path).
///
/// A replacement mutant runs the scheme put in the variant's place (`SchemeMutation.replacedBy`: that scheme at η;
/// `.replacedByFineChain`: LMC at η/K, one fine step per engine step); every other mutation is an option of the real
/// scheme type (see each type's comment for the mutations it runs).
package enum EngineScheme: Sendable {
    case lmc(LMC)
    case plmc(PLMC)
    case rlmc(RLMC)
    case ulmc(ULMC)
    case plmcULMC(PLMCULMC)
    case rlmcULMC(RLMCULMC)

    /// Throws `.invalidScheme` or `.unsupported` for a variant the engine cannot run, and the scheme's own
    /// validation errors (η, K, γ).
    package init(_ variant: SchemeVariant, stepSize eta: Double) throws(SimulationError) {
        let scheme = variant.scheme
        let mutation = variant.mutation
        switch mutation {
        case .replacedBy(let other)?:
            self = try EngineScheme(SchemeVariant(other), stepSize: eta)
            return
        case .replacedByFineChain?:
            self = .lmc(LMC(stepSize: eta / (scheme.midpointCount?.value ?? 1)))
            return
        default: break
        }
        switch scheme {
        case .lmc: self = .lmc(try LMC(stepSize: eta, mutation: mutation))
        case .plmc(let k): self = .plmc(try PLMC(stepSize: eta, substeps: k, mutation: mutation))
        case .rlmc: self = .rlmc(try RLMC(stepSize: eta, mutation: mutation))
        case .ulmc(let gamma): self = .ulmc(try ULMC(stepSize: eta, friction: gamma, mutation: mutation))
        case let .plmcULMC(gamma, k):
            self = .plmcULMC(try PLMCULMC(stepSize: eta, friction: gamma, substeps: k, mutation: mutation))
        case .rlmcULMC(let gamma): self = .rlmcULMC(try RLMCULMC(stepSize: eta, friction: gamma, mutation: mutation))
        }
        try validate()
    }

    /// The concrete scheme's own validation.
    package func validate() throws(SimulationError) {
        switch self {
        case .lmc(let s): try s.validate()
        case .plmc(let s): try s.validate()
        case .rlmc(let s): try s.validate()
        case .ulmc(let s): try s.validate()
        case .plmcULMC(let s): try s.validate()
        case .rlmcULMC(let s): try s.validate()
        }
    }

    /// The variant the concrete scheme runs (for a replacement: the scheme put in the variant's place).
    package var variant: SchemeVariant {
        switch self {
        case .lmc(let s): return s.variant
        case .plmc(let s): return s.variant
        case .rlmc(let s): return s.variant
        case .ulmc(let s): return s.variant
        case .plmcULMC(let s): return s.variant
        case .rlmcULMC(let s): return s.variant
        }
    }

    package var isUnderdamped: Bool { variant.scheme.isUnderdamped }

    /// Rows per chain the midpoint buffers should hold up front.
    package var midpointRowsPerChain: Int {
        switch self {
        case .lmc(let s): return s.midpointRowsPerChain
        case .plmc(let s): return s.midpointRowsPerChain
        case .rlmc(let s): return s.midpointRowsPerChain
        case .ulmc(let s): return s.midpointRowsPerChain
        case .plmcULMC(let s): return s.midpointRowsPerChain
        case .rlmcULMC(let s): return s.midpointRowsPerChain
        }
    }

    /// One step of the block (one switch per block and step, then the concrete scheme's loops).
    @inline(__always)
    package func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                      noise: inout N) -> Int {
        switch self {
        case .lmc(let s): return s.advance(ws, drift: drift, step: step, time: time, noise: &noise)
        case .plmc(let s): return s.advance(ws, drift: drift, step: step, time: time, noise: &noise)
        case .rlmc(let s): return s.advance(ws, drift: drift, step: step, time: time, noise: &noise)
        case .ulmc(let s): return s.advance(ws, drift: drift, step: step, time: time, noise: &noise)
        case .plmcULMC(let s): return s.advance(ws, drift: drift, step: step, time: time, noise: &noise)
        case .rlmcULMC(let s): return s.advance(ws, drift: drift, step: step, time: time, noise: &noise)
        }
    }
}

extension Simulation {
    /// Runs a scheme of the vocabulary (correct or mutated) at step η with any batched drift, fully specialised
    /// for the drift type: the public entry point of the engine.
    public static func run<D: BatchDrift>(_ variant: SchemeVariant, stepSize: Double, drift: D,
                                          configuration: EnsembleConfiguration,
                                          observables: [EnsembleObservable] = []) throws(SimulationError) -> EnsembleResult {
        let start = ContinuousClock().now   // building the scheme (e.g. PLMC's tables for large K) counts in `seconds`
        return try run(EngineScheme(variant, stepSize: stepSize), drift: drift, configuration: configuration,
                       observables: observables, startedAt: start)
    }

    /// `run(_:stepSize:drift:configuration:observables:)` specialised for the linear drift −A(x − m) (the
    /// `simulate` interface and the Gaussian cases).
    public static func run(_ variant: SchemeVariant, stepSize: Double, drift: LinearBatchDrift,
                           configuration: EnsembleConfiguration,
                           observables: [EnsembleObservable] = []) throws(SimulationError) -> EnsembleResult {
        let start = ContinuousClock().now
        return try run(EngineScheme(variant, stepSize: stepSize), drift: drift, configuration: configuration,
                       observables: observables, startedAt: start)
    }

    /// Runs an engine scheme: one dispatch to the concrete type, then the generic engine.
    @inline(__always)
    package static func run<D: BatchDrift>(_ scheme: EngineScheme, drift: D, configuration: EnsembleConfiguration,
                                           observables: [EnsembleObservable] = [],
                                           startedAt: ContinuousClock.Instant? = nil) throws(SimulationError) -> EnsembleResult {
        let c = configuration, o = observables, t = startedAt
        switch scheme {
        case .lmc(let s): return try run(scheme: s, drift: drift, configuration: c, observables: o, startedAt: t)
        case .plmc(let s): return try run(scheme: s, drift: drift, configuration: c, observables: o, startedAt: t)
        case .rlmc(let s): return try run(scheme: s, drift: drift, configuration: c, observables: o, startedAt: t)
        case .ulmc(let s): return try run(scheme: s, drift: drift, configuration: c, observables: o, startedAt: t)
        case .plmcULMC(let s): return try run(scheme: s, drift: drift, configuration: c, observables: o, startedAt: t)
        case .rlmcULMC(let s): return try run(scheme: s, drift: drift, configuration: c, observables: o, startedAt: t)
        }
    }
}

/// The schemes of the fixed `simulate` interface, as a value (what the CLI parses). Running a specification
/// dispatches once to the concrete scheme type, so the engine is specialised inside this module (no
/// existential on the step path).
public enum SchemeSpecification: Sendable, Equatable, CustomStringConvertible {
    case lmc(stepSize: Double)
    case plmc(stepSize: Double, substeps: MidpointSubsteps)
    case rlmc(stepSize: Double)
    case ulmc(stepSize: Double, friction: Double)
    case plmcULMC(stepSize: Double, friction: Double, substeps: MidpointSubsteps)

    public var isUnderdamped: Bool {
        switch self {
        case .lmc, .plmc, .rlmc: return false
        case .ulmc, .plmcULMC: return true
        }
    }

    public var metadata: SchemeMetadata {
        switch self {
        case .lmc(let eta): return LMC(stepSize: eta).metadata
        case let .plmc(eta, k): return PLMC(stepSize: eta, substeps: k).metadata
        case .rlmc(let eta): return RLMC(stepSize: eta).metadata
        case let .ulmc(eta, gamma): return ULMC(stepSize: eta, friction: gamma).metadata
        case let .plmcULMC(eta, gamma, k): return PLMCULMC(stepSize: eta, friction: gamma, substeps: k).metadata
        }
    }

    public var description: String { metadata.name }
}

extension Simulation {
    /// Runs a scheme given as a specification with the linear drift −A(x − m) (the `simulate` interface):
    /// fully specialised for `LinearBatchDrift`.
    public static func run(_ specification: SchemeSpecification, drift: LinearBatchDrift,
                           configuration: EnsembleConfiguration,
                           observables: [EnsembleObservable] = []) throws(SimulationError) -> EnsembleResult {
        try runSpecification(specification, drift: drift, configuration: configuration, observables: observables)
    }

    /// Runs a scheme given as a specification with any batched drift.
    public static func run<D: BatchDrift>(_ specification: SchemeSpecification, drift: D,
                                          configuration: EnsembleConfiguration,
                                          observables: [EnsembleObservable] = []) throws(SimulationError) -> EnsembleResult {
        try runSpecification(specification, drift: drift, configuration: configuration, observables: observables)
    }

    @inline(__always)
    static func runSpecification<D: BatchDrift>(_ specification: SchemeSpecification, drift: D,
                                                configuration: EnsembleConfiguration,
                                                observables: [EnsembleObservable]) throws(SimulationError) -> EnsembleResult {
        switch specification {
        case .lmc(let eta):
            return try run(scheme: LMC(stepSize: eta), drift: drift, configuration: configuration, observables: observables)
        case let .plmc(eta, k):
            return try run(scheme: PLMC(stepSize: eta, substeps: k), drift: drift, configuration: configuration,
                           observables: observables)
        case .rlmc(let eta):
            return try run(scheme: RLMC(stepSize: eta), drift: drift, configuration: configuration, observables: observables)
        case let .ulmc(eta, gamma):
            return try run(scheme: ULMC(stepSize: eta, friction: gamma), drift: drift, configuration: configuration,
                           observables: observables)
        case let .plmcULMC(eta, gamma, k):
            return try run(scheme: PLMCULMC(stepSize: eta, friction: gamma, substeps: k), drift: drift,
                           configuration: configuration, observables: observables)
        }
    }
}

import DenseLinearAlgebra
import Langevin
import Randomness
import SchemeVocabulary

/// What the Monte Carlo claims need from a claim case: its batched drift, its dimension, a start law for the
/// chains, the Lipschitz constant that sizes the steps, and (when the case is one-dimensional or a separable
/// product) the 1-D marginal drift and potential for the exact kernel quadrature.
struct MonteCarloCase {
    let name: String
    let drift: any BatchDrift
    let dimension: Int
    /// Exact samples of π when the case is known to the suite (Gaussian, Gaussian mixture), else the origin.
    let initialLaw: InitialLaw
    let startsAtStationarity: Bool
    /// The declared Lipschitz constant (1 when none is declared).
    let lipschitz: Double
    /// The 1-D marginal drift b₁ and potential (d = 1 or separable product), if any.
    let marginal: OneDimensionalPotential?
    let marginalDrift: (@Sendable (Double) -> Double)?

    init(_ claimCase: ClaimCase) throws(VerificationError) {
        name = claimCase.name
        lipschitz = claimCase.assumptions.lipschitz.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? 1
        if let engineCase = claimCase.engineCase {
            drift = engineCase.drift
            dimension = engineCase.dimension
            if let sampler = engineCase.stationarySampler {
                initialLaw = .exact(sampler)
                startsAtStationarity = true
            } else {
                initialLaw = .point([Double](repeating: 0, count: engineCase.dimension))
                startsAtStationarity = false
            }
            switch engineCase.reference {
            case .quadrature(let potential) where engineCase.dimension == 1:
                marginal = potential
            case let .separableProduct(potential, dimension) where dimension == engineCase.dimension:
                marginal = potential
            default:
                marginal = nil
            }
            if marginal != nil {
                let d = engineCase.dimension
                let batch = engineCase.drift
                marginalDrift = { x in batch.value(at: [Double](repeating: x, count: d))[0] }
            } else {
                marginalDrift = nil
            }
        } else if let gaussian = claimCase.gaussian {
            do { drift = try LinearBatchDrift(matrix: gaussian.precision, mean: gaussian.mean) } catch {
                throw .invalidParameter(name: "Gaussian case \(claimCase.name)", value: "A, m", requirement: error.description)
            }
            dimension = gaussian.dimension
            initialLaw = .point(gaussian.mean)
            startsAtStationarity = false
            marginal = nil
            marginalDrift = nil
        } else {
            throw .invalidParameter(name: "case \(claimCase.name)", value: "no drift",
                                    requirement: "a Monte Carlo claim needs an engine case or a Gaussian target")
        }
    }

    /// Runs a scheme of the vocabulary on the case's drift (the engine specialises inside its module).
    func simulate(_ variant: SchemeVariant, stepSize: Double, configuration: EnsembleConfiguration)
        throws(SimulationError) -> EnsembleResult
    {
        try Simulation.run(variant, stepSize: stepSize, drift: drift, configuration: configuration)
    }

    /// The coupled run of `candidates` against the fine chain on the case's drift.
    func coupled(_ candidates: [CoupledCandidate], observables: [BoundedObservable], design: CoupledDesign)
        throws(SimulationError) -> CoupledResult
    {
        try CoupledDriver.run(drift: drift, candidates: candidates, observables: observables, design: design)
    }
}

/// A seed for one named part of a check, derived from the run seed by the keyed split of `Randomness`
/// (distinct parts get unrelated seeds; the same part always the same seed).
func derivedSeed(_ seed: UInt64, _ part: String) -> UInt64 {
    var g = Xoshiro256StarStar(seed: seed, stream: stableSeed(for: part))
    return g.next()
}

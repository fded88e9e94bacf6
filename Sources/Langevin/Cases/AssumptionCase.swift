import DenseLinearAlgebra
import Randomness
import SchemeVocabulary

/// What is known about the log-Sobolev inequality of a target.
public enum LogSobolevConstant: Sendable, Equatable {
    /// LSI holds with constant λ (or at least λ: a proven lower bound).
    case known(Double)
    /// LSI holds, constant not given in closed form.
    case holdsUnknownConstant
    /// Not known to hold.
    case unknown
}

/// The assumptions a case declares, as data: a claim is checked on a case only when the case satisfies the
/// claim's assumptions.
public struct DeclaredAssumptions: Sendable, Equatable {
    /// The drift is L-Lipschitz in x with this L (nil: not globally Lipschitz).
    public var lipschitz: Double?
    /// −∇²log π ⪰ m·I with this m > 0 (nil: not strongly log-concave).
    public var stronglyLogConcave: Double?
    public var logSobolev: LogSobolevConstant
    /// ⟨b(x), x⟩ ≤ −α|x|² + β for some α > 0.
    public var dissipative: Bool
    /// b depends on t.
    public var timeVarying: Bool
    /// Explicitly outside the Lipschitz assumption of the PLMC theorems (e.g. a cubic drift).
    public var outsideLipschitzAssumption: Bool

    public init(lipschitz: Double?, stronglyLogConcave: Double?, logSobolev: LogSobolevConstant, dissipative: Bool,
                timeVarying: Bool = false, outsideLipschitzAssumption: Bool = false) {
        self.lipschitz = lipschitz
        self.stronglyLogConcave = stronglyLogConcave
        self.logSobolev = logSobolev
        self.dissipative = dissipative
        self.timeVarying = timeVarying
        self.outsideLipschitzAssumption = outsideLipschitzAssumption
    }
}

/// A 1-D potential F (density ∝ e^{−F}) with the interval on which quadrature captures its mass.
public struct OneDimensionalPotential: Sendable {
    public var potential: @Sendable (Double) -> Double
    public var lower: Double
    public var upper: Double
    public init(potential: @escaping @Sendable (Double) -> Double, lower: Double, upper: Double) {
        self.potential = potential; self.lower = lower; self.upper = upper
    }
}

/// How the reference law of a case is obtained (data; the numbers come from ReferenceLaws or a coupled run).
public enum CaseReference: Sendable {
    /// The target is N(mean, precision⁻¹) exactly.
    case exactGaussian(precision: Matrix, mean: [Double])
    /// dX = −a(t)(X − m)dt + √2 dB with a(t) = rate(t), ∫_s^t a = integratedRate(s, t): exact Gaussian transitions
    /// X_t | X_s ~ N(m + e^{−∫_s^t a}(X_s − m), 2∫_s^t e^{−2∫_u^t a} du · I).
    case ornsteinUhlenbeck(rate: @Sendable (Double) -> Double, integratedRate: @Sendable (Double, Double) -> Double,
                           mean: [Double])
    /// d = 1 and π ∝ e^{−F} on ℝ: quadrature of e^{−F}.
    case quadrature(OneDimensionalPotential)
    /// π = ⊗ᵢ π₁ with π₁ ∝ e^{−F₁} in each of `dimension` coordinates (1-D quadrature per coordinate).
    case separableProduct(OneDimensionalPotential, dimension: Int)
    /// No closed form: compare against fine LMC(η/K) on the same Brownian path.
    case coupledFineChain(substeps: Int)
}

/// A target (or time-varying drift) on which the suite checks claims: its drift on batches, optional
/// potential, declared assumptions and reference law. Add a case by conforming one type in one file and
/// listing it in `AssumptionCases.builtIn`.
public protocol AssumptionCase: Sendable {
    associatedtype Drift: BatchDrift
    var name: String { get }
    var dimension: Int { get }
    var drift: Drift { get }
    /// F with π ∝ e^{−F} (nil for time-varying drifts).
    var potential: (@Sendable ([Double]) -> Double)? { get }
    /// ∇F (so b = −∇F for autonomous overdamped cases).
    var gradient: (@Sendable ([Double]) -> [Double])? { get }
    var assumptions: DeclaredAssumptions { get }
    var reference: CaseReference { get }
    /// One line describing the case.
    var summary: String { get }
    /// An exact sampler of π, when the case has one: checks start chains at stationarity with it (nil: no exact
    /// sampler; chains start at the origin and burn in).
    var stationarySampler: ExactSampler? { get }
}

/// Exact draws of a law on ℝᵈ from a generator: `draw(&g, x, d)` writes d coordinates (e.g. an exact sample of π).
public struct ExactSampler: Sendable {
    public let name: String
    public let draw: @Sendable (_ generator: inout Xoshiro256StarStar, _ into: UnsafeMutablePointer<Double>,
                                _ dimension: Int) -> Void

    public init(name: String,
                draw: @escaping @Sendable (inout Xoshiro256StarStar, UnsafeMutablePointer<Double>, Int) -> Void) {
        self.name = name
        self.draw = draw
    }
}

extension AssumptionCase {
    /// No exact sampler unless the case declares one.
    public var stationarySampler: ExactSampler? { nil }

    /// Throws unless the drift's dimension equals the case's dimension (checked before any run).
    public func validate() throws(SimulationError) {
        guard dimension >= 1 else { throw .invalidParameter(name: "\(name).dimension", value: "\(dimension)", reason: "must be ≥ 1") }
        guard drift.dimension == dimension else {
            throw .dimensionMismatch(what: "drift of case \(name)", expected: dimension, got: drift.dimension)
        }
    }

    /// Runs a scheme of the vocabulary at step η on this case (after `validate()`).
    public func simulate(_ variant: SchemeVariant, stepSize: Double, configuration: EnsembleConfiguration,
                         observables: [EnsembleObservable] = []) throws(SimulationError) -> EnsembleResult {
        try validate()
        return try Simulation.run(variant, stepSize: stepSize, drift: drift, configuration: configuration,
                                  observables: observables)
    }
}

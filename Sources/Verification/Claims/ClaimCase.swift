import DenseLinearAlgebra
import Langevin
import ReferenceLaws
import SchemeVocabulary

/// A Gaussian target N(m, A⁻¹) (drift b(x) = −A(x − m), A symmetric positive definite) with its spectral
/// decomposition A = Q diag(λ) Qᵀ (λ ascending), in which every exact law of the schemes is diagonal-by-blocks.
public struct GaussianTarget: Sendable {
    /// The validated drift (A symmetrised, m) used by `ChainLaw`.
    public let drift: LinearDrift
    /// A = Q diag(λ) Qᵀ.
    public let eigen: SymmetricEigen

    /// Throws unless A is square, finite, symmetric and positive definite and m has d finite entries.
    public init(precision: Matrix, mean: [Double]) throws(VerificationError) {
        do { drift = try LinearDrift(precision: precision, mean: mean) } catch {
            throw .invalidParameter(name: "Gaussian target", value: "A (\(precision.rows)×\(precision.cols)), m", requirement: error.description)
        }
        do { eigen = try SymmetricEigen(drift.precision, what: "precision matrix A") } catch {
            throw .law("eigen-decomposition of A: \(error)")
        }
    }

    public var precision: Matrix { drift.precision }
    public var mean: [Double] { drift.mean }
    public var dimension: Int { drift.dimension }
    /// λ₁ ≤ … ≤ λ_d.
    public var eigenvalues: [Double] { eigen.values }
    public var largestEigenvalue: Double { eigen.values.last ?? .nan }
    public var smallestEigenvalue: Double { eigen.values.first ?? .nan }

    /// Q diag(v) Qᵀ.
    public func fromEigenbasis(diagonal values: [Double]) -> Matrix {
        eigen.fromEigenbasis(Matrix.diagonal(values)).symmetrized
    }

    /// Qᵀ M Q.
    public func toEigenbasis(_ matrix: Matrix) -> Matrix { eigen.toEigenbasis(matrix) }

    /// A⁻¹ = Q diag(1/λ) Qᵀ, the target covariance.
    public var covariance: Matrix { fromEigenbasis(diagonal: eigen.values.map { 1 / $0 }) }

    /// π = N(m, A⁻¹).
    public func law() throws(VerificationError) -> GaussianLaw {
        do { return try GaussianLaw(mean: mean, covariance: covariance) } catch { throw .law("target law: \(error)") }
    }
}

/// A ladder h_k = h₀ · 2^{−k}, k = 0…levels, for rate fits (docs/testing-policy.md R13).
public struct RateLadder: Sendable, Equatable, CustomStringConvertible {
    public let initialStep: Double
    public let levels: Int

    /// Throws unless h₀ is finite and > 0 and levels ≥ 2 (at least two local slopes).
    public init(initialStep: Double, levels: Int) throws(VerificationError) {
        try require(initialStep > 0 && initialStep.isFinite, "h₀", initialStep, "must be finite and > 0")
        try require(levels >= 2, "levels", levels, "must be ≥ 2 (three steps, two local slopes)")
        self.initialStep = initialStep
        self.levels = levels
    }

    /// [h₀, h₀/2, …, h₀·2^{−levels}] (exact in binary floating point).
    public var steps: [Double] {
        (0...levels).map { initialStep * Double(sign: .plus, exponent: -$0, significand: 1) }
    }

    public var description: String { "h_k = \(initialStep)·2^{−k}, k = 0…\(levels)" }
}

/// Per-case overrides of a claim's defaults (nil: the claim chooses from the case and the tier).
public struct ClaimCaseSettings: Sendable, Equatable {
    /// The step ladder of rate claims.
    public var ladder: RateLadder?
    /// K of the PLMC claims that use one K.
    public var midpointCount: MidpointCount?
    /// γ of the underdamped claims.
    public var friction: Double?
    /// The horizon t of the path-KL proxy (C8).
    public var horizon: Double?
    /// The noise schedule of the diffusion claims (nil: Ho et al.'s linear schedule).
    public var schedule: NoiseSchedule?

    public init(ladder: RateLadder? = nil, midpointCount: MidpointCount? = nil, friction: Double? = nil,
                horizon: Double? = nil, schedule: NoiseSchedule? = nil) {
        self.ladder = ladder
        self.midpointCount = midpointCount
        self.friction = friction
        self.horizon = horizon
        self.schedule = schedule
    }
}

/// The case a claim is checked on: a name, the declared assumptions, the exact Gaussian target if there is one,
/// the engine's assumption case if the claim needs simulation, and per-case settings.
public struct ClaimCase: Sendable {
    public let name: String
    public let assumptions: DeclaredAssumptions
    /// Present iff the target is exactly N(m, A⁻¹) with linear drift.
    public let gaussian: GaussianTarget?
    /// The Langevin assumption case (drift on batches, reference), for Monte Carlo checks.
    public let engineCase: (any AssumptionCase)?
    public var settings: ClaimCaseSettings

    /// A Gaussian case N(m, A⁻¹). Declared assumptions follow from the spectrum: L = λ_max, strong
    /// log-concavity and LSI with λ_min, dissipative, time-homogeneous.
    public init(name: String, precision: Matrix, mean: [Double], settings: ClaimCaseSettings = ClaimCaseSettings())
        throws(VerificationError)
    {
        let target = try GaussianTarget(precision: precision, mean: mean)
        self.name = name
        self.gaussian = target
        self.engineCase = nil
        self.settings = settings
        self.assumptions = DeclaredAssumptions(lipschitz: target.largestEigenvalue,
                                               stronglyLogConcave: target.smallestEigenvalue,
                                               logSobolev: .known(target.smallestEigenvalue), dissipative: true)
    }

    /// A case from the engine's registry; its Gaussian target is taken from `reference` when it is
    /// `.exactGaussian`. Throws `.law` when the case is inconsistent (`AssumptionCase.validate()`: a drift whose
    /// dimension is not the case's, a dimension below 1; an exact Gaussian reference of another dimension), so that no
    /// check ever runs on it.
    public init(_ engineCase: any AssumptionCase, settings: ClaimCaseSettings = ClaimCaseSettings()) throws(VerificationError) {
        do { try engineCase.validate() } catch {
            throw .law("the assumption case \(engineCase.name) is inconsistent: \(error)")
        }
        do { _ = try engineCase.checkDeclarations() } catch {
            throw .law("the assumption case \(engineCase.name) is inconsistent: \(error)")
        }
        self.name = engineCase.name
        self.assumptions = engineCase.assumptions
        self.engineCase = engineCase
        self.settings = settings
        if case let .exactGaussian(precision, mean) = engineCase.reference {
            guard precision.rows == engineCase.dimension, mean.count == engineCase.dimension else {
                throw .law("the assumption case \(engineCase.name) is inconsistent: its exact Gaussian reference has "
                           + "dimension \(precision.rows) (mean \(mean.count)), the case \(engineCase.dimension)")
            }
            self.gaussian = try GaussianTarget(precision: precision, mean: mean)
        } else {
            self.gaussian = nil
        }
    }

    /// The dimension d of the case (of its Gaussian target, else of its engine case; 0 when it has neither).
    public var dimension: Int { gaussian?.dimension ?? engineCase?.dimension ?? 0 }

    /// The assumptions this case satisfies (see `Assumption.satisfied`).
    public var satisfiedAssumptions: Set<Assumption> {
        Assumption.satisfied(by: assumptions, gaussianReference: gaussian != nil)
    }

    /// The same case with other settings.
    public func with(_ settings: ClaimCaseSettings) -> ClaimCase {
        var copy = self
        copy.settings = settings
        return copy
    }
}

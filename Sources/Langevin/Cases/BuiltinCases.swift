import DenseLinearAlgebra
import Randomness
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// N(m, a⁻¹ I) in d dimensions: b(x) = −a(x − m). L = m = λ_LSI = a.
public struct IsotropicGaussianCase: AssumptionCase {
    public let dimension: Int
    public let precision: Double
    public let mean: [Double]
    public let drift: LinearBatchDrift

    public init(dimension: Int, precision a: Double = 1, mean: [Double]? = nil) throws(SimulationError) {
        guard dimension >= 1 else { throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be ≥ 1") }
        guard a > 0, a.isFinite else { throw .invalidParameter(name: "precision", value: "\(a)", reason: "must be > 0") }
        let m = mean ?? [Double](repeating: 0, count: dimension)
        self.dimension = dimension
        precision = a
        self.mean = m
        drift = try LinearBatchDrift(diagonal: [Double](repeating: a, count: dimension), mean: m)
    }

    public var name: String { "isotropic-gaussian-d\(dimension)" }
    public var summary: String { "N(m, I/\(precision)) in d = \(dimension)" }
    public var potential: (@Sendable ([Double]) -> Double)? {
        let a = precision, m = mean
        return { x in 0.5 * a * zip(x, m).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
    }
    public var gradient: (@Sendable ([Double]) -> [Double])? {
        let a = precision, m = mean
        return { x in zip(x, m).map { a * ($0 - $1) } }
    }
    public var assumptions: DeclaredAssumptions {
        DeclaredAssumptions(lipschitz: precision, stronglyLogConcave: precision, logSobolev: .known(precision), dissipative: true)
    }
    public var reference: CaseReference {
        .exactGaussian(precision: Matrix.diagonal([Double](repeating: precision, count: dimension)), mean: mean)
    }
    /// Exact samples of N(m, a⁻¹ I).
    public var stationarySampler: ExactSampler? {
        let s = 1 / precision.squareRoot(), mean = mean, a = precision
        return ExactSampler(name: "exact N(m, I/\(a))") { g, x, d in
            for j in 0..<d { x[j] = mean[j] + s * g.nextStandardNormal() }
        }
    }
}

/// N(m, A⁻¹) with A = Q diag(λ) Qᵀ, Q Haar-random from `seed`, λ geometric from λ_min to κ·λ_min.
/// L = κλ_min, strong log-concavity and LSI constant λ_min.
public struct AnisotropicGaussianCase: AssumptionCase {
    public let dimension: Int
    public let condition: Double
    public let seed: UInt64
    public let precision: Matrix
    public let mean: [Double]
    public let smallestEigenvalue: Double
    public let drift: LinearBatchDrift

    public init(dimension: Int, condition kappa: Double, smallestEigenvalue: Double = 1, seed: UInt64,
                mean: [Double]? = nil) throws(SimulationError) {
        guard dimension >= 1 else { throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be ≥ 1") }
        var g = Xoshiro256StarStar(seed: seed, stream: 0x5EED)
        let a: Matrix
        do {
            a = try Matrix.randomSymmetricPositiveDefinite(dimension, condition: kappa, smallest: smallestEigenvalue,
                                                           standardNormal: { g.nextStandardNormal() })
        } catch {
            throw .invalidParameter(name: "condition/smallestEigenvalue", value: "\(kappa)/\(smallestEigenvalue)",
                                    reason: error.description)
        }
        let m = mean ?? [Double](repeating: 0, count: dimension)
        self.dimension = dimension
        condition = kappa
        self.seed = seed
        precision = a
        self.mean = m
        self.smallestEigenvalue = smallestEigenvalue
        drift = try LinearBatchDrift(matrix: a, mean: m)
    }

    public var name: String { "anisotropic-gaussian-d\(dimension)-kappa\(condition)" }
    public var summary: String { "N(m, A⁻¹), A Haar-rotated, spectrum geometric with κ = \(condition), d = \(dimension)" }
    public var potential: (@Sendable ([Double]) -> Double)? {
        let a = precision, m = mean
        return { x in
            let y = zip(x, m).map { $0 - $1 }
            return 0.5 * zip(y, a * y).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }
    public var gradient: (@Sendable ([Double]) -> [Double])? {
        let a = precision, m = mean
        return { x in a * zip(x, m).map { $0 - $1 } }
    }
    public var assumptions: DeclaredAssumptions {
        DeclaredAssumptions(lipschitz: condition * smallestEigenvalue, stronglyLogConcave: smallestEigenvalue,
                            logSobolev: .known(smallestEigenvalue), dissipative: true)
    }
    public var reference: CaseReference { .exactGaussian(precision: precision, mean: mean) }
}

/// π = ⊗ᵢ [½N(−c, 1) + ½N(c, 1)] in d dimensions (d = 1: the 1-D mixture of docs/theory.md §4.6):
/// F(x) = Σ xᵢ²/2 − log cosh(c xᵢ), b(x)ᵢ = −xᵢ + c·tanh(c xᵢ), with ∂ᵢᵢF = 1 − c² sech²(c xᵢ) ∈ [1 − c², 1]
/// (minimum 1 − c² at xᵢ = 0). Hence: Lipschitz with L = max(1, c² − 1); strongly log-concave (m = 1 − c²) only for
/// c < 1; log-concave but NOT strongly for c = 1 (F″(0) = 0); NOT log-concave for c > 1 (c = 2: F″(0) = −3, the
/// suite's non-log-concave default, PN-V14); LSI holds (two-component Gaussian mixture; constant not in closed form).
/// E_π[xᵢ²] = 1 + c².
public struct GaussianMixtureCase: AssumptionCase {
    public let dimension: Int
    public let separation: Double
    public let drift: GaussianMixtureDrift

    public init(dimension: Int = 1, separation c: Double = 1) throws(SimulationError) {
        guard dimension >= 1 else { throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be ≥ 1") }
        guard c >= 0, c.isFinite else { throw .invalidParameter(name: "separation", value: "\(c)", reason: "must be ≥ 0") }
        self.dimension = dimension
        separation = c
        drift = GaussianMixtureDrift(dimension: dimension, separation: c)
    }

    public var name: String { dimension == 1 ? "mixture-1d-c\(separation)" : "mixture-product-d\(dimension)-c\(separation)" }
    public var summary: String {
        let c2 = separation * separation
        let shape = c2 < 1 ? "strongly log-concave" : c2 == 1 ? "log-concave, not strongly (F″(0) = 0)"
            : "not log-concave (F″(0) = \(1 - c2))"
        return "⊗ [½N(−c,1) + ½N(c,1)], c = \(separation), d = \(dimension): \(shape)"
    }
    public var potential: (@Sendable ([Double]) -> Double)? { drift.potential }
    public var gradient: (@Sendable ([Double]) -> [Double])? { drift.gradient }
    public var assumptions: DeclaredAssumptions {
        let c2 = separation * separation
        return DeclaredAssumptions(lipschitz: max(1, c2 - 1), stronglyLogConcave: c2 < 1 ? 1 - c2 : nil,
                                   logSobolev: .holdsUnknownConstant, dissipative: true)
    }
    public var reference: CaseReference {
        let c = separation
        let oneD = OneDimensionalPotential(potential: drift.potential1D, lower: -c - 14, upper: c + 14)
        return dimension == 1 ? .quadrature(oneD) : .separableProduct(oneD, dimension: dimension)
    }
    public var stationarySampler: ExactSampler? { Self.mixtureSampler(separation: separation) }

    /// Exact samples of ⊗ᵢ [½N(−c, 1) + ½N(c, 1)]: xᵢ = ±c + N(0, 1), the sign from a uniform.
    public static func mixtureSampler(separation c: Double) -> ExactSampler {
        ExactSampler(name: "exact ⊗[½N(−\(c),1) + ½N(\(c),1)]") { g, x, d in
            for j in 0..<d {
                let sign: Double = g.nextUniform() < 0.5 ? -1 : 1
                x[j] = sign * c + g.nextStandardNormal()
            }
        }
    }
}

/// F(x) = |x|²/2 + α Σᵢ cos(ω xᵢ): a non-convex (when αω² > 1), separable potential with Lipschitz gradient,
/// ∂ᵢᵢF = 1 − αω² cos(ω xᵢ) ∈ [1 − αω², 1 + αω²] (α = 1, ω = 2: down to −3 at the origin, not log-concave),
/// L = 1 + αω²; LSI holds with λ ≥ e^{−2α} (Holley–Stroock: the perturbation's oscillation per coordinate is 2α;
/// tensorisation); dissipative.
public struct CosinePerturbedCase: AssumptionCase {
    public let dimension: Int
    public let amplitude: Double
    public let frequency: Double
    public let drift: CosinePerturbedDrift

    public init(dimension: Int, amplitude alpha: Double = 1, frequency omega: Double = 2) throws(SimulationError) {
        guard dimension >= 1 else { throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be ≥ 1") }
        guard alpha >= 0, alpha.isFinite, omega.isFinite else {
            throw .invalidParameter(name: "amplitude/frequency", value: "\(alpha)/\(omega)", reason: "must be finite, α ≥ 0")
        }
        self.dimension = dimension
        amplitude = alpha
        frequency = omega
        drift = CosinePerturbedDrift(dimension: dimension, amplitude: alpha, frequency: omega)
    }

    public var name: String { "cosine-d\(dimension)-a\(amplitude)-w\(frequency)" }
    public var summary: String {
        let curvature = amplitude * frequency * frequency
        return "F = |x|²/2 + α Σ cos(ω xᵢ), α = \(amplitude), ω = \(frequency), d = \(dimension): "
            + (curvature > 1 ? "not log-concave (min ∂ᵢᵢF = \(1 - curvature))" : "log-concave")
    }
    public var potential: (@Sendable ([Double]) -> Double)? { drift.potential }
    public var gradient: (@Sendable ([Double]) -> [Double])? { drift.gradient }
    public var assumptions: DeclaredAssumptions {
        let curvature = amplitude * frequency * frequency
        return DeclaredAssumptions(lipschitz: 1 + curvature, stronglyLogConcave: curvature < 1 ? 1 - curvature : nil,
                                   logSobolev: .known(exp(-2 * amplitude)), dissipative: true)
    }
    public var reference: CaseReference {
        .separableProduct(OneDimensionalPotential(potential: drift.potential1D, lower: -14 - amplitude, upper: 14 + amplitude),
                          dimension: dimension)
    }
}

/// The double well F(x) = Σᵢ xᵢ⁴/4 − xᵢ²/2, b(x)ᵢ = xᵢ − xᵢ³: OUTSIDE the Lipschitz assumption (cubic drift);
/// dissipative; LSI holds (constant not in closed form).
public struct DoubleWellCase: AssumptionCase {
    public let dimension: Int
    public let drift: DoubleWellDrift

    public init(dimension: Int = 1) throws(SimulationError) {
        guard dimension >= 1 else { throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be ≥ 1") }
        self.dimension = dimension
        drift = DoubleWellDrift(dimension: dimension)
    }

    public var name: String { "double-well-d\(dimension)" }
    public var summary: String { "F = Σ xᵢ⁴/4 − xᵢ²/2 (cubic drift, not globally Lipschitz), d = \(dimension)" }
    public var potential: (@Sendable ([Double]) -> Double)? { drift.potential }
    public var gradient: (@Sendable ([Double]) -> [Double])? { drift.gradient }
    public var assumptions: DeclaredAssumptions {
        DeclaredAssumptions(lipschitz: nil, stronglyLogConcave: nil, logSobolev: .holdsUnknownConstant, dissipative: true,
                            outsideLipschitzAssumption: true)
    }
    public var reference: CaseReference {
        .separableProduct(OneDimensionalPotential(potential: drift.potential1D, lower: -8, upper: 8), dimension: dimension)
    }
}

/// The time-varying OU drift b(x, t) = −a(1 + ε sin t)(x − m) (ε = ½ by default): Lipschitz with L = a(1 + ε),
/// time-varying; reference: the exact OU transition with ∫_s^t a(u) du = a[(t − s) − ε(cos t − cos s)].
public struct TimeVaryingOUCase: AssumptionCase {
    public let dimension: Int
    public let rate: Double
    public let modulation: Double
    public let mean: [Double]
    public let drift: TimeVaryingOUDrift

    public init(dimension: Int, rate a: Double = 1, modulation epsilon: Double = 0.5, mean: [Double]? = nil)
        throws(SimulationError) {
        guard dimension >= 1 else { throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be ≥ 1") }
        guard a > 0, a.isFinite, epsilon >= 0, epsilon < 1 else {
            throw .invalidParameter(name: "rate/modulation", value: "\(a)/\(epsilon)", reason: "need a > 0 and 0 ≤ ε < 1")
        }
        let m = mean ?? [Double](repeating: 0, count: dimension)
        try validateSimulationVector(m, "mean", count: dimension)
        self.dimension = dimension
        rate = a
        modulation = epsilon
        self.mean = m
        drift = TimeVaryingOUDrift(rate: a, modulation: epsilon, mean: m)
    }

    public var name: String { "time-varying-ou-d\(dimension)" }
    public var summary: String { "b(x, t) = −a(1 + ε sin t)(x − m), a = \(rate), ε = \(modulation), d = \(dimension)" }
    public var potential: (@Sendable ([Double]) -> Double)? { nil }
    public var gradient: (@Sendable ([Double]) -> [Double])? { nil }
    public var assumptions: DeclaredAssumptions {
        DeclaredAssumptions(lipschitz: rate * (1 + modulation), stronglyLogConcave: nil, logSobolev: .unknown,
                            dissipative: true, timeVarying: true)
    }
    public var reference: CaseReference {
        let a = rate, e = modulation
        return .ornsteinUhlenbeck(rate: { t in a * (1 + e * sin(t)) },
                                  integratedRate: { s, t in a * ((t - s) - e * (cos(t) - cos(s))) }, mean: mean)
    }
}

/// The registry of built-in cases.
public enum AssumptionCases {
    /// One instance of every built-in case, with the default parameters used by the suite.
    public static func builtIn() throws(SimulationError) -> [any AssumptionCase] {
        [
            try IsotropicGaussianCase(dimension: 10),
            try AnisotropicGaussianCase(dimension: 10, condition: 10, seed: 20_240_517),
            try GaussianMixtureCase(dimension: 1, separation: 1),
            try GaussianMixtureCase(dimension: 5, separation: 1),
            try GaussianMixtureCase(dimension: 1, separation: 2),
            try GaussianMixtureCase(dimension: 5, separation: 2),
            try CosinePerturbedCase(dimension: 5, amplitude: 1, frequency: 2),
            try DoubleWellCase(dimension: 1),
            try TimeVaryingOUCase(dimension: 3),
        ]
    }

    /// The built-in case with this name, if any.
    public static func named(_ name: String) throws(SimulationError) -> (any AssumptionCase)? {
        try builtIn().first { $0.name == name }
    }
}

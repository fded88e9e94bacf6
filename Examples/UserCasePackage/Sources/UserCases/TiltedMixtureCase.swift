// One assumption case defined outside the LangevinVerification repository (docs/adding-an-assumption-case.md, "A case
// in your own package").
import Langevin
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// b(x) = −F′(x) for F(x) = x²/2 − log cosh(c x) + α sin x (c = 1.8, α = 0.5): a tilted two-bump target.
public struct TiltedMixtureDrift: BatchDrift {
    public let separation: Double
    public let tilt: Double
    public var dimension: Int { 1 }

    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        for r in 0..<count {
            let x = states[r]
            into[r] = -x + separation * tanh(separation * x) - tilt * cos(x)
        }
    }
}

/// π ∝ e^{−F}, F(x) = x²/2 − log cosh(c x) + α sin x, c = 1.8, α = 0.5 — NOT log-concave.
///
/// * F″ = 1 − c² sech²(cx) − α sin x ∈ [1 − c² − α, 1 + α]: min ≈ 1 − 3.24 = −2.24 near 0; so |F″| ≤ c² − 1 + α = 2.74:
///   L = 2.74.
/// * LSI holds: the mixture part satisfies one (two Gaussian components of equal covariance) and the tilt e^{−α sin x}
///   has oscillation 2α (Holley–Stroock); constant not in closed form.
/// * dissipative: x·b(x) ≤ −x² + c|x| + α|x|.
/// * reference: d = 1, quadrature of e^{−F} on [−c − 14, c + 14].
public struct TiltedMixtureCase: AssumptionCase {
    public let drift = TiltedMixtureDrift(separation: 1.8, tilt: 0.5)
    public init() {}

    public var name: String { "user-tilted-mixture-1d" }
    public var dimension: Int { 1 }
    public var summary: String { "F = x²/2 − log cosh(1.8x) + 0.5 sin x (a user's case in its own package)" }
    public var potential: (@Sendable ([Double]) -> Double)? {
        { x in
            let y = abs(1.8 * x[0])
            return x[0] * x[0] / 2 - (y + log1p(exp(-2 * y)) - log(2.0)) + 0.5 * sin(x[0])
        }
    }
    public var gradient: (@Sendable ([Double]) -> [Double])? {
        { x in [x[0] - 1.8 * tanh(1.8 * x[0]) + 0.5 * cos(x[0])] }
    }
    public var assumptions: DeclaredAssumptions {
        DeclaredAssumptions(lipschitz: 1.8 * 1.8 - 1 + 0.5, stronglyLogConcave: nil, logSobolev: .holdsUnknownConstant,
                            dissipative: true)
    }
    public var reference: CaseReference {
        .quadrature(OneDimensionalPotential(potential: { x in
            let y = abs(1.8 * x)
            return x * x / 2 - (y + log1p(exp(-2 * y)) - log(2.0)) + 0.5 * sin(x)
        }, lower: -15.8, upper: 15.8))
    }
}

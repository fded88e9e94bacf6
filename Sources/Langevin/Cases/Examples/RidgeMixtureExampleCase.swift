// A worked example of a user-added assumption case (docs/adding-an-assumption-case.md): ONE file holds the drift,
// the case with its declared assumptions and reference, and its registration in `AssumptionCases.examples()`.
import Randomness
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The drift of the ridge mixture: b(x) = −∇F(x) with
///
///     F(x₁, x₂) = (x₁² + x₂²)/2 − log cosh(c·x₁) + α·cos(x₁ + x₂),
///     b₁ = −x₁ + c·tanh(c·x₁) + α·sin(x₁ + x₂),   b₂ = −x₂ + α·sin(x₁ + x₂).
///
/// One batched call evaluates every row (chain-major rows of 2 coordinates); rows are independent.
public struct RidgeMixtureDrift: BatchDrift {
    public let separation: Double
    public let ridge: Double
    public var dimension: Int { 2 }

    public init(separation c: Double, ridge alpha: Double) {
        separation = c
        ridge = alpha
    }

    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        let c = separation, a = ridge
        for r in 0..<count {
            let x1 = states[2 * r], x2 = states[2 * r + 1]
            let s = a * sin(x1 + x2)
            into[2 * r] = -x1 + c * tanh(c * x1) + s
            into[2 * r + 1] = -x2 + s
        }
    }
}

/// A 2-D, non-Gaussian, non-log-concave, non-separable target with a Lipschitz drift: the mixture
/// ½N((−c, 0), I) + ½N((c, 0), I) tilted by the ridge e^{−α cos(x₁ + x₂)} (π ∝ e^{−F}, F of `RidgeMixtureDrift`).
///
/// Declared assumptions (each with its one-line argument):
/// * Lipschitz: ∇²F = I − c² sech²(c x₁) e₁e₁ᵀ − α cos(x₁ + x₂)(1,1)ᵀ(1,1), so ‖∇²F‖ ≤ max(1, c² − 1) + 2α
///   (the first two terms have eigenvalues in [1 − c², 1] along e₁ and 1 along e₂; the rank-one ridge term has norm
///   ≤ 2α); L = max(1, c² − 1) + 2α.
/// * not strongly log-concave: the eigenvalues of ∇²F are ≥ 1 − c² − 2α, and at x = 0 the e₁ curvature is
///   1 − c² − α·(…) < 0 for c = 1.2, α = 0.3 (declared strongly log-concave only when 1 − c² − 2α > 0);
/// * log-Sobolev: the Gaussian mixture satisfies an LSI (two components of equal covariance), and the ridge factor
///   has oscillation 2α, so by Holley–Stroock an LSI holds (constant not in closed form);
/// * dissipative: ⟨b(x), x⟩ ≤ −|x|² + c|x₁| + α|x₁ + x₂| ≤ −|x|² + (c + √2α)|x| ≤ −½|x|² + (c + √2α)²/2;
/// * time-homogeneous.
/// Reference: no closed form in 2-D (non-separable): claims compare with fine LMC(η/K) on the same Brownian path
/// (`.coupledFineChain`). Claims needing a Gaussian target report "outside assumptions".
public struct RidgeMixtureExampleCase: AssumptionCase {
    public let separation: Double
    public let ridge: Double
    public let drift: RidgeMixtureDrift

    /// Throws unless c ≥ 0 and α ≥ 0 are finite.
    public init(separation c: Double = 1.2, ridge alpha: Double = 0.3) throws(SimulationError) {
        guard c >= 0, c.isFinite else { throw .invalidParameter(name: "separation", value: "\(c)", reason: "must be finite and ≥ 0") }
        guard alpha >= 0, alpha.isFinite else { throw .invalidParameter(name: "ridge", value: "\(alpha)", reason: "must be finite and ≥ 0") }
        separation = c
        ridge = alpha
        drift = RidgeMixtureDrift(separation: c, ridge: alpha)
    }

    public var name: String { "example-ridge-mixture-2d-c\(separation)-a\(ridge)" }
    public var dimension: Int { 2 }
    public var summary: String {
        "F = |x|²/2 − log cosh(c x₁) + α cos(x₁ + x₂), c = \(separation), α = \(ridge) (worked example of a user case)"
    }
    public var potential: (@Sendable ([Double]) -> Double)? {
        let c = separation, a = ridge
        return { x in
            let y = abs(c * x[0])
            let logCosh = y + log1p(exp(-2 * y)) - log(2.0)
            return (x[0] * x[0] + x[1] * x[1]) / 2 - logCosh + a * cos(x[0] + x[1])
        }
    }
    public var gradient: (@Sendable ([Double]) -> [Double])? {
        let c = separation, a = ridge
        return { x in
            let s = a * sin(x[0] + x[1])
            return [x[0] - c * tanh(c * x[0]) - s, x[1] - s]
        }
    }
    public var assumptions: DeclaredAssumptions {
        let c2 = separation * separation
        let smallestCurvature = 1 - c2 - 2 * ridge   // a lower bound on the eigenvalues of ∇²F
        return DeclaredAssumptions(lipschitz: max(1, c2 - 1) + 2 * ridge,
                                   stronglyLogConcave: smallestCurvature > 0 ? smallestCurvature : nil,
                                   logSobolev: .holdsUnknownConstant, dissipative: true)
    }
    public var reference: CaseReference { .coupledFineChain(substeps: 4) }

    /// Exact draws of π by rejection: e^{−F} ∝ [½N((−c, 0), I) + ½N((c, 0), I)](x) · e^{−α(cos(x₁ + x₂) + 1)}, so a
    /// draw of the Gaussian mixture (sign ±c from a uniform, then two standard normals) is accepted with probability
    /// e^{−α(cos(x₁ + x₂) + 1)} ∈ [e^{−2α}, 1] (≥ 0.55 at α = 0.3). Checks start their chains at π with it.
    public var stationarySampler: ExactSampler? {
        let c = separation, a = ridge
        return ExactSampler(name: "exact π (rejection from ½N((±\(c), 0), I))") { g, x, _ in
            while true {
                let sign: Double = g.nextUniform() < 0.5 ? -1 : 1
                let x1 = sign * c + g.nextStandardNormal(), x2 = g.nextStandardNormal()
                if g.nextUniform() < exp(-a * (cos(x1 + x2) + 1)) {
                    x[0] = x1
                    x[1] = x2
                    return
                }
            }
        }
    }
}

extension AssumptionCases {
    /// The worked examples of user-added cases (registered here, next to their definition). A new case is added by
    /// one line in this list — or in `builtIn()` — and is then checked by every claim whose assumptions it declares
    /// (`ClaimRegistry.verdicts(on:)` in the Verification module).
    public static func examples() throws(SimulationError) -> [any AssumptionCase] {
        [try RidgeMixtureExampleCase()]
    }

    /// `builtIn() + examples()`.
    public static func allCases() throws(SimulationError) -> [any AssumptionCase] {
        try builtIn() + examples()
    }
}

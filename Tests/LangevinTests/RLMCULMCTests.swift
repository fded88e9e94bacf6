import Langevin
import XCTest

/// The underdamped randomized midpoint method (Shen & Lee, arXiv 1909.05503, Alg. 1; PN-S08): one step by hand
/// with scripted noise, and bad input. Exact checks (round-off tolerance only). Its law is checked against
/// `ChainLaw` `.rlmcULMC` in `ChainLawAgreementTests.testRLMCULMC`.
final class RLMCULMCTests: XCTestCase {
    /// A non-linear, time-dependent 2-D drift: a midpoint at the wrong state or time changes the result.
    static let drift = ClosureBatchDrift(dimension: 2) { x, t, out in
        out[0] = -(2 * (x[0] - 1) + 0.5 * (x[1] + 1)) + cos(t) * tanh(x[0])
        out[1] = -(0.5 * (x[0] - 1) + (x[1] + 1)) + cos(t) * tanh(x[1])
    }

    /// The closed forms of the frozen-force kinetic step, written out here (not taken from the code under test):
    /// φ(t) = (1 − e^{−γt})/γ, g(t) = (γt − 1 + e^{−γt})/γ², and the OU noise covariance Q(t).
    struct HandStep {
        let phi: Double, g: Double, decay: Double, varX: Double, cov: Double, varV: Double
        init(gamma: Double, t: Double) {
            let e = exp(-gamma * t), e1 = 1 - e
            phi = e1 / gamma
            g = (gamma * t - e1) / (gamma * gamma)
            decay = e
            varV = 1 - exp(-2 * gamma * t)
            cov = e1 * e1 / gamma
            varX = 2 / gamma * (t - 2 * e1 / gamma + (1 - exp(-2 * gamma * t)) / (2 * gamma))
        }
        /// (ξ_x, ξ_v) from two standard normals: ξ_v = √Var_v g₁, ξ_x = Cov/√Var_v g₁ + √(Var_x − Cov²/Var_v) g₂.
        func noise(_ g1: Double, _ g2: Double) -> (Double, Double) {
            (cov / varV.squareRoot() * g1 + (varX - cov * cov / varV).squareRoot() * g2, varV.squareRoot() * g1)
        }
    }

    func testOneStepByHand() throws {
        let gamma = 1.3, eta = 0.4, t0 = 0.25, u = 0.37
        let state: [Double] = [0.3, -0.2, 0.5, 1.1]                       // x (2), v (2)
        let g: [Double] = [0.7, -1.2, 0.4, 0.9, -0.3, 1.6, 0.8, -0.5]    // [0, s]: g₁, g₂; [s, η]: g₃, g₄
        var noise = ScriptedNoise(gaussians: [g])
        noise.uniforms = [[u]]
        let (out, calls) = try RLMCULMC(stepSize: eta, friction: gamma).step(from: [state], time: t0, drift: Self.drift,
                                                                            noise: &noise)
        XCTAssertEqual(calls, 2, "base drift and one midpoint")
        let s = u * eta
        let head = HandStep(gamma: gamma, t: s), tail = HandStep(gamma: gamma, t: eta - s), full = HandStep(gamma: gamma, t: eta)
        let x = Array(state[0..<2]), v = Array(state[2..<4])
        let b0 = Self.drift.value(at: x, time: t0)
        var midpoint = [0.0, 0.0], iX = [0.0, 0.0], iV = [0.0, 0.0]
        for j in 0..<2 {
            let (nx, nv) = head.noise(g[j], g[2 + j])
            midpoint[j] = x[j] + head.phi * v[j] + head.g * b0[j] + nx
            // I(η) = A_{η−s} I(s) + ξ(η − s)
            let (tx, tv) = tail.noise(g[4 + j], g[6 + j])
            iX[j] = nx + tail.phi * nv + tx
            iV[j] = tail.decay * nv + tv
        }
        let bMid = Self.drift.value(at: midpoint, time: t0 + s)
        for j in 0..<2 {
            let xNew = x[j] + full.phi * v[j] + eta * tail.phi * bMid[j] + iX[j]
            let vNew = full.decay * v[j] + eta * tail.decay * bMid[j] + iV[j]
            XCTAssertEqual(out[0][j], xNew, accuracy: 1e-13, "x[\(j)]")
            XCTAssertEqual(out[0][2 + j], vNew, accuracy: 1e-13, "v[\(j)]")
        }
    }

    func testBadInput() throws {
        let drift = try LinearBatchDrift(diagonal: [1])
        let config = EnsembleConfiguration(chains: 4, steps: 2)
        for gamma in [0, -1, Double.nan, .infinity] {
            XCTAssertThrowsError(try Simulation.run(scheme: RLMCULMC(stepSize: 0.1, friction: gamma), drift: drift,
                                                    configuration: config)) {
                XCTAssertEqual($0 as? SimulationError, .invalidFriction(gamma))
            }
        }
        for eta in [0, -0.1, Double.nan, .infinity] {
            XCTAssertThrowsError(try Simulation.run(scheme: RLMCULMC(stepSize: eta, friction: 1), drift: drift,
                                                    configuration: config))
        }
    }
}

import Langevin
import XCTest

/// Exact checks of the underdamped step coefficients, ULMC/PLMC-ULMC one-step algebra, and the scalar-coefficient
/// chains (fine chain and its PLMC coarse version).
final class UnderdampedAndScalarTests: XCTestCase {
    /// (A, G, Q) of the frozen-force kinetic step must satisfy the flow identities of the exact solution:
    /// A_{s+t} = A_t A_s, G_{s+t} = A_t G_s + G_t, Q_{s+t} = A_t Q_s A_tᵀ + Q_t, and the small-t limits
    /// Q_t ≈ [[2γt³/3, γt²], [γt², 2γt]], G_t ≈ (t²/2, t). Together these pin down A, G and Q uniquely, and they do
    /// not use the closed forms under test. Tolerance: round-off only.
    func testFlowIdentitiesOfTheUnderdampedStep() {
        for gamma in [0.3, 1.0, 2.5] {
            for (s, t) in [(0.01, 0.02), (0.2, 0.35), (0.7, 1.3), (3.0, 0.5)] {
                let a = UnderdampedStep(friction: gamma, duration: s), b = UnderdampedStep(friction: gamma, duration: t)
                let c = UnderdampedStep(friction: gamma, duration: s + t)
                // A_t A_s: [[1, bxv], [0, bvv]]·[[1, axv], [0, avv]]
                XCTAssertEqual(c.axv, a.axv + b.axv * a.avv, accuracy: 1e-14)
                XCTAssertEqual(c.avv, b.avv * a.avv, accuracy: 1e-14)
                XCTAssertEqual(c.gx, a.gx + b.axv * a.gv + b.gx, accuracy: 1e-14)
                XCTAssertEqual(c.gv, b.avv * a.gv + b.gv, accuracy: 1e-14)
                // Q_{s+t} = A_t Q_s A_tᵀ + Q_t
                let qxx = a.varianceX + 2 * b.axv * a.covarianceXV + b.axv * b.axv * a.varianceV + b.varianceX
                let qxv = b.avv * a.covarianceXV + b.axv * b.avv * a.varianceV + b.covarianceXV
                let qvv = b.avv * b.avv * a.varianceV + b.varianceV
                XCTAssertEqual(c.varianceX, qxx, accuracy: 1e-13 * max(1, qxx), "γ=\(gamma) s=\(s) t=\(t)")
                XCTAssertEqual(c.covarianceXV, qxv, accuracy: 1e-13 * max(1, qxv))
                XCTAssertEqual(c.varianceV, qvv, accuracy: 1e-13 * max(1, qvv))
                // the sampling factors reproduce Q
                XCTAssertEqual(c.sv * c.sv, c.varianceV, accuracy: 1e-14)
                XCTAssertEqual(c.cx * c.sv, c.covarianceXV, accuracy: 1e-14)
                XCTAssertEqual(c.cx * c.cx + c.sx * c.sx, c.varianceX, accuracy: 1e-14)
            }
            // small t: leading terms (relative error O(γt))
            let t = 1e-6
            let u = UnderdampedStep(friction: gamma, duration: t)
            XCTAssertEqual(u.varianceX / (2 * gamma * t * t * t / 3), 1, accuracy: 1e-5)
            XCTAssertEqual(u.covarianceXV / (gamma * t * t), 1, accuracy: 1e-5)
            XCTAssertEqual(u.varianceV / (2 * gamma * t), 1, accuracy: 1e-5)
            XCTAssertEqual(u.gx / (t * t / 2), 1, accuracy: 1e-5)
            // the Schur complement Var_x − Cov²/Var_v ≈ γt³/6 (no cancellation loss)
            XCTAssertEqual(u.sx * u.sx / (gamma * t * t * t / 6), 1, accuracy: 1e-5)
        }
    }

    static let drift = ClosureBatchDrift(dimension: 2) { x, t, out in
        out[0] = -(2 * (x[0] - 1) + 0.5 * (x[1] + 1)) + cos(t) * tanh(x[0])
        out[1] = -(0.5 * (x[0] - 1) + (x[1] + 1)) + cos(t) * tanh(x[1])
    }

    func testULMCStep() throws {
        let gamma = 1.3, eta = 0.2, t0 = 0.4
        let state: [Double] = [0.3, -0.2, 0.5, 1.1]
        let g: [Double] = [0.7, -1.2, 0.4, 0.9]     // g₁ (d) then g₂ (d)
        var noise = ScriptedNoise(gaussians: [g])
        let (out, calls) = try ULMC(stepSize: eta, friction: gamma).step(from: [state], time: t0, drift: Self.drift,
                                                                        noise: &noise)
        XCTAssertEqual(calls, 1)
        // hand computation from the closed forms written out here
        let e = exp(-gamma * eta), e1 = 1 - e
        let varV = 1 - exp(-2 * gamma * eta), cov = e1 * e1 / gamma
        let varX = 2 / gamma * (eta - 2 * e1 / gamma + (1 - exp(-2 * gamma * eta)) / (2 * gamma))
        let b = Self.drift.value(at: [0.3, -0.2], time: t0)
        for j in 0..<2 {
            let xiV = varV.squareRoot() * g[j]
            let xiX = cov / varV.squareRoot() * g[j] + (varX - cov * cov / varV).squareRoot() * g[2 + j]
            let x = state[j] + e1 / gamma * state[2 + j] + (gamma * eta - e1) / (gamma * gamma) * b[j] + xiX
            let v = e * state[2 + j] + e1 / gamma * b[j] + xiV
            XCTAssertEqual(out[0][j], x, accuracy: 1e-13)
            XCTAssertEqual(out[0][2 + j], v, accuracy: 1e-13)
        }
    }

    /// PLMC-ULMC against the literal general form of docs/theory.md §2.2 on the same fine path: fine noises ξ_j of
    /// K fine ULMC steps, X̃_i = A^i X + Σ_{j<i} A^{i−1−j}(G b₀ + ξ_j) with the fine 2×2 matrices A = A_h, G = G_h
    /// (matrix POWERS, not the closed forms A_{ih}), X' = A^K X + Σ_i A^{K−1−i}[G(b₀ + K H_i(b(x̃_i) − b₀)) + ξ_i].
    /// The scripted Gaussians are chosen so that the scheme's OU integrals at the flagged times equal the fine
    /// path's; K = 5, flags {2, 3}; K = ∞ is checked with its own limit formula.
    func testPLMCULMCMatchesLiteralGeneralForm() throws {
        let gamma = 0.9, eta = 0.25, k = 5, h = eta / Double(k), t0 = 0.1
        let fine = UnderdampedStep(friction: gamma, duration: h)
        let state: [Double] = [0.3, -0.2, 0.5, 1.1]
        let d = 2
        // fine noises ξ_j = (ξx, ξv) per coordinate, arbitrary fixed values
        var xi: [[(Double, Double)]] = []
        for j in 0..<k {
            var row: [(Double, Double)] = []
            for c in 0..<d {
                let p = Double(7 * j + 3 * c + 1), q = Double(5 * j + c + 2)
                row.append((0.01 * sin(p), 0.2 * cos(q)))
            }
            xi.append(row)
        }
        func applyA(_ p: (Double, Double), power: Int) -> (Double, Double) {
            var (x, v) = p
            for _ in 0..<power { (x, v) = (x + fine.axv * v, fine.avv * v) }
            return (x, v)
        }
        let b0 = Self.drift.value(at: Array(state[0..<2]), time: t0)
        // OU integral I(ih) = Σ_{j<i} A^{i−1−j} ξ_j per coordinate
        func integral(_ i: Int) -> [(Double, Double)] {
            (0..<d).map { c in
                var acc = (0.0, 0.0)
                for j in 0..<i { let p = applyA(xi[j][c], power: i - 1 - j); acc = (acc.0 + p.0, acc.1 + p.1) }
                return acc
            }
        }
        // cheap interpolation X̃_i (x part) = A^i X + Σ_{j<i} A^{i−1−j} G b₀ + I(ih)
        func cheap(_ i: Int) -> [(Double, Double)] {
            let noise = integral(i)
            return (0..<d).map { c in
                var p = applyA((state[c], state[d + c]), power: i)
                for j in 0..<i {
                    let q = applyA((fine.gx * b0[c], fine.gv * b0[c]), power: i - 1 - j)
                    p = (p.0 + q.0, p.1 + q.1)
                }
                return (p.0 + noise[c].0, p.1 + noise[c].1)
            }
        }
        let flagged = [2, 3]
        var expected = cheap(k)
        for i in flagged {
            let mid = cheap(i).map { $0.0 }
            let bi = Self.drift.value(at: mid, time: t0 + Double(i) * h)
            for c in 0..<d {
                let q = applyA((fine.gx * Double(k) * (bi[c] - b0[c]), fine.gv * Double(k) * (bi[c] - b0[c])),
                               power: k - 1 - i)
                expected[c] = (expected[c].0 + q.0, expected[c].1 + q.1)
            }
        }
        // script the scheme's interval Gaussians so its I(·) equals the fine path at 2h, 3h and η
        var gaussians: [Double] = []
        var previousTime = 0.0, previousI = [(Double, Double)](repeating: (0, 0), count: d)
        for i in [2, 3, k] {
            let step = UnderdampedStep(friction: gamma, duration: Double(i) * h - previousTime)
            let target = integral(i)
            var g1 = [Double](), g2 = [Double]()
            for c in 0..<d {
                let ix = target[c].0 - (previousI[c].0 + step.axv * previousI[c].1)
                let iv = target[c].1 - step.avv * previousI[c].1
                let a = iv / step.sv
                g1.append(a)
                g2.append((ix - step.cx * a) / step.sx)
            }
            gaussians += g1 + g2
            previousTime = Double(i) * h
            previousI = target
        }
        var noise = ScriptedNoise(gaussians: [gaussians])
        // K = 5 ≤ 8: direct Bernoulli flags for i = 1 … 4 → flagged {2, 3}
        noise.uniforms = [[0.9, 0.1, 0.1, 0.9]]
        let (out, calls) = try PLMCULMC(stepSize: eta, friction: gamma, substeps: .finite(k))
            .step(from: [state], time: t0, drift: Self.drift, noise: &noise)
        XCTAssertEqual(calls, 3)
        for c in 0..<d {
            XCTAssertEqual(out[0][c], expected[c].0, accuracy: 1e-12, "x[\(c)]")
            XCTAssertEqual(out[0][d + c], expected[c].1, accuracy: 1e-12, "v[\(c)]")
        }
    }

    /// PLMC-ULMC with K = 1 equals ULMC pathwise on the same streams (every chain, exact equality).
    /// Claim C1 (PN-P01).
    func testC01_plmcULMCWithOneSubstepEqualsULMCPathwise() throws {
        let drift = try LinearBatchDrift(diagonal: [1.5, 0.7])
        let config = EnsembleConfiguration(chains: 200, steps: 15, seed: testSeed(#function), initialState: [1, -1],
                                           initialVelocity: [0.2, 0.3], blockSize: 64)
        let a = try Simulation.finalStates(scheme: ULMC(stepSize: 0.3, friction: 2), drift: drift, configuration: config)
        let b = try Simulation.finalStates(scheme: PLMCULMC(stepSize: 0.3, friction: 2, substeps: .finite(1)), drift: drift,
                                           configuration: config)
        XCTAssertEqual(a, b)
    }

    func testUnderdampedBadInputs() throws {
        let drift = try LinearBatchDrift(diagonal: [1])
        let config = EnsembleConfiguration(chains: 4, steps: 2)
        for gamma in [0, -1, Double.nan, .infinity] {
            XCTAssertThrowsError(try Simulation.run(scheme: ULMC(stepSize: 0.1, friction: gamma), drift: drift, configuration: config)) {
                XCTAssertEqual($0 as? SimulationError, .invalidFriction(gamma))
            }
            XCTAssertThrowsError(try Simulation.run(scheme: PLMCULMC(stepSize: 0.1, friction: gamma, substeps: .infinite),
                                                    drift: drift, configuration: config)) {
                XCTAssertEqual($0 as? SimulationError, .invalidFriction(gamma))
            }
        }
        XCTAssertThrowsError(try Simulation.run(scheme: PLMCULMC(stepSize: 0.1, friction: 1, substeps: .finite(0)),
                                                drift: drift, configuration: config))
        XCTAssertThrowsError(try Simulation.run(scheme: ULMC(stepSize: 0.1, friction: 1), drift: drift,
                                                configuration: EnsembleConfiguration(chains: 4, steps: 2, initialVelocity: [1, 2])))
    }
}

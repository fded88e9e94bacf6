// The exact law of RLMC-ULMC (Shen–Lee randomized midpoint for underdamped Langevin, arXiv 1909.05503 Alg. 1)
// under linear drift (PN-C13): closed-form and limiting checks, the mpmath reference of
// data/reference/chainlaws/ (d = 1 stationary covariances, d = 2 full-matrix finite horizon), bad input, and a
// Monte Carlo check against a LITERAL implementation of the scheme written here.
//
// Statistical design of the two Monte Carlo tests (ledger "CL.mc.rlmc-ulmc.{after-steps,stationary}.*"):
//   d = 3, A non-diagonal SPD with eigenvalues (0.3, 1, 3) (κ = 10, seeded rotation), m ≠ 0, γ = 1.5, η = 0.22
//   (ηλ_max = 0.66), T = 4 steps; n independent chains, one state (x; v) ∈ ℝ⁶ per chain.
//   * after-steps: every chain starts at the same fixed (x₀; v₀); compared with ChainLaw.afterSteps(4, …).
//   * stationary: chains start from N(μ_s, Σ_s) with (μ_s, Σ_s) = ChainLaw.stationary(…). The moment recursion
//     (PN-C01) depends on the initial law only through its first two moments, so after 4 steps the mean and
//     covariance must still be (μ_s, Σ_s): this checks the stationary fixed point against the literal dynamics.
//   Entries: the 6 mean and 21 covariance entries in the original frame and in the frame whitened by the exact law
//   (54 in all); each |z| (mean: exact variance; covariance: centred at the exact mean, sample sd of the products)
//   is compared with z* = Φ⁻¹(1 − α/(2·3·54)), α = 1e-9 the ledger level: a CLT level with Cramér's
//   moderate-deviation factor ≤ 3 (products of Gaussian scale mixtures over four bounded u's; all moments finite),
//   as in MonteCarloLawTests.
//   Power (β = 1e-9 per test): the same samples, whitened by ULMC(γ = 1.5)'s law, must give max |z| > 2z*; the
//   design check (MonteCarloLawTests.powerDesign, R2) sizes n from the two exact laws before sampling.
//   The literal step draws u ~ U[0, 1), then per coordinate the OU noise of ONE Brownian motion at t = uη and at η by
//   its exact Markov decomposition ν_η = A_{η−t} ν_t + ξ, ξ ~ N(0, Q_{η−t}) independent of ν_t (test-side formulas of
//   MonteCarloLawTests.Kinetic), and applies the update rule of the scheme as written in Scheme's doc comment.
import DenseLinearAlgebra
import Foundation
import Randomness
import ReferenceLaws
import SchemeVocabulary
import VerificationTestSupport
import XCTest

final class RLMCULMCLawTests: XCTestCase {
    typealias Case = MonteCarloLawTests.Case
    typealias Kinetic = MonteCarloLawTests.Kinetic

    static let gamma = 1.5
    static let steps = 4
    static let chains = 200_000

    static let monteCarloCase = { try! MonteCarloLawTests.makeCase("rlmc-ulmc-d3", eigenvalues: [0.3, 1.0, 3.0], eta: 0.22) }()

    // MARK: the literal scheme (test-side)

    /// One RLMC-ULMC step on the state [x; v] (ℝ^{2d}): u ~ U[0, 1), t = uη,
    ///   x_mid = x + φ(t) v + g(t) b(x) + ν_{t,x},
    ///   x′ = x + φ(η) v + η φ(η − t) b(x_mid) + ν_{η,x},  v′ = e^{−γη} v + η e^{−γ(η−t)} b(x_mid) + ν_{η,v},
    /// ν the OU noise of one Brownian motion per coordinate, sampled at t and then at η (exact Markov transition).
    static func rlmcULMCStep<G: RandomNumberGenerator>(_ c: Case, _ gamma: Double, _ z: [Double], _ rng: inout G) -> [Double] {
        let kin = Kinetic(gamma: gamma)
        let eta = c.eta
        let u = rng.nextUniform()
        let t = u * eta
        let x = Array(z[0..<c.d])
        let b0 = c.drift(x)
        let gT = kin.gain(t).0
        var nuX = [Double](repeating: 0, count: c.d), nuV = [Double](repeating: 0, count: c.d)
        var mid = [Double](repeating: 0, count: c.d)
        for j in 0..<c.d {
            let (nx, nv) = kin.noise(t, &rng)                 // ν_t
            mid[j] = x[j] + kin.phi(t) * z[c.d + j] + gT * b0[j] + nx
            let (px, pv) = kin.transit(eta - t, nx, nv)       // A_{η−t} ν_t
            let (ex, ev) = kin.noise(eta - t, &rng)           // independent increment over [t, η]
            nuX[j] = px + ex
            nuV[j] = pv + ev
        }
        let bm = c.drift(mid)
        let wx = eta * kin.phi(eta - t), wv = eta * exp(-gamma * (eta - t))
        var out = z
        for j in 0..<c.d {
            out[j] = x[j] + kin.phi(eta) * z[c.d + j] + wx * bm[j] + nuX[j]
            out[c.d + j] = exp(-gamma * eta) * z[c.d + j] + wv * bm[j] + nuV[j]
        }
        return out
    }

    // MARK: Monte Carlo

    /// Runs `chains` literal chains for `steps` steps from `start` and compares with `law`, in the original and the
    /// whitened frame; the samples whitened by `wrongLaw` must reject it.
    private func compare(law: ChainMoments, wrongLaw: ChainMoments, wrongName: String, start: (inout Xoshiro256StarStar) -> [Double],
                         budgetID: String, powerID: String, context testContext: TestContext) throws {
        let c = Self.monteCarloCase
        let dim = law.mean.count
        let entries = 2 * MonteCarloLawTests.entryCount(dim)
        let alphaEntry = StatisticalBudget.level(of: budgetID, splitAcross: entries)
        let zCritical = try StandardNormal.upperQuantile(alphaEntry / MonteCarloLawTests.cramerFactor / 2)
        let beta = StatisticalBudget.level(of: powerID)
        let zBeta = try StandardNormal.upperQuantile(beta)
        let seed = testContext.seed(salt: c.name)
        let context = testContext.noting("RLMC-ULMC(γ = \(Self.gamma)) in d = \(c.d), η = \(c.eta), T = \(Self.steps), "
                                         + "n = \(Self.chains); stream seed \(seed) = salted(seed, \"\(c.name)\")")
        let lawFactor = MonteCarloLawTests.cholesky(law.covariance)
        let wrongFactor = MonteCarloLawTests.cholesky(wrongLaw.covariance)
        let design = MonteCarloLawTests.powerDesign(law: law, lawFactor: lawFactor, wrongLaw: wrongLaw, wrongFactor: wrongFactor,
                                                    threshold: 2 * zCritical, zBeta: zBeta)
        assertSampleSizeSuffices(n: Self.chains, needed: design.needed,
                                 what: "rejecting \(wrongName) (max |z| > 2z* = \(2 * zCritical)) at β = \(beta) through \(design.entry)",
                                 budgetID: powerID, context: context)
        var rng = Xoshiro256StarStar(seed: seed)
        let zero = [Double](repeating: 0, count: dim)
        let white = try ChainMoments(mean: zero, covariance: .identity(dim))
        var acc = MonteCarloLawTests.Accumulator(centre: law.mean)
        var accWhite = MonteCarloLawTests.Accumulator(centre: zero)
        var accWrong = MonteCarloLawTests.Accumulator(centre: zero)
        for _ in 0..<Self.chains {
            var state = start(&rng)
            for _ in 0..<Self.steps { state = Self.rlmcULMCStep(c, Self.gamma, state, &rng) }
            acc.add(state)
            accWhite.add(MonteCarloLawTests.whiten(state, law.mean, lawFactor))
            accWrong.add(MonteCarloLawTests.whiten(state, wrongLaw.mean, wrongFactor))
        }
        let method = BoundMethod.cltZ(justification: "see the header of RLMCULMCLawTests.swift")
        var worst = 0.0
        for (frame, scores) in [("original", MonteCarloLawTests.zScores(acc, law)),
                                ("whitened", MonteCarloLawTests.zScores(accWhite, white))] {
            for (entry, estimate, exact, se, z) in scores {
                worst = max(worst, abs(z))
                // CLT level α/54 per entry, z* at a third of it (header of this file).
                let interval = try StatisticalInterval(
                    statistic: "\(frame) \(entry) (SE \(se), z = \(z), z* = \(zCritical))", estimate: estimate,
                    lower: estimate - zCritical * se, upper: estimate + zCritical * se, n: Self.chains,
                    alpha: alphaEntry, method: method)
                assertInterval(interval, contains: exact, budgetID: budgetID, splitAcross: entries, context: context)
            }
        }
        let maxWrong = MonteCarloLawTests.zScores(accWrong, white).map { abs($0.4) }.max() ?? 0
        print("RLMCULMCLawTests \(budgetID): max |z| \(worst) (z* = \(zCritical)); against \(wrongName): \(maxWrong) "
              + "(> 2z*; design n_min = \(design.needed) via \(design.entry))")
        // Power: β = 1e-9 (CLT z, design check above).
        XCTAssertGreaterThan(maxWrong, 2 * zCritical,
            "[\(powerID) | falsePass β = \(beta) (CLT z)] samples do not reject \(wrongName) "
            + "(max whitened |z| = \(maxWrong) ≤ 2z* = \(2 * zCritical)); \(context)")
    }

    /// Literal chains from a fixed start vs ChainLaw.afterSteps (α = 1e-9, 54 entries; β = 1e-9 against ULMC).
    func testMonteCarloAfterStepsFromAFixedStart() throws {
        let c = Self.monteCarloCase
        let start = c.initialZ.mean
        let point = try ChainMoments(pointMass: start)
        let law = try ChainLaw.afterSteps(Self.steps, .rlmcULMC(friction: Self.gamma), eta: c.eta, drift: c.drift, from: point)
        let wrong = try ChainLaw.afterSteps(Self.steps, .ulmc(friction: Self.gamma), eta: c.eta, drift: c.drift, from: point)
        try compare(law: law, wrongLaw: wrong, wrongName: "ULMC's law after \(Self.steps) steps", start: { _ in start },
                    budgetID: "CL.mc.rlmc-ulmc.after-steps.moments", powerID: "CL.mc.rlmc-ulmc.after-steps.mutant-ulmc-law",
                    context: try TestContext(self))
    }

    /// Literal chains from N(stationary moments) keep the stationary moments (α = 1e-9, 54 entries; β = 1e-9
    /// against ULMC's stationary law).
    func testMonteCarloStationaryLawIsInvariant() throws {
        let c = Self.monteCarloCase
        let law = try ChainLaw.stationary(.rlmcULMC(friction: Self.gamma), eta: c.eta, drift: c.drift)
        let wrong = try ChainLaw.stationary(.ulmc(friction: Self.gamma), eta: c.eta, drift: c.drift)
        let factor = MonteCarloLawTests.cholesky(law.covariance)
        try compare(law: law, wrongLaw: wrong, wrongName: "ULMC's stationary law",
                    start: { rng in MonteCarloLawTests.sampleInitial(law, factor, &rng) },
                    budgetID: "CL.mc.rlmc-ulmc.stationary.moments", powerID: "CL.mc.rlmc-ulmc.stationary.mutant-ulmc-law",
                    context: try TestContext(self))
    }

    // MARK: exact checks

    /// E[𝔹] in closed form (test-side): E[𝔹] = A_η − λ G_η e₁ᵀ − λ V_φ e₂ᵀ + λ² V_g e₁ᵀ with
    /// V_f = ∫₀^η f(s) (φ(η − s), e^{−γ(η−s)})ᵀ ds, i.e. (with φ = φ(η), E = e^{−γη}, J = η − 2φ + ηE)
    ///   V_φ = (J/γ², (φ − ηE)/γ),  V_g = ((∫₀^η g − J/γ²)/γ, J/γ²),  ∫₀^η g = (γη²/2 − η + φ)/γ².
    /// The mean after n steps from a point mass is E[𝔹]ⁿ z₀ (1-D), compared to 1e-12 relative.
    func testMeanMapAgreesWithClosedForm() throws {
        for (gamma, eta, lambda) in [(1.5, 0.3, 1.0), (0.7, 0.5, 2.0), (3.0, 0.4, 0.5)] {
            let phi = (1 - exp(-gamma * eta)) / gamma
            let e = exp(-gamma * eta)
            let j = eta - 2 * phi + eta * e
            let intG = (gamma * eta * eta / 2 - eta + phi) / (gamma * gamma)
            let vPhi = (j / (gamma * gamma), (phi - eta * e) / gamma)
            let vG = ((intG - j / (gamma * gamma)) / gamma, j / (gamma * gamma))
            let gEta = ((gamma * eta - 1 + e) / (gamma * gamma), phi)
            // rows of E[𝔹]
            let b11 = 1 - lambda * gEta.0 + lambda * lambda * vG.0
            let b12 = phi - lambda * vPhi.0
            let b21 = -lambda * gEta.1 + lambda * lambda * vG.1
            let b22 = e - lambda * vPhi.1
            let m = 0.7
            let drift = try LinearDrift(precision: Matrix([[lambda]]), mean: [m])
            var y = 1.3, v = -0.4
            let start = try ChainMoments(pointMass: [y + m, v])
            for n in 1...5 {
                (y, v) = (b11 * y + b12 * v, b21 * y + b22 * v)
                let law = try ChainLaw.afterSteps(n, .rlmcULMC(friction: gamma), eta: eta, drift: drift, from: start)
                let gap = maxRelativeDifference(law.mean, [y + m, v], floor: 0.1)
                XCTAssertLessThan(gap, 1e-12, "γ = \(gamma), η = \(eta), λ = \(lambda), n = \(n): mean \(law.mean) vs closed form \([y + m, v])")
            }
        }
    }

    /// λ → 0: the midpoint's force vanishes, so one step from a point mass is the frozen-force OU step:
    /// mean A_η z₀ (+ m) and covariance Q_η (test-side closed forms), up to O(λ) = 1e-9 here.
    func testSmallEigenvalueLimitIsTheOUStep() throws {
        let lambda = 1e-9
        for (gamma, eta) in [(1.0, 0.2), (2.5, 0.7)] {
            let kin = Kinetic(gamma: gamma)
            let drift = try LinearDrift(precision: Matrix([[lambda]]), mean: [0.4])
            let z0 = [1.1, -0.6]
            let law = try ChainLaw.afterSteps(1, .rlmcULMC(friction: gamma), eta: eta, drift: drift,
                                              from: try ChainMoments(pointMass: z0))
            let (mx, mv) = kin.transit(eta, z0[0] - 0.4, z0[1])
            XCTAssertLessThan(maxRelativeDifference(law.mean, [mx + 0.4, mv]), 1e-8, "γ = \(gamma), η = \(eta): mean \(law.mean)")
            let s = gamma * eta
            let qxx = 2 / (gamma * gamma) * (s - 2 * (1 - exp(-s)) + (1 - exp(-2 * s)) / 2)
            let qxv = (1 - exp(-s)) * (1 - exp(-s)) / gamma
            let qvv = 1 - exp(-2 * s)
            let q = try Matrix([[qxx, qxv], [qxv, qvv]])
            XCTAssertLessThan(maxRelativeDifference(law.covariance, q), 1e-8, "γ = \(gamma), η = \(eta): covariance \(law.covariance) vs Q_η \(q)")
        }
    }

    /// RLMC-ULMC and PLMC-ULMC(∞) randomise the same integral with the same mean (one U[0,1) midpoint vs a
    /// Poisson(1) number of them), so their mean maps coincide; their covariances differ (the variance over u).
    func testMeanMapEqualsPoissonPLMCULMCMeanMap() throws {
        let c = Self.monteCarloCase
        let start = try ChainMoments(pointMass: c.initialZ.mean)
        let r = try ChainLaw.afterSteps(6, .rlmcULMC(friction: 1.5), eta: c.eta, drift: c.drift, from: start)
        let p = try ChainLaw.afterSteps(6, .plmcULMC(friction: 1.5, .infinite), eta: c.eta, drift: c.drift, from: start)
        XCTAssertLessThan(maxRelativeDifference(r.mean, p.mean), 1e-13, "\(r.mean) vs \(p.mean)")
        XCTAssertGreaterThan(maxRelativeDifference(r.covariance, p.covariance), 1e-4,
                             "the two covariances must differ (variance over one u vs the Poisson midpoints)")
    }

    /// The composite Gauss–Legendre rule is converged: .standard vs 4× the panels and 2× the nodes.
    func testQuadratureIsConverged() throws {
        let fine = try ChainQuadrature(panels: 32, nodesPerPanel: 40)
        for (gamma, eta, lambdas) in [(1.0, 0.05, [1.0]), (1.5, 0.3, [0.3, 3.0]), (20.0, 0.9, [0.5, 2.0])] {
            let a = ChainTestMatrices.spd(eigenvalues: lambdas, seed: chainTestSeed("RLMCULMCLawTests.quadrature")).a
            let drift = try LinearDrift(precision: a, mean: [Double](repeating: 0.2, count: lambdas.count))
            let standard = try ChainLaw.stationary(.rlmcULMC(friction: gamma), eta: eta, drift: drift)
            let refined = try ChainLaw.stationary(.rlmcULMC(friction: gamma), eta: eta, drift: drift, quadrature: fine)
            XCTAssertLessThan(maxRelativeDifference(standard.covariance, refined.covariance), 1e-13, "γ = \(gamma), η = \(eta)")
        }
    }

    /// The small-step expansion of scripts/reference/chainlaws/rlmc_ulmc_small_step_series.py (sympy, from the update
    /// rule): Var_x = 1/λ + λη³/(24γ), Cov_xv = −λη³/24, Var_v = 1 + λ(γ² + λ)η³/(24γ), all + O(η⁴). At η = 0.01 the
    /// O(η⁴) remainder is < 1% of the η³ term for these (γ, λ) (measured: ≤ 0.012% for Var_x, ≤ 0.014% for Cov_xv,
    /// ≤ 0.75% for Var_v); the bias order is 3.
    /// Claim C9 (PN-P09).
    func testC09_rlmcULMCSmallStepBiasMatchesSeries() throws {
        let eta = 0.01
        for (gamma, lambda) in [(1.0, 1.0), (0.5, 2.0), (2.0, 0.7), (3.0, 3.0)] {
            let drift = try LinearDrift(precision: Matrix([[lambda]]), mean: [0])
            let c = try ChainLaw.stationary(.rlmcULMC(friction: gamma), eta: eta, drift: drift).covariance
            let e3 = eta * eta * eta
            let ratios = [(c[0, 0] - 1 / lambda) / (lambda * e3 / (24 * gamma)),
                          c[0, 1] / (-lambda * e3 / 24),
                          (c[1, 1] - 1) / (lambda * (gamma * gamma + lambda) * e3 / (24 * gamma))]
            for (name, ratio) in zip(["Var_x", "Cov_xv", "Var_v"], ratios) {
                XCTAssertEqual(ratio, 1, accuracy: 0.01, "γ = \(gamma), λ = \(lambda): \(name) bias / series η³ term = \(ratio)")
            }
            let half = try ChainLaw.stationary(.rlmcULMC(friction: gamma), eta: eta / 2, drift: drift).covariance
            let slope = log((c[0, 0] - 1 / lambda) / (half[0, 0] - 1 / lambda)) / log(2)
            XCTAssertEqual(slope, 3, accuracy: 0.02, "γ = \(gamma), λ = \(lambda): local bias order of Var_x")
        }
    }

    // MARK: mpmath references (data/reference/chainlaws/rlmc-ulmc-reference.json)

    static func reference() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/reference/chainlaws/rlmc-ulmc-reference.json")
        let data = try Data(contentsOf: url)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], "not a JSON object: \(url.path)")
    }

    /// d = 1 stationary (x, v) covariances and second-moment radii vs mpmath (quadrature of the update rule), 1e-10 relative.
    func testStationaryCovarianceAgreesWithMpmathReference() throws {
        let entries = try XCTUnwrap(try Self.reference()["stationary_1d"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(entries.count, 8)
        for entry in entries {
            let gamma = try ChainReference.number(entry["gamma"])
            let eta = try ChainReference.number(entry["eta"])
            let lambda = try ChainReference.number(entry["lambda"])
            let expected = try ChainReference.matrix(entry["covariance"])
            let radius = try ChainReference.number(entry["second_moment_radius"])
            let drift = try LinearDrift(precision: Matrix([[lambda]]), mean: [-0.3])
            let law = try ChainLaw.stationary(.rlmcULMC(friction: gamma), eta: eta, drift: drift)
            let label = "γ = \(gamma), η = \(eta), λ = \(lambda)"
            XCTAssertLessThan(maxRelativeDifference(law.covariance, expected, floor: 1e-3), 1e-10,
                              "\(label): \(law.covariance) vs mpmath \(expected)")
            XCTAssertEqual(law.mean, [-0.3, 0], "\(label)")
            let stability = try ChainLaw.stabilityMargin(.rlmcULMC(friction: gamma), eta: eta, drift: drift)
            XCTAssertEqual(stability.radii[0], radius, accuracy: 1e-10 * radius, "\(label): second-moment radius")
        }
    }

    /// d = 2, non-diagonal A, m ≠ 0, non-commuting initial covariance: mean and covariance after 3 steps vs the
    /// full-matrix mpmath recursion (no eigen-decomposition), 1e-10 relative.
    func testFiniteHorizonAgreesWithMpmathReference() throws {
        let entry = try XCTUnwrap(try Self.reference()["finite_horizon_2d"] as? [String: Any])
        let gamma = try ChainReference.number(entry["gamma"])
        let eta = try ChainReference.number(entry["eta"])
        let steps = try XCTUnwrap(entry["steps"] as? Int)
        let drift = try LinearDrift(precision: try ChainReference.matrix(entry["precision"]),
                                    mean: try ChainReference.vector(entry["mean_m"]))
        let initial = try ChainMoments(mean: try ChainReference.vector(entry["initial_mean"]),
                                       covariance: try ChainReference.matrix(entry["initial_covariance"]))
        let law = try ChainLaw.afterSteps(steps, .rlmcULMC(friction: gamma), eta: eta, drift: drift, from: initial)
        let mean = try ChainReference.vector(entry["mean"])
        let covariance = try ChainReference.matrix(entry["covariance"])
        XCTAssertLessThan(maxRelativeDifference(law.mean, mean), 1e-10, "mean \(law.mean) vs mpmath \(mean)")
        XCTAssertLessThan(maxRelativeDifference(law.covariance, covariance), 1e-10, "covariance \(law.covariance) vs mpmath \(covariance)")
    }

    // MARK: bad input and the stable range

    func testBadInput() throws {
        let drift = try LinearDrift(precision: Matrix([[1.0]]), mean: [0])
        for gamma in [0.0, -1.0, .nan, .infinity, -.infinity] {
            XCTAssertThrowsError(try ChainLaw.stationary(.rlmcULMC(friction: gamma), eta: 0.1, drift: drift)) { error in
                if gamma.isNaN {
                    guard case .invalidFriction(let g) = error as? ChainLawError, g.isNaN else { return XCTFail("γ = NaN: \(error)") }
                } else {
                    XCTAssertEqual(error as? ChainLawError, .invalidFriction(gamma), "γ = \(gamma)")
                }
            }
            XCTAssertThrowsError(try ChainLaw.afterSteps(1, .rlmcULMC(friction: gamma), eta: 0.1, drift: drift,
                                                         from: try ChainMoments(pointMass: [0, 0])), "γ = \(gamma)")
            XCTAssertThrowsError(try ChainLaw.stabilityMargin(.rlmcULMC(friction: gamma), eta: 0.1, drift: drift), "γ = \(gamma)")
        }
        for eta in [0.0, -0.1, .nan, .infinity] {
            XCTAssertThrowsError(try ChainLaw.stationary(.rlmcULMC(friction: 1), eta: eta, drift: drift), "η = \(eta)") { error in
                guard case .invalidStep = error as? ChainLawError else { return XCTFail("η = \(eta): \(error)") }
            }
        }
        // The state is (x; v): an x-only initial law is a dimension error.
        XCTAssertThrowsError(try ChainLaw.afterSteps(1, .rlmcULMC(friction: 1), eta: 0.1, drift: drift,
                                                     from: try ChainMoments(pointMass: [0]))) { error in
            guard case .invalidInput(.dimensionMismatch) = error as? ChainLawError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ChainLaw.afterSteps(-1, .rlmcULMC(friction: 1), eta: 0.1, drift: drift,
                                                     from: try ChainMoments(pointMass: [0, 0])))
        XCTAssertThrowsError(try ScalarChainLaw.stationaryVarianceRatio(.rlmcULMC(friction: 1), x: 0.1)) { error in
            guard case .unsupported = error as? ChainLawError else { return XCTFail("\(error)") }
        }
        XCTAssertTrue(Scheme.rlmcULMC(friction: 1).isUnderdamped)
        XCTAssertEqual(Scheme.rlmcULMC(friction: 1.5).description, "RLMC-ULMC(γ=1.5)")
        XCTAssertNotEqual(Scheme.rlmcULMC(friction: 1), Scheme.ulmc(friction: 1))
    }

    /// The stable range reported by the stability scan is where `stationary` starts to throw `.unstable`, and
    /// the unstable side names the RLMC-ULMC condition.
    func testStableRangeIsConsistent() throws {
        let drift = try LinearDrift(precision: Matrix([[1.0]]), mean: [0])
        let report = try ChainLaw.stabilityMargin(.rlmcULMC(friction: 1), eta: 0.5, drift: drift)
        XCTAssertTrue(report.isStable)
        let bound = try XCTUnwrap(report.stableStepBound, "\(report)")
        XCTAssertNoThrow(try ChainLaw.stationary(.rlmcULMC(friction: 1), eta: bound * (1 - 1e-5), drift: drift))
        XCTAssertThrowsError(try ChainLaw.stationary(.rlmcULMC(friction: 1), eta: bound * (1 + 1e-5), drift: drift)) { error in
            guard case let .unstable(scheme, condition) = error as? ChainLawError else { return XCTFail("\(error)") }
            XCTAssertEqual(scheme, "RLMC-ULMC(γ=1.0)")
            XCTAssertTrue(condition.contains("spectral radius"), condition)
        }
    }
}

import DenseLinearAlgebra
import Langevin
import SchemeVocabulary
import VerificationTestSupport
import XCTest

final class EngineTests: XCTestCase {
    /// One instance of every engine scheme (PLMC on both count paths: direct flags, K = 4; subset, K = 32; Poisson).
    static let everyScheme: [any LangevinScheme] = [
        LMC(stepSize: 0.1), PLMC(stepSize: 0.1, substeps: .finite(4)), PLMC(stepSize: 0.1, substeps: .finite(32)),
        PLMC(stepSize: 0.1, substeps: .infinite), RLMC(stepSize: 0.1), ULMC(stepSize: 0.1, friction: 1.5),
        PLMCULMC(stepSize: 0.1, friction: 1.5, substeps: .infinite), RLMCULMC(stepSize: 0.1, friction: 1.5),
    ]

    static func denseCase() throws -> LinearBatchDrift {
        try LinearBatchDrift(matrix: Matrix([[2, 0.5, 0.1], [0.5, 1, -0.3], [0.1, -0.3, 1.5]]), mean: [1, -2, 0.5])
    }

    /// Claim C1: PLMC(η, K = 1) equals LMC(η) pathwise on the same streams (exact equality, every chain).
    /// Claim C1 (PN-P01).
    func testC01_plmcWithOneSubstepEqualsLMCPathwise() throws {
        let seed = testSeed(#function)
        let drift = try Self.denseCase()
        let config = EnsembleConfiguration(chains: 300, steps: 25, seed: seed, blockSize: 64)
        let lmc = try Simulation.finalStates(scheme: LMC(stepSize: 0.2), drift: drift, configuration: config)
        let plmc = try Simulation.finalStates(scheme: PLMC(stepSize: 0.2, substeps: .finite(1)), drift: drift,
                                              configuration: config)
        XCTAssertEqual(lmc, plmc, "seed \(seed)")
        let result = try Simulation.run(scheme: PLMC(stepSize: 0.2, substeps: .finite(1)), drift: drift,
                                        configuration: config)
        XCTAssertEqual(result.driftCallsPerStep, 1)
    }

    /// Claim C2: drift calls per PLMC step. The midpoint count of one chain-step is Bin(K − 1, 1/K)
    /// (index 0 costs nothing), so over n chain-steps the total is exactly Bin(n(K − 1), 1/K); for K = ∞ it is
    /// Poisson(n). Each assertion uses a Chernoff bound (guaranteed, not asymptotic): ledger "LT.engine.drift-calls",
    /// 6e-9 split across the 6 checks (α = 1e-9 each).
    /// Claim C2 (PN-P02).
    func testC02_engineDriftCallsPerStep() throws {
        let budgetID = "LT.engine.drift-calls"
        let context = try TestContext(self)
        let drift = try LinearBatchDrift(diagonal: [1])
        let chains = 4000, steps = 50
        let n = Double(chains * steps)
        let config = EnsembleConfiguration(chains: chains, steps: steps, seed: context.seed)
        let finiteK = [2, 4, 8, 16, 64]
        let checks = finiteK.count + 1
        let alpha = StatisticalBudget.level(of: budgetID, splitAcross: checks)
        /// The Chernoff interval [lo, hi] (for the rate, around `expected`) as an interval for the expected rate.
        func assertRate(_ what: String, _ rate: Double, expected: Double, lo: Double, hi: Double) throws {
            let interval = try StatisticalInterval(statistic: what, estimate: rate, lower: rate - (hi - expected),
                                                   upper: rate + (expected - lo), n: chains * steps, alpha: alpha,
                                                   method: .exact("Chernoff"))
            assertInterval(interval, contains: expected, budgetID: budgetID, splitAcross: checks, context: context)
        }
        for k in finiteK {
            let r = try Simulation.run(scheme: PLMC(stepSize: 0.1, substeps: .finite(k)), drift: drift, configuration: config)
            let midpointRate = r.driftCallsPerStep - 1                  // S / n with S ~ Bin(n(K−1), 1/K)
            let (lo, hi) = binomialChernoffInterval(trials: n * Double(k - 1), p: 1 / Double(k), alpha: alpha)
            try assertRate("K=\(k): midpoint calls per step", midpointRate, expected: 1 - 1 / Double(k),
                           lo: lo * Double(k - 1), hi: hi * Double(k - 1))
            XCTAssertEqual(Scheme.plmc(.finite(k)).theory.evaluationsPerStep, 2 - 1 / Double(k))
        }
        let r = try Simulation.run(scheme: PLMC(stepSize: 0.1, substeps: .infinite), drift: drift, configuration: config)
        let (lo, hi) = poissonChernoffInterval(count: n, rate: 1, alpha: alpha)
        try assertRate("K=∞: midpoint calls per step (Poisson(1))", r.driftCallsPerStep - 1, expected: 1, lo: lo, hi: hi)
        XCTAssertEqual(try Simulation.run(scheme: LMC(stepSize: 0.1), drift: drift, configuration: config).driftCallsPerStep, 1)
        XCTAssertEqual(try Simulation.run(scheme: RLMC(stepSize: 0.1), drift: drift, configuration: config).driftCallsPerStep, 2)
    }

    /// Every chain's final state is bit-identical for any block size (1, 7, 64 and 1000 — one block): a chain's numbers
    /// depend only on the seed, its index and the scheme, never on which chains share its block or its batched drift
    /// call (PN-S07; thread counts only change which worker runs a block, see the next test). Exact check.
    func testChainStatesDoNotDependOnBlockSize() throws {
        let seed = testSeed(#function)
        let drift = try Self.denseCase()
        let schemes = Self.everyScheme
        for scheme in schemes {
            func states<S: LangevinScheme>(_ s: S, blockSize: Int) throws -> [[Double]] {
                try Simulation.finalStates(scheme: s, drift: drift, configuration: EnsembleConfiguration(
                    chains: 1000, steps: 15, seed: seed, blockSize: blockSize))
            }
            func check<S: LangevinScheme>(_ s: S) throws {
                let reference = try states(s, blockSize: 1000)
                for blockSize in [1, 7, 64] {
                    XCTAssertEqual(try states(s, blockSize: blockSize), reference, "\(s.label): block size \(blockSize)")
                }
            }
            try check(scheme)
        }
    }

    /// Identical numbers (mean, covariance, drift calls, observables) for 1, 2 and 4 threads.
    func testBitIdenticalForAnyThreadCount() throws {
        let seed = testSeed(#function)
        let drift = try Self.denseCase()
        let schemes = Self.everyScheme
        let square = EnsembleObservable(name: "x0²", outputs: 1) { s, _, out in out[0] = s[0] * s[0] }
        for scheme in schemes {
            var results: [EnsembleResult] = []
            for threads in [1, 2, 4] {
                let config = EnsembleConfiguration(chains: 1000, steps: 20, seed: seed, threads: threads, blockSize: 32,
                                                   recordSteps: [0, 7])
                results.append(try Simulation.run(scheme: scheme, drift: drift, configuration: config,
                                                  observables: [square]))
            }
            for r in results.dropFirst() {
                XCTAssertEqual(r.mean, results[0].mean, "\(scheme.label)")
                XCTAssertEqual(r.covariance, results[0].covariance, "\(scheme.label)")
                XCTAssertEqual(r.driftCalls, results[0].driftCalls, "\(scheme.label)")
                XCTAssertEqual(r.snapshots.map(\.step), [0, 7, 20])
                for (a, b) in zip(r.snapshots, results[0].snapshots) {
                    XCTAssertEqual(a.state, b.state)
                    XCTAssertEqual(a.observables, b.observables)
                }
            }
        }
    }

    /// Different seeds give different results; the same seed the same.
    func testSeedsMatter() throws {
        let drift = try Self.denseCase()
        let a = try Simulation.run(scheme: PLMC(stepSize: 0.1, substeps: .infinite), drift: drift,
                                   configuration: EnsembleConfiguration(chains: 50, steps: 5, seed: 1))
        let b = try Simulation.run(scheme: PLMC(stepSize: 0.1, substeps: .infinite), drift: drift,
                                   configuration: EnsembleConfiguration(chains: 50, steps: 5, seed: 2))
        let c = try Simulation.run(scheme: PLMC(stepSize: 0.1, substeps: .infinite), drift: drift,
                                   configuration: EnsembleConfiguration(chains: 50, steps: 5, seed: 1))
        XCTAssertNotEqual(a.mean, b.mean)
        XCTAssertEqual(a.mean, c.mean)
    }

    /// Above the stability threshold (LMC on an OU with ηa = 2.5 > 2) the run stops with `.unstable`, at the same
    /// (step, chain) for every thread count.
    ///
    /// The step window and the stable run are random events, budgeted as "LT.engine.divergence-step-window"
    /// (1e-12 for both; Gaussian tails). Per coordinate x_n = (−1.5)ⁿ c_n with c_n = x₀ + √5 Σ_{k≤n} (−1.5)^{−k} ξ_k
    /// ~ N(1, v_n), v_n = 4(1 − 1.5^{−2n}) ≤ 4: stopping before step 20 needs a coordinate with
    /// |c_n| > 1e6/(√2·1.5¹⁹) ≈ 319 (> 150 sd; probability < 1e-1000 over 500 chains and 19 steps); stopping after
    /// step 60 needs every chain's |c₆₀| ≤ 1e6/1.5⁶⁰ ≈ 2.7e-5 in both coordinates (density ≤ 0.2: probability
    /// ≤ (1.1e-5)⁵⁰⁰). The stable run (ηa = 1.5, x_{n+1} = −0.5 x_n + √3 ξ, variance ≤ 4) crosses 1e12 only through
    /// a > 3e11-sd Gaussian deviation in one of 500 × 400 × 2 coordinates.
    /// Claim C14 (PN-P14).
    func testC14_engineDivergesAboveTheStabilityThreshold() throws {
        let budgetID = "LT.engine.divergence-step-window"
        let context = try TestContext(self)
        let label = "[\(budgetID) | α = \(StatisticalBudget.level(of: budgetID)) (Gaussian tail)]; \(context)"
        let drift = try LinearBatchDrift(diagonal: [1, 1])
        var errors: [SimulationError] = []
        for threads in [1, 2] {
            let config = EnsembleConfiguration(chains: 500, steps: 400, seed: context.seed, threads: threads,
                                               initialState: [1, 1], blockSize: 16, explosionThreshold: 1e6)
            XCTAssertThrowsError(try Simulation.run(scheme: LMC(stepSize: 2.5), drift: drift, configuration: config), label) {
                errors.append($0 as! SimulationError)
            }
        }
        XCTAssertEqual(errors.count, 2)
        XCTAssertEqual(errors[0], errors[1])
        guard case let .unstable(_, step, norm, threshold) = errors[0] else { return XCTFail("\(errors[0])") }
        // |x_n| ≈ 1.5ⁿ|x₀|: the norm passes 1e6 after about log(1e6)/log(1.5) ≈ 34 steps.
        XCTAssertTrue((20...60).contains(step), "step \(step) outside 20…60 \(label)")
        XCTAssertGreaterThan(norm, threshold)
        // below the threshold (ηa = 1.5 < 2) nothing is reported
        XCTAssertNoThrow(try Simulation.run(scheme: LMC(stepSize: 1.5), drift: drift,
                                            configuration: EnsembleConfiguration(chains: 500, steps: 400, seed: context.seed)),
                         label)
    }

    /// A drift returning NaN from time 0.25 on: LMC(0.1) evaluates it at t = 0.3 during step 4 (1-based), and the
    /// smallest chain (0) is reported.
    func testNonFiniteDriftNamesChainAndStep() throws {
        let drift = ClosureBatchDrift(dimension: 2) { x, t, out in
            out[0] = t >= 0.25 ? .nan : -x[0]
            out[1] = -x[1]
        }
        for threads in [1, 2] {
            let config = EnsembleConfiguration(chains: 300, steps: 10, seed: 3, threads: threads, blockSize: 8)
            XCTAssertThrowsError(try Simulation.run(scheme: LMC(stepSize: 0.1), drift: drift, configuration: config)) {
                XCTAssertEqual($0 as? SimulationError, .nonFiniteDrift(chain: 0, step: 4))
            }
        }
        // a huge finite drift overflows the state: reported as a non-finite state when no threshold is set
        let huge = ClosureBatchDrift(dimension: 1) { _, _, out in out[0] = 1e308 }
        let config = EnsembleConfiguration(chains: 3, steps: 10, seed: 3, explosionThreshold: nil)
        XCTAssertThrowsError(try Simulation.run(scheme: LMC(stepSize: 10), drift: huge, configuration: config)) {
            XCTAssertEqual($0 as? SimulationError, .nonFiniteState(chain: 0, step: 1))
        }
    }

    func testBadInputsAreRejected() throws {
        let drift = try Self.denseCase()
        let ok = EnsembleConfiguration(chains: 10, steps: 2)
        func expect<S: LangevinScheme>(_ scheme: S, _ config: EnsembleConfiguration, _ expected: SimulationError,
                                       line: UInt = #line) {
            XCTAssertThrowsError(try Simulation.run(scheme: scheme, drift: drift, configuration: config), line: line) {
                XCTAssertEqual($0 as? SimulationError, expected, line: line)
            }
        }
        for eta in [0, -0.1, Double.nan, .infinity] {
            expect(LMC(stepSize: eta), ok, .invalidStepSize(eta))
            expect(RLMC(stepSize: eta), ok, .invalidStepSize(eta))
            expect(PLMC(stepSize: eta, substeps: .infinite), ok, .invalidStepSize(eta))
        }
        expect(PLMC(stepSize: 0.1, substeps: .finite(0)), ok, .invalidSubsteps(0))
        expect(PLMC(stepSize: 0.1, substeps: .finite(-3)), ok, .invalidSubsteps(-3))
        expect(LMC(stepSize: 0.1), EnsembleConfiguration(chains: 0, steps: 2), .invalidChainCount(0))
        expect(LMC(stepSize: 0.1), EnsembleConfiguration(chains: 10, steps: 0), .invalidStepCount(0))
        expect(LMC(stepSize: 0.1), EnsembleConfiguration(chains: 10, steps: 2, initialState: [1, 2]),
               .dimensionMismatch(what: "drift", expected: 2, got: 3))
        expect(LMC(stepSize: 0.1), EnsembleConfiguration(chains: 10, steps: 2, initialState: [1, .nan, 0]),
               .nonFiniteInput(what: "initial state", index: 1, value: .nan))
        XCTAssertThrowsError(try Simulation.run(scheme: LMC(stepSize: 0.1), drift: drift,
                                                configuration: EnsembleConfiguration(chains: 10, steps: 2, threads: 0)))
        XCTAssertThrowsError(try Simulation.run(scheme: LMC(stepSize: 0.1), drift: drift,
                                                configuration: EnsembleConfiguration(chains: 10, steps: 2, recordSteps: [3])))
        XCTAssertThrowsError(try Simulation.run(scheme: LMC(stepSize: 0.1), drift: drift,
                                                configuration: EnsembleConfiguration(chains: 10, steps: 2,
                                                                                     initialVelocity: [0, 0, 0])))
        XCTAssertThrowsError(try LinearBatchDrift(matrix: Matrix([[1, 2, 3]])))
        XCTAssertThrowsError(try LinearBatchDrift(matrix: Matrix([[1, .nan], [0, 1]])))
        XCTAssertThrowsError(try LinearBatchDrift(matrix: Matrix([[1, 0], [0, 1]]), mean: [1]))
    }
}

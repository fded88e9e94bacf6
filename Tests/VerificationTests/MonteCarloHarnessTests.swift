import Langevin
import Randomness
import SchemeVocabulary
import Verification
import VerificationTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The coupled driver and the engine-level mutants (PN-V07): deterministic checks (bit identities, thread
/// independence, agreement of the driver's fine chain with a plain engine run, input validation). No budgeted
/// assertions.
final class MonteCarloHarnessTests: XCTestCase {
    let mixture = GaussianMixtureDrift(dimension: 1, separation: 1)

    static func mixtureStart() -> InitialLaw {
        .exact(GaussianMixtureCase.mixtureSampler(separation: 1))
    }

    /// Every mutation the engine's PLMC runs changes its trajectories (no mutant is silently the real scheme), and the
    /// costs the theory declares for the flag and count mutants are what the engine spends.
    func testEveryEngineMutationOfPLMCChangesTheScheme() throws {
        let config = EnsembleConfiguration(chains: 2_000, steps: 30, seed: 5, threads: 1, initialState: [0.2])
        let real = try Simulation.run(SchemeVariant(.plmc(.finite(4))), stepSize: 0.3, drift: mixture, configuration: config)
        let mutations: [SchemeMutation] = [.independentMidpointNoise, .independentEndpointNoise, .correctionWeightOverK,
                                           .flagProbabilityOneOverKPlusOne, .countsIndexZeroMidpoint, .midpointAtStartPoint,
                                           .noiseSqrtEta, .offByOneMidpointIndex, .fineChainAsCoarseStep]
        for mutation in mutations {
            let variant = try SchemeVariant(.plmc(.finite(4)), mutation: mutation)
            let m = try Simulation.run(variant, stepSize: 0.3, drift: mixture, configuration: config)
            XCTAssertNotEqual(m.mean, real.mean, "\(mutation)")
        }
        let k4 = Scheme.plmc(.finite(4))
        XCTAssertEqual(SchemeVariant(k4).theory.evaluationsPerStep, 1.75)
        XCTAssertEqual(try SchemeVariant(k4, mutation: .flagProbabilityOneOverKPlusOne).theory.evaluationsPerStep, 1.6,
                       accuracy: 1e-15)
        XCTAssertEqual(try SchemeVariant(k4, mutation: .countsIndexZeroMidpoint).theory.evaluationsPerStep, 2)
        XCTAssertEqual(try SchemeVariant(.plmc(.infinite), mutation: .halvedPoissonRate).theory.evaluationsPerStep, 1.5)
        // the K = ∞ mutants too
        let realInfinite = try Simulation.run(SchemeVariant(.plmc(.infinite)), stepSize: 0.3, drift: mixture,
                                              configuration: config)
        for mutation: SchemeMutation in [.independentMidpointNoise, .independentEndpointNoise, .halvedPoissonRate,
                                         .midpointAtStartPoint, .correctionWeightOverK, .noiseSqrtEta] {
            let m = try Simulation.run(try SchemeVariant(.plmc(.infinite), mutation: mutation), stepSize: 0.3, drift: mixture,
                                       configuration: config)
            XCTAssertNotEqual(m.mean, realInfinite.mean, "K = ∞, \(mutation)")
        }
    }

    /// A mutation that does not apply to a scheme, or that the engine does not run, is a typed error, never a silent run
    /// of the correct scheme.
    func testMutationsTheEngineDoesNotRunAreRefused() {
        XCTAssertThrowsError(try SchemeVariant(.lmc, mutation: .independentMidpointNoise))
        XCTAssertThrowsError(try SchemeVariant(.plmc(.infinite), mutation: .offByOneMidpointIndex))
        XCTAssertThrowsError(try SchemeVariant(.plmc(.finite(4)), mutation: .halvedPoissonRate))
        let config = EnsembleConfiguration(chains: 2, steps: 1)
        XCTAssertThrowsError(try Simulation.run(try SchemeVariant(.plmcULMC(friction: 1, .infinite), mutation: .independentMidpointNoise),
                                                stepSize: 0.1, drift: mixture, configuration: config)) {
            guard case .unsupported = $0 as? SimulationError else { return XCTFail("\($0)") }
        }
    }

    /// Fine LMC presented as a coarse scheme reproduces the fine chain exactly: distance 0, differences 0.
    func testFineChainAsCoarseIsPathwiseIdenticalToTheFineChain() throws {
        for (drift, d) in [(GaussianMixtureDrift(dimension: 1, separation: 1), 1), (GaussianMixtureDrift(dimension: 2, separation: 1), 2)] {
            let design = CoupledDesign(stepSize: 0.2, substeps: 5, chains: 500, burnInSteps: 10, windowSteps: 10, seed: 3,
                                       initialLaw: Self.mixtureStart())
            let fine = try SchemeVariant(.plmc(.finite(5)), mutation: .fineChainAsCoarseStep)
            let r = try CoupledDriver.run(drift: drift, candidates: [CoupledCandidate("fine", fine)],
                                          observables: [.meanCosine(frequency: 0.5)], design: design)
            let s = try XCTUnwrap(r.candidate("fine"))
            XCTAssertEqual(s.largestSquaredDistance, 0, "d = \(d)")
            XCTAssertEqual(s.clippedSquaredDistance.maximum, 0)
            XCTAssertEqual(s.difference[0].minimum, 0); XCTAssertEqual(s.difference[0].maximum, 0)
            XCTAssertEqual(s.driftCallsPerStep, 5)
            XCTAssertEqual(r.fineDriftCallsPerStep, 5)
        }
    }

    /// Results do not depend on the thread count (fixed blocks, keyed streams, ordered merge).
    func testEnsembleIsIndependentOfThreads() throws {
        let candidates = [CoupledCandidate("LMC", SchemeVariant(.lmc)), CoupledCandidate("PLMC", SchemeVariant(.plmc(.finite(4)))),
                          CoupledCandidate("PLMC∞", SchemeVariant(.plmc(.infinite))), CoupledCandidate("RLMC", SchemeVariant(.rlmc))]
        var results: [CoupledResult] = []
        for threads in [1, 2] {
            let design = CoupledDesign(stepSize: 0.25, substeps: 4, chains: 1_000, burnInSteps: 8, windowSteps: 8, sampleStride: 2,
                                       seed: 11, threads: threads, blockSize: 64, initialLaw: Self.mixtureStart())
            results.append(try CoupledDriver.run(drift: mixture, candidates: candidates, observables: [.meanCosine(frequency: 0.5)],
                                                 design: design))
        }
        XCTAssertEqual(results[0].fineLevel, results[1].fineLevel)
        for i in candidates.indices {
            XCTAssertEqual(results[0].candidates[i].difference, results[1].candidates[i].difference)
            XCTAssertEqual(results[0].candidates[i].clippedSquaredDistance, results[1].candidates[i].clippedSquaredDistance)
            XCTAssertEqual(results[0].candidates[i].clippedSamples, results[1].candidates[i].clippedSamples)
        }
    }

    /// The driver's fine chain is LMC(η/K) on the chain's Brownian stream: the same Gaussians as a plain engine run of
    /// LMC(η/K) with the same seed (W of the fine grid by independent increments), so the final moments agree to
    /// rounding (the driver forms increments as differences of the path's values).
    func testFineChainEqualsAPlainEngineRunOfFineLMC() throws {
        let eta = 0.2, k = 4, steps = 30, chains = 2_000
        let design = CoupledDesign(stepSize: eta, substeps: k, chains: chains, burnInSteps: steps - 1, windowSteps: 1,
                                   seed: 21, blockSize: 128, initialLaw: .point([0.7]), clip: 1e300)
        let coupled = try CoupledDriver.run(drift: mixture, candidates: [CoupledCandidate("LMC", SchemeVariant(.lmc))],
                                            observables: [], design: design)
        let plain = try Simulation.run(SchemeVariant(.lmc), stepSize: eta / Double(k), drift: mixture,
                                       configuration: EnsembleConfiguration(chains: chains, steps: steps * k, seed: 21,
                                                                            initialState: [0.7]))
        XCTAssertEqual(coupled.fineFinalState.mean[0], plain.mean[0], accuracy: 1e-12)
        XCTAssertEqual(coupled.fineFinalState.covariance[0, 0], plain.covariance[0, 0], accuracy: 1e-11)
        XCTAssertEqual(coupled.fineDriftCallsPerStep, Double(k))
    }

    func testDesignAndInputsAreValidated() throws {
        let good = CoupledDesign(stepSize: 0.2, substeps: 4, chains: 10, burnInSteps: 1, windowSteps: 2, seed: 1,
                                 initialLaw: .point([0]))
        let plmc = [CoupledCandidate("PLMC", SchemeVariant(.plmc(.finite(4))))]
        XCTAssertNoThrow(try CoupledDriver.run(drift: mixture, candidates: plmc, observables: [], design: good))
        var bad: [CoupledDesign] = []
        for change in 0..<9 {
            var d = good
            switch change {
            case 0: d.stepSize = .nan
            case 1: d.stepSize = -0.1
            case 2: d.substeps = 0
            case 3: d.chains = 1
            case 4: d.windowSteps = 0
            case 5: d.sampleStride = 3
            case 6: d.clip = 0
            case 7: d.threads = 0
            default: d.initialLaw = .point([0, 0])
            }
            bad.append(d)
        }
        for (i, d) in bad.enumerated() {
            XCTAssertThrowsError(try CoupledDriver.run(drift: mixture, candidates: plmc, observables: [], design: d), "change \(i)")
        }
        XCTAssertThrowsError(try CoupledDriver.run(drift: mixture, candidates: [], observables: [], design: good))
        XCTAssertThrowsError(try CoupledDriver.run(drift: mixture, candidates: [CoupledCandidate("ULMC", SchemeVariant(.ulmc(friction: 1)))],
                                                   observables: [], design: good), "underdamped candidate")
        let lying = BoundedObservable(name: "x (declared in [0, 1])", range: 0...1) { x, _ in x[0] }
        XCTAssertThrowsError(try CoupledDriver.run(drift: mixture, candidates: plmc, observables: [lying],
                                                   design: CoupledDesign(stepSize: 0.2, substeps: 4, chains: 10, burnInSteps: 1, windowSteps: 2,
                                                                         seed: 1, initialLaw: Self.mixtureStart())),
                             "observable outside its declared range")
        XCTAssertThrowsError(try Simulation.run(SchemeVariant(.plmc(.finite(4))), stepSize: .nan, drift: mixture,
                                                configuration: EnsembleConfiguration(chains: 2, steps: 1)))
        XCTAssertThrowsError(try Simulation.run(SchemeVariant(.plmc(.finite(0))), stepSize: 0.1, drift: mixture,
                                                configuration: EnsembleConfiguration(chains: 2, steps: 1)))
        // divergence is reported with the candidate, chain and step, not trapped
        let unstable = CoupledDesign(stepSize: 5, substeps: 1, chains: 10, burnInSteps: 200, windowSteps: 1, seed: 1,
                                     initialLaw: .point([3]))
        XCTAssertThrowsError(try CoupledDriver.run(drift: DoubleWellDrift(dimension: 1), candidates: [CoupledCandidate("LMC", SchemeVariant(.lmc))],
                                                   observables: [], design: unstable)) {
            guard case .inCandidate = $0 as? SimulationError else { return XCTFail("\($0)") }
        }
    }

    func testRunningMomentsMergeEqualsSequentialAccumulation() {
        var g = Xoshiro256StarStar(seed: 9)
        let values = (0..<1000).map { _ in g.nextStandardNormal() * 3 + 1 }
        var all = RunningMoments(), a = RunningMoments(), b = RunningMoments()
        for (i, v) in values.enumerated() { all.add(v); if i < 377 { a.add(v) } else { b.add(v) } }
        a.merge(b)
        XCTAssertEqual(a.count, all.count)
        XCTAssertEqual(a.mean, all.mean, accuracy: 1e-13)
        XCTAssertEqual(a.sampleVariance, all.sampleVariance, accuracy: 1e-11)
        XCTAssertEqual(a.minimum, all.minimum); XCTAssertEqual(a.maximum, all.maximum)
        var empty = RunningMoments()
        empty.merge(all)
        XCTAssertEqual(empty, all)
    }
}

import Langevin
import Randomness
import Verification
import VerificationTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The common-random-number harness and the engine-level mutants (PN-V07): deterministic checks (bit identities,
/// thread independence, agreement with the engine's coupled runner, input validation). No budgeted assertions.
final class MonteCarloHarnessTests: XCTestCase {
    let mixture = GaussianMixtureDrift(dimension: 1, separation: 1)

    /// `PLMCVariant(.none)` is the engine's PLMC, bit for bit (direct flags K ≤ 8 and the count/subset path K > 8),
    /// so each mutant differs from the real scheme only by its mutation.
    func testVariantWithoutMutationIsBitIdenticalToEnginePLMC() throws {
        for k in [2, 4, 16] {
            for drift in [GaussianMixtureDrift(dimension: 1, separation: 1), GaussianMixtureDrift(dimension: 3, separation: 1)] {
                let config = EnsembleConfiguration(chains: 300, steps: 40, seed: 77, threads: 1, initialState: [Double](repeating: 0.3, count: drift.dimension))
                let engine = try Simulation.run(scheme: PLMC(stepSize: 0.3, substeps: .finite(k)), drift: drift, configuration: config)
                let variant = try Simulation.run(scheme: PLMCVariant(stepSize: 0.3, substeps: k, mutation: .none), drift: drift,
                                                 configuration: config)
                XCTAssertEqual(engine.mean, variant.mean, "K = \(k), d = \(drift.dimension)")
                XCTAssertEqual(engine.covariance.storage, variant.covariance.storage, "K = \(k)")
                XCTAssertEqual(engine.driftCalls, variant.driftCalls, "K = \(k)")
            }
        }
    }

    /// Each mutation changes the trajectories (the mutants are not silently equal to the real scheme), and the
    /// i = 0 mutant changes only the count (its correction is exactly 0, so its states equal the real scheme's when
    /// the auxiliary stream is not shifted — here it is, so only the count law is compared).
    func testEveryMutationChangesTheScheme() throws {
        let config = EnsembleConfiguration(chains: 200, steps: 30, seed: 5, threads: 1, initialState: [0.2])
        let real = try Simulation.run(scheme: PLMC(stepSize: 0.3, substeps: .finite(4)), drift: mixture, configuration: config)
        for mutation in PLMCMutation.allCases where mutation != .none {
            let m = try Simulation.run(scheme: PLMCVariant(stepSize: 0.3, substeps: 4, mutation: mutation), drift: mixture,
                                       configuration: config)
            XCTAssertNotEqual(m.mean, real.mean, "\(mutation)")
        }
        XCTAssertEqual(PLMCVariant(stepSize: 0.1, substeps: 4, mutation: .none).expectedDriftCallsPerStep, 1.75)
        XCTAssertEqual(PLMCVariant(stepSize: 0.1, substeps: 4, mutation: .flagProbabilityOneOverKPlusOne).expectedDriftCallsPerStep, 1.6,
                       accuracy: 1e-15)
        XCTAssertEqual(PLMCVariant(stepSize: 0.1, substeps: 4, mutation: .countsIndexZeroMidpoint).expectedDriftCallsPerStep, 2)
    }

    /// Fine LMC presented as a coarse scheme reproduces the fine chain exactly: distance 0, differences 0.
    func testFineChainAsCoarseIsPathwiseIdenticalToTheFineChain() throws {
        for (drift, d) in [(GaussianMixtureDrift(dimension: 1, separation: 1), 1), (GaussianMixtureDrift(dimension: 2, separation: 1), 2)] {
            let design = CoupledEnsembleDesign(stepSize: 0.2, substeps: 5, chains: 500, burnInSteps: 10, windowSteps: 10, seed: 3,
                                               initialLaw: .gaussianMixture(separation: 1))
            let r = try CoupledEnsemble.run(drift: drift, candidates: [CoupledCandidate("fine", FineChainAsCoarseScheme(stepSize: 0.2, substeps: 5))],
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
        let candidates = [CoupledCandidate("LMC", LMC(stepSize: 0.25)), CoupledCandidate("PLMC", PLMC(stepSize: 0.25, substeps: .finite(4))),
                          CoupledCandidate("PLMC∞", PLMC(stepSize: 0.25, substeps: .infinite)), CoupledCandidate("RLMC", RLMC(stepSize: 0.25))]
        var results: [CoupledEnsembleResult] = []
        for threads in [1, 2] {
            let design = CoupledEnsembleDesign(stepSize: 0.25, substeps: 4, chains: 1_000, burnInSteps: 8, windowSteps: 8, sampleStride: 2,
                                               seed: 11, threads: threads, blockSize: 64, initialLaw: .gaussianMixture(separation: 1))
            results.append(try CoupledEnsemble.run(drift: mixture, candidates: candidates, observables: [.meanCosine(frequency: 0.5)],
                                                   design: design))
        }
        XCTAssertEqual(results[0].fineLevel, results[1].fineLevel)
        for i in candidates.indices {
            XCTAssertEqual(results[0].candidates[i].difference, results[1].candidates[i].difference)
            XCTAssertEqual(results[0].candidates[i].clippedSquaredDistance, results[1].candidates[i].clippedSquaredDistance)
            XCTAssertEqual(results[0].candidates[i].clippedSamples, results[1].candidates[i].clippedSamples)
        }
    }

    /// With the engine's scheme set and query order (LMC, PLMC, RLMC after the fine sub-steps), a point start and a
    /// window of the last step, the harness reproduces the engine's `CoupledRunner`: same paths, flags and uniforms,
    /// so the paired means agree to rounding (the summation orders differ).
    func testEnsembleReproducesTheEngineCoupledRunner() throws {
        let eta = 0.2, k = 4, steps = 30, chains = 2_000
        let phi = EnsembleObservable(name: "cos(x/2)", outputs: 1) { x, _, out in out[0] = cos(0.5 * x[0]) }
        let engine = try CoupledRunner.run(drift: mixture, configuration: CoupledConfiguration(
            stepSize: eta, substeps: k, chains: chains, steps: steps, seed: 21, threads: 1, initialState: [0.7]), observables: [phi])
        let design = CoupledEnsembleDesign(stepSize: eta, substeps: k, chains: chains, burnInSteps: steps - 1, windowSteps: 1,
                                           seed: 21, blockSize: 128, initialLaw: .point([0.7]), clip: 1e300)
        let mine = try CoupledEnsemble.run(
            drift: mixture,
            candidates: [CoupledCandidate("LMC", LMC(stepSize: eta)), CoupledCandidate("PLMC", PLMC(stepSize: eta, substeps: .finite(k))),
                         CoupledCandidate("RLMC", RLMC(stepSize: eta))],
            observables: [.meanCosine(frequency: 0.5)], design: design)
        let pairs: [(String, PairedStatistics)] = [("LMC", engine.lmcVersusFine), ("PLMC", engine.plmcVersusFine), ("RLMC", engine.rlmcVersusFine)]
        for (name, paired) in pairs {
            let s = try XCTUnwrap(mine.candidate(name))
            XCTAssertEqual(s.difference[0].mean, paired.meanDifference[0], accuracy: 1e-14, name)
            XCTAssertEqual(s.clippedSquaredDistance.mean, paired.meanSquaredDistance, accuracy: 1e-13 * max(1, paired.meanSquaredDistance), name)
        }
        XCTAssertEqual(mine.fineLevel[0].mean, engine.fine.observables.mean[0], accuracy: 1e-14)
        XCTAssertEqual(mine.candidate("PLMC")?.driftCallsPerStep ?? 0, engine.plmc.driftCallsPerStep, accuracy: 1e-12)
    }

    func testDesignAndInputsAreValidated() throws {
        let good = CoupledEnsembleDesign(stepSize: 0.2, substeps: 4, chains: 10, burnInSteps: 1, windowSteps: 2, seed: 1,
                                         initialLaw: .point([0]))
        let plmc = [CoupledCandidate("PLMC", PLMC(stepSize: 0.2, substeps: .finite(4)))]
        XCTAssertNoThrow(try CoupledEnsemble.run(drift: mixture, candidates: plmc, observables: [], design: good))
        var bad: [CoupledEnsembleDesign] = []
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
            XCTAssertThrowsError(try CoupledEnsemble.run(drift: mixture, candidates: plmc, observables: [], design: d), "change \(i)")
        }
        XCTAssertThrowsError(try CoupledEnsemble.run(drift: mixture, candidates: [CoupledCandidate("LMC", LMC(stepSize: 0.3))],
                                                     observables: [], design: good), "candidate with another step")
        XCTAssertThrowsError(try CoupledEnsemble.run(drift: mixture, candidates: [], observables: [], design: good))
        XCTAssertThrowsError(try CoupledEnsemble.run(drift: mixture, candidates: [CoupledCandidate("ULMC", ULMC(stepSize: 0.2, friction: 1))],
                                                     observables: [], design: good), "underdamped candidate")
        let lying = BoundedObservable(name: "x (declared in [0, 1])", range: 0...1) { x, _ in x[0] }
        XCTAssertThrowsError(try CoupledEnsemble.run(drift: mixture, candidates: plmc, observables: [lying],
                                                     design: CoupledEnsembleDesign(stepSize: 0.2, substeps: 4, chains: 10, burnInSteps: 1, windowSteps: 2,
                                                                                   seed: 1, initialLaw: .gaussianMixture(separation: 1))),
                             "observable outside its declared range")
        XCTAssertThrowsError(try Simulation.run(scheme: PLMCVariant(stepSize: .nan, substeps: 4, mutation: .none), drift: mixture,
                                                configuration: EnsembleConfiguration(chains: 2, steps: 1)))
        XCTAssertThrowsError(try Simulation.run(scheme: PLMCVariant(stepSize: 0.1, substeps: 0, mutation: .none), drift: mixture,
                                                configuration: EnsembleConfiguration(chains: 2, steps: 1)))
        XCTAssertThrowsError(try Simulation.run(scheme: FineChainAsCoarseScheme(stepSize: 0, substeps: 2), drift: mixture,
                                                configuration: EnsembleConfiguration(chains: 2, steps: 1)))
        // divergence is reported, not trapped
        let unstable = CoupledEnsembleDesign(stepSize: 5, substeps: 1, chains: 10, burnInSteps: 200, windowSteps: 1, seed: 1,
                                             initialLaw: .point([3]))
        XCTAssertThrowsError(try CoupledEnsemble.run(drift: DoubleWellDrift(dimension: 1), candidates: [CoupledCandidate("LMC", LMC(stepSize: 5))],
                                                     observables: [], design: unstable))
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

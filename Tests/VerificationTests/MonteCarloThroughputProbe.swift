import Langevin
import Verification
import XCTest

/// Timing probe of the coupled ensemble, run by hand:
/// `LANGEVIN_BENCH=1 swift test -c release --filter MonteCarloThroughputProbe` (skipped otherwise).
final class MonteCarloThroughputProbe: XCTestCase {
    func testCoupledEnsembleThroughput() throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["LANGEVIN_BENCH"] == "1" else { throw XCTSkip("timing probe: set LANGEVIN_BENCH=1") }
        let chains = Int(environment["LANGEVIN_BENCH_CHAINS"] ?? "") ?? 20_000
        for d in [1, 8] {
            let drift = GaussianMixtureDrift(dimension: d, separation: 1)
            for threads in [1, 2] {
                let eta = 0.2, k = 4
                let design = CoupledEnsembleDesign(stepSize: eta, substeps: k, chains: chains, burnInSteps: 20, windowSteps: 40,
                                                   seed: 1, threads: threads, initialLaw: .gaussianMixture(separation: 1))
                let sets: [(String, [CoupledCandidate])] = [
                    ("PLMC", [CoupledCandidate("PLMC", PLMC(stepSize: eta, substeps: .finite(k)))]),
                    ("LMC+PLMC+2 mutants", [CoupledCandidate("LMC", LMC(stepSize: eta)),
                                            CoupledCandidate("PLMC", PLMC(stepSize: eta, substeps: .finite(k))),
                                            CoupledCandidate("indep", PLMCVariant(stepSize: eta, substeps: k, mutation: .independentMidpointNoise)),
                                            CoupledCandidate("weight", PLMCVariant(stepSize: eta, substeps: k, mutation: .correctionWeightOverK))]),
                ]
                for (label, candidates) in sets {
                    let r = try CoupledEnsemble.run(drift: drift, candidates: candidates,
                                                    observables: [.meanCosine(frequency: 0.5)], design: design)
                    let coarse = Double(chains) * 60
                    print(String(format: "BENCH d=%d threads=%d %@: %.2f s, %.1f ns per chain·coarse step, %.1f ns per chain·coarse step·coordinate",
                                 d, threads, label, r.seconds, 1e9 * r.seconds / coarse, 1e9 * r.seconds / coarse / Double(d)))
                }
            }
        }
    }
}

extension MonteCarloThroughputProbe {
    /// Per-chain spreads of the C10/C12 statistics, for sizing (`LANGEVIN_BENCH=1`).
    func testSizing() throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["LANGEVIN_BENCH"] == "1" else { throw XCTSkip("timing probe: set LANGEVIN_BENCH=1") }
        let chains = Int(environment["LANGEVIN_BENCH_CHAINS"] ?? "") ?? 20_000
        let window = Double(environment["LANGEVIN_BENCH_WINDOW"] ?? "") ?? 12
        let dims = (environment["LANGEVIN_BENCH_DIMS"] ?? "1,8").split(separator: ",").compactMap { Int($0) }
        let etas = (environment["LANGEVIN_BENCH_ETAS"] ?? "0.8,0.4,0.2").split(separator: ",").compactMap { Double($0) }
        for d in dims {
            let drift = GaussianMixtureDrift(dimension: d, separation: 1)
            for eta in etas {
                let k = 4
                let stride = max(1, Int((0.2 / eta).rounded()))
                let windowSteps = Int((window / eta).rounded()) / stride * stride
                let design = CoupledEnsembleDesign(stepSize: eta, substeps: k, chains: chains, burnInSteps: Int((4 / eta).rounded()),
                                                   windowSteps: windowSteps, sampleStride: stride, seed: 7, threads: 2,
                                                   initialLaw: .gaussianMixture(separation: 1), clip: 1)
                let candidates = [CoupledCandidate("LMC", LMC(stepSize: eta)),
                                  CoupledCandidate("PLMC", PLMC(stepSize: eta, substeps: .finite(k))),
                                  CoupledCandidate("indep", PLMCVariant(stepSize: eta, substeps: k, mutation: .independentMidpointNoise)),
                                  CoupledCandidate("weight", PLMCVariant(stepSize: eta, substeps: k, mutation: .correctionWeightOverK))]
                let r = try CoupledEnsemble.run(drift: drift, candidates: candidates,
                                                observables: [.meanCosine(frequency: 0.5)], design: design)
                print(String(format: "SIZE d=%d η=%.3f: %.2f s (%.0f ns per chain·coarse step)", d, eta, r.seconds,
                             1e9 * r.seconds / Double(chains * design.totalSteps)))
                for c in r.candidates {
                    let diff = c.difference[0], dist = c.clippedSquaredDistance
                    print(String(format: "SIZE    %-7@ diff mean %+.4e sd %.4e | clipped sq dist mean %.4e sd %.4e, clipped %d, max %.3g",
                                 c.name, diff.mean, diff.sampleVariance.squareRoot(), dist.mean, dist.sampleVariance.squareRoot(),
                                 c.clippedSamples, c.largestSquaredDistance))
                }
            }
        }
    }
}

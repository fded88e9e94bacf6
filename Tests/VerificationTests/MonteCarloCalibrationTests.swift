import Langevin
import SchemeVocabulary
import Verification
import VerificationTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Calibration of two Monte Carlo decision rules at a relaxed level α_cal = 0.01 over R fresh seeds (docs/testing-policy.md
/// §8; `LANGEVIN_CALIBRATE=R` enables them, otherwise they are skipped): the observed failure rate with its
/// Clopper–Pearson interval must not show the rule failing more often than declared. Run with e.g.
/// `LANGEVIN_CALIBRATE=2000 swift test --filter MonteCarloCalibrationTests`.
final class MonteCarloCalibrationTests: XCTestCase {
    static let level = 0.01

    /// C2's exact rule: the Clopper–Pearson interval of the Bin(n(K−1), 1/K) midpoint count of the engine's
    /// PLMC(η, K = 4) contains 1/K (2·10⁵ chain-steps per replicate). Exact coverage ≥ 1 − α_cal (conservative by
    /// the discreteness of the binomial).
    /// Claim C2 (PN-P02).
    func testC02_countIntervalCalibration() throws {
        let replicates = try Calibration.requestedReplicates()
        let drift = GaussianMixtureDrift(dimension: 1, separation: 1)
        let result = try Calibration.estimateFalseFailureRate(replicates: replicates, level: Self.level) { seed in
            let config = EnsembleConfiguration(chains: 1_000, steps: 200, seed: seed, threads: 2, trackCovariance: false)
            let run = try Simulation.run(scheme: PLMC(stepSize: 0.25, substeps: .finite(4)), drift: drift, configuration: config)
            let interval = try DriftCallCountInterval(substeps: .finite(4), chainSteps: 200_000,
                                                      midpointCount: run.driftCalls - 200_000, alpha: Self.level)
            return !interval.contains(interval.claimed)
        }
        print("MC-CALIBRATION C2 Clopper–Pearson count rule: \(result)")
        XCTAssertTrue(result.consistentWithNominalLevel, "\(result)")
    }

    /// C10's containment rule: the empirical Bernstein interval (α_cal) of the engine's PLMC(η = 0.4, K = 4) − fine
    /// LMC paired difference of cos(x/2) on the 1-D mixture contains the exact kernel-quadrature value of the same
    /// design (exact π start, burn-in 10 + window 10 steps; 20 000 chains per replicate).
    /// Claim C10 (PN-P10).
    func testC10_containmentCalibration() throws {
        let replicates = try Calibration.requestedReplicates()
        let eta = 0.4, k = 4, burnIn = 10, window = 10
        let drift = GaussianMixtureDrift(dimension: 1, separation: 1)
        // exact value of the design: start at π on the grid, propagate, average the window
        let grid = try KernelGrid(lower: -15, upper: 15, points: 401)
        let b: (Double) -> Double = { -$0 + tanh($0) }
        let plmc = try StationaryKernelQuadrature.transitionMatrix(scheme: .plmc(stepSize: eta, substeps: k, mutation: .none), drift: b,
                                                                   grid: grid, hermitePoints: 8)
        let fine = try StationaryKernelQuadrature.transitionMatrix(scheme: .lmc(stepSize: eta / Double(k)), drift: b, grid: grid)
        let values = grid.nodes.map { cos(0.5 * $0) }
        var p = grid.nodes.map { exp(-($0 * $0 / 2 - log(cosh($0)))) }
        let total = p.reduce(0, +)
        p = p.map { $0 / total }
        var q = p, sum = 0.0
        for t in 1...(burnIn + window) {
            p = plmc.propagate(p)
            for _ in 0..<k { q = fine.propagate(q) }
            if t > burnIn { sum += zip(zip(p, q), values).reduce(0) { $0 + ($1.0.0 - $1.0.1) * $1.1 } }
        }
        let exact = sum / Double(window)
        let result = try Calibration.estimateFalseFailureRate(replicates: replicates, level: Self.level) { seed in
            let design = CoupledDesign(stepSize: eta, substeps: k, chains: 20_000, burnInSteps: burnIn, windowSteps: window,
                                       seed: seed, threads: 2, initialLaw: .exact(GaussianMixtureCase.mixtureSampler(separation: 1)))
            let run = try CoupledDriver.run(drift: drift, candidates: [CoupledCandidate("PLMC", SchemeVariant(.plmc(.finite(k))))],
                                            observables: [.meanCosine(frequency: 0.5)], design: design)
            let interval = try run.candidates[0].difference[0].empiricalBernsteinInterval(statistic: "PLMC − fine", range: -2...2,
                                                                                          alpha: Self.level)
            return !interval.contains(exact)
        }
        print("MC-CALIBRATION C10 empirical Bernstein containment rule (exact \(exact)): \(result)")
        XCTAssertTrue(result.consistentWithNominalLevel, "\(result)")
    }
}

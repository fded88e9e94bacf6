import DenseLinearAlgebra
import Langevin
import Randomness
import XCTest

/// Timing probe, run by hand in release: `LANGEVIN_BENCH=1 swift test -c release --filter EngineSpeedProbe`.
/// Prints ns per chain·step·dimension; skipped otherwise.
final class EngineSpeedProbe: XCTestCase {
    func testEngineSpeed() throws {
        guard ProcessInfo.processInfo.environment["LANGEVIN_BENCH"] == "1" else {
            throw XCTSkip("timing probe: set LANGEVIN_BENCH=1 (and use -c release)")
        }
        let chains = Int(ProcessInfo.processInfo.environment["LANGEVIN_BENCH_CHAINS"] ?? "") ?? 100_000
        func line(_ s: String) { print("BENCH " + s) }
        for d in [10, 100] {
            // Gaussians alone: the same per-chain generator layout, d Gaussians per chain and step
            let steps = d == 10 ? 40 : 8
            var gens = (0..<chains).map { Xoshiro256StarStar(seed: 1, stream: UInt64($0)) }
            var buffer = [Double](repeating: 0, count: d)
            var sink = 0.0
            let clock = ContinuousClock()
            let t0 = clock.now
            for _ in 0..<steps {
                for c in 0..<chains {
                    buffer.withUnsafeMutableBufferPointer { gens[c].fillStandardNormal($0) }
                    sink += buffer[0]
                }
            }
            let gaussSeconds = (clock.now - t0) / .seconds(1)
            let per = 1e9 / (Double(chains) * Double(steps) * Double(d))
            line("d=\(d) gaussians-only: \(String(format: "%.2f", gaussSeconds * per)) ns (sink \(sink > 0))")
            var g = Xoshiro256StarStar(seed: 9)
            let dense = try Matrix.randomSymmetricPositiveDefinite(d, condition: 10, standardNormal: { g.nextStandardNormal() })
            let drifts: [(String, LinearBatchDrift)] = [
                ("diag", try LinearBatchDrift(diagonal: (0..<d).map { 1 + Double($0) / Double(d) })),
                ("dense", try LinearBatchDrift(matrix: (0.1 / 10) * dense)),
            ]
            let specs: [SchemeSpecification] = [.lmc(stepSize: 0.1), .plmc(stepSize: 0.1, substeps: .finite(16)),
                                                .plmc(stepSize: 0.1, substeps: .infinite), .rlmc(stepSize: 0.1)]
            for (name, drift) in drifts {
                let s = name == "dense" && d == 100 ? 4 : steps
                for spec in specs {
                    var seconds: [Int: Double] = [:]
                    for threads in [1, 2] {
                        let config = EnsembleConfiguration(chains: chains, steps: s, seed: 1, threads: threads,
                                                           trackCovariance: d <= 10)
                        let r = try Simulation.run(spec, drift: drift, configuration: config)
                        seconds[threads] = r.seconds
                    }
                    let norm = 1e9 / (Double(chains) * Double(s) * Double(d))
                    line("d=\(d) \(name) \(spec): 1 thread \(String(format: "%.2f", seconds[1]! * norm)) ns, " +
                         "2 threads \(String(format: "%.2f", seconds[2]! * norm)) ns, speed-up \(String(format: "%.2f", seconds[1]! / seconds[2]!))")
                }
                // the generic entry (scheme type given, not a specification) for comparison
                let config = EnsembleConfiguration(chains: chains, steps: s, seed: 1, threads: 1, trackCovariance: d <= 10)
                let r = try Simulation.run(scheme: PLMC(stepSize: 0.1, substeps: .infinite), drift: drift, configuration: config)
                line("d=\(d) \(name) PLMC(∞) via generic entry: \(String(format: "%.2f", r.seconds * 1e9 / (Double(chains) * Double(s) * Double(d)))) ns")
            }
        }
    }
}

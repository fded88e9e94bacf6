import DenseLinearAlgebra
import Dispatch
import Langevin
import Randomness
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Timing probe, run by hand in release: `LANGEVIN_BENCH=1 swift test -c release --filter EngineSpeedProbe`.
/// Prints ns per chain·step·dimension (wall clock, best of LANGEVIN_BENCH_REPEATS; and process CPU time for the
/// 1-thread runs, which is less sensitive to other load on a shared machine); skipped otherwise.
final class EngineSpeedProbe: XCTestCase {
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
    }

    func testEngineSpeed() throws {
        guard ProcessInfo.processInfo.environment["LANGEVIN_BENCH"] == "1" else {
            throw XCTSkip("timing probe: set LANGEVIN_BENCH=1 (and use -c release)")
        }
        let chains = Int(ProcessInfo.processInfo.environment["LANGEVIN_BENCH_CHAINS"] ?? "") ?? 100_000
        let repeats = Int(ProcessInfo.processInfo.environment["LANGEVIN_BENCH_REPEATS"] ?? "") ?? 3
        func line(_ s: String) { print("BENCH " + s) }
        let dims = (ProcessInfo.processInfo.environment["LANGEVIN_BENCH_DIMS"] ?? "10,100").split(separator: ",").compactMap { Int($0) }
        let kinds = (ProcessInfo.processInfo.environment["LANGEVIN_BENCH_KINDS"] ?? "diag,dense").split(separator: ",").map(String.init)
        // Thread scaling of the Gaussians alone (each worker its own generator): if this does not scale, no
        // engine built on them can.
        for workers in [1, 2] {
            let clock = ContinuousClock(), t0 = clock.now
            final class Sink: @unchecked Sendable { var values = [Double](repeating: 0, count: 2) }
            let sink = Sink()
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var g = Xoshiro256StarStar(seed: UInt64(w), stream: 77)
                var x = 0.0
                for _ in 0..<(40_000_000 / workers) { x += g.nextStandardNormal() }
                sink.values[w] = x
            }
            line("gaussians 4e7 draws, \(workers) worker(s): wall \(String(format: "%.3f", (clock.now - t0) / .seconds(1))) s")
        }
        for d in dims {
            // Gaussians alone: the same per-chain generator layout, d Gaussians per chain and step
            let steps = d == 10 ? 40 : 8
            // (raw generator array and a hoisted sampler, as in the engine's StreamNoise)
            let gens = UnsafeMutablePointer<Xoshiro256StarStar>.allocate(capacity: chains)
            defer { gens.deallocate() }
            for c in 0..<chains { gens[c] = Xoshiro256StarStar(seed: 1, stream: UInt64(c)) }
            let buffer = UnsafeMutablePointer<Double>.allocate(capacity: d)
            defer { buffer.deallocate() }
            let normals = StandardNormalSampler()
            var sink = 0.0
            let clock = ContinuousClock()
            var gaussSeconds = Double.infinity, gaussCPU = Double.infinity
            for _ in 0..<repeats {
                let t0 = clock.now, c0 = Self.cpuSeconds()
                for _ in 0..<steps {
                    for c in 0..<chains {
                        var g = gens[c]
                        normals.fill(&g, buffer, count: d)
                        gens[c] = g
                        sink += buffer[0]
                    }
                }
                gaussSeconds = min(gaussSeconds, (clock.now - t0) / .seconds(1))
                gaussCPU = min(gaussCPU, Self.cpuSeconds() - c0)
            }
            let per = 1e9 / (Double(chains) * Double(steps) * Double(d))
            line("d=\(d) gaussians-only: \(String(format: "%.2f", gaussSeconds * per)) ns (CPU \(String(format: "%.2f", gaussCPU * per)) ns; sink \(sink > 0))")
            var g = Xoshiro256StarStar(seed: 9)
            let dense = try Matrix.randomSymmetricPositiveDefinite(d, condition: 10, standardNormal: { g.nextStandardNormal() })
            let drifts: [(String, LinearBatchDrift)] = [
                ("diag", try LinearBatchDrift(diagonal: (0..<d).map { 1 + Double($0) / Double(d) })),
                ("dense", try LinearBatchDrift(matrix: (0.1 / 10) * dense)),
            ]
            let specs: [SchemeSpecification] = [.lmc(stepSize: 0.1), .plmc(stepSize: 0.1, substeps: .finite(16)),
                                                .plmc(stepSize: 0.1, substeps: .infinite), .rlmc(stepSize: 0.1)]
            for (name, drift) in drifts where kinds.contains(name) {
                let s = name == "dense" && d == 100 ? 4 : steps
                for spec in specs {
                    var seconds: [Int: Double] = [:]
                    var cpu = Double.infinity, cpu2 = Double.infinity
                    for threads in [1, 2] {
                        let config = EnsembleConfiguration(chains: chains, steps: s, seed: 1, threads: threads,
                                                           trackCovariance: d <= 10)
                        var best = Double.infinity
                        for _ in 0..<repeats {   // best of `repeats` (the machine is shared)
                            let c0 = Self.cpuSeconds()
                            best = min(best, try Simulation.run(spec, drift: drift, configuration: config).seconds)
                            if threads == 1 { cpu = min(cpu, Self.cpuSeconds() - c0) } else { cpu2 = min(cpu2, Self.cpuSeconds() - c0) }
                        }
                        seconds[threads] = best
                    }
                    let norm = 1e9 / (Double(chains) * Double(s) * Double(d))
                    line("d=\(d) \(name) \(spec): 1 thread \(String(format: "%.2f", seconds[1]! * norm)) ns " +
                         "(CPU \(String(format: "%.2f", cpu * norm)) ns), " +
                         "2 threads \(String(format: "%.2f", seconds[2]! * norm)) ns (CPU total \(String(format: "%.2f", cpu2 * norm)) ns), speed-up \(String(format: "%.2f", seconds[1]! / seconds[2]!))")
                }
                // the generic entry (scheme type given, not a specification) for comparison
                let config = EnsembleConfiguration(chains: chains, steps: s, seed: 1, threads: 1, trackCovariance: d <= 10)
                let r = try Simulation.run(scheme: PLMC(stepSize: 0.1, substeps: .infinite), drift: drift, configuration: config)
                line("d=\(d) \(name) PLMC(∞) via generic entry: \(String(format: "%.2f", r.seconds * 1e9 / (Double(chains) * Double(s) * Double(d)))) ns")
            }
        }
    }
}

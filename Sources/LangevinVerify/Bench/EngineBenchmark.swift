import Langevin
import Randomness
import SchemeVocabulary
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Timings of the ensemble engine, for `langevin-verify bench` (a benchmark, not a test: nothing here asserts a
/// speed). Every timing is the best of `repeats` runs, as wall-clock seconds and as process CPU seconds (the CPU
/// time of a one-thread run is less sensitive to other load on a shared machine).
enum EngineBenchmark {
    struct Timing: Sendable, Equatable {
        /// Best wall-clock time over the repeats.
        let wallSeconds: Double
        /// Best process CPU time over the repeats (all threads).
        let cpuSeconds: Double
    }

    /// The cost floor of LMC's noise: `dimension` standard normals per chain and step for `chains` chains ×
    /// `steps`, from per-chain `VectorNormalStream`s stored contiguously — the layout and generator of the engine's
    /// Brownian streams (`StreamNoise`) — with nothing else done.
    static func gaussians(chains: Int, dimension: Int, steps: Int, repeats: Int) -> Timing {
        let generators = UnsafeMutablePointer<VectorNormalStream>.allocate(capacity: chains)
        defer { generators.deallocate() }
        for c in 0..<chains { (generators + c).initialize(to: VectorNormalStream(seed: 1, stream: UInt64(c))) }
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: dimension)
        defer { buffer.deallocate() }
        var sink = 0.0
        let timing = best(of: repeats) {
            for _ in 0..<steps {
                for c in 0..<chains {
                    generators[c].fill(buffer, count: dimension)
                    sink += buffer[0]
                }
            }
        }
        if sink.isNaN { print("unreachable: \(sink)") }   // keeps the draws from being optimised away
        return timing
    }

    /// `Simulation.run` of `scheme` at step η with `drift` on `chains` chains × `steps` steps (start at 0, seed 1,
    /// covariance tracked when d ≤ 10, as a typical verification run does).
    static func engine(_ scheme: Scheme, stepSize: Double, drift: LinearBatchDrift, chains: Int, steps: Int,
                       threads: Int, repeats: Int) throws(SimulationError) -> Timing {
        let configuration = EnsembleConfiguration(chains: chains, steps: steps, seed: 1, threads: threads,
                                                  trackCovariance: drift.dimension <= 10)
        return try timed(repeats: repeats) { () throws(SimulationError) in
            _ = try Simulation.run(SchemeVariant(scheme), stepSize: stepSize, drift: drift, configuration: configuration)
        }
    }

    /// One untimed run (validates and warms up), then the best of `repeats` timed runs.
    static func timed(repeats: Int, _ run: () throws(SimulationError) -> Void) throws(SimulationError) -> Timing {
        try run()
        var failure: SimulationError?
        let timing = best(of: repeats) {
            do throws(SimulationError) { try run() } catch { failure = error }
        }
        if let failure { throw failure }
        return timing
    }

    /// Process CPU time in seconds.
    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
    }

    static func best(of repeats: Int, _ body: () -> Void) -> Timing {
        let clock = ContinuousClock()
        var wall = Double.infinity, cpu = Double.infinity
        for _ in 0..<max(repeats, 1) {
            let start = clock.now, cpuStart = processCPUSeconds()
            body()
            wall = min(wall, (clock.now - start) / .seconds(1))
            cpu = min(cpu, processCPUSeconds() - cpuStart)
        }
        return Timing(wallSeconds: wall, cpuSeconds: cpu)
    }
}

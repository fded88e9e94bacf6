import Langevin
import Randomness
import ReferenceLaws
import SchemeVocabulary

/// Timings of the ensemble engine and of its cost floors, for `langevin-verify bench` (a benchmark, not a test:
/// nothing here asserts a speed). Every timing is one untimed run, then `runs` timed runs summarised by their median
/// and range (wall-clock seconds; the caller converts to its unit).
enum EngineBenchmark {
    /// The cost floor of LMC's noise: `dimension` standard normals per chain and step for `chains` chains ×
    /// `steps`, from the engine's lane-grouped streams (`LaneNormalStreams`, PN-S10) with its visiting order — blocks
    /// of `blockSize` chains, each block through all its steps, four consecutive chains per fill, as LMC's lane path
    /// draws them — with nothing else done.
    static func gaussians(chains: Int, dimension: Int, steps: Int, blockSize: Int, runs: Int) -> BenchSummary {
        let streams = LaneNormalStreams(capacity: chains)
        defer { streams.deallocate() }
        for c in 0..<chains { streams[chain: c] = LaneNormalStream(seed: 1, stream: UInt64(c)) }
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: 4 * dimension)
        defer { buffer.deallocate() }
        var sink = 0.0
        let timing = BenchSummary.measure(runs: runs) {
            for first in stride(from: 0, to: chains, by: blockSize) {
                let end = min(first + blockSize, chains)
                for _ in 0..<steps {
                    var c = first
                    while c < end {
                        let lanes = SIMD4(c, c + 1, c + 2, c + 3)
                            .replacing(with: -1, where: SIMD4(repeating: end - c) .<= SIMD4(0, 1, 2, 3))
                        streams.fill(lanes: lanes, buffer, count: dimension)
                        sink += buffer[0]
                        c += 4
                    }
                }
            }
        }
        if sink.isNaN { print("unreachable: \(sink)") }   // keeps the draws from being optimised away
        return timing
    }

    /// The same with the scalar ziggurat (`Xoshiro256StarStar` + `StandardNormalSampler`, per-chain generators stored
    /// contiguously): the engine's Gaussian generator before `VectorNormalStream`, as a reference in the same run.
    static func scalarGaussians(chains: Int, dimension: Int, steps: Int, blockSize: Int, runs: Int) -> BenchSummary {
        let generators = UnsafeMutablePointer<Xoshiro256StarStar>.allocate(capacity: chains)
        defer { generators.deallocate() }
        for c in 0..<chains { (generators + c).initialize(to: Xoshiro256StarStar(seed: 1, stream: UInt64(c))) }
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: dimension)
        defer { buffer.deallocate() }
        let normals = StandardNormalSampler()
        var sink = 0.0
        let timing = BenchSummary.measure(runs: runs) {
            for first in stride(from: 0, to: chains, by: blockSize) {
                let end = min(first + blockSize, chains)
                for _ in 0..<steps {
                    for c in first..<end {
                        var g = generators[c]
                        normals.fill(&g, buffer, count: dimension)
                        generators[c] = g
                        sink += buffer[0]
                    }
                }
            }
        }
        if sink.isNaN { print("unreachable: \(sink)") }
        return timing
    }

    /// `Simulation.run` of `scheme` at step η with `drift` on `chains` chains × `steps` steps (start at 0, seed 1,
    /// covariance tracked when d ≤ 10, as a typical verification run does).
    static func engine(_ scheme: Scheme, stepSize: Double, drift: LinearBatchDrift, chains: Int, steps: Int,
                       threads: Int, runs: Int) throws(SimulationError) -> BenchSummary {
        let configuration = EnsembleConfiguration(chains: chains, steps: steps, seed: 1, threads: threads,
                                                  trackCovariance: drift.dimension <= 10)
        let variant = SchemeVariant(scheme)
        _ = try Simulation.run(variant, stepSize: stepSize, drift: drift, configuration: configuration)   // validates
        var failure: SimulationError?
        let timing = BenchSummary.measure(runs: runs) {
            do throws(SimulationError) {
                _ = try Simulation.run(variant, stepSize: stepSize, drift: drift, configuration: configuration)
            } catch { failure = error }
        }
        if let failure { throw failure }
        return timing
    }

    /// The dense drift's work done by a BLAS: GSL's CBLAS `dgemm` of a block of `blockSize` chain states (row-major,
    /// blockSize × d) by the d × d matrix Aᵀ — what `LinearBatchDrift` computes for one block and step — repeated
    /// `chains / blockSize` times per step for `steps` steps, one thread.
    static func blasDrift(matrix aTransposed: [Double], dimension d: Int, chains: Int, blockSize: Int, steps: Int,
                          runs: Int) -> BenchSummary {
        let states = UnsafeMutablePointer<Double>.allocate(capacity: blockSize * d)
        let out = UnsafeMutablePointer<Double>.allocate(capacity: blockSize * d)
        defer { states.deallocate(); out.deallocate() }
        for i in 0..<(blockSize * d) { states[i] = Double(i % 7) / 7 - 0.5 }
        out.initialize(repeating: 0, count: blockSize * d)
        let blocks = max(1, chains / blockSize)
        var sink = 0.0
        let timing = aTransposed.withUnsafeBufferPointer { a in
            BenchSummary.measure(runs: runs) {
                for _ in 0..<steps {
                    for _ in 0..<blocks {
                        GSLBenchmarkPeers.multiply(states, a.baseAddress!, into: out, rows: blockSize, inner: d, columns: d)
                        sink += out[0]
                    }
                }
            }
        }
        if sink.isNaN { print("unreachable: \(sink)") }
        return timing.scaled(by: Double(chains) / Double(blocks * blockSize))
    }
}

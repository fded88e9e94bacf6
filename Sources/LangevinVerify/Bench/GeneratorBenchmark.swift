import Randomness
import ReferenceLaws

/// The cost of one N(0, 1) draw from the scalar ziggurat (`Xoshiro256StarStar` + `StandardNormalSampler`, the
/// engine's first generator), from `VectorNormalStream` (four lanes inside one stream, the engine's second) and from
/// `LaneNormalStreams` four chains at a time (one lane per chain, the engine's generator, PN-S10), for
/// `langevin-verify bench --generators` (a benchmark: nothing here asserts a speed), with GSL's samplers and
/// xoshiro256** uniforms as external references at the bulk size. One thread.
enum GeneratorBenchmark {
    /// One row: draws per `fill` call (per stream), and the three generators' summaries (ns per draw).
    struct Row: Sendable, Equatable {
        let fillSize: Int
        let scalar: BenchSummary
        let vector: BenchSummary
        let lanes: BenchSummary
    }

    /// For each fill size: `runs` timed runs (after one untimed) of about `draws` normals each, scalar and vector
    /// runs interleaved so that all see the same machine load. A size ≥ 1024 fills one buffer from one stream (bulk;
    /// the lane streams: four streams of size/4 each); a smaller size cycles through `streams` generators stored
    /// contiguously, one `fill(size)` per visit (the lane streams: one four-chain fill of `size` each per visit of
    /// four streams) — the engine's pattern, where every chain of a block (128 by default) has its own stream.
    static func run(fillSizes: [Int], draws: Int, runs: Int, streams: Int = 128) -> [Row] {
        fillSizes.map { size in
            let calls = max(1, draws / size)
            let scalarGenerators = UnsafeMutablePointer<Xoshiro256StarStar>.allocate(capacity: streams)
            let vectorGenerators = UnsafeMutablePointer<VectorNormalStream>.allocate(capacity: streams)
            let laneStreams = LaneNormalStreams(capacity: streams)
            let buffer = UnsafeMutablePointer<Double>.allocate(capacity: 4 * size)
            defer {
                scalarGenerators.deallocate()
                vectorGenerators.deallocate()
                laneStreams.deallocate()
                buffer.deallocate()
            }
            for c in 0..<streams {
                (scalarGenerators + c).initialize(to: Xoshiro256StarStar(seed: 1, stream: UInt64(c)))
                (vectorGenerators + c).initialize(to: VectorNormalStream(seed: 1, stream: UInt64(c)))
                laneStreams[chain: c] = LaneNormalStream(seed: 1, stream: UInt64(c))
            }
            let sampler = StandardNormalSampler()
            var sink = 0.0
            let clock = ContinuousClock()
            func time(_ body: () -> Void) -> Double {
                let start = clock.now
                body()
                return (clock.now - start) / .seconds(1) * 1e9 / Double(calls * size)
            }
            func scalarRun() -> Double {
                time {
                    var c = 0
                    for _ in 0..<calls {
                        var g = scalarGenerators[c]
                        sampler.fill(&g, buffer, count: size)
                        scalarGenerators[c] = g
                        sink += buffer[0]
                        c = size >= 1024 || c + 1 == streams ? 0 : c + 1
                    }
                }
            }
            func vectorRun() -> Double {
                time {
                    var c = 0
                    for _ in 0..<calls {
                        vectorGenerators[c].fill(buffer, count: size)
                        sink += buffer[0]
                        c = size >= 1024 || c + 1 == streams ? 0 : c + 1
                    }
                }
            }
            func laneRun() -> Double {
                time {
                    // `calls` fills of `size` draws in all: four streams at a time (bulk: size/4 draws each)
                    let perLane = size >= 1024 ? size / 4 : size
                    var c = 0, done = 0
                    while done < calls * size {
                        laneStreams.fill(lanes: SIMD4(c, c + 1, c + 2, c + 3), buffer, count: perLane)
                        sink += buffer[0]
                        done += 4 * perLane
                        c = size >= 1024 || c + 4 >= streams ? 0 : c + 4
                    }
                }
            }
            _ = scalarRun()
            _ = vectorRun()
            _ = laneRun()
            var scalar: [Double] = [], vector: [Double] = [], lanes: [Double] = []
            for _ in 0..<max(runs, 1) {
                scalar.append(scalarRun())
                vector.append(vectorRun())
                lanes.append(laneRun())
            }
            if sink.isNaN { print("unreachable: \(sink)") }   // keeps the draws from being optimised away
            return Row(fillSize: size, scalar: BenchSummary(scalar), vector: BenchSummary(vector),
                       lanes: BenchSummary(lanes))
        }
    }

    /// External references at the bulk size (`size` draws per call, one generator): GSL's ziggurat and polar
    /// Box–Muller samplers on MT19937 (per-call C functions), and xoshiro256** uniforms (the cost of the words alone).
    /// ns per draw, median of `runs`.
    static func references(size: Int, draws: Int, runs: Int) -> [(String, BenchSummary)] {
        let calls = max(1, draws / size)
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: size)
        defer { buffer.deallocate() }
        var sink = 0.0
        var rows: [(String, BenchSummary)] = []
        func timed(_ name: String, _ fill: () -> Void) {
            let seconds = BenchSummary.measure(runs: runs) {
                for _ in 0..<calls {
                    fill()
                    sink += buffer[0]
                }
            }
            rows.append((name, seconds.scaled(by: 1e9 / Double(calls * size))))
        }
        var uniform = Xoshiro256StarStar(seed: 1)
        timed("xoshiro256** uniforms (words alone)") {
            for i in 0..<size { buffer[i] = uniform.nextUniform() }
        }
        if let gsl = GSLBenchmarkPeers.Generator(seed: 1) {
            timed("GSL gsl_ran_gaussian_ziggurat (MT19937)") { gsl.fillZiggurat(buffer, count: size) }
            timed("GSL gsl_ran_gaussian, polar (MT19937)") { gsl.fillPolar(buffer, count: size) }
        }
        if sink.isNaN { print("unreachable: \(sink)") }
        return rows
    }
}

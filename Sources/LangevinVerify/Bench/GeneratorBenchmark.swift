import Randomness

/// The cost of one N(0, 1) draw from the scalar ziggurat (`Xoshiro256StarStar` + `StandardNormalSampler`, what the
/// engine uses) and from `VectorNormalStream`, for `langevin-verify bench --generators` (a benchmark: nothing here
/// asserts a speed). One thread.
enum GeneratorBenchmark {
    /// Median, fastest and slowest of the runs of one timing, in ns per draw.
    struct Summary: Sendable, Equatable {
        let median: Double
        let minimum: Double
        let maximum: Double
        let runs: Int

        init(_ samples: [Double]) {
            let sorted = samples.sorted()
            let n = sorted.count
            median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            minimum = sorted[0]
            maximum = sorted[n - 1]
            runs = n
        }
    }

    /// One row: draws per `fill` call, and both generators' summaries.
    struct Row: Sendable, Equatable {
        let fillSize: Int
        let scalar: Summary
        let vector: Summary
    }

    /// For each fill size: `runs` timed runs (after one untimed) of about `draws` normals each, scalar and vector
    /// runs interleaved so that both see the same machine load. A size ≥ 1024 fills one buffer from one stream
    /// (bulk); a smaller size cycles through `streams` generators stored contiguously, one `fill(size)` per visit —
    /// the engine's pattern, where every chain has its own stream.
    static func run(fillSizes: [Int], draws: Int, runs: Int, streams: Int = 1000) -> [Row] {
        fillSizes.map { size in
            let calls = max(1, draws / size)
            let scalarGenerators = UnsafeMutablePointer<Xoshiro256StarStar>.allocate(capacity: streams)
            let vectorGenerators = UnsafeMutablePointer<VectorNormalStream>.allocate(capacity: streams)
            let buffer = UnsafeMutablePointer<Double>.allocate(capacity: size)
            defer {
                scalarGenerators.deallocate()
                vectorGenerators.deallocate()
                buffer.deallocate()
            }
            for c in 0..<streams {
                (scalarGenerators + c).initialize(to: Xoshiro256StarStar(seed: 1, stream: UInt64(c)))
                (vectorGenerators + c).initialize(to: VectorNormalStream(seed: 1, stream: UInt64(c)))
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
            _ = scalarRun()
            _ = vectorRun()
            var scalar: [Double] = [], vector: [Double] = []
            for _ in 0..<max(runs, 1) {
                scalar.append(scalarRun())
                vector.append(vectorRun())
            }
            if sink.isNaN { print("unreachable: \(sink)") }   // keeps the draws from being optimised away
            return Row(fillSize: size, scalar: Summary(scalar), vector: Summary(vector))
        }
    }
}

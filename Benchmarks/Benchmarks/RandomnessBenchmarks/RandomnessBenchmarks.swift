// Standard normal throughput: the owned ziggurat (xoshiro256**) against GSL's ziggurat (mt19937) in the same run.
// Every benchmark produces 10⁶ draws per iteration (scaling factor .mega); the framework divides by that factor, so
// the time rows read as nanoseconds per draw and the throughput row as millions of draws per second.
import Benchmark
import CGSLBench
import Randomness

let benchmarks: @Sendable () -> Void = {
    let draws = 1_000_000
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 2,
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 200
    )

    Benchmark("Ziggurat xoshiro256** fillStandardNormal (10^6 per iteration)", configuration: configuration) { benchmark in
        var generator = Xoshiro256StarStar(seed: 42)
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: draws)
        defer { buffer.deallocate() }
        benchmark.startMeasurement()
        for _ in 0..<benchmark.scaledIterations.count / draws {
            generator.fillStandardNormal(buffer)
            blackHole(buffer[draws - 1])
        }
        benchmark.stopMeasurement()
    }

    Benchmark("Ziggurat xoshiro256** nextStandardNormal (10^6 calls per iteration)", configuration: configuration) { benchmark in
        var generator = Xoshiro256StarStar(seed: 42)
        var sum = 0.0
        for _ in benchmark.scaledIterations {
            sum += generator.nextStandardNormal()
        }
        blackHole(sum)
    }

    Benchmark("xoshiro256** nextUniform only (10^6 calls per iteration)", configuration: configuration) { benchmark in
        var generator = Xoshiro256StarStar(seed: 42)
        var sum = 0.0
        for _ in benchmark.scaledIterations {
            sum += generator.nextUniform()
        }
        blackHole(sum)
    }

    Benchmark("GSL gsl_ran_gaussian_ziggurat mt19937 (10^6 calls per iteration)", configuration: configuration) { benchmark in
        let rng = gsl_rng_alloc(cgslbench_rng_mt19937())!
        defer { gsl_rng_free(rng) }
        gsl_rng_set(rng, 42)
        var sum = 0.0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            sum += gsl_ran_gaussian_ziggurat(rng, 1.0)
        }
        benchmark.stopMeasurement()
        blackHole(sum)
    }

    Benchmark("GSL gsl_ran_gaussian (polar Box–Muller) mt19937 (10^6 calls per iteration)", configuration: configuration) { benchmark in
        let rng = gsl_rng_alloc(cgslbench_rng_mt19937())!
        defer { gsl_rng_free(rng) }
        gsl_rng_set(rng, 42)
        var sum = 0.0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            sum += gsl_ran_gaussian(rng, 1.0)
        }
        benchmark.stopMeasurement()
        blackHole(sum)
    }
}

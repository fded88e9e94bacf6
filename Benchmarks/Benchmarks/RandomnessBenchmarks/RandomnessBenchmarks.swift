// Standard normal throughput: the owned ziggurat (xoshiro256**) against GSL's ziggurat (mt19937) in the same run.
// Every benchmark produces 10⁶ draws per iteration (scaling factor .mega), so the reported time per iteration in
// milliseconds equals nanoseconds per draw, and the throughput column counts draws (M/s).
import Benchmark
import CGSLBench
import Randomness

let benchmarks: @Sendable () -> Void = {
    let draws = 1_000_000
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 2,
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 200
    )

    Benchmark("Ziggurat xoshiro256** fillStandardNormal (10^6 per iteration)", configuration: configuration) { benchmark, buffer in
        var generator = Xoshiro256StarStar(seed: 42)
        benchmark.startMeasurement()
        for _ in 0..<benchmark.scaledIterations.count / draws {
            generator.fillStandardNormal(buffer)
            blackHole(buffer[draws - 1])
        }
    } setup: {
        UnsafeMutableBufferPointer<Double>.allocate(capacity: draws)
    } teardown: { buffer in
        buffer.deallocate()
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

    Benchmark("GSL gsl_ran_gaussian_ziggurat mt19937 (10^6 calls per iteration)", configuration: configuration) { benchmark, rng in
        var sum = 0.0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            sum += gsl_ran_gaussian_ziggurat(rng, 1.0)
        }
        blackHole(sum)
    } setup: {
        let rng = gsl_rng_alloc(cgslbench_rng_mt19937())!
        gsl_rng_set(rng, 42)
        return rng
    } teardown: { rng in
        gsl_rng_free(rng)
    }

    Benchmark("GSL gsl_ran_gaussian (polar Box–Muller) mt19937 (10^6 calls per iteration)", configuration: configuration) { benchmark, rng in
        var sum = 0.0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            sum += gsl_ran_gaussian(rng, 1.0)
        }
        blackHole(sum)
    } setup: {
        let rng = gsl_rng_alloc(cgslbench_rng_mt19937())!
        gsl_rng_set(rng, 42)
        return rng
    } teardown: { rng in
        gsl_rng_free(rng)
    }
}

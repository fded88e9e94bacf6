import Foundation

/// Median, fastest and slowest of the timed runs of one benchmark, in its unit (ns per chain·step·dimension or per
/// draw). The median is what the tables report; the range shows how noisy the machine was.
struct BenchSummary: Sendable, Equatable {
    let median: Double
    let minimum: Double
    let maximum: Double
    let runs: Int

    init(_ samples: [Double]) {
        precondition(!samples.isEmpty, "BenchSummary needs at least one run")
        let sorted = samples.sorted()
        let n = sorted.count
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        minimum = sorted[0]
        maximum = sorted[n - 1]
        runs = n
    }

    init(median: Double, minimum: Double, maximum: Double, runs: Int) {
        self.median = median
        self.minimum = minimum
        self.maximum = maximum
        self.runs = runs
    }

    /// Every value multiplied by `factor` (a change of unit).
    func scaled(by factor: Double) -> BenchSummary {
        BenchSummary(median: median * factor, minimum: minimum * factor, maximum: maximum * factor, runs: runs)
    }

    /// "4.12 (4.05–4.30)".
    var text: String { String(format: "%.2f (%.2f–%.2f)", median, minimum, maximum) }

    /// Runs `body` once untimed, then `runs` times timed; the wall-clock seconds of the timed runs.
    static func measure(runs: Int, _ body: () -> Void) -> BenchSummary {
        body()
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<max(runs, 1) {
            let start = clock.now
            body()
            samples.append((clock.now - start) / .seconds(1))
        }
        return BenchSummary(samples)
    }
}

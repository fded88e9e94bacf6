import Foundation
import Randomness
import ReferenceLaws
import VerificationTestSupport
import XCTest

/// A Gaussian stream whose law the checks of `NormalStreamLawChecks` test: a fresh stream per seed, filled in chunks.
protocol NormalStreamUnderTest {
    init(seed: UInt64)
    /// The next `count` ≤ 4096 normals (count a multiple of 4).
    mutating func fill(chunk: UnsafeMutablePointer<Double>, count: Int)
    /// One more normal of the stream (the truncated mutant's redraws).
    mutating func nextNormal() -> Double
}

/// The law tests of a Gaussian stream (PN-S09, PN-S10), shared by the streams the engine uses: DKW, equiprobable bins,
/// tail frequencies, mean and sum of squares, each at its ledger level under `prefix` (e.g. RT.vector-normal), each
/// also run on two deliberately wrong generators that must be rejected (design checks first).
struct NormalStreamLawChecks<Source: NormalStreamUnderTest> {
    /// The ledger ids' common prefix.
    let prefix: String

    /// DKW–Massart on n = 2·10⁵ normals: sup|Fₙ − Φ| ≤ ε = √(log(2/α)/(2n)) = 0.00732 (α = 1e-9), Φ from GSL.
    /// Mutants (same check): variance 1.2 and mean 0.1, whose exact sup distances to Φ (0.022 and 0.040, design
    /// check on a grid) exceed 2ε, so each is rejected with probability ≥ 1 − 1e-9 (DKW around the mutant's law).
    func kolmogorovDKW(_ testCase: XCTestCase) throws {
        let context = try TestContext(testCase)
        let n = 200_000
        let alpha = StatisticalBudget.level(of: "\(prefix).dkw")
        let beta = StatisticalBudget.level(of: "\(prefix).mutant.dkw", splitAcross: 2)
        let epsilon = Bounds.dkwEpsilon(n: n, alpha: min(alpha, beta))
        func check(_ sample: [Double]) throws -> Double { try Bounds.kolmogorovDistance(sample) { try StandardNormal.cdf($0) } }
        let distance = try check(normals(seed: context.seed, count: n))
        XCTAssertLessThanOrEqual(distance, epsilon,
            "sup|Fn − Φ| = \(distance) > ε = \(epsilon) (DKW, n = \(n), α = \(alpha)); \(budgetNote("\(prefix).dkw", context: context))")
        for (index, mutant) in [Mutant.variance(1.2), .mean(0.1)].enumerated() {
            let grid = stride(from: -6.0, through: 6.0, by: 0.001)
            let effect = try grid.map { abs(try mutant.cdf($0) - (try StandardNormal.cdf($0))) }.max() ?? 0
            XCTAssertGreaterThanOrEqual(effect, 2 * epsilon, "design: \(mutant) must be ≥ 2ε = \(2 * epsilon) from Φ")
            let seed = context.seed(salt: "mutant-\(index)")
            let mutantDistance = try check(mutant.apply(normals(seed: seed, count: n)))
            XCTAssertGreaterThan(mutantDistance, epsilon,
                "\(mutant) not rejected: sup|Fn − Φ| = \(mutantDistance) ≤ ε = \(epsilon); \(budgetNote("\(prefix).mutant.dkw", splitAcross: 2, context: context, streamSeed: seed))")
        }
    }

    /// Pearson's statistic X² = Σ (O_j − n/K)²/(n/K) on K = 64 bins of probability 1/64 each (edges Φ⁻¹(j/64), GSL),
    /// n = 10⁶. For equiprobable bins X² = nK‖p̂ − p‖²; ‖p̂ − p‖ has bounded differences √2/n in each draw, so by
    /// McDiarmid's inequality and E‖p̂ − p‖ ≤ √((1 − 1/K)/n), P(‖p̂ − p‖ ≥ √((1 − 1/K)/n) + √(log(1/α)/n)) ≤ α: a
    /// guaranteed critical value (the χ²(63) p-value is printed as a diagnostic only). Mutants: variance 1.2 and mean
    /// 0.1, whose exact bin laws q satisfy ‖q − p‖ > R_α + R_β (design check), hence rejection w.p. ≥ 1 − 1e-9.
    func equiprobableBinsChiSquare(_ testCase: XCTestCase) throws {
        let context = try TestContext(testCase)
        let n = 1_000_000, bins = 64
        let alpha = StatisticalBudget.level(of: "\(prefix).chi-square-bins")
        let beta = StatisticalBudget.level(of: "\(prefix).mutant.chi-square-bins", splitAcross: 2)
        let edges = try (1..<bins).map { try StandardNormal.quantile(Double($0) / Double(bins)) }
        func radius(_ level: Double, spread: Double) -> Double {
            (spread / Double(n)).squareRoot() + (log(1 / level) / Double(n)).squareRoot()
        }
        let critical = Double(n * bins) * pow(radius(alpha, spread: 1 - 1 / Double(bins)), 2)
        func statistic(_ seed: UInt64, _ transform: (Double) -> Double) -> Double {
            var counts = [Int](repeating: 0, count: bins)
            forEachNormal(seed: seed, count: n) { z in
                let x = transform(z)
                var low = 0, high = bins - 1
                while low < high {
                    let middle = (low + high) / 2
                    if x < edges[middle] { high = middle } else { low = middle + 1 }
                }
                counts[low] += 1
            }
            let expected = Double(n) / Double(bins)
            return counts.reduce(0.0) { $0 + pow(Double($1) - expected, 2) / expected }
        }
        let x2 = statistic(context.seed) { $0 }
        let diagnostic = try ChiSquared(degreesOfFreedom: Double(bins - 1)).survival(x2)
        XCTAssertLessThanOrEqual(x2, critical,
            "X² = \(x2) > \(critical) (McDiarmid critical value, K = \(bins), n = \(n), α = \(alpha); χ²(63) p-value \(diagnostic)); \(budgetNote("\(prefix).chi-square-bins", context: context))")
        for (index, mutant) in [Mutant.variance(1.2), .mean(0.1)].enumerated() {
            var q: [Double] = []
            var previous = 0.0
            for j in 0..<bins {
                let next = j == bins - 1 ? 1 : try mutant.cdf(edges[j])
                q.append(next - previous)
                previous = next
            }
            let separation = q.reduce(0.0) { $0 + pow($1 - 1 / Double(bins), 2) }.squareRoot()
            XCTAssertGreaterThan(separation, radius(alpha, spread: 1 - 1 / Double(bins)) + radius(beta, spread: 1),
                                 "design: \(mutant) bin law too close to p to be rejected with probability ≥ 1 − β")
            let seed = context.seed(salt: "mutant-\(index)")
            let mutantX2 = statistic(seed) { mutant.apply($0) }
            XCTAssertGreaterThan(mutantX2, critical,
                "\(mutant) not rejected: X² = \(mutantX2) ≤ \(critical); \(budgetNote("\(prefix).mutant.chi-square-bins", splitAcross: 2, context: context, streamSeed: seed))")
        }
    }

    /// #{|Z| > t} of n = 4·10⁶ normals against Bin(n, 2Q(t)), t = 3.5 and 4.5 (expected 1861 and 27.2), by exact
    /// binomial tails (ReferenceLaws.DiscreteTails, log-space sums), two-sided (α/2 a side, α = 1e-9 per threshold; Q from GSL). Mutants: the tail truncated at r
    /// (normals conditioned on |Z| < r, so no count above 4.5: P(X = 0) = (1 − 2Q(4.5))ⁿ = 1.6·10⁻¹² under the null)
    /// and variance 1.1 (2Q(3.5/√1.1)·n = 3386 expected above 3.5); the design check computes each mutant's
    /// probability of landing in the acceptance region exactly (binomial tails) and requires it ≤ β.
    func tailFrequencies(_ testCase: XCTestCase) throws {
        let context = try TestContext(testCase)
        let n = 4_000_000
        let thresholds = [3.5, 4.5]
        let alpha = StatisticalBudget.level(of: "\(prefix).tail-frequencies", splitAcross: thresholds.count)
        let beta = StatisticalBudget.level(of: "\(prefix).mutant.tail-frequencies", splitAcross: 2)
        func counts(_ seed: UInt64, _ mutant: Mutant?) -> [Int] {
            var result = [0, 0]
            forEachNormal(seed: seed, count: n, mutant: mutant) { z in
                let a = abs(z)
                if a > 3.5 { result[0] += 1 }
                if a > 4.5 { result[1] += 1 }
            }
            return result
        }
        /// The rejection rule: true if some threshold's count has an exact two-sided tail ≤ α/2.
        func rejects(_ observed: [Int]) throws -> (Bool, String) {
            var notes: [String] = []
            var rejected = false
            for (index, t) in thresholds.enumerated() {
                let p = 2 * (try StandardNormal.survival(t))
                let lower = DiscreteTails.binomialLower(trials: n, probability: p, atMost: observed[index])
                let upper = DiscreteTails.binomialUpper(trials: n, probability: p, atLeast: observed[index])
                if lower <= alpha / 2 || upper <= alpha / 2 { rejected = true }
                notes.append("#{|Z| > \(t)} = \(observed[index]) (expected \(Double(n) * p); P(X ≤ c) = \(lower), P(X ≥ c) = \(upper))")
            }
            return (rejected, notes.joined(separator: "; "))
        }
        let (nullRejected, nullNote) = try rejects(counts(context.seed, nil))
        XCTAssertFalse(nullRejected, "\(nullNote); α = \(alpha) per threshold; \(budgetNote("\(prefix).tail-frequencies", splitAcross: 2, context: context))")
        // Design: the acceptance region of each threshold, and each mutant's exact probability of falling in it.
        let r = VectorNormalStream.tailStart
        let truncated = Mutant.truncated(at: r)
        let p45 = 2 * (try StandardNormal.survival(4.5))
        XCTAssertLessThanOrEqual(pow(1 - p45, Double(n)), alpha / 2, "design: a zero count above 4.5 must be rejected")
        let p35 = 2 * (try StandardNormal.survival(3.5)), q35 = 2 * (try StandardNormal.survival(3.5 / 1.1.squareRoot()))
        var acceptHigh = Int(Double(n) * p35)
        while DiscreteTails.binomialUpper(trials: n, probability: p35, atLeast: acceptHigh + 1) > alpha / 2 { acceptHigh += 1 }
        XCTAssertLessThanOrEqual(DiscreteTails.binomialLower(trials: n, probability: q35, atMost: acceptHigh), beta,
                                 "design: variance 1.1 must exceed \(acceptHigh) counts above 3.5 with probability ≥ 1 − β")
        for (index, mutant) in [truncated, .variance(1.1)].enumerated() {
            let seed = context.seed(salt: "mutant-\(index)")
            let (rejected, note) = try rejects(counts(seed, mutant))
            XCTAssertTrue(rejected, "\(mutant) not rejected: \(note); \(budgetNote("\(prefix).mutant.tail-frequencies", splitAcross: 2, context: context, streamSeed: seed))")
        }
    }

    /// Mean and sum of squares of n = 4·10⁶ normals, with their exact laws under the null: Σz/√n ~ N(0, 1) (GSL
    /// quantile) and Σz² ~ χ²(n) (acceptance region from the Laurent–Massart bounds on that law), each two-sided at
    /// α = 1e-9. Mutants: mean 0.01 (20 standard errors) and
    /// variance 1.01; the design check computes each mutant's exact probability of passing both checks and requires
    /// it ≤ β.
    func meanAndVariance(_ testCase: XCTestCase) throws {
        let context = try TestContext(testCase)
        let n = 4_000_000
        let alphaMean = StatisticalBudget.level(of: "\(prefix).mean")
        let alphaVariance = StatisticalBudget.level(of: "\(prefix).variance")
        let beta = StatisticalBudget.level(of: "\(prefix).mutant.moments", splitAcross: 2)
        let z = try StandardNormal.quantile(1 - alphaMean / 2)
        // Σz² ~ χ²(n) exactly under the null. GSL's χ² CDF and inverse do not converge at n = 4·10⁶, so the
        // acceptance region comes from the Laurent–Massart bounds on the χ²(n) law (Ann. Statist. 28 (2000), Lemma 1):
        // P(X − n ≥ 2√(nx) + 2x) ≤ e^(−x) and P(n − X ≥ 2√(nx)) ≤ e^(−x), with x = log(2/α) (α/2 a side).
        let x = log(2 / alphaVariance), nn = Double(n)
        let low = nn - 2 * (nn * x).squareRoot(), high = nn + 2 * (nn * x).squareRoot() + 2 * x
        func moments(_ seed: UInt64, _ mutant: Mutant?) -> (Double, Double) {
            var sum = 0.0, squares = 0.0
            forEachNormal(seed: seed, count: n, mutant: mutant) { x in sum += x; squares += x * x }
            return (sum / Double(n).squareRoot(), squares)
        }
        func verdict(_ m: (Double, Double)) -> (meanOK: Bool, varianceOK: Bool, note: String) {
            (abs(m.0) <= z, m.1 >= low && m.1 <= high,
             "Σz/√n = \(m.0) (bound ±\(z)), Σz² = \(m.1) (acceptance [\(low), \(high)], n = \(n))")
        }
        let null = verdict(moments(context.seed, nil))
        XCTAssertTrue(null.meanOK, "\(null.note); \(budgetNote("\(prefix).mean", context: context))")
        XCTAssertTrue(null.varianceOK, "\(null.note); \(budgetNote("\(prefix).variance", context: context))")
        // Design: mean 0.01 passes the mean check with probability Φ(z − 0.01√n) − Φ(−z − 0.01√n); variance 1.01
        // passes the variance check with probability P(χ²(n) ≤ high/1.01) − P(χ²(n) < low/1.01).
        let shift = 0.01 * Double(n).squareRoot()
        XCTAssertLessThanOrEqual(try StandardNormal.cdf(z - shift) - (try StandardNormal.cdf(-z - shift)), beta,
                                 "design: mean 0.01")
        // Variance 1.01: Σz² = 1.01·X, X ~ χ²(n), passes only if X ≤ high/1.01 = n − 2√(n·x'), probability ≤ e^(−x').
        let deficit = nn - high / 1.01
        XCTAssertLessThanOrEqual(exp(-deficit * deficit / (4 * nn)), beta, "design: variance 1.01")
        for (index, mutant) in [Mutant.mean(0.01), .variance(1.01)].enumerated() {
            let seed = context.seed(salt: "mutant-\(index)")
            let result = verdict(moments(seed, mutant))
            XCTAssertFalse(result.meanOK && result.varianceOK,
                "\(mutant) not rejected: \(result.note); \(budgetNote("\(prefix).mutant.moments", splitAcross: 2, context: context, streamSeed: seed))")
        }
    }

    // MARK: Helpers

    private func normals(seed: UInt64, count: Int) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(count)
        forEachNormal(seed: seed, count: count) { values.append($0) }
        return values
    }

    /// Streams `count` normals of `Source(seed:)` (through `mutant` if given) in chunks of 4096.
    private func forEachNormal(seed: UInt64, count: Int, mutant: Mutant? = nil, _ body: (Double) -> Void) {
        var generator = Source(seed: seed)
        var chunk = [Double](repeating: 0, count: 4096)
        var done = 0
        while done < count {
            let size = min(4096, count - done)
            chunk.withUnsafeMutableBufferPointer { generator.fill(chunk: $0.baseAddress!, count: 4096) }
            if let mutant {
                var i = 0
                while i < size {
                    // The truncated mutant redraws |z| ≥ r (from the same stream): the law of Z given |Z| < r.
                    let x = mutant.apply(chunk[i])
                    if x.isNaN { chunk[i] = generator.nextNormal(); continue }
                    body(x)
                    i += 1
                }
            } else {
                for i in 0..<size { body(chunk[i]) }
            }
            done += size
        }
    }
}

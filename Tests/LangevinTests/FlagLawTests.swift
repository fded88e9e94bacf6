import Langevin
import Randomness
import VerificationTestSupport
import XCTest

/// The law of the flagged sub-steps drawn by PLMC (PN-S01): each i ∈ {1, …, K−1} flagged with probability 1/K,
/// independently. Checked through the Brownian query times of one PLMC step (b ≡ 0, d = 1): per-index flag
/// frequencies and pairwise co-occurrence frequencies, for the direct-flag path (K = 6) and the
/// binomial-count + sorted-subset path (K = 12). Each frequency is Binomial(n, p) exactly; Chernoff intervals with
/// Bonferroni over all checks of a K: ledger "LT.flags.k6-direct" and "LT.flags.k12-subset" (α = 1e-9 per K, split
/// across its (K − 1) + (K − 1)(K − 2)/2 checks). Seeds: the test's seed salted with "K=<k>".
final class FlagLawTests: XCTestCase {
    struct RecordingNoise: StepNoise {
        var brownian: Xoshiro256StarStar
        var auxiliary: Xoshiro256StarStar
        var lastTimes: [Double] = []
        mutating func brownian(chain: Int, times: UnsafePointer<Double>, count: Int, dimension d: Int,
                               into: UnsafeMutablePointer<Double>) {
            lastTimes = (0..<count).map { times[$0] }
            standardNormals(chain: chain, count: count * d, into: into)
            brownianFromIncrements(times: times, count: count, dimension: d, values: into)
        }
        mutating func standardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) {
            brownian.fillStandardNormal(UnsafeMutableBufferPointer(start: into, count: count))
        }
        mutating func uniform(chain: Int) -> Double { auxiliary.nextUniform() }
        mutating func sortedSubset(chain: Int, size: Int, from n: Int, into: UnsafeMutablePointer<Int>) {
            auxiliary.sampleSortedSubsetUnchecked(size: size, population: n, into: UnsafeMutableBufferPointer(start: into, count: size))
        }
    }

    func testFlaggedSubstepsAreIndependentBernoulli() throws {
        let context = try TestContext(self)
        for (k, budgetID) in [(6, "LT.flags.k6-direct"), (12, "LT.flags.k12-subset")] {
            let seed = context.seed(salt: "K=\(k)")
            var noise = RecordingNoise(brownian: Xoshiro256StarStar(seed: seed, stream: 1),
                                       auxiliary: Xoshiro256StarStar(seed: seed, stream: 2))
            let eta = 1.0, n = 60_000
            let scheme = PLMC(stepSize: eta, substeps: .finite(k))
            var single = [Int](repeating: 0, count: k), pair = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
            for _ in 0..<n {
                _ = try scheme.step(from: [[0]], drift: ZeroDrift(dimension: 1), noise: &noise)
                let flagged = noise.lastTimes.dropLast().map { Int(($0 * Double(k)).rounded()) }
                XCTAssertEqual(flagged, flagged.sorted())
                XCTAssertFalse(flagged.contains(0), "index 0 is never evaluated")
                for i in flagged { single[i] += 1 }
                for a in flagged { for b in flagged where b > a { pair[a][b] += 1 } }
            }
            let checks = (k - 1) + (k - 1) * (k - 2) / 2
            let alpha = StatisticalBudget.level(of: budgetID, splitAcross: checks)
            let p = 1 / Double(k)
            let (lo1, hi1) = binomialChernoffInterval(trials: Double(n), p: p, alpha: alpha)
            let (lo2, hi2) = binomialChernoffInterval(trials: Double(n), p: p * p, alpha: alpha)
            let note = context.noting("K = \(k), stream seed \(seed) = salted(seed, \"K=\(k)\")")
            // The Chernoff interval [lo, hi] is for S/n around p: it contains S/n iff the (reflected) interval
            // [S/n − (hi − p), S/n + (p − lo)] contains p.
            func assertFrequency(_ what: String, _ count: Int, p: Double, lo: Double, hi: Double) throws {
                let f = Double(count) / Double(n)
                let interval = try StatisticalInterval(statistic: what, estimate: f, lower: f - (hi - p), upper: f + (p - lo),
                                                       n: n, alpha: alpha, method: .exact("Chernoff"))
                assertInterval(interval, contains: p, budgetID: budgetID, splitAcross: checks, context: note)
            }
            for i in 1..<k {
                try assertFrequency("P(flag \(i))", single[i], p: p, lo: lo1, hi: hi1)
                for j in (i + 1)..<k {
                    try assertFrequency("P(flags \(i),\(j))", pair[i][j], p: p * p, lo: lo2, hi: hi2)
                }
            }
        }
    }
}

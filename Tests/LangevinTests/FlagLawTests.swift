import Langevin
import Randomness
import XCTest

/// The law of the flagged sub-steps drawn by PLMC (PN-S01): each i ∈ {1, …, K−1} flagged with probability 1/K,
/// independently. Checked through the Brownian query times of one PLMC step (b ≡ 0, d = 1): per-index flag
/// frequencies and pairwise co-occurrence frequencies, for the direct-flag path (K = 6) and the
/// binomial-count + sorted-subset path (K = 12). Each frequency is Binomial(n, p) exactly; Chernoff intervals with
/// Bonferroni over all checks of a K (family-wise α = 1e-9 per K).
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
        for k in [6, 12] {
            let seed = testSeed("\(#function) K=\(k)")
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
            let checks = Double((k - 1) + (k - 1) * (k - 2) / 2)
            let alpha = 1e-9 / checks
            let p = 1 / Double(k)
            let (lo1, hi1) = binomialChernoffInterval(trials: Double(n), p: p, alpha: alpha)
            let (lo2, hi2) = binomialChernoffInterval(trials: Double(n), p: p * p, alpha: alpha)
            for i in 1..<k {
                let f = Double(single[i]) / Double(n)
                XCTAssertTrue(f >= lo1 && f <= hi1, "K=\(k): P(flag \(i)) ≈ \(f) outside [\(lo1), \(hi1)] (Chernoff, α=\(alpha), seed \(seed))")
                for j in (i + 1)..<k {
                    let g = Double(pair[i][j]) / Double(n)
                    XCTAssertTrue(g >= lo2 && g <= hi2, "K=\(k): P(flags \(i),\(j)) ≈ \(g) outside [\(lo2), \(hi2)] (Chernoff, α=\(alpha), seed \(seed))")
                }
            }
        }
    }
}

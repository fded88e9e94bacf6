import Foundation
import Randomness
import VerificationTestSupport
import XCTest

/// Floyd's sorted subset sampler: exact uniformity by enumeration of all inputs (scripted words), sortedness and
/// distinctness over many shapes, and inclusion frequencies m/K (Chernoff–Hoeffding at α = 1e-9 in total, ledger id
/// RT.sorted-subset.inclusion).
final class SortedSubsetTests: XCTestCase {
    /// A word that Lemire's method maps to t in 0..<bound without rejection: x = ⌊(t + ½)·2⁶⁴/bound⌋, whose product
    /// with bound has high word t and low word ≈ 2⁶³ ≥ bound.
    private func word(for t: Int, below bound: Int) -> UInt64 {
        UInt64(bound).dividingFullWidth((high: UInt64(t), low: 1 << 63)).quotient
    }

    /// All 4·5·6 = 120 equally likely input sequences for m = 3 of K = 6 give each of the C(6, 3) = 20 subsets exactly
    /// 6 times (exact uniformity of the implementation given uniform integers), always sorted.
    func testExactUniformityByEnumeration() {
        for (m, population) in [(3, 6), (2, 5), (4, 4), (1, 7), (5, 8)] {
            var tally: [[Int]: Int] = [:]
            var sequences = [[Int]()]
            for j in (population - m)..<population {
                sequences = sequences.flatMap { prefix in (0...j).map { prefix + [$0] } }
            }
            for choice in sequences {
                let script = zip(choice, (population - m)..<population).map { word(for: $0, below: $1 + 1) }
                var generator = ScriptedGenerator(script)
                var subset = [Int](repeating: -1, count: m)
                subset.withUnsafeMutableBufferPointer { generator.sampleSortedSubsetUnchecked(size: m, population: population, into: $0) }
                XCTAssertEqual(generator.used, m)
                XCTAssertEqual(subset, subset.sorted())
                XCTAssertEqual(Set(subset).count, m)
                tally[subset, default: 0] += 1
            }
            let subsets = binomial(population, m)
            XCTAssertEqual(tally.count, subsets, "m = \(m), K = \(population): every subset occurs")
            XCTAssertEqual(Set(tally.values), [sequences.count / subsets], "m = \(m), K = \(population): equally often")
        }
    }

    private func binomial(_ n: Int, _ k: Int) -> Int {
        (0..<k).reduce(1) { $0 * (n - $1) / ($1 + 1) }
    }

    func testSortedDistinctInRangeForManyShapes() throws {
        var generator = Xoshiro256StarStar(seed: 99)
        var buffer = [Int](repeating: -1, count: 600)
        for (m, population) in [(0, 0), (0, 10), (1, 1), (10, 10), (500, 500), (7, 1_000_000), (500, 1 << 40), (300, 301)] {
            for _ in 0..<20 {
                buffer.withUnsafeMutableBufferPointer { pointer in
                    try? generator.sampleSortedSubset(size: m, population: population, into: pointer)
                }
                let subset = Array(buffer[0..<m])
                XCTAssertTrue(zip(subset, subset.dropFirst()).allSatisfy { $0 < $1 }, "strictly increasing, m = \(m), K = \(population)")
                XCTAssertTrue(subset.allSatisfy { (0..<population).contains($0) })
                if m == population { XCTAssertEqual(subset, Array(0..<population)) }
            }
            XCTAssertEqual(buffer[m], buffer[m], "elements past m are untouched")
        }
        // Nothing beyond m is written.
        var guarded = [Int](repeating: -7, count: 10)
        try guarded.withUnsafeMutableBufferPointer { try generator.sampleSortedSubset(size: 4, population: 50, into: $0) }
        XCTAssertEqual(Array(guarded[4...]), [Int](repeating: -7, count: 6))
    }

    /// Each index's inclusion count over T = 5·10⁴ draws of m = 7 of K = 30 is Bin(T, 7/30); each of the 30 counts
    /// is tested by the two-sided Chernoff–Hoeffding bound at α/30 (α = 1e-9 in total, Bonferroni).
    func testInclusionFrequenciesAreMOverK() throws {
        let context = try TestContext(self)
        let trials = 50_000, m = 7, population = 30
        let perIndex = StatisticalBudget.level(of: "RT.sorted-subset.inclusion", splitAcross: population)
        var generator = Xoshiro256StarStar(seed: context.seed)
        var counts = [Int](repeating: 0, count: population)
        var subset = [Int](repeating: 0, count: m)
        for _ in 0..<trials {
            try subset.withUnsafeMutableBufferPointer { try generator.sampleSortedSubset(size: m, population: population, into: $0) }
            for k in subset { counts[k] += 1 }
        }
        let p = Double(m) / Double(population)
        for (index, count) in counts.enumerated() {
            let bound = Bounds.chernoffTail(count: count, trials: trials, probability: p)
            XCTAssertGreaterThan(bound, perIndex / 2,
                "index \(index): included \(count) of \(trials) times, expected \(Double(trials) * p); bound \(bound) ≤ α/2 (α = \(perIndex) per index); \(budgetNote("RT.sorted-subset.inclusion", splitAcross: population, context: context))")
        }
    }
}

import Foundation
import Randomness
import VerificationTestSupport
import XCTest

/// Poisson, binomial, Bernoulli, uniform-integer, uniform and exponential draws: exact checks first (log-pmfs
/// against mpmath, scripted words through Lemire's rejection, edge values), then their laws against exact pmfs
/// computed here from `lgamma` and recursions (cell tests with the Chernoff–Hoeffding bound, Bonferroni over
/// cells). Statistical levels (from the ledger, Ledger/RandomnessTestEntries.swift): 13 pmf tests (RT.poisson.cells,
/// RT.binomial.cells) + 3 Bernoulli (RT.bernoulli.successes) + 3 uniform-integer (RT.uniform-integer.cells) +
/// 1 exponential (RT.exponential.dkw) + 1 open uniform (RT.open-uniform.dkw), each at α = 1e-9 (21e-9 total).
final class DiscreteDrawTests: XCTestCase {
    // MARK: Exact checks

    /// `DiscreteLogPMF` against 50-digit mpmath values (data/reference/randomness/log_pmf.json), to 1e-13·max(1, |value|)
    /// (the samplers compare log-probabilities, so the error relative to max(1, |log p|) is what matters).
    func testLogPMFsMatchMpmath() throws {
        let data = try RandomnessReference.load("log_pmf.json")
        for row in (data["stirlingError"] as? [[String: Any]]) ?? [] {
            let n = integer(row["n"]), expected = hexDouble(row["value"])
            XCTAssertEqual(DiscreteLogPMF.stirlingError(n), expected, accuracy: 2e-16 + 1e-14 * abs(expected), "δ(\(n))")
        }
        for row in (data["deviance"] as? [[String: Any]]) ?? [] {
            let x = hexDouble(row["x"]), mean = hexDouble(row["mean"]), expected = hexDouble(row["value"])
            XCTAssertEqual(DiscreteLogPMF.deviance(x, mean), expected, accuracy: 1e-15 + 1e-13 * abs(expected), "D(\(x), \(mean))")
        }
        var checked = 0
        for row in (data["poisson"] as? [[String: Any]]) ?? [] {
            let k = integer(row["k"]), lambda = hexDouble(row["mean"]), expected = hexDouble(row["value"])
            XCTAssertEqual(DiscreteLogPMF.poisson(k, mean: lambda), expected, accuracy: 1e-13 * max(1, abs(expected)),
                           "log P(Poisson(\(lambda)) = \(k))")
            checked += 1
        }
        for row in (data["binomial"] as? [[String: Any]]) ?? [] {
            let k = integer(row["k"]), n = integer(row["count"]), p = hexDouble(row["probability"])
            let expected = hexDouble(row["value"])
            XCTAssertEqual(DiscreteLogPMF.binomial(k, count: n, probability: p), expected,
                           accuracy: 1e-13 * max(1, abs(expected)), "log P(Bin(\(n), \(p)) = \(k))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 100)
        // Outside the support and degenerate parameters.
        XCTAssertEqual(DiscreteLogPMF.poisson(-1, mean: 2), -.infinity)
        XCTAssertEqual(DiscreteLogPMF.poisson(0, mean: 0), 0)
        XCTAssertEqual(DiscreteLogPMF.poisson(3, mean: 0), -.infinity)
        XCTAssertEqual(DiscreteLogPMF.binomial(4, count: 3, probability: 0.5), -.infinity)
        XCTAssertEqual(DiscreteLogPMF.binomial(0, count: 3, probability: 0), 0)
        XCTAssertEqual(DiscreteLogPMF.binomial(3, count: 3, probability: 1), 0)
    }

    /// Edge values of the uniforms, from scripted words.
    func testUniformEdgeValuesAreExact() {
        var g = ScriptedGenerator([0, .max, 0, .max, 1 << 12, 1 << 11])
        XCTAssertEqual(g.nextUniform(), 0)
        XCTAssertEqual(g.nextUniform(), 1 - 0x1p-53)
        XCTAssertEqual(g.nextOpenUniform(), 0x1p-53)
        XCTAssertEqual(g.nextOpenUniform(), 1 - 0x1p-53)
        XCTAssertEqual(g.nextOpenUniform(), 1.5 * 0x1p-52)
        XCTAssertEqual(g.nextUniform(), 0x1p-53)
        var e = ScriptedGenerator([.max, 0])
        XCTAssertEqual(e.nextExponential(), -log(1 - 0x1p-53))
        XCTAssertEqual(e.nextExponential(), 53 * log(2.0), accuracy: 1e-14)
    }

    /// Lemire's rejection on scripted words: for n = 3 the threshold (2⁶⁴ − 3) mod 3 = 1 rejects exactly x = 0;
    /// for n = 2⁶³ + 1 the threshold is 2⁶³ − 1, so x = 2 (low word 2) is rejected and x = 1 (low word n) accepted.
    func testLemireRejectionOnScriptedWords() throws {
        var g = ScriptedGenerator([0, 0x5555_5555_5555_5556])
        XCTAssertEqual(try g.nextUInt64(below: 3), 1)
        XCTAssertEqual(g.used, 2)
        let n: UInt64 = (1 << 63) + 1
        var h = ScriptedGenerator([2, 1])
        XCTAssertEqual(h.nextUInt64Unchecked(below: n), 0)
        XCTAssertEqual(h.used, 2)
        var i = ScriptedGenerator([.max])
        XCTAssertEqual(try i.nextInt(below: 10), 9)
        var j = ScriptedGenerator([.max])
        XCTAssertEqual(j.nextUInt64Unchecked(below: 1), 0)
    }

    func testDegenerateParametersGiveDegenerateDraws() throws {
        var g = Xoshiro256StarStar(seed: 5)
        for _ in 0..<1000 {
            XCTAssertFalse(try g.nextBernoulli(0))
            XCTAssertTrue(try g.nextBernoulli(1))
            XCTAssertEqual(try g.nextPoisson(mean: 0), 0)
            XCTAssertEqual(try g.nextBinomial(count: 0, probability: 0.4), 0)
            XCTAssertEqual(try g.nextBinomial(count: 17, probability: 0), 0)
            XCTAssertEqual(try g.nextBinomial(count: 17, probability: 1), 17)
            XCTAssertEqual(try g.nextInt(below: 1), 0)
        }
        for _ in 0..<10_000 {
            let u = g.nextOpenUniform()
            XCTAssertTrue(u > 0 && u < 1)
            let e = g.nextExponential()
            XCTAssertTrue(e > 0 && e.isFinite)
            let k = try g.nextBinomial(count: 30, probability: 0.6)
            XCTAssertTrue((0...30).contains(k))
            XCTAssertGreaterThanOrEqual(try g.nextPoisson(mean: 25), 0)
        }
        // The largest accepted parameters work and stay in range.
        let big = try g.nextPoisson(mean: DrawLimits.maximumPoissonMean)
        XCTAssertEqual(Double(big), DrawLimits.maximumPoissonMean, accuracy: 40 * DrawLimits.maximumPoissonMean.squareRoot())
        let binomial = try g.nextBinomial(count: DrawLimits.maximumBinomialCount, probability: 0.5)
        XCTAssertEqual(Double(binomial), 0x1p49, accuracy: 40 * 0x1p24)
    }

    // MARK: Laws

    /// Poisson(λ) for λ on both sides of the inversion/PTRS switch at 10: n = 10⁵ draws each, cells of probability
    /// ≥ 0.002, each tested with the two-sided Chernoff–Hoeffding bound at α/K (level α = 1e-9 per λ). Reference pmf:
    /// lgamma at the mode, then p(k ± 1) by recursion (independent of DiscreteLogPMF). Resolution: a cell whose
    /// probability is off by δ ≥ 2·√(π(1−π)·2·log(2K/α)/n) + O(1/n) (≈ 0.0046 for π = 0.1) is detected.
    func testPoissonLaw() throws {
        let context = try TestContext(self)
        let means = [0.5, 3.7, 9.99, 10, 47.25, 12_345.6]
        let n = 100_000, alpha = StatisticalBudget.level(of: "RT.poisson.cells", splitAcross: means.count)
        for (index, lambda) in means.enumerated() {
            let seed = context.seed &+ UInt64(index)
            var generator = Xoshiro256StarStar(seed: seed)
            let draws = (0..<n).map { _ in generator.nextPoissonUnchecked(mean: lambda) }
            let test = CellTest(table: LawTables.poissonPMF(mean: lambda), minimumCellProbability: 0.002)
            if let failure = test.failure(counts: test.counts(draws), trials: n, alpha: alpha) {
                XCTFail("Poisson(\(lambda)): \(failure); \(budgetNote("RT.poisson.cells", splitAcross: means.count, context: context, streamSeed: seed))")
            }
        }
    }

    /// Binomial(n, p) across the inversion/BTRS switch (n·min(p, 1−p) = 10) and the symmetry p > ½, incl. n = 10⁹:
    /// 10⁵ draws each, same cell test as for Poisson at α = 1e-9 per parameter pair.
    func testBinomialLaw() throws {
        let context = try TestContext(self)
        let cases: [(Int, Double)] = [(20, 0.3), (1000, 0.995), (19, 0.5), (20, 0.5), (500, 0.4), (101, 0.75),
                                      (1_000_000_000, 0.37)]
        let n = 100_000, alpha = StatisticalBudget.level(of: "RT.binomial.cells", splitAcross: cases.count)
        for (index, (count, p)) in cases.enumerated() {
            let seed = context.seed &+ UInt64(index)
            var generator = Xoshiro256StarStar(seed: seed)
            let draws = (0..<n).map { _ in generator.nextBinomialUnchecked(count: count, probability: p) }
            XCTAssertTrue(draws.allSatisfy { (0...count).contains($0) })
            let test = CellTest(table: LawTables.binomialPMF(count: count, probability: p), minimumCellProbability: 0.002)
            if let failure = test.failure(counts: test.counts(draws), trials: n, alpha: alpha) {
                XCTFail("Bin(\(count), \(p)): \(failure); \(budgetNote("RT.binomial.cells", splitAcross: cases.count, context: context, streamSeed: seed))")
            }
        }
    }

    /// Bernoulli(p): the number of successes in 10⁵ draws by the two-sided Chernoff–Hoeffding bound at α = 1e-9 each.
    func testBernoulliMean() throws {
        let context = try TestContext(self)
        let probabilities = [0.3, 1e-3, 0.999]
        let n = 100_000, alpha = StatisticalBudget.level(of: "RT.bernoulli.successes", splitAcross: probabilities.count)
        for (index, p) in probabilities.enumerated() {
            let seed = context.seed &+ UInt64(index)
            var generator = Xoshiro256StarStar(seed: seed)
            var successes = 0
            for _ in 0..<n {
                if try generator.nextBernoulli(p) { successes += 1 }
            }
            let bound = Bounds.chernoffTail(count: successes, trials: n, probability: p)
            XCTAssertGreaterThan(bound, alpha / 2,
                "Bernoulli(\(p)): \(successes) of \(n); Chernoff bound \(bound) ≤ α/2 (α = \(alpha)); \(budgetNote("RT.bernoulli.successes", splitAcross: probabilities.count, context: context, streamSeed: seed))")
        }
    }

    /// Uniform integers in 0..<n: for n = 7 each value is a cell; for n = 2⁶³ + 1 and n = 3·2⁶² + 5 the range is cut
    /// into 16 intervals (exact probabilities = interval length / n). Cell test at α = 1e-9 per n, 10⁵ draws.
    func testUniformIntegerLaw() throws {
        let context = try TestContext(self)
        let bounds: [UInt64] = [7, (1 << 63) + 1, (3 << 62) + 5]
        let n = 100_000, alpha = StatisticalBudget.level(of: "RT.uniform-integer.cells", splitAcross: bounds.count)
        for (index, bound) in bounds.enumerated() {
            let seed = context.seed &+ UInt64(index)
            var generator = Xoshiro256StarStar(seed: seed)
            let cells: UInt64 = min(16, bound)
            let width = bound / cells // the last cell takes the remainder
            var counts = [Int](repeating: 0, count: Int(cells))
            for _ in 0..<n {
                let x = try generator.nextUInt64(below: bound)
                XCTAssertLessThan(x, bound)
                counts[Int(min(x / width, cells - 1))] += 1
            }
            for cell in 0..<Int(cells) {
                let length = cell == Int(cells) - 1 ? bound - width * (cells - 1) : width
                let probability = Double(length) / Double(bound)
                let chernoff = Bounds.chernoffTail(count: counts[cell], trials: n, probability: probability)
                XCTAssertGreaterThan(chernoff, alpha / Double(cells) / 2,
                    "below \(bound), cell \(cell): \(counts[cell]) of \(n), p = \(probability); bound \(chernoff) (α = \(alpha) over \(cells) cells); \(budgetNote("RT.uniform-integer.cells", splitAcross: bounds.count, context: context, streamSeed: seed))")
            }
        }
    }

    /// Exponential(1) against 1 − e^(−x) and the open uniform against the identity: DKW, n = 10⁵, α = 1e-9 each.
    func testExponentialAndOpenUniformLaws() throws {
        let context = try TestContext(self)
        let n = 100_000
        let alpha1 = StatisticalBudget.level(of: "RT.exponential.dkw"), alpha2 = StatisticalBudget.level(of: "RT.open-uniform.dkw")
        var generator = Xoshiro256StarStar(seed: context.seed)
        let epsilon1 = Bounds.dkwEpsilon(n: n, alpha: alpha1), epsilon2 = Bounds.dkwEpsilon(n: n, alpha: alpha2)
        let exponentials = (0..<n).map { _ in generator.nextExponential() }
        let d1 = Bounds.kolmogorovDistance(exponentials) { -expm1(-$0) }
        XCTAssertLessThanOrEqual(d1, epsilon1,
            "Exp(1): sup distance \(d1) > ε = \(epsilon1) (DKW, n = \(n), α = \(alpha1)); \(budgetNote("RT.exponential.dkw", context: context))")
        let uniforms = (0..<n).map { _ in generator.nextOpenUniform() }
        let d2 = Bounds.kolmogorovDistance(uniforms) { $0 }
        XCTAssertLessThanOrEqual(d2, epsilon2,
            "U(0,1): sup distance \(d2) > ε = \(epsilon2) (DKW, n = \(n), α = \(alpha2)); \(budgetNote("RT.open-uniform.dkw", context: context))")
    }
}

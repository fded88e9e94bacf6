import Foundation
import Randomness
import VerificationTestSupport
import XCTest

// Shared helpers of the Randomness tests: committed reference data, scripted generators, budget/replay messages,
// and the guaranteed-level statistical bounds (DKW–Massart, Chernoff–Hoeffding) with their levels stated.

/// Reads `data/reference/randomness/*.json` (each written by a script under `scripts/reference/randomness/` and
/// carrying a `provenance` entry).
enum RandomnessReference {
    /// This file is <root>/Tests/RandomnessTests/RandomnessTestSupport.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load(_ name: String) throws -> [String: Any] {
        let url = packageRoot.appendingPathComponent("data/reference/randomness/\(name)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let dictionary = object as? [String: Any], dictionary["provenance"] != nil else {
            throw NSError(domain: "RandomnessReference", code: 1,
                          userInfo: [NSLocalizedDescriptionKey: "\(name) is not an object with provenance"])
        }
        return dictionary
    }
}

/// A hexadecimal UInt64 such as "0x00000000DEADBEEF".
func word(_ any: Any?) -> UInt64 {
    guard let text = any as? String, text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) else {
        XCTFail("not a hexadecimal word: \(String(describing: any))")
        return 0
    }
    return value
}

func words(_ any: Any?) -> [UInt64] { ((any as? [Any]) ?? []).map(word) }

/// A C99 hex float ("0x1.8p+1", "-0x1.5p-3") or a decimal string, parsed exactly.
func hexDouble(_ any: Any?) -> Double {
    guard let text = any as? String, let value = Double(text) else {
        XCTFail("not a floating-point string: \(String(describing: any))")
        return .nan
    }
    return value
}

func integer(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? Int.min }

/// Returns the words of `script` in order, counting how many were used. Past the end it continues with SplitMix64
/// outputs (never a constant, so a sampler that over-consumes cannot spin forever); tests assert `used`.
struct ScriptedGenerator: RandomNumberGenerator {
    var script: [UInt64]
    var used = 0
    private var overrun = SplitMix64(seed: 0)

    init(_ script: [UInt64]) { self.script = script }

    mutating func next() -> UInt64 {
        used += 1
        return used <= script.count ? script[used - 1] : overrun.next()
    }
}

/// What every statistical assertion of RandomnessTests prints after its statistic (docs/testing-policy.md R1, R3, R5): the
/// ledger id with its level (and the per-check share when the entry covers a family), the test, its base seed and
/// the one-line replay command. The level itself is read by the test with `StatisticalBudget.level(of:splitAcross:)`.
///
/// Seeds: `TestContext(self).seed` is FNV-1a-64 of "Class.method" (`stableSeed(for:)`), the seed these tests have
/// always used; members of a family use `seed &+ index`, so `TEST_SEED=<base>` replays the whole family and the
/// member's own seed is printed as `streamSeed`.
func budgetNote(_ id: String, splitAcross count: Int = 1, context: TestContext, streamSeed: UInt64? = nil) -> String {
    var label = "[\(id) | "
    if let entry = StatisticalBudget.entry(for: id) {
        label += "\(entry.kind.rawValue) α = \(entry.level) (\(entry.method))"
        if count > 1 { label += ", split across \(count) checks: \(entry.level / Double(count)) each" }
    } else {
        label += "not declared in the ledger"
    }
    label += "]"
    if let streamSeed, streamSeed != context.seed { label += " stream seed \(streamSeed) (base + index)" }
    return "\(label); \(context)"
}

// MARK: Guaranteed-level bounds

enum Bounds {
    /// DKW–Massart (Massart 1990): P(sup|Fₙ − F| > ε) ≤ 2·exp(−2nε²) for n iid draws and any F. The ε with
    /// right-hand side α: ε = √(log(2/α)/(2n)). With n fixed, any true sup-distance ≥ 2ε is detected with
    /// probability ≥ 1 − α as well (the same bound applied to the empirical CDF around the true law).
    static func dkwEpsilon(n: Int, alpha: Double) -> Double {
        (log(2 / alpha) / (2 * Double(n))).squareRoot()
    }

    /// sup_x |Fₙ(x) − F(x)| for a sample and a continuous CDF F.
    static func kolmogorovDistance(_ sample: [Double], _ cdf: (Double) throws -> Double) rethrows -> Double {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var distance = 0.0
        for (index, x) in sorted.enumerated() {
            let f = try cdf(x)
            distance = max(distance, Double(index + 1) / n - f, f - Double(index) / n)
        }
        return distance
    }

    /// Kullback–Leibler divergence KL(a ‖ p) of Bernoulli laws.
    static func bernoulliKL(_ a: Double, _ p: Double) -> Double {
        func term(_ x: Double, _ y: Double) -> Double { x == 0 ? 0 : x * log(x / y) }
        return term(a, p) + term(1 - a, 1 - p)
    }

    /// Chernoff–Hoeffding in KL form (Hoeffding 1963, Thm 1): for X ~ Bin(n, p) and a = X/n,
    /// P(a ≥ â) ≤ exp(−n·KL(â ‖ p)) for â > p and P(a ≤ â) ≤ exp(−n·KL(â ‖ p)) for â < p.
    /// Returns the bound on the probability of a deviation at least as large as the observed one, on its side
    /// (1 when â = p). A two-sided test at level α rejects when this is ≤ α/2.
    static func chernoffTail(count: Int, trials n: Int, probability p: Double) -> Double {
        let observed = Double(count) / Double(n)
        if observed == p { return 1 }
        if p == 0 { return count == 0 ? 1 : 0 }
        if p == 1 { return count == n ? 1 : 0 }
        return exp(-Double(n) * bernoulliKL(observed, p))
    }

    /// Exact binomial tails of Bin(n, p): (P(X ≤ c), P(X ≥ c)), summed from log-pmfs built with `lgamma` and
    /// the recursion pmf(k+1) = pmf(k)·(n−k)/(k+1)·p/(1−p).
    static func binomialTails(count c: Int, trials n: Int, probability p: Double) -> (lower: Double, upper: Double) {
        let pmf = LawTables.binomialPMF(count: n, probability: p)
        var lower = 0.0, upper = 0.0
        for (k, value) in pmf.values.enumerated() {
            let kk = pmf.first + k
            if kk <= c { lower += value }
            if kk >= c { upper += value }
        }
        // Mass outside the tabulated range (below 1e-300 per term) is negligible; count it on both sides.
        return (min(1, lower + pmf.outside), min(1, upper + pmf.outside))
    }
}

/// Exact probability tables computed in the tests (independent of `DiscreteLogPMF`): the log-pmf at the mode by
/// `lgamma`, then the two-term recursions outward, until terms fall below 1e-300 of the mode.
enum LawTables {
    struct Table {
        let first: Int
        let values: [Double]
        /// 1 − Σ values (mass outside the table; ≥ 0 up to rounding).
        var outside: Double { max(0, 1 - values.reduce(0, +)) }
    }

    static func poissonPMF(mean lambda: Double) -> Table {
        let mode = Int(lambda.rounded(.down))
        let logMode = -lambda + Double(mode) * log(lambda) - lgamma(Double(mode) + 1)
        return outward(mode: mode, logMode: logMode, lowest: 0, highest: Int.max,
                       up: { k in lambda / Double(k + 1) }, down: { k in Double(k) / lambda })
    }

    static func binomialPMF(count n: Int, probability p: Double) -> Table {
        if p == 0 { return Table(first: 0, values: [1]) }
        if p == 1 { return Table(first: n, values: [1]) }
        let q = 1 - p
        let mode = min(n, Int((Double(n + 1) * p).rounded(.down)))
        let nn = Double(n), m = Double(mode)
        let logMode = lgamma(nn + 1) - lgamma(m + 1) - lgamma(nn - m + 1) + m * log(p) + (nn - m) * log1p(-p)
        return outward(mode: mode, logMode: logMode, lowest: 0, highest: n,
                       up: { k in Double(n - k) / Double(k + 1) * (p / q) },
                       down: { k in Double(k) / Double(n - k + 1) * (q / p) })
    }

    /// pmf(mode) = exp(logMode); pmf(k+1) = pmf(k)·up(k); pmf(k−1) = pmf(k)·down(k).
    private static func outward(mode: Int, logMode: Double, lowest: Int, highest: Int,
                                up: (Int) -> Double, down: (Int) -> Double) -> Table {
        let peak = exp(logMode)
        var above: [Double] = []
        var value = peak, k = mode
        while k < highest {
            value *= up(k); k += 1
            if value < peak * 1e-300 || value == 0 { break }
            above.append(value)
        }
        var below: [Double] = []
        value = peak; k = mode
        while k > lowest {
            value *= down(k); k -= 1
            if value < peak * 1e-300 || value == 0 { break }
            below.append(value)
        }
        return Table(first: mode - below.count, values: below.reversed() + [peak] + above)
    }
}

/// A goodness-of-fit test for integer-valued draws with a guaranteed level: the support is cut into contiguous
/// cells of probability ≥ `minimumCellProbability` (the two tails lumped), and each cell's count is tested by the
/// two-sided Chernoff–Hoeffding bound at level α/K (Bonferroni over the K cells, so the whole test has level ≤ α).
struct CellTest {
    struct Cell { let low: Int; let high: Int; let probability: Double }
    let cells: [Cell]

    init(table: LawTables.Table, minimumCellProbability: Double) {
        var cells: [Cell] = []
        var low = Int.min, mass = 0.0
        for (index, p) in table.values.enumerated() {
            let k = table.first + index
            mass += p
            if mass >= minimumCellProbability {
                cells.append(Cell(low: low, high: k, probability: mass))
                low = k + 1
                mass = 0
            }
        }
        // Lump the remainder (and the mass outside the table) into the last cell, which extends to +∞.
        if let last = cells.popLast() {
            cells.append(Cell(low: last.low, high: Int.max, probability: last.probability + mass + table.outside))
        }
        self.cells = cells
    }

    func cellIndex(_ k: Int) -> Int {
        var low = 0, high = cells.count - 1
        while low < high {
            let middle = (low + high) / 2
            if k > cells[middle].high { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Returns a failure description, or nil if every cell passes at level α/K.
    func failure(counts: [Int], trials n: Int, alpha: Double) -> String? {
        let perCell = alpha / Double(cells.count)
        for (index, cell) in cells.enumerated() {
            let bound = Bounds.chernoffTail(count: counts[index], trials: n, probability: cell.probability)
            if bound <= perCell / 2 {
                return "cell \(cell.low)...\(cell.high): count \(counts[index]) of \(n), expected "
                    + "\(Double(n) * cell.probability); Chernoff tail bound \(bound) ≤ α/(2K) = \(perCell / 2) "
                    + "(K = \(cells.count) cells, α = \(alpha))"
            }
        }
        return nil
    }

    func counts(_ draws: [Int]) -> [Int] {
        var counts = [Int](repeating: 0, count: cells.count)
        for k in draws { counts[cellIndex(k)] += 1 }
        return counts
    }
}

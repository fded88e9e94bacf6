import Foundation
import Randomness
import ReferenceLaws
import VerificationTestSupport
import XCTest

/// The 256-layer ziggurat: its tables against their defining equations (deterministic), and its law against
/// the normal CDF from GSL (DKW–Massart), in the tails (exact binomial tails) and, with forced branches, the
/// conditional laws of the tail and wedge steps. Statistical levels (from the ledger, Ledger/RandomnessTestEntries.swift):
/// 8 assertions at α = 1e-9 each (8e-9 total): normal DKW (RT.ziggurat.dkw), two tail-frequency tests
/// (RT.ziggurat.tail-frequencies), tail-law DKW and tail signs (RT.ziggurat.tail-branch.*), three wedge laws
/// (RT.ziggurat.wedge.dkw).
final class ZigguratTests: XCTestCase {
    // MARK: Tables (exact checks, no randomness)

    /// The generated Swift literals are bit-identical to the mpmath tables in data/reference/randomness.
    func testTablesEqualTheCommittedMpmathTables() throws {
        let data = try RandomnessReference.load("ziggurat_tables.json")
        let ki = words(data["ki"]), wi = ((data["wi"] as? [Any]) ?? []).map(hexDouble)
        let fi = ((data["fi"] as? [Any]) ?? []).map(hexDouble)
        XCTAssertEqual(ki.count, 256); XCTAssertEqual(wi.count, 256); XCTAssertEqual(fi.count, 256)
        for i in 0..<256 {
            let layer = try XCTUnwrap(ZigguratNormal.layer(i))
            XCTAssertEqual(layer.threshold, ki[i], "k_\(i)")
            XCTAssertEqual(layer.scale.bitPattern, wi[i].bitPattern, "w_\(i)")
            XCTAssertEqual(layer.density.bitPattern, fi[i].bitPattern, "f_\(i)")
        }
        XCTAssertNil(ZigguratNormal.layer(256))
        XCTAssertNil(ZigguratNormal.layer(-1))
        XCTAssertEqual(ZigguratNormal.tailStart, Double(try XCTUnwrap(data["r"] as? String)))
        XCTAssertEqual(ZigguratNormal.layerArea, Double(try XCTUnwrap(data["v"] as? String)))
    }

    /// The defining equations, checked with libm exp and GSL's normal survival function (independent of the
    /// generating script): equal areas v, f_i = e^(−x_i²/2), k_i = ⌊2⁵²·x_(i−1)/x_i⌋, x_255 = r, top layer closes.
    func testTablesSatisfyTheZigguratEquations() throws {
        let r = ZigguratNormal.tailStart, v = ZigguratNormal.layerArea
        let m = 0x1p52
        func f(_ x: Double) -> Double { exp(-0.5 * x * x) }
        let x = (0..<256).map { ZigguratNormal.layer($0)!.scale * m } // x_0 here is q, the base strip's virtual width
        XCTAssertEqual(x[255], r, "x_255 = r")
        // Base strip plus tail: r·f(r) + √(2π)·Q(r) = v, and q·f(r) = v.
        let tail = (2 * Double.pi).squareRoot() * (try StandardNormal.survival(r))
        XCTAssertEqual(r * f(r) + tail, v, accuracy: 1e-14 * v)
        XCTAssertEqual(x[0] * f(r), v, accuracy: 1e-14 * v)
        XCTAssertLessThanOrEqual(unitsApart(ZigguratNormal.layer(0)!.threshold, m * r / x[0]), 2, "k_0")
        XCTAssertEqual(ZigguratNormal.layer(1)!.threshold, 0)
        XCTAssertEqual(ZigguratNormal.layer(0)!.density, 1)
        for i in 1..<256 {
            let layer = ZigguratNormal.layer(i)!
            // f(x) amplifies the rounding of x_i by x²: allow (4 + 2x²) ulp.
            XCTAssertEqual(layer.density, f(x[i]), accuracy: (4 + 2 * x[i] * x[i]) * f(x[i]).ulp, "f_\(i)")
            let upper = i == 1 ? 1 : f(x[i - 1])
            XCTAssertEqual(x[i] * (upper - f(x[i])), v, accuracy: 1e-12 * v, "area of layer \(i)")
            if i >= 2 {
                XCTAssertLessThan(x[i - 1], x[i])
                XCTAssertLessThanOrEqual(unitsApart(layer.threshold, m * x[i - 1] / x[i]), 2, "k_\(i)")
            }
        }
        // Top layer closes: v/x_1 + f(x_1) = 1.
        XCTAssertEqual(v / x[1] + f(x[1]), 1, accuracy: 1e-13)
    }

    /// |k − ⌊y⌋| for a threshold k and a real y < 2⁵³ (computed in Double, so "≤ 2" allows for the rounding of y).
    private func unitsApart(_ k: UInt64, _ y: Double) -> UInt64 {
        let floorY = UInt64(y.rounded(.down))
        return k > floorY ? k - floorY : floorY - k
    }

    // MARK: Deterministic stream properties

    func testFillEqualsRepeatedCalls() {
        var a = Xoshiro256StarStar(seed: 11), b = Xoshiro256StarStar(seed: 11)
        var buffer = [Double](repeating: .nan, count: 10_000)
        buffer.withUnsafeMutableBufferPointer { a.fillStandardNormal($0) }
        let calls = (0..<10_000).map { _ in b.nextStandardNormal() }
        XCTAssertEqual(buffer.map(\.bitPattern), calls.map(\.bitPattern))
        XCTAssertEqual(a.state.0, b.state.0)
        // An empty buffer draws nothing.
        let before = a.state
        a.fillStandardNormal(UnsafeMutableBufferPointer(start: nil, count: 0))
        XCTAssertEqual(a.state.0, before.0)
    }

    // MARK: Law

    /// DKW–Massart: 2·10⁵ draws, sup|Fₙ − Φ| ≤ ε = √(log(2/α)/(2n)) = 0.00732 at α = 1e-9 (guaranteed level).
    /// Resolution: a sampler whose CDF is ≥ 2ε = 0.0146 away from Φ somewhere fails with probability ≥ 1 − 1e-9.
    /// Φ from GSL through ReferenceLaws.StandardNormal.cdf.
    func testStandardNormalLawKolmogorovDKW() throws {
        let context = try TestContext(self)
        let n = 200_000, alpha = StatisticalBudget.level(of: "RT.ziggurat.dkw")
        var generator = Xoshiro256StarStar(seed: context.seed)
        var sample = [Double](repeating: 0, count: n)
        sample.withUnsafeMutableBufferPointer { generator.fillStandardNormal($0) }
        let epsilon = Bounds.dkwEpsilon(n: n, alpha: alpha)
        let distance = try Bounds.kolmogorovDistance(sample) { try StandardNormal.cdf($0) }
        XCTAssertLessThanOrEqual(distance, epsilon,
            "sup|Fn − Φ| = \(distance) > ε = \(epsilon) (DKW, n = \(n), α = \(alpha), resolution δ = \(2 * epsilon)); \(budgetNote("RT.ziggurat.dkw", context: context))")

        // Tail frequencies in the same sample, by exact binomial tails at α = 1e-9 each (two-sided, α/2 a side).
        let thresholds = [3.5, 5.0]
        let tailAlpha = StatisticalBudget.level(of: "RT.ziggurat.tail-frequencies", splitAcross: thresholds.count)
        let tailNote = budgetNote("RT.ziggurat.tail-frequencies", splitAcross: thresholds.count, context: context)
        for threshold in thresholds {
            let p = 2 * (try StandardNormal.survival(threshold))
            let count = sample.reduce(0) { $0 + (abs($1) > threshold ? 1 : 0) }
            let tails = Bounds.binomialTails(count: count, trials: n, probability: p)
            XCTAssertGreaterThan(tails.lower, tailAlpha / 2,
                "#{|Z| > \(threshold)} = \(count), expected \(Double(n) * p): P(X ≤ \(count)) = \(tails.lower) ≤ α/2 (α = \(tailAlpha)); \(tailNote)")
            XCTAssertGreaterThan(tails.upper, tailAlpha / 2,
                "#{|Z| > \(threshold)} = \(count), expected \(Double(n) * p): P(X ≥ \(count)) = \(tails.upper) ≤ α/2 (α = \(tailAlpha)); \(tailNote)")
        }
    }

    /// Forces every draw into the tail branch (first word: layer 0, 52-bit integer ≥ k_0, random sign; the tail loop
    /// then runs on genuine words). The output must follow N(0, 1) conditioned on |Z| > r:
    /// P(|Z| ≤ t | |Z| > r) = 1 − Q(t)/Q(r), Q from GSL. DKW with n = 10⁵ at α = 1e-9 (ε = 0.01035), and the sign
    /// count by the Chernoff–Hoeffding bound at α = 1e-9.
    func testTailBranchHasTheConditionalNormalTailLaw() throws {
        let context = try TestContext(self)
        let n = 100_000
        let alpha = StatisticalBudget.level(of: "RT.ziggurat.tail-branch.dkw")
        let signAlpha = StatisticalBudget.level(of: "RT.ziggurat.tail-branch.signs")
        let r = ZigguratNormal.tailStart
        let k0 = ZigguratNormal.layer(0)!.threshold
        var generator = ForcingGenerator(base: Xoshiro256StarStar(seed: context.seed)) { base in
            let j = k0 + base.nextUInt64Unchecked(below: (1 << 52) - k0)
            return j << 9 | (base.next() & 1) << 8 | 0
        }
        var magnitudes: [Double] = []
        magnitudes.reserveCapacity(n)
        var negatives = 0
        for _ in 0..<n {
            generator.forceNext = true
            let z = generator.nextStandardNormal()
            magnitudes.append(abs(z))
            if z < 0 { negatives += 1 }
        }
        let qr = try StandardNormal.survival(r)
        let epsilon = Bounds.dkwEpsilon(n: n, alpha: alpha)
        let distance = try Bounds.kolmogorovDistance(magnitudes) { t in t <= r ? 0 : 1 - (try StandardNormal.survival(t)) / qr }
        XCTAssertLessThanOrEqual(distance, epsilon,
            "tail law: sup distance \(distance) > ε = \(epsilon) (DKW, n = \(n), α = \(alpha)); \(budgetNote("RT.ziggurat.tail-branch.dkw", context: context))")
        let signBound = Bounds.chernoffTail(count: negatives, trials: n, probability: 0.5)
        XCTAssertGreaterThan(signBound, signAlpha / 2,
            "tail signs: \(negatives) negative of \(n); Chernoff bound \(signBound) ≤ α/2 (α = \(signAlpha)); \(budgetNote("RT.ziggurat.tail-branch.signs", context: context))")
    }

    /// Forces every attempt into the wedge of layer i (first word: layer i, 52-bit integer j uniform on [k_i, 2⁵²),
    /// so x = j·w_i is uniform on [a, x_i) with a = k_i·w_i ≈ x_(i−1)); the wedge step then accepts x with
    /// probability (f(x) − f(x_i))/(f(x_(i−1)) − f(x_i)). Accepted magnitudes must have density ∝ f(x) − f(x_i) on
    /// [a, x_i): CDF H(t) = [√(2π)(Φ(t) − Φ(a)) − f(x_i)(t − a)] / [same at t = x_i], Φ from GSL. Layers 1 (top), 128
    /// and 255 (bottom rectangle); DKW with n = 5·10⁴ at α = 1e-9 each (ε = 0.01463).
    func testWedgeBranchHasTheWedgeLaw() throws {
        let context = try TestContext(self)
        let layers = [1, 128, 255]
        let n = 50_000, alpha = StatisticalBudget.level(of: "RT.ziggurat.wedge.dkw", splitAcross: layers.count)
        for layerIndex in layers {
            let seed = context.seed &+ UInt64(layerIndex)
            let layer = ZigguratNormal.layer(layerIndex)!
            let k = layer.threshold
            let w = layer.scale
            let xi = w * 0x1p52
            let a = Double(k) * w
            var generator = ForcingGenerator(base: Xoshiro256StarStar(seed: seed)) { base in
                let j = k + base.nextUInt64Unchecked(below: (1 << 52) - k)
                return j << 9 | (base.next() & 1) << 8 | UInt64(layerIndex)
            }
            generator.forceEveryOther = true
            var magnitudes: [Double] = []
            magnitudes.reserveCapacity(n)
            for _ in 0..<n { magnitudes.append(abs(generator.nextStandardNormal())) }
            let fxi = exp(-0.5 * xi * xi)
            let root2pi = (2 * Double.pi).squareRoot()
            let phiA = try StandardNormal.cdf(a)
            let total = root2pi * ((try StandardNormal.cdf(xi)) - phiA) - fxi * (xi - a)
            let epsilon = Bounds.dkwEpsilon(n: n, alpha: alpha)
            let distance = try Bounds.kolmogorovDistance(magnitudes) { t in
                t <= a ? 0 : (t >= xi ? 1 : (root2pi * ((try StandardNormal.cdf(t)) - phiA) - fxi * (t - a)) / total)
            }
            XCTAssertLessThanOrEqual(distance, epsilon,
                "wedge law of layer \(layerIndex): sup distance \(distance) > ε = \(epsilon) (DKW, n = \(n), α = \(alpha)); \(budgetNote("RT.ziggurat.wedge.dkw", splitAcross: layers.count, context: context, streamSeed: seed))")
        }
    }
}

/// Wraps a generator and replaces chosen words by `forced(&base)`: the next word after `forceNext` is set, or
/// (with `forceEveryOther`) every first word of the pattern [forced, genuine, forced, genuine, …].
struct ForcingGenerator: RandomNumberGenerator {
    var base: Xoshiro256StarStar
    let forced: (inout Xoshiro256StarStar) -> UInt64
    var forceNext = false
    var forceEveryOther = false
    private var parity = 0

    init(base: Xoshiro256StarStar, forced: @escaping (inout Xoshiro256StarStar) -> UInt64) {
        self.base = base
        self.forced = forced
    }

    mutating func next() -> UInt64 {
        if forceEveryOther {
            parity ^= 1
            return parity == 1 ? forced(&base) : base.next()
        }
        if forceNext {
            forceNext = false
            return forced(&base)
        }
        return base.next()
    }
}

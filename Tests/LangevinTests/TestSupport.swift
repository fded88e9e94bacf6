import Langevin
import XCTest

/// FNV-1a 64 of a test name: the fixed seed of that test (printed in failure messages).
func testSeed(_ name: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return h
}

/// A scripted noise source: Brownian queries are answered from a literal fine path or from scripted
/// Gaussian increments, auxiliary draws from scripted lists. Every list is consumed in order per chain.
struct ScriptedNoise: StepNoise {
    /// Per chain: Gaussian values consumed by `brownian` (as increments) and `standardNormals`.
    var gaussians: [[Double]]
    var uniforms: [[Double]] = []
    /// Midpoint counts (binomial or Poisson draws), returned by `draw` in order.
    var counts: [[Int]] = []
    var subsets: [[[Int]]] = []
    /// When set, `brownian` answers W(t) by linear lookup on this path instead: per chain, W at the times
    /// `pathTimes` (rows of d), and it asserts that every query time is one of them.
    var pathTimes: [Double]? = nil
    var pathValues: [[[Double]]] = []
    private(set) var brownianQueries: [[Double]] = []

    init(gaussians: [[Double]]) { self.gaussians = gaussians }

    mutating func brownian(chain: Int, times: UnsafePointer<Double>, count: Int, dimension d: Int,
                           into: UnsafeMutablePointer<Double>) {
        brownianQueries.append((0..<count).map { times[$0] })
        if let pathTimes {
            for k in 0..<count {
                guard let index = pathTimes.firstIndex(where: { abs($0 - times[k]) < 1e-14 }) else {
                    XCTFail("query time \(times[k]) is not on the scripted path"); return
                }
                for j in 0..<d { into[k * d + j] = pathValues[chain][index][j] }
            }
            return
        }
        standardNormals(chain: chain, count: count * d, into: into)
        brownianFromIncrements(times: times, count: count, dimension: d, values: into)
    }

    mutating func standardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) {
        for k in 0..<count { into[k] = gaussians[chain].removeFirst() }
    }
    mutating func uniform(chain: Int) -> Double { uniforms[chain].removeFirst() }
    mutating func draw(chain: Int, cumulative: UnsafePointer<Double>, count: Int) -> Int { counts[chain].removeFirst() }
    mutating func sortedSubset(chain: Int, size: Int, from n: Int, into: UnsafeMutablePointer<Int>) {
        let s = subsets[chain].removeFirst()
        XCTAssertEqual(s.count, size)
        for (k, v) in s.enumerated() { into[k] = v }
    }
}

/// Small dense helpers written independently of the code under test.
func matVec(_ a: [[Double]], _ x: [Double]) -> [Double] {
    a.map { row in zip(row, x).reduce(0) { $0 + $1.0 * $1.1 } }
}
func axpy(_ a: Double, _ x: [Double], _ y: [Double]) -> [Double] { zip(x, y).map { a * $0 + $1 } }
func sub(_ x: [Double], _ y: [Double]) -> [Double] { zip(x, y).map { $0 - $1 } }
func add(_ x: [Double], _ y: [Double]) -> [Double] { zip(x, y).map { $0 + $1 } }
func scale(_ a: Double, _ x: [Double]) -> [Double] { x.map { a * $0 } }

/// Linear drift −A(x − m) written out directly (reference for the hand computations).
func linearDriftReference(_ a: [[Double]], _ m: [Double]) -> ([Double]) -> [Double] {
    { x in scale(-1, matVec(a, sub(x, m))) }
}

func assertClose(_ x: [Double], _ y: [Double], tolerance: Double, _ message: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(x.count, y.count, message, file: file, line: line)
    for (i, (a, b)) in zip(x, y).enumerated() where !(abs(a - b) <= tolerance * max(1, abs(b))) {
        XCTFail("\(message): entry \(i): \(a) vs \(b) (tolerance \(tolerance))", file: file, line: line)
        return
    }
}

// MARK: Guaranteed-level bounds (Chernoff)

/// KL(q ‖ p) of Bernoulli laws.
func bernoulliKL(_ q: Double, _ p: Double) -> Double {
    func term(_ a: Double, _ b: Double) -> Double { a == 0 ? 0 : a * log(a / b) }
    return term(q, p) + term(1 - q, 1 - p)
}

/// Interval [lo, hi] for S/N, S ~ Binomial(N, p), with P(S/N ∉ [lo, hi]) ≤ α (Chernoff–Hoeffding:
/// P(S/N ≥ q) ≤ exp(−N·KL(q‖p)) for q > p, symmetric below; α/2 per tail).
func binomialChernoffInterval(trials n: Double, p: Double, alpha: Double) -> (Double, Double) {
    let target = log(2 / alpha) / n
    func solve(_ lo: Double, _ hi: Double, upper: Bool) -> Double {
        var a = lo, b = hi
        for _ in 0..<200 {
            let m = 0.5 * (a + b)
            let kl = bernoulliKL(m, p)
            if upper { if kl < target { a = m } else { b = m } } else { if kl < target { b = m } else { a = m } }
        }
        return upper ? b : a
    }
    return (solve(0, p, upper: false), solve(p, 1, upper: true))
}

/// Interval for S/n, S ~ Poisson(n·λ), with P(S/n ∉ interval) ≤ α (Chernoff: P(S ≥ nλ(1+t)) ≤
/// exp(−nλ·h(t)), h(t) = (1+t)log(1+t) − t, and the same with −t below; α/2 per tail).
func poissonChernoffInterval(count n: Double, rate lambda: Double, alpha: Double) -> (Double, Double) {
    let target = log(2 / alpha) / (n * lambda)
    func h(_ t: Double) -> Double { t <= -1 ? 1 : (1 + t) * log(1 + t) - t }
    var a = 0.0, b = 10.0
    for _ in 0..<200 { let m = 0.5 * (a + b); if h(m) < target { a = m } else { b = m } }
    let up = b
    a = 0; b = 1
    for _ in 0..<200 { let m = 0.5 * (a + b); if h(-m) < target { a = m } else { b = m } }
    return (lambda * (1 - b), lambda * (1 + up))
}

/// Interval [lo, hi] for χ²_n / n with P(outside) ≤ α (Chernoff: P(χ²_n/n ≥ 1+t) ≤ exp(−n(t − log(1+t))/2),
/// P(χ²_n/n ≤ 1−t) ≤ exp(−n(−t − log(1−t))/2); α/2 per tail). Exact-level for Gaussian samples.
func chiSquaredMeanInterval(degrees n: Double, alpha: Double) -> (Double, Double) {
    let target = 2 * log(2 / alpha) / n
    var a = 0.0, b = 50.0
    for _ in 0..<200 { let m = 0.5 * (a + b); if m - log1p(m) < target { a = m } else { b = m } }
    let up = b
    a = 0; b = 1
    for _ in 0..<200 { let m = 0.5 * (a + b); if -m - log1p(-m) < target { a = m } else { b = m } }
    return (1 - b, 1 + up)
}

// Continuous and elementary draws built on any `RandomNumberGenerator`, so that every consumer (engine, laws,
// tests) calls the same owned transforms. The stdlib's `Double.random(in:using:)` and `next(upperBound:)` are
// not used anywhere that is pinned: their algorithms may change between Swift versions.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits: (next() >> 11) · 2⁻⁵³.
    @inlinable @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in the open interval (0, 1): (⌊next()/2¹²⌋ + ½) · 2⁻⁵², i.e. the midpoints of the 2⁵²
    /// cells of width 2⁻⁵², each with probability 2⁻⁵². Smallest value 2⁻⁵³, largest 1 − 2⁻⁵³ (both exact), so
    /// log(U) and log(1 − U) are always finite. The law is symmetric: U and 1 − U have the same distribution.
    @inlinable @inline(__always)
    public mutating func nextOpenUniform() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1.0p-52
    }

    /// A standard exponential draw Exp(1) by inversion (Devroye 1986, "Non-Uniform Random Variate Generation",
    /// §II.2): E = −log U with U uniform on (0, 1) (`nextOpenUniform()`), since P(−log U > t) = P(U < e^(−t)) = e^(−t).
    /// Values lie in [1.1·10⁻¹⁶, 36.74].
    @inlinable
    public mutating func nextExponential() -> Double {
        -log(nextOpenUniform())
    }

    /// A Bernoulli(p) draw: true with probability p. Throws `RandomnessError.invalidProbability` unless
    /// 0 ≤ p ≤ 1 (NaN is rejected).
    @inlinable
    public mutating func nextBernoulli(_ p: Double) throws(RandomnessError) -> Bool {
        guard p >= 0, p <= 1 else { throw .invalidProbability(what: "Bernoulli probability p", value: p) }
        return nextBernoulliUnchecked(p)
    }

    /// A Bernoulli(p) draw by comparison with one uniform: U < p with U = `nextUniform()` ∈ [0, 1), so
    /// P(true) = ⌈2⁵³·p⌉/2⁵³ (exactly 0 for p = 0, exactly 1 for p = 1). Requires 0 ≤ p ≤ 1 (not checked; a p
    /// outside gives false below 0 and true above 1, NaN gives false).
    @inlinable @inline(__always)
    public mutating func nextBernoulliUnchecked(_ p: Double) -> Bool {
        nextUniform() < p
    }

    /// A uniform integer in 0..<n. Throws `RandomnessError.emptyRange` for n = 0.
    @inlinable
    public mutating func nextUInt64(below n: UInt64) throws(RandomnessError) -> UInt64 {
        guard n > 0 else { throw .emptyRange(what: "upper bound n") }
        return nextUInt64Unchecked(below: n)
    }

    /// A uniform integer in 0..<n without modulo bias, by Lemire's multiply-and-reject method ("Fast random integer
    /// generation in an interval", ACM TOMACS 29(1), 2019, Algorithm 5): with the 128-bit product m = x·n of a
    /// uniform 64-bit x, return ⌊m/2⁶⁴⌋ unless (m mod 2⁶⁴) < (2⁶⁴ − n) mod n, in which case draw x again. Each of
    /// the n results then comes from exactly ⌊2⁶⁴/n⌋ accepted values of x. Uses one 64-bit word with
    /// probability ≥ 1 − n/2⁶⁴. Requires n > 0 (not checked; n = 0 returns 0).
    @inlinable
    public mutating func nextUInt64Unchecked(below n: UInt64) -> UInt64 {
        var product = n.multipliedFullWidth(by: next())
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold {
                product = n.multipliedFullWidth(by: next())
            }
        }
        return product.high
    }

    /// A uniform integer in 0..<n. Throws `RandomnessError.emptyRange` unless n > 0.
    @inlinable
    public mutating func nextInt(below n: Int) throws(RandomnessError) -> Int {
        guard n > 0 else { throw .emptyRange(what: "upper bound n") }
        return nextIntUnchecked(below: n)
    }

    /// A uniform integer in 0..<n by `nextUInt64Unchecked(below:)`. Requires n > 0 (not checked).
    @inlinable @inline(__always)
    public mutating func nextIntUnchecked(below n: Int) -> Int {
        Int(truncatingIfNeeded: nextUInt64Unchecked(below: UInt64(truncatingIfNeeded: n)))
    }
}

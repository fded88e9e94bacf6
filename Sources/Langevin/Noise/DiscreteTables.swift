#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cumulative distribution tables of the discrete laws a scheme draws every step (built once per scheme),
/// sampled by inversion with ONE uniform from the auxiliary stream: k = min{k : u < F(k)}.
///
/// The table stops where F(k) ≥ 1 − 10⁻¹⁷ (or at k = n for the binomial); a uniform beyond the last entry
/// (probability < 10⁻¹⁷) returns the last index. Same law as sequential-search inversion up to binary64
/// rounding (PN-S01, PN-S02).
public struct DiscreteCDF: Sendable, Equatable {
    public let cumulative: [Double]

    /// Bin(n, p): P(0) = (1 − p)ⁿ, P(k+1) = P(k)·(n − k)/(k + 1)·p/(1 − p).
    public static func binomial(trials n: Int, probability p: Double) -> DiscreteCDF {
        if n <= 0 || !(p > 0) { return DiscreteCDF(cumulative: [1]) }
        if p >= 1 { return DiscreteCDF(cumulative: [Double](repeating: 0, count: n) + [1]) }
        var pk = exp(Double(n) * log1p(-p))
        var cdf = [pk]
        var total = pk
        let ratio = p / (1 - p)
        var k = 0
        while k < n && total < 1 - 1e-17 {
            pk *= ratio * Double(n - k) / Double(k + 1)
            k += 1
            total += pk
            cdf.append(total)
        }
        return DiscreteCDF(cumulative: cdf)
    }

    /// Poisson(λ): P(0) = e^{−λ}, P(k+1) = P(k)·λ/(k + 1).
    public static func poisson(mean lambda: Double) -> DiscreteCDF {
        var pk = exp(-lambda)
        var cdf = [pk]
        var total = pk
        var k = 0
        while total < 1 - 1e-17 && k < 10_000 {
            k += 1
            pk *= lambda / Double(k)
            if pk == 0 { break }
            total += pk
            cdf.append(total)
        }
        return DiscreteCDF(cumulative: cdf)
    }
}

extension StepNoise {
    /// Inversion of a CDF table with one auxiliary uniform (the default; scripted sources may override).
    /// The first four comparisons are counted without branches (the tables are nondecreasing, so the
    /// number of entries F(i) ≤ u among the first four is the answer when it is below four); only the rare
    /// larger draws continue with a sequential search. Same result as the sequential search.
    @inline(__always)
    public mutating func draw(chain: Int, cumulative: UnsafePointer<Double>, count: Int) -> Int {
        let u = uniform(chain: chain)
        let head = min(count - 1, 4)
        var k = 0
        for i in 0..<head { k &+= Int(truncatingIfNeeded: UInt8(truncatingIfNeeded: (u >= cumulative[i]) ? 1 : 0)) }
        if k == head {
            while k < count - 1 && !(u < cumulative[k]) { k += 1 }
        }
        return k
    }
}

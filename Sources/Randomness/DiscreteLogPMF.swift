// Accurate log-probabilities of the Poisson and binomial laws, used by the rejection steps of the Poisson and
// binomial samplers. The textbook form −λ + k·log λ − log k! loses ~|log k!|·10⁻¹⁶ to cancellation (10⁻⁵ at
// k ≈ 10⁹); Loader's saddle-point form keeps an absolute error near 10⁻¹⁵ for every k and mean.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Log-probabilities of the Poisson and binomial laws in Loader's saddle-point form (C. Loader, "Fast and Accurate
/// Computation of Binomial Probabilities", 2000; the algorithm of R's `dpois_raw`/`dbinom_raw`):
/// ```
/// log P(Poisson(λ) = k)  = −δ(k) − D(k, λ) − ½·log(2πk)                         (k ≥ 1; −λ for k = 0)
/// log P(Bin(n, p) = k)   = δ(n) − δ(k) − δ(n−k) − D(k, np) − D(n−k, nq)
///                          − ½·log(2πk(n−k)/n)                                  (0 < k < n)
/// δ(n) = log n! − (n + ½)·log n + n − ½·log(2π)                                  (Stirling error)
/// D(x, M) = x·log(x/M) + M − x                                                   (deviance term)
/// ```
/// δ(n) is tabulated exactly for n ≤ 15 (60-digit mpmath, `GeneratedTables.swift`) and otherwise taken from the
/// Stirling series 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹) (truncation < 1.2·10⁻¹⁶ for n ≥ 16).
/// D is summed as the series 2x·Σ_{j≥1} v^(2j+1)/(2j+1) + (x−M)·v with v = (x−M)/(x+M) when |x − M| < 0.1·(x + M),
/// so it has full relative accuracy near the mode. Checked against mpmath in `DiscreteLogPMFTests`.
public enum DiscreteLogPMF {
    /// δ(n) = log n! − (n + ½)·log n + n − ½·log(2π) for n ≥ 1; 0 for n ≤ 0.
    public static func stirlingError(_ n: Int) -> Double {
        if n <= 0 { return 0 }
        if n <= 15 { return stirlingErrorTable[n] }
        let x = Double(n)
        let xx = x * x
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        return (s0 - (s1 - (s2 - (s3 - s4 / xx) / xx) / xx) / xx) / x
    }

    /// D(x, M) = x·log(x/M) + M − x ≥ 0 for x ≥ 0, M > 0 (D(0, M) = M).
    public static func deviance(_ x: Double, _ mean: Double) -> Double {
        if x == 0 { return mean }
        if abs(x - mean) < 0.1 * (x + mean) {
            var v = (x - mean) / (x + mean)
            var sum = (x - mean) * v
            var term = 2 * x * v
            v *= v
            var j = 1.0
            while true {
                term *= v
                let next = sum + term / (2 * j + 1)
                if next == sum { return next }
                sum = next
                j += 1
            }
        }
        return x * log(x / mean) + mean - x
    }

    /// log P(Poisson(λ) = k). −∞ for k < 0; for λ = 0, 0 at k = 0 and −∞ elsewhere. Requires λ ≥ 0 finite.
    public static func poisson(_ k: Int, mean lambda: Double) -> Double {
        if k < 0 { return -.infinity }
        if lambda == 0 { return k == 0 ? 0 : -.infinity }
        if k == 0 { return -lambda }
        let x = Double(k)
        return -stirlingError(k) - deviance(x, lambda) - 0.5 * log(2 * Double.pi * x)
    }

    /// log P(Bin(n, p) = k). −∞ outside 0...n. Requires n ≥ 0 and 0 ≤ p ≤ 1.
    public static func binomial(_ k: Int, count n: Int, probability p: Double) -> Double {
        if k < 0 || k > n { return -.infinity }
        let q = 1 - p
        if p == 0 { return k == 0 ? 0 : -.infinity }
        if p == 1 { return k == n ? 0 : -.infinity }
        let nn = Double(n)
        if k == 0 { return nn * log1p(-p) }
        if k == n { return nn * log(p) }
        let x = Double(k)
        let lc = stirlingError(n) - stirlingError(k) - stirlingError(n - k)
            - deviance(x, nn * p) - deviance(nn - x, nn * q)
        let lf = log(2 * Double.pi) + log(x) + log1p(-x / nn)
        return lc - 0.5 * lf
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Binomial and Poisson tail probabilities by direct summation of the probability masses in log space (lgamma),
/// starting at the boundary count and walking away from the mean with the exact ratio of successive masses until the
/// terms fall below 10⁻²⁰ of the sum; the complementary tail is used when the boundary is on the near side of the
/// mean. Accurate to ≈ 10⁻⁸ relative for n ≤ 10⁸ (the lgamma rounding of the log-mass), far below what the 10⁻⁹
/// levels of the count checks need (PN-P02, PN-L08).
public enum DiscreteTails {
    public static func logBinomialMass(_ n: Int, _ k: Int, _ p: Double) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1) + Double(k) * log(p) + Double(n - k) * log1p(-p)
    }

    /// P(X ≥ x), X ~ Bin(n, p).
    public static func binomialUpper(trials n: Int, probability p: Double, atLeast x: Int) -> Double {
        if x <= 0 { return 1 }
        if x > n { return 0 }
        if !(p > 0) { return 0 }
        if p >= 1 { return 1 }
        if Double(x) < Double(n) * p { return 1 - binomialLower(trials: n, probability: p, atMost: x - 1) }
        var term = exp(logBinomialMass(n, x, p)), sum = 0.0, k = x
        let ratio = p / (1 - p)
        while k <= n {
            sum += term
            if term < 1e-20 * sum || term == 0 { break }
            term *= Double(n - k) / Double(k + 1) * ratio
            k += 1
        }
        return min(sum, 1)
    }

    /// P(X ≤ x), X ~ Bin(n, p).
    public static func binomialLower(trials n: Int, probability p: Double, atMost x: Int) -> Double {
        if x < 0 { return 0 }
        if x >= n { return 1 }
        if !(p > 0) { return 1 }
        if p >= 1 { return 0 }
        if Double(x) > Double(n) * p { return 1 - binomialUpper(trials: n, probability: p, atLeast: x + 1) }
        var term = exp(logBinomialMass(n, x, p)), sum = 0.0, k = x
        let ratio = (1 - p) / p
        while k >= 0 {
            sum += term
            if term < 1e-20 * sum || term == 0 { break }
            term *= Double(k) / Double(n - k + 1) * ratio
            k -= 1
        }
        return min(sum, 1)
    }

    public static func logPoissonMass(_ lambda: Double, _ k: Int) -> Double {
        Double(k) * log(lambda) - lambda - lgamma(Double(k) + 1)
    }

    /// P(M ≥ m), M ~ Poisson(λ).
    public static func poissonUpper(mean lambda: Double, atLeast m: Int) -> Double {
        if m <= 0 { return 1 }
        if !(lambda > 0) { return 0 }
        if Double(m) < lambda { return 1 - poissonLower(mean: lambda, atMost: m - 1) }
        var term = exp(logPoissonMass(lambda, m)), sum = 0.0, k = m
        while true {
            sum += term
            if term < 1e-20 * sum || term == 0 { break }
            term *= lambda / Double(k + 1)
            k += 1
        }
        return min(sum, 1)
    }

    /// P(M ≤ m), M ~ Poisson(λ).
    public static func poissonLower(mean lambda: Double, atMost m: Int) -> Double {
        if m < 0 { return 0 }
        if !(lambda > 0) { return 1 }
        if Double(m) > lambda { return 1 - poissonUpper(mean: lambda, atLeast: m + 1) }
        var term = exp(logPoissonMass(lambda, m)), sum = 0.0, k = m
        while k >= 0 {
            sum += term
            if term < 1e-20 * sum || term == 0 { break }
            term *= Double(k) / lambda
            k -= 1
        }
        return min(sum, 1)
    }

    /// The root of an increasing function g inside `bracket` (widened outwards until g changes sign) by bisection to
    /// relative width 1e-15; returns the bracket end that keeps the interval conservative (`below`: the largest point
    /// seen with g < 0; else the smallest with g ≥ 0).
    public static func conservativeRoot(below: Bool, bracket: (Double, Double), _ g: (Double) -> Double) -> Double {
        var (lo, hi) = bracket
        let width = max(hi - lo, 1e-300)
        var step = width
        for _ in 0..<200 where lo > 0 && g(lo) >= 0 { lo = max(0, lo - step); step *= 2 }
        step = width
        for _ in 0..<200 where g(hi) < 0 { hi += step; step *= 2 }
        for _ in 0..<300 {
            let mid = 0.5 * (lo + hi)
            if g(mid) < 0 { lo = mid } else { hi = mid }
            if hi - lo <= 1e-15 * hi { break }
        }
        return below ? lo : hi
    }
}

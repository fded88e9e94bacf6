import Foundation
import Langevin
import ReferenceLaws
#if canImport(Glibc)
import Glibc
#endif

/// The exact interval for PLMC's mean drift calls per step from an observed midpoint count (claim C2, PN-P02):
/// over n chain-steps the base drift costs exactly n calls and the midpoint count M is
///
/// * Bin(n(K − 1), 1/K) for finite K (the i = 0 midpoint equals X and is never evaluated; each of i = 1 … K−1 is
///   flagged independently with probability 1/K): the Clopper–Pearson interval [p_L, p_U] for p at level α gives
///   calls per step ∈ [1 + (K − 1)p_L, 1 + (K − 1)p_U], claimed value 2 − 1/K;
/// * Poisson(n) for K = ∞: Garwood's exact interval λ ∈ [½χ²_{2M}(α/2), ½χ²_{2(M+1)}(1 − α/2)] for the total
///   mean gives calls per step ∈ [1 + λ_L/n, 1 + λ_U/n], claimed value 2;
/// * exactly 0 for K = 1 (deterministic: calls per step = 1).
///
/// Both intervals cover with probability ≥ 1 − α (exact tail inversions, no approximation).
public struct DriftCallCountInterval: Sendable, Equatable, CustomStringConvertible {
    public let substeps: MidpointSubsteps
    public let chainSteps: Int
    public let midpointCount: Int
    public let alpha: Double
    /// Calls per step: the estimate 1 + M/n and its exact interval.
    public let estimate: Double
    public let lower: Double
    public let upper: Double
    /// "Clopper–Pearson", "Garwood χ²" or "deterministic".
    public let method: String

    /// The claimed mean calls per step, 2 − 1/K (K = ∞: 2).
    public var claimed: Double { substeps.expectedDriftCallsPerStep }
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// Throws unless n ≥ 1, M ≥ 0, 0 < α < 1. A count above the number of trials n(K − 1) (impossible under the
    /// claim) gives the empty interval [∞, ∞] — it excludes the claimed value.
    public init(substeps: MidpointSubsteps, chainSteps n: Int, midpointCount m: Int, alpha: Double) throws(VerificationError) {
        try require(n >= 1, "chain-steps", n, "must be ≥ 1")
        try require(m >= 0, "midpoint count", m, "must be ≥ 0")
        try require(alpha > 0 && alpha < 1, "α", alpha, "must lie in (0, 1)")
        self.substeps = substeps
        chainSteps = n
        midpointCount = m
        self.alpha = alpha
        estimate = 1 + Double(m) / Double(n)
        switch substeps {
        case .finite(let k) where k == 1:
            method = "deterministic"
            lower = estimate
            upper = estimate
        case .finite(let k):
            try require(k >= 2, "K", k, "must be ≥ 1")
            method = "Clopper–Pearson"
            let trials = n * (k - 1)
            if m > trials {
                lower = .infinity
                upper = .infinity
            } else {
                let cp = try Self.clopperPearson(successes: m, trials: trials, alpha: alpha)
                lower = 1 + Double(k - 1) * cp.lower
                upper = 1 + Double(k - 1) * cp.upper
            }
        case .infinite:
            method = "Garwood χ²"
            let (lo, hi) = try Self.garwood(count: m, alpha: alpha)
            lower = 1 + lo / Double(n)
            upper = 1 + hi / Double(n)
        }
    }

    /// Garwood (1936): for M ~ Poisson(λ), λ_L solves P_λ(M ≥ m) = α/2 (0 when m = 0) and λ_U solves
    /// P_λ(M ≤ m) = α/2 — the same numbers as ½χ²_{2m}(α/2) and ½χ²_{2(m+1)}(1 − α/2). The tails are summed directly
    /// in log space (`DiscreteTails`) and the roots found by bisection (`conservativeRoot`), because GSL's χ² and Beta
    /// inversions return wrong values or NaN for counts ≈ 10⁶–10⁷ at α ≈ 10⁻⁹ (tested against SciPy/Boost,
    /// scripts/reference/count-intervals).
    public static func garwood(count m: Int, alpha: Double) throws(VerificationError) -> (Double, Double) {
        try require(m >= 0, "count", m, "must be ≥ 0")
        try require(alpha > 0 && alpha < 1, "α", alpha, "must lie in (0, 1)")
        let mm = Double(m)
        let spread = 40 * (mm + 1).squareRoot() + 40
        let lower = m == 0 ? 0 : conservativeRoot(below: true, bracket: (max(0, mm - spread), mm)) { lambda in
            // P_λ(M ≥ m) increases in λ
            DiscreteTails.poissonUpper(mean: lambda, atLeast: m) - alpha / 2
        }
        let upper = conservativeRoot(below: false, bracket: (mm + 1, mm + 1 + spread)) { lambda in
            alpha / 2 - DiscreteTails.poissonLower(mean: lambda, atMost: m)
        }
        try require(lower.isFinite && upper.isFinite, "Garwood interval", "[\(lower), \(upper)]", "must be finite")
        return (lower, upper)
    }

    /// The Clopper–Pearson interval: p_L solves P_p(X ≥ x) = α/2 (0 when x = 0), p_U solves P_p(X ≤ x) = α/2 (1 when
    /// x = n), X ~ Bin(n, p) — the Beta-quantile form of `ExactBinomial.clopperPearson` — with the binomial tails
    /// summed directly in log space and bisection from a bracket p̂ ± 40 standard deviations, each end rounded
    /// outwards. (GSL's Beta inversion fails to converge, and its CDF returns NaN, for n ≈ 10⁶–10⁷ at α ≈ 10⁻⁹.)
    public static func clopperPearson(successes x: Int, trials n: Int, alpha: Double) throws(VerificationError)
        -> (lower: Double, upper: Double)
    {
        try require(n >= 1 && x >= 0 && x <= n, "successes/trials", "\(x)/\(n)", "need 0 ≤ x ≤ n, n ≥ 1")
        try require(alpha > 0 && alpha < 1, "α", alpha, "must lie in (0, 1)")
        let pHat = Double(x) / Double(n)
        let sd = max((pHat * (1 - pHat) / Double(n)).squareRoot(), 1 / Double(n))
        let lower = x == 0 ? 0 : conservativeRoot(below: true, bracket: (max(0, pHat - 40 * sd), pHat)) { p in
            DiscreteTails.binomialUpper(trials: n, probability: p, atLeast: x) - alpha / 2
        }
        let upper = x == n ? 1 : conservativeRoot(below: false, bracket: (pHat, min(1, pHat + 40 * sd))) { p in
            alpha / 2 - DiscreteTails.binomialLower(trials: n, probability: p, atMost: x)
        }
        try require(lower.isFinite && upper.isFinite, "Clopper–Pearson interval", "[\(lower), \(upper)]", "must be finite")
        return (min(lower, pHat), max(upper, pHat))
    }

    /// The root of an increasing function g inside `bracket` (widened outwards until g changes sign) by bisection to
    /// relative width 1e-15; returns the bracket end that keeps the interval conservative (`below`: the largest point
    /// seen with g < 0; else the smallest with g ≥ 0).
    static func conservativeRoot(below: Bool, bracket: (Double, Double), _ g: (Double) -> Double) -> Double {
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

    public var description: String {
        String(format: "K = %@: %d midpoint calls in %d chain-steps → %.6f calls/step, %@ interval [%.6f, %.6f] at α = %g (claimed %.6f)",
               substeps.description, midpointCount, chainSteps, estimate, method, lower, upper, alpha, claimed)
    }
}

/// The designed false-pass bound of a C2 mutant (PN-P02): the check accepts only if the claimed μ₀ lies in the
/// exact interval, whose half-width on the calls scale is at most (K − 1)·t_H, t_H = √(ln(2/α)/(2n(K−1))) (a
/// Clopper–Pearson interval lies inside the Hoeffding-inverted one). So a mutant with mean μ′ passes only if its
/// estimate deviates from μ′ by ε ≥ |μ′ − μ₀| − (K − 1)t_H, and its count is a sum of T′ independent Bernoulli
/// flags: P ≤ 2 exp(−2 n² ε² / T′) (Hoeffding). Returns 1 when ε ≤ 0 (no power).
public func driftCallMutantFalsePassBound(claimed mu0: Double, mutantMean mu1: Double, substeps k: Int, chainSteps n: Int,
                                          mutantTrials: Int, alpha: Double) -> Double {
    let tH = (log(2 / alpha) / (2 * Double(n) * Double(k - 1))).squareRoot()
    let epsilon = abs(mu1 - mu0) - Double(k - 1) * tH
    guard epsilon > 0 else { return 1 }
    let nn = Double(n)
    return min(1, 2 * exp(-2 * nn * nn * epsilon * epsilon / Double(mutantTrials)))
}

/// Binomial and Poisson tail probabilities by direct summation of the probability masses in log space (lgamma),
/// starting at the boundary count and walking away from the mean with the exact ratio of successive masses until the
/// terms fall below 10⁻²⁰ of the sum; the complementary tail is used when the boundary is on the near side of the
/// mean. Accurate to ≈ 10⁻⁸ relative for n ≤ 10⁸ (the lgamma rounding of the log-mass), far below what the 10⁻⁹
/// levels of the count checks need (PN-P02).
enum DiscreteTails {
    static func logBinomialMass(_ n: Int, _ k: Int, _ p: Double) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1) + Double(k) * log(p) + Double(n - k) * log1p(-p)
    }

    /// P(X ≥ x), X ~ Bin(n, p).
    static func binomialUpper(trials n: Int, probability p: Double, atLeast x: Int) -> Double {
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
    static func binomialLower(trials n: Int, probability p: Double, atMost x: Int) -> Double {
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

    static func logPoissonMass(_ lambda: Double, _ k: Int) -> Double {
        Double(k) * log(lambda) - lambda - lgamma(Double(k) + 1)
    }

    /// P(M ≥ m), M ~ Poisson(λ).
    static func poissonUpper(mean lambda: Double, atLeast m: Int) -> Double {
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
    static func poissonLower(mean lambda: Double, atMost m: Int) -> Double {
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
}

// A betting confidence interval for the mean of bounded iid samples whose width follows their variance (PN-V15).
import Foundation

/// The betting confidence interval of I. Waudby-Smith and A. Ramdas, "Estimating means of bounded random variables by
/// betting", J. R. Stat. Soc. B 86 (2024), arXiv 2010.09686 (capital processes of their §4, fixed-n plug-in bets of §5),
/// for the mean μ of iid samples X₁, …, X_n in [a, b], read in a fixed order chosen before the data (chain order):
///
///     K⁺(m) = ∏ᵢ (1 + λᵢ (Xᵢ − m)),     K⁻(m) = ∏ᵢ (1 − λᵢ (Xᵢ − m)),
///     λᵢ = min(√(2 log(2/α) / (n σ̂²ᵢ₋₁)), λ_max),   λ_max = c / (r + s),  c = ¾,
///
/// z = (a + b)/2, r = (b − a)/2, s = r/4, and σ̂²ᵢ₋₁ = (r² + Σ_{j<i} (X_j − μ̂_j)²)/i, μ̂_j = (z + Σ_{k≤j} X_k)/(j + 1),
/// so λᵢ depends on X₁ … Xᵢ₋₁ only (predictable) and not on m. For m ≤ z + s every factor of K⁺(m) is ≥ 1 − c > 0,
/// and at m = μ, K⁺ is a non-negative martingale with mean 1 (E[Xᵢ − μ | past] = 0); by Markov's inequality
/// P(K⁺(μ) ≥ 2/α) ≤ α/2. The same holds for K⁻ when m ≥ z − s. The interval is the set of m not rejected:
///
///     reject m  ⟺  (m ≤ z + s and K⁺(m) ≥ 2/α)  or  (m ≥ z − s and K⁻(m) ≥ 2/α),
///
/// so P(μ rejected) ≤ α whatever μ ∈ [a, b] is (a test that cannot be used at μ never rejects it). K⁺ decreases in m
/// and K⁻ increases, so the set is an interval [m₁, m₂], found by bisection and rounded outwards.
///
/// What it buys: for n samples with standard deviation σ the half-width is ≈ σ√(2 log(2/α)/n) while the bets are
/// below λ_max, and ≈ log(2/α)/(λ_max n) when the variance is so small that they are capped (`designHalfWidth`); the
/// empirical Bernstein bound of `StatisticalInterval.empiricalBernstein` adds 7(b − a) log(4/α)/(3(n − 1)) to the
/// first term, ≈ 2.9× the capped term for the same α (a paired difference of coupled chains, PN-V15).
public enum BettingInterval {
    /// The truncation c of the bets (Waudby-Smith & Ramdas use ½ or ¾).
    public static let truncation = 0.75

    /// The interval for the mean of `samples` (in the given order) at non-coverage ≤ α. Throws unless n ≥ 2,
    /// 0 < α < 1, a < b finite, and every sample is finite and in [a, b].
    public static func interval(statistic: String, samples: [Double], range: ClosedRange<Double>,
                                alpha: Double) throws(VerificationError) -> StatisticalInterval {
        let a = range.lowerBound, b = range.upperBound
        guard a.isFinite, b.isFinite, a < b else {
            throw .invalidParameter(name: "range", value: "\(range)", requirement: "must be finite with a < b")
        }
        guard alpha > 0, alpha < 1 else {
            throw .invalidParameter(name: "α", value: "\(alpha)", requirement: "must lie in (0, 1)")
        }
        let n = samples.count
        guard n >= 2 else { throw .invalidParameter(name: "n", value: "\(n)", requirement: "must be ≥ 2") }
        var sum = 0.0
        for x in samples {
            guard x.isFinite, x >= a, x <= b else {
                throw .invalidParameter(name: "sample", value: "\(x)", requirement: "must be finite and in \(range)")
            }
            sum += x
        }
        let z = (a + b) / 2, r = (b - a) / 2, s = r / 4
        let lambdaMax = truncation / (r + s)
        let logThreshold = log(2 / alpha)
        // predictable bets
        var lambdas = [Double](repeating: 0, count: n)
        var runningSum = z, squares = r * r
        for i in 0..<n {
            let variance = squares / Double(i + 1)
            lambdas[i] = min((2 * logThreshold / (Double(n) * variance)).squareRoot(), lambdaMax)
            runningSum += samples[i]
            let mean = runningSum / Double(i + 2)
            let e = samples[i] - mean
            squares += e * e
        }
        func logCapitalUp(_ m: Double) -> Double {
            var total = 0.0
            for i in 0..<n { total += log1p(lambdas[i] * (samples[i] - m)) }
            return total
        }
        func logCapitalDown(_ m: Double) -> Double {
            var total = 0.0
            for i in 0..<n { total += log1p(-lambdas[i] * (samples[i] - m)) }
            return total
        }
        // m₁: the smallest m ≤ z + s not rejected by K⁺ (z + s when all of [a, z + s] is rejected)
        let tolerance = 1e-10 * (b - a)
        var lower: Double
        if logCapitalUp(a) < logThreshold {
            lower = a
        } else if logCapitalUp(z + s) >= logThreshold {
            lower = z + s
        } else {
            var rejected = a, accepted = z + s
            while accepted - rejected > tolerance {
                let mid = (rejected + accepted) / 2
                if logCapitalUp(mid) >= logThreshold { rejected = mid } else { accepted = mid }
            }
            lower = rejected   // outwards: the largest m known to be rejected
        }
        var upper: Double
        if logCapitalDown(b) < logThreshold {
            upper = b
        } else if logCapitalDown(z - s) >= logThreshold {
            upper = z - s
        } else {
            var rejected = b, accepted = z - s
            while rejected - accepted > tolerance {
                let mid = (rejected + accepted) / 2
                if logCapitalDown(mid) >= logThreshold { rejected = mid } else { accepted = mid }
            }
            upper = rejected
        }
        if lower > upper { swap(&lower, &upper) }   // every m rejected: an event of probability ≤ α; report the hull
        let mean = sum / Double(n)
        return try StatisticalInterval(statistic: statistic, estimate: min(max(mean, lower), upper), lower: lower,
                                       upper: upper, n: n, alpha: alpha, method: .betting)
    }

    /// The design half-width for n samples in [a, b] with standard deviation σ: the g at which the capital with the
    /// bet λ = min(√(2 log(2/α)/(nσ²)), λ_max) reaches 2/α to second order, nλg − nλ²σ²/2 = log(2/α):
    /// g = σ√(2 log(2/α)/n) when the cap does not bind, else log(2/α)/(nλ_max) + λ_max σ²/2 (PN-V15). A first-order
    /// size used to size designs and in the power analysis — never as a bound.
    public static func designHalfWidth(standardDeviation sigma: Double, n: Int, range: ClosedRange<Double>,
                                       alpha: Double) -> Double {
        let r = (range.upperBound - range.lowerBound) / 2
        let l = log(2 / alpha), lambdaMax = truncation / (1.25 * r)
        let bet = (2 * l / (Double(n) * sigma * sigma)).squareRoot()
        if bet <= lambdaMax { return sigma * (2 * l / Double(n)).squareRoot() }
        return l / (Double(n) * lambdaMax) + lambdaMax * sigma * sigma / 2
    }
}

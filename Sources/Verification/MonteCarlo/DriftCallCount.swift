import Foundation
import Langevin
import ReferenceLaws

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

    /// Garwood (1936): for M ~ Poisson(λ), [½χ²_{2M}(α/2), ½χ²_{2(M+1)}(1 − α/2)] (lower 0 when M = 0), by bisection
    /// of ReferenceLaws `ChiSquared` (GSL) CDFs (`conservativeRoot`): GSL's own χ² quantile inversion returns wrong
    /// values without an error for ~10⁶ degrees of freedom at α ≈ 10⁻⁹, its CDFs are accurate there (tested against
    /// mpmath).
    public static func garwood(count m: Int, alpha: Double) throws(VerificationError) -> (Double, Double) {
        do {
            var lower = 0.0
            if m > 0 {
                let law = try ChiSquared(degreesOfFreedom: Double(2 * m))
                lower = 0.5 * (try conservativeRoot(below: true, scale: Double(2 * m)) { x throws(GSLError) in try law.cdf(x) - alpha / 2 })
            }
            let law = try ChiSquared(degreesOfFreedom: Double(2 * (m + 1)))
            let upper = 0.5 * (try conservativeRoot(below: false, scale: Double(2 * (m + 1))) { x throws(GSLError) in
                alpha / 2 - (try law.survival(x))
            })
            return (lower, upper)
        } catch {
            throw .numerical("Garwood interval for \(m) at α = \(alpha): \(error)")
        }
    }

    /// The Clopper–Pearson interval by bisection of ReferenceLaws `BetaDistribution` (GSL) CDFs:
    /// lower = root of I_p(x, n − x + 1) = α/2, upper = root of 1 − I_p(x + 1, n − x) = α/2, each rounded outwards.
    /// (GSL's Beta quantile inversion, behind `ExactBinomial.clopperPearson`, fails to converge for n ≈ 10⁶ at
    /// α ≈ 10⁻⁹; the CDFs are accurate there — tested against mpmath.)
    public static func clopperPearson(successes x: Int, trials n: Int, alpha: Double) throws(VerificationError)
        -> (lower: Double, upper: Double)
    {
        do {
            var lower = 0.0, upper = 1.0
            if x > 0 {
                let law = try BetaDistribution(a: Double(x), b: Double(n - x + 1))
                lower = try conservativeRoot(below: true, scale: 1) { p throws(GSLError) in try law.cdf(p) - alpha / 2 }
            }
            if x < n {
                let law = try BetaDistribution(a: Double(x + 1), b: Double(n - x))
                upper = try conservativeRoot(below: false, scale: 1) { p throws(GSLError) in alpha / 2 - (try law.survival(p)) }
            }
            return (lower, upper)
        } catch {
            throw .numerical("Clopper–Pearson bounds for \(x)/\(n) at α = \(alpha): \(error)")
        }
    }

    /// The root of an increasing function g on [0, scale·∞) by bracketing and bisection to relative width 1e-14; returns
    /// the bracket end that keeps the interval conservative (`below`: the largest point with g ≤ 0; else the smallest
    /// with g ≥ 0).
    static func conservativeRoot(below: Bool, scale: Double, _ g: (Double) throws(GSLError) -> Double) throws(GSLError) -> Double {
        var lo = 0.0, hi = max(scale, 1e-300)
        if scale == 1 { hi = 1 } else { while try g(hi) < 0 { lo = hi; hi *= 2 } }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if try g(mid) < 0 { lo = mid } else { hi = mid }
            if hi - lo <= 1e-14 * hi { break }
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

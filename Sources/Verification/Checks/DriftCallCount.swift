import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary
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
    public let substeps: MidpointCount
    public let chainSteps: Int
    public let midpointCount: Int
    public let alpha: Double
    /// Calls per step: the estimate 1 + M/n and its exact interval.
    public let estimate: Double
    public let lower: Double
    public let upper: Double
    /// "Clopper–Pearson", "Garwood χ²" or "deterministic".
    public let method: String

    /// The claimed mean calls per step, 2 − 1/K (K = ∞: 2): the theory's cost of PLMC(K).
    public var claimed: Double { Scheme.plmc(substeps).theory.evaluationsPerStep }
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// Throws unless n ≥ 1, M ≥ 0, 0 < α < 1. A count above the number of trials n(K − 1) (impossible under the
    /// claim) gives the empty interval [∞, ∞] — it excludes the claimed value.
    public init(substeps: MidpointCount, chainSteps n: Int, midpointCount m: Int, alpha: Double) throws(VerificationError) {
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
        let lower = m == 0 ? 0 : DiscreteTails.conservativeRoot(below: true, bracket: (max(0, mm - spread), mm)) { lambda in
            // P_λ(M ≥ m) increases in λ
            DiscreteTails.poissonUpper(mean: lambda, atLeast: m) - alpha / 2
        }
        let upper = DiscreteTails.conservativeRoot(below: false, bracket: (mm + 1, mm + 1 + spread)) { lambda in
            alpha / 2 - DiscreteTails.poissonLower(mean: lambda, atMost: m)
        }
        try require(lower.isFinite && upper.isFinite, "Garwood interval", "[\(lower), \(upper)]", "must be finite")
        return (lower, upper)
    }

    /// The Clopper–Pearson interval by binomial tail sums (`BetaDistribution.clopperPearsonByTails` in
    /// ReferenceLaws, each end rounded outwards), with this module's typed errors. (GSL's Beta inversion fails to
    /// converge, and its CDF returns NaN, for n ≈ 10⁶–10⁷ at α ≈ 10⁻⁹.)
    public static func clopperPearson(successes x: Int, trials n: Int, alpha: Double) throws(VerificationError)
        -> (lower: Double, upper: Double)
    {
        try require(n >= 1 && x >= 0 && x <= n, "successes/trials", "\(x)/\(n)", "need 0 ≤ x ≤ n, n ≥ 1")
        try require(alpha > 0 && alpha < 1, "α", alpha, "must lie in (0, 1)")
        let bounds = BetaDistribution.clopperPearsonByTails(successes: x, trials: n, alpha: alpha)
        try require(bounds.lower.isFinite && bounds.upper.isFinite, "Clopper–Pearson interval",
                    "[\(bounds.lower), \(bounds.upper)]", "must be finite")
        return bounds
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

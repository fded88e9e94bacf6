import Foundation

/// The Kolmogorov limit law of √n·sup|Fₙ − F| (Kolmogorov 1933):
///
///   survival Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²},
///   cdf      K(λ) = 1 − Q(λ) = (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}   (Jacobi theta transform).
///
/// The alternating series is used for λ ≥ 1 and the theta form for λ < 1; both then converge in a few
/// terms, and each gives the *small* side (Q for large λ, K for small λ) to full relative accuracy.
/// The quantile is found by safeguarded Newton iteration inside a bisection bracket.
/// Also the DKW–Massart envelope (Massart, Ann. Probab. 18 (1990) 1269–1283):
/// P(sup|Fₙ − F| > ε) ≤ 2e^{−2nε²}, so ε = √(ln(2/α)/(2n)) gives a level-α band for every n ≥ 1.
///
/// Derivations in PN-L08. Checked against mpmath in `data/reference/laws/distributions.json` (`KolmogorovTests`).
public enum Kolmogorov {
    private static let thetaThreshold = 1.0

    /// Q(λ) = P(K > λ); 1 for λ ≤ 0.
    public static func survival(_ lambda: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(lambda, "Kolmogorov.survival: λ")
        if lambda <= 0 { return 1 }
        if lambda < thetaThreshold { return 1 - thetaCDF(lambda) }
        return alternatingSurvival(lambda)
    }

    /// K(λ) = P(K ≤ λ); 0 for λ ≤ 0.
    public static func cdf(_ lambda: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(lambda, "Kolmogorov.cdf: λ")
        if lambda <= 0 { return 0 }
        if lambda < thetaThreshold { return thetaCDF(lambda) }
        return 1 - alternatingSurvival(lambda)
    }

    /// The density K′(λ); 0 for λ ≤ 0.
    public static func pdf(_ lambda: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(lambda, "Kolmogorov.pdf: λ")
        if lambda <= 0 || lambda == .infinity { return 0 }
        if lambda < thetaThreshold {
            // d/dλ [(√(2π)/λ) Σ e^{−c_k/λ²}] = √(2π) Σ e^{−c_k/λ²} (2c_k/λ⁴ − 1/λ²).
            var sum = 0.0
            for k in 1...64 {
                let odd = Double(2 * k - 1)
                let c = odd * odd * Double.pi * Double.pi / 8
                let term = exp(-c / (lambda * lambda)) * (2 * c / (lambda * lambda * lambda * lambda) - 1 / (lambda * lambda))
                sum += term
                if abs(term) <= 1e-17 * abs(sum) { break }
            }
            return (2 * Double.pi).squareRoot() * sum
        }
        // −Q′(λ) = 8λ Σ (−1)^{k−1} k² e^{−2k²λ²}.
        var sum = 0.0
        for k in 1...64 {
            let kk = Double(k * k)
            let term = kk * exp(-2 * kk * lambda * lambda)
            sum += k % 2 == 1 ? term : -term
            if term <= 1e-17 * abs(sum) { break }
        }
        return 8 * lambda * sum
    }

    /// The λ with K(λ) = p, p ∈ [0, 1]; quantile(0) = 0, quantile(1) = ∞.
    public static func quantile(_ p: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(p, "Kolmogorov.quantile: p")
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        if p <= 0.5 { return try solve(target: p, useSurvival: false) }
        return try solve(target: 1 - p, useSurvival: true)   // 1 − p is exact for p ≥ ½ (Sterbenz)
    }

    /// The λ with Q(λ) = q, accurate for tiny q; upperQuantile(0) = ∞, upperQuantile(1) = 0.
    public static func upperQuantile(_ q: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(q, "Kolmogorov.upperQuantile: q")
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        if q <= 0.5 { return try solve(target: q, useSurvival: true) }
        return try solve(target: 1 - q, useSurvival: false)
    }

    /// DKW–Massart half-width ε = √(ln(2/α)/(2n)): P(sup_x |Fₙ(x) − F(x)| > ε) ≤ α for every n ≥ 1
    /// (Massart 1990). Throws for n < 1 or α ∉ (0, 1].
    public static func dkwEpsilon(n: Int, alpha: Double) throws(GSLError) -> Double {
        guard n >= 1 else { throw LawArgument.domainError("dkwEpsilon: n", "sample size \(n) must be ≥ 1") }
        guard alpha > 0, alpha <= 1 else {
            throw LawArgument.domainError("dkwEpsilon: alpha", "α = \(alpha) must lie in (0, 1]")
        }
        return (log(2 / alpha) / (2 * Double(n))).squareRoot()
    }

    // MARK: Series

    private static func alternatingSurvival(_ lambda: Double) -> Double {
        var sum = 0.0
        for k in 1...64 {
            let kk = Double(k * k)
            let term = exp(-2 * kk * lambda * lambda)
            sum += k % 2 == 1 ? term : -term
            if term <= 1e-17 * sum { break }
        }
        return 2 * sum
    }

    private static func thetaCDF(_ lambda: Double) -> Double {
        var sum = 0.0
        for k in 1...64 {
            let odd = Double(2 * k - 1)
            let term = exp(-odd * odd * Double.pi * Double.pi / (8 * lambda * lambda))
            sum += term
            if term <= 1e-17 * sum { break }
        }
        return (2 * Double.pi).squareRoot() / lambda * sum
    }

    /// Solves K(λ) = target (or Q(λ) = target) for target ∈ (0, ½].
    private static func solve(target: Double, useSurvival: Bool) throws(GSLError) -> Double {
        // g is increasing in λ in both cases: g = K − target, or g = target − Q.
        func g(_ lambda: Double) throws(GSLError) -> Double {
            useSurvival ? target - (try survival(lambda)) : (try cdf(lambda)) - target
        }
        // Bracket: K(0.01) underflows to 0; Q(λ) ≤ 2e^{−2λ²} < target once λ > √(ln(2/target)/2).
        var lo = 0.01
        var hi = (log(2 / target) / 2).squareRoot() + 1
        guard try g(lo) <= 0, try g(hi) >= 0 else {
            throw LawArgument.domainError("Kolmogorov quantile", "could not bracket target \(target)")
        }
        var x = 0.5 * (lo + hi)
        for _ in 0..<200 {
            let value = try g(x)
            if value == 0 { return x }
            if value < 0 { lo = x } else { hi = x }
            let slope = try pdf(x)
            var next = slope > 0 ? x - value / slope : .nan
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }   // Newton left the bracket: bisect
            if abs(next - x) <= 2 * Double.ulpOfOne * x || hi - lo <= 2 * Double.ulpOfOne * hi { return next }
            x = next
        }
        return x
    }
}

// Guaranteed-level (finite-n, no CLT) half-widths for budgeted checks (docs/testing-policy.md §2.1, R12).
import Foundation

/// Hoeffding (1963, Theorem 2): for iid X₁…Xₙ in [a, b], P(|X̄ − μ| ≥ t) ≤ 2 exp(−2nt²/(b − a)²). The
/// two-sided half-width at level α is therefore
/// ```
/// t = (b − a) · √(ln(2/α) / (2n)).
/// ```
/// Throws unless n ≥ 1, 0 < α ≤ 1 and a ≤ b are finite.
public func hoeffdingHalfWidth(n: Int, range: ClosedRange<Double>, alpha: Double) throws(VerificationError) -> Double {
    try requireSampleSize(n, minimum: 1)
    try requireLevel(alpha, "α")
    let width = try rangeWidth(range)
    return width * (log(2 / alpha) / (2 * Double(n))).squareRoot()
}

/// Empirical Bernstein bound, two-sided, from Maurer & Pontil, "Empirical Bernstein Bounds and Sample
/// Variance Penalization", COLT 2009 (arXiv 0907.3740), Theorem 4.
///
/// Theorem 4 is one-sided: for n ≥ 2 iid X in [0, 1] and δ > 0, with probability ≥ 1 − δ,
/// E X − X̄ ≤ √(2 Vₙ ln(2/δ)/n) + 7 ln(2/δ)/(3(n − 1)), where Vₙ = (1/(n(n−1))) Σ_{i<j} (Xᵢ − Xⱼ)² is the
/// unbiased sample variance (divisor n − 1); the "2" in ln(2/δ) comes from its proof (Bennett's inequality
/// and a bound on √Vₙ, each at δ/2). Rescaling to [a, b] multiplies the deviation by (b − a) and Vₙ by
/// (b − a)². The two-sided interval applies the theorem to X and to −X, each at δ = α/2 (union bound):
/// ```
/// t = √(2 V ln(4/α) / n) + 7 (b − a) ln(4/α) / (3(n − 1)),
/// ```
/// so P(|X̄ − μ| > t) ≤ α. (The one-sided deviation at level α is `empiricalBernsteinDeviation`.)
/// Throws unless n ≥ 2, V finite and ≥ 0, 0 < α ≤ 1, a ≤ b finite.
public func empiricalBernsteinHalfWidth(
    n: Int, sampleVariance: Double, range: ClosedRange<Double>, alpha: Double
) throws(VerificationError) -> Double {
    try requireLevel(alpha, "α")
    return try empiricalBernsteinDeviation(n: n, sampleVariance: sampleVariance, range: range, alpha: alpha / 2)
}

/// The one-sided empirical Bernstein deviation of Maurer & Pontil (2009), Theorem 4, at level α:
/// √(2 V ln(2/α)/n) + 7 (b − a) ln(2/α)/(3(n − 1)); P(μ − X̄ > t) ≤ α and, applied to −X, P(X̄ − μ > t) ≤ α.
public func empiricalBernsteinDeviation(
    n: Int, sampleVariance: Double, range: ClosedRange<Double>, alpha: Double
) throws(VerificationError) -> Double {
    try requireSampleSize(n, minimum: 2)
    try requireLevel(alpha, "α")
    let width = try rangeWidth(range)
    try require(sampleVariance >= 0 && sampleVariance.isFinite, "sample variance", sampleVariance, "must be finite and ≥ 0")
    let logTerm = log(2 / alpha)
    return (2 * sampleVariance * logTerm / Double(n)).squareRoot() + 7 * width * logTerm / (3 * Double(n - 1))
}

/// Dvoretzky–Kiefer–Wolfowitz with Massart's constant (Ann. Probab. 18(3), 1990): for iid real samples,
/// P(supₓ |Fₙ(x) − F(x)| > ε) ≤ 2 exp(−2nε²) whenever that bound is ≤ 1, i.e. for every α ≤ 1. The
/// simultaneous band half-width at level α is
/// ```
/// ε = √(ln(2/α) / (2n)).
/// ```
/// Throws unless n ≥ 1 and 0 < α ≤ 1.
public func dkwHalfWidth(n: Int, alpha: Double) throws(VerificationError) -> Double {
    try requireSampleSize(n, minimum: 1)
    try requireLevel(alpha, "α")
    return (log(2 / alpha) / (2 * Double(n))).squareRoot()
}

func requireSampleSize(_ n: Int, minimum: Int) throws(VerificationError) {
    try require(n >= minimum, "n", n, "must be ≥ \(minimum)")
}

func requireLevel(_ level: Double, _ name: String) throws(VerificationError) {
    try require(level > 0 && level <= 1, name, level, "must lie in (0, 1]")
}

func rangeWidth(_ range: ClosedRange<Double>) throws(VerificationError) -> Double {
    try require(range.lowerBound.isFinite && range.upperBound.isFinite, "range", range, "must be finite")
    return range.upperBound - range.lowerBound
}

// Design checks (docs/testing-policy.md R2): does the sample size resolve the discrepancy the test must detect?
import Foundation

/// The smallest n for which a two-sided Hoeffding test of a mean in [a, b] has false-failure rate ≤ α and
/// detects any true mean at distance ≥ δ from the reference with probability ≥ 1 − β (docs/testing-policy.md R2):
/// ```
/// n = ⌈(b − a)² · max(ln(2/α), ln(2/β)) / (2 (δ/2)²)⌉.
/// ```
/// Reason: at this n both half-widths t_α and t_β are ≤ δ/2; the test rejects when |X̄ − μ₀| > t_α, and a
/// mutant with |μ' − μ₀| ≥ δ passes only if |X̄ − μ'| ≥ δ − t_α ≥ t_β, which has probability ≤ β.
/// Throws unless 0 < α, β ≤ 1, δ > 0 finite and a < b finite.
public func hoeffdingSampleSize(
    range: ClosedRange<Double>, discrepancy: Double, alpha: Double, beta: Double
) throws(VerificationError) -> Int {
    let width = try rangeWidth(range)
    try require(width > 0, "range", range, "must have positive width")
    return try dkwStyleSampleSize(scaledDiscrepancy: discrepancy / width, alpha: alpha, beta: beta)
}

/// The smallest n for which a DKW test of a CDF (false-failure ≤ α) detects a sup-distance ≥ δ with
/// probability ≥ 1 − β: n = ⌈max(ln(2/α), ln(2/β)) / (2 (δ/2)²)⌉ (the TFP `min_num_samples_for_dkwm_cdf_test`
/// pattern; same argument as `hoeffdingSampleSize` with b − a = 1).
public func dkwSampleSize(discrepancy: Double, alpha: Double, beta: Double) throws(VerificationError) -> Int {
    try dkwStyleSampleSize(scaledDiscrepancy: discrepancy, alpha: alpha, beta: beta)
}

private func dkwStyleSampleSize(scaledDiscrepancy delta: Double, alpha: Double, beta: Double) throws(VerificationError) -> Int {
    try requireLevel(alpha, "α")
    try requireLevel(beta, "β")
    try require(delta > 0 && delta.isFinite, "discrepancy δ", delta, "must be finite and > 0")
    let n = max(log(2 / alpha), log(2 / beta)) / (2 * (delta / 2) * (delta / 2))
    try require(n < Double(Int.max / 2), "sample size", n, "is too large to represent")
    return Int(n.rounded(.up))
}

import DenseLinearAlgebra
import Foundation

/// Distances and divergences between Gaussian laws P = N(μ_P, Σ_P) and Q = N(μ_Q, Σ_Q) on ℝᵈ.
///
/// * KL (PN-L01): KL(P‖Q) = ½[tr(Σ_Q⁻¹Σ_P) + (μ_Q−μ_P)ᵀΣ_Q⁻¹(μ_Q−μ_P) − d + log det Σ_Q − log det Σ_P].
/// * W2 (PN-L02): W2² = |μ_P−μ_Q|² + tr Σ_P + tr Σ_Q − 2 tr (Σ_P^{1/2} Σ_Q Σ_P^{1/2})^{1/2}.
/// * Hellinger (PN-L03): H² = 1 − det(Σ_P)^{1/4}det(Σ_Q)^{1/4}/det(Σ̄)^{1/2} · exp(−⅛ Δμᵀ Σ̄⁻¹ Δμ), Σ̄ = (Σ_P+Σ_Q)/2.
/// * TV (PN-L04): exact in 1-D; in d dimensions an interval from Devroye–Mehrabian–Reddad (arXiv 1810.08693,
///   Theorem 1.1), Pinsker, Bretagnolle–Huber, Hellinger and exact 1-D projections.
///
/// Every function throws `GaussianLawError.matrix(.dimensionMismatch)` when the dimensions differ.
public enum GaussianDistance {
    /// KL(P‖Q) (PN-L01), computed as ½[Σᵢ (xᵢ − log(1+xᵢ)) + |L_Q⁻¹(μ_P − μ_Q)|²] where xᵢ are the
    /// eigenvalues of Σ_Q⁻¹Σ_P − I obtained from L_Q⁻¹(Σ_P − Σ_Q)L_Q⁻ᵀ (no cancellation for close laws).
    public static func kullbackLeibler(_ p: GaussianLaw, _ q: GaussianLaw) throws(GaussianLawError) -> Double {
        try p.requireSameDimension(q, "second law (KL)")
        let spectrum = try RelativeSpectrum(of: p.covariance, relativeTo: q)
        let shift = q.factor.solveLower(zip(p.mean, q.mean).map { $0 - $1 })
        let mahalanobis = shift.reduce(0) { $0 + $1 * $1 }
        return 0.5 * (spectrum.traceMinusLogDet + mahalanobis)
    }

    /// (KL(P‖Q), KL(Q‖P)).
    public static func kullbackLeiblerBothDirections(_ p: GaussianLaw, _ q: GaussianLaw) throws(GaussianLawError)
        -> (forward: Double, reverse: Double)
    {
        (try kullbackLeibler(p, q), try kullbackLeibler(q, p))
    }
}

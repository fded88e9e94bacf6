import DenseLinearAlgebra
import Foundation

extension GaussianDistance {
    /// The squared Hellinger distance H²(P, Q) = 1 − BC(P, Q), BC = ∫√(pq) (PN-L03), normalised so H² ∈ [0, 1]:
    ///
    ///   BC = det(Σ_P)^{1/4} det(Σ_Q)^{1/4} / det(Σ̄)^{1/2} · exp(−⅛ Δμᵀ Σ̄⁻¹ Δμ),  Σ̄ = (Σ_P + Σ_Q)/2.
    ///
    /// With xᵢ the eigenvalues of Σ_P⁻¹Σ_Q − I (`RelativeSpectrum`), the determinant factor is
    /// Πᵢ (1+xᵢ)^{1/4} / (1+xᵢ/2)^{1/2}, so log BC = Σᵢ [¼ log1p(xᵢ) − ½ log1p(xᵢ/2)] − ⅛ Δμᵀ Σ̄⁻¹ Δμ and
    /// H² = −expm1(log BC): accurate when P ≈ Q.
    public static func hellingerSquared(_ p: GaussianLaw, _ q: GaussianLaw) throws(GaussianLawError) -> Double {
        try p.requireSameDimension(q, "second law (Hellinger)")
        let spectrum = try RelativeSpectrum(of: q.covariance, relativeTo: p)
        var logBC = 0.0
        for x in spectrum.excess {
            let clamped = Swift.max(x, -1 + Double.ulpOfOne)
            logBC += 0.25 * log1p(clamped) - 0.5 * log1p(0.5 * clamped)
        }
        let average = (0.5 * (p.covariance + q.covariance)).symmetrized
        let factor = try GaussianFactor.cholesky(average, "(Σ_P + Σ_Q)/2")
        let y = factor.solveLower(zip(p.mean, q.mean).map { $0 - $1 })
        logBC -= 0.125 * y.reduce(0) { $0 + $1 * $1 }
        return Swift.min(1, Swift.max(0, -expm1(Swift.min(logBC, 0))))
    }

    /// The Hellinger distance H = √(H²) ∈ [0, 1] (PN-L03).
    public static func hellinger(_ p: GaussianLaw, _ q: GaussianLaw) throws(GaussianLawError) -> Double {
        (try hellingerSquared(p, q)).squareRoot()
    }
}

/// The eigenvalue-independent pieces of one RLMC-ULMC step (Shen–Lee randomized midpoint for underdamped
/// Langevin, arXiv 1909.05503 Alg. 1; step η, friction γ), from which the per-eigenvalue mean map,
/// second-moment map and noise covariance follow (PN-C13).
///
/// In one eigen-coordinate (eigenvalue λ, z = (y, v), y = x − m, b = −λy), with u ~ U[0, 1), t = uη:
///   z′ = 𝔹(u) z + ω(u),  𝔹(u) = A_η − λ D(u) r(u)ᵀ,  ω(u) = ν_η − λ D(u) e₁ᵀν_t,
///   D(u) = η A_{η(1−u)} e₂ = η (φ(η(1−u)), e^{−γη(1−u)})ᵀ,  r(u) = (1 − λ g(t), φ(t))ᵀ,
/// ν the OU noise of `FrozenForceOU` (one Brownian motion, so E[ν_η ν_tᵀ] = A_{η−t} Q_t). E[ω | u] = 0, hence
///   E[𝔹] = A_η − λ G_η e₁ᵀ − λ V_φ e₂ᵀ + λ² V_g e₁ᵀ,   V_f = ∫₀¹ f(uη) D(u) du   (∫ D du = G_η),
///   E[𝔹_k C 𝔹_lᵀ] = E𝔹_k C E𝔹_lᵀ + λ_kλ_l ∫ N_k C N_lᵀ du,
///     N_k(u) = (a − λ_k b) e₁ᵀ + c e₂ᵀ,  a = D − G_η,  b = g D − V_g,  c = φ D − V_φ  (centred over u), so
///     ∫ N_k C N_lᵀ = C₁₁ (S_aa − λ_l S_ab − λ_k S_abᵀ + λ_kλ_l S_bb) + C₁₂ (S_ac − λ_k S_bc)
///                  + C₂₁ (S_ac − λ_l S_bc)ᵀ + C₂₂ S_cc,   S_pq = ∫ p qᵀ du;
///   E[ωωᵀ] = Q_η − λ (R + Rᵀ) + λ² S,  R = ∫ D (A_{η−t} Q_t e₁)ᵀ du,  S = ∫ Q_{t,xx} D Dᵀ du.
/// The u-integrals (entire functions of u) use the composite Gauss–Legendre rule of `ChainQuadrature`; the
/// covariance over u is integrated from centred integrands (no cancellation when γη is small).
struct RandomizedMidpointUnderdampedPieces: UnderdampedBlockMoments {
    let transition: ChainMat2      // A_η
    let transitionMinusIdentity: ChainMat2   // A_η − I, without cancellation
    let forceGain: ChainVec2       // G_η
    let endNoise: ChainMat2        // Q_η
    private(set) var vPhi = ChainVec2.zero
    private(set) var vG = ChainVec2.zero
    private(set) var sAA = ChainMat2.zero
    private(set) var sAB = ChainMat2.zero
    private(set) var sBB = ChainMat2.zero
    private(set) var sAC = ChainMat2.zero
    private(set) var sBC = ChainMat2.zero
    private(set) var sCC = ChainMat2.zero
    private(set) var r = ChainMat2.zero
    private(set) var s = ChainMat2.zero

    init(eta: Double, friction gamma: Double, quadrature: ChainQuadrature) throws(ChainLawError) {
        let ou = FrozenForceOU(gamma: gamma)
        transition = ou.transition(eta)
        transitionMinusIdentity = ou.transitionMinusIdentity(eta)
        forceGain = ou.forceGain(eta)
        endNoise = ou.noiseCovariance(eta)
        let (nodes, weights) = try quadrature.rule(panels: quadrature.panelCount(gammaEta: gamma * eta))
        let gains = nodes.map { eta * ou.transition(eta * (1 - $0)).column2 }     // D(u)
        let phis = nodes.map { ou.phi(eta * $0) }
        let gs = nodes.map { ou.forcePosition(eta * $0) }
        // First pass: the means over u (∫ D du by the same rule, so that the centring is exact for the rule).
        var vOne = ChainVec2.zero
        for (index, w) in weights.enumerated() {
            let d = gains[index]
            vOne = vOne + w * d
            vPhi = vPhi + (w * phis[index]) * d
            vG = vG + (w * gs[index]) * d
        }
        // Second pass: the centred second moments, and the noise pieces.
        for (index, w) in weights.enumerated() {
            let t = eta * nodes[index]
            let d = gains[index]
            let a = d + (-1) * vOne
            let b = gs[index] * d + (-1) * vG
            let c = phis[index] * d + (-1) * vPhi
            sAA = sAA + w * a.outer(a)
            sAB = sAB + w * a.outer(b)
            sBB = sBB + w * b.outer(b)
            sAC = sAC + w * a.outer(c)
            sBC = sBC + w * b.outer(c)
            sCC = sCC + w * c.outer(c)
            let q = ou.noiseCovariance(t)
            r = r + w * d.outer(ou.transition(eta - t) * q.column1)     // E[ν_η y_t] = A_{η−t} Q_t e₁
            s = s + (w * q.a11) * d.outer(d)
        }
    }

    /// The u-variance part of C ↦ E[𝔹_k C 𝔹_lᵀ] (4×4 on row-major vec(C) = (C₁₁, C₁₂, C₂₁, C₂₂)):
    /// λ_kλ_l ∫ N_k C N_lᵀ du.
    func varianceMap(_ lk: Double, _ ll: Double) -> [Double] {
        var m = [Double](repeating: 0, count: 16)
        let product = lk * ll
        guard product != 0 else { return m }
        let columns: [ChainMat2] = [
            sAA - ll * sAB - lk * sAB.transposed + product * sBB,
            sAC - lk * sBC,
            (sAC - ll * sBC).transposed,
            sCC,
        ]
        for (column, t) in columns.enumerated() {
            let v = t.vec
            for row in 0..<4 { m[row * 4 + column] += product * v[row] }
        }
        return m
    }
}

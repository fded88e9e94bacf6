/// The eigenvalue-independent pieces of one ULMC or PLMC-ULMC step (coarse step η, friction γ), from which
/// the per-eigenvalue mean map, second-moment map and noise covariance follow (PN-C07, PN-C08, PN-C09).
///
/// In one eigen-coordinate (eigenvalue λ, state z = (y, v)), given the midpoint flags, a step is
///   z′ = 𝔹 z + ω,  𝔹 = C₀ + Σᵢ Hᵢ D̂ᵢ,  C₀ = A_η − λ G_η e₁ᵀ,  D̂ᵢ = −λ D̃ᵢ rᵢᵀ,
///   D̃ᵢ = K A_{η−(i+1)h} G_h,  rᵢ = (−λ g(tᵢ), φ(tᵢ))ᵀ,  tᵢ = i h,  g = G_t's position entry,
///   ω = ν_η − λ Σᵢ Hᵢ D̃ᵢ yᵢ,   νₜ the OU noise of `FrozenForceOU` at time t, yᵢ = e₁ᵀ ν_{tᵢ}.
/// With mean weights ϖᵢ = P(Hᵢ = 1) = 1/K and variance weights ϑᵢ = Var(Hᵢ) = (1/K)(1 − 1/K):
///   E[𝔹] = A_η − λ G_η e₁ᵀ − λ V_φ e₂ᵀ + λ² V_g e₁ᵀ,        V_f = Σᵢ ϖᵢ f(tᵢ) D̃ᵢ,
///   E[𝔹_k C 𝔹_lᵀ] = E𝔹_k C E𝔹_lᵀ + λ_kλ_l [C₂₂ T_{φφ} − λ_k C₁₂ T_{φg} − λ_l C₂₁ T_{φg} + λ_kλ_l C₁₁ T_{gg}],
///                                                              T_f = Σᵢ ϑᵢ f(tᵢ) D̃ᵢ D̃ᵢᵀ,
///   E[ωωᵀ] = Q_η − λ (R + Rᵀ) + λ² S,  R = Σᵢ ϖᵢ D̃ᵢ (A_{η−tᵢ} Q_{tᵢ} e₁)ᵀ,
///   S = Σ_{i,j} ϖᵢϖⱼ E[yᵢyⱼ] D̃ᵢD̃ⱼᵀ + Σᵢ ϑᵢ Q_{tᵢ,xx} D̃ᵢD̃ᵢᵀ,  E[yᵢyⱼ] = Q_{s,xx} + Q_{s,xv} φ(t − s) (s ≤ t).
/// K = ∞: the sums become integrals over u = t/η ∈ [0, 1] (a Poisson process of rate 1), ϖ = ϑ = du,
/// D̃(u) = η A_{η(1−u)} e₂, evaluated with `ChainQuadrature`. ULMC: all sums vanish.
struct UnderdampedStepPieces {
    let transition: ChainMat2      // A_η
    let transitionMinusIdentity: ChainMat2   // A_η − I, without cancellation
    let forceGain: ChainVec2       // G_η
    let endNoise: ChainMat2        // Q_η
    private(set) var vPhi = ChainVec2.zero
    private(set) var vG = ChainVec2.zero
    private(set) var tPhiPhi = ChainMat2.zero
    private(set) var tPhiG = ChainMat2.zero
    private(set) var tGG = ChainMat2.zero
    private(set) var r = ChainMat2.zero
    private(set) var s = ChainMat2.zero

    /// ULMC(η, γ): no midpoints.
    init(ulmcEta eta: Double, friction gamma: Double) {
        let ou = FrozenForceOU(gamma: gamma)
        transition = ou.transition(eta)
        transitionMinusIdentity = ou.transitionMinusIdentity(eta)
        forceGain = ou.forceGain(eta)
        endNoise = ou.noiseCovariance(eta)
    }

    /// PLMC-ULMC(η, γ, K), finite K (the double sum over flags by an O(K) recursion, PN-C08).
    init(finiteEta eta: Double, friction gamma: Double, subSteps k: Int) {
        self.init(ulmcEta: eta, friction: gamma)
        guard k > 1 else { return }          // K = 1: the only midpoint is i = 0, whose term vanishes
        let ou = FrozenForceOU(gamma: gamma)
        let kd = Double(k)
        let h = eta / kd
        let p = 1 / kd
        let variance = p * (1 - p)
        let fineGain = ou.forceGain(h)
        let fineTransition = ou.transition(h)
        var sDiagonal = ChainMat2.zero
        var pairSum = ChainMat2.zero         // Σ_{i,j<j₀} ϖᵢϖⱼ E[yᵢyⱼ] D̃ᵢD̃ⱼᵀ, grows with j₀
        var crossRunning = ChainMat2.zero    // E[ν_{t_j} Ψ_jᵀ], Ψ_j = Σ_{i<j} ϖᵢ D̃ᵢ yᵢ
        for i in 0..<k {
            let t = Double(i) * h
            let d = kd * (ou.transition(Double(k - 1 - i) * h) * fineGain)
            let q = ou.noiseCovariance(t)
            accumulate(ou: ou, eta: eta, t: t, d: d, q: q, meanWeight: p, varianceWeight: variance)
            let dd = d.outer(d)
            sDiagonal = sDiagonal + (variance * q.a11) * dd
            // pair sum: add the terms pairing j = i with every earlier index, and the diagonal ϖᵢ² term.
            let rowOfCross = ChainVec2(a: crossRunning.a11, b: crossRunning.a12)   // E[yᵢ Ψᵢᵀ]
            let mixed = d.outer(rowOfCross)
            pairSum = pairSum + p * (mixed + mixed.transposed) + (p * p * q.a11) * dd
            crossRunning = fineTransition * (crossRunning + p * q.column1.outer(d))
        }
        s = pairSum + sDiagonal
    }

    /// PLMC-ULMC(η, γ, ∞): Poisson midpoints, integrals by composite Gauss–Legendre (PN-C09).
    init(poissonEta eta: Double, friction gamma: Double, quadrature: ChainQuadrature) throws(ChainLawError) {
        self.init(ulmcEta: eta, friction: gamma)
        let ou = FrozenForceOU(gamma: gamma)
        let (nodes, weights) = try quadrature.rule(panels: quadrature.panelCount(gammaEta: gamma * eta))
        func gain(_ u: Double) -> ChainVec2 { eta * ou.transition(eta * (1 - u)).column2 }
        let gains = nodes.map(gain)
        var sDiagonal = ChainMat2.zero
        var pairSum = ChainMat2.zero
        for (index, u) in nodes.enumerated() {
            let w = weights[index]
            let t = eta * u
            let d = gains[index]
            let q = ou.noiseCovariance(t)
            accumulate(ou: ou, eta: eta, t: t, d: d, q: q, meanWeight: w, varianceWeight: w)
            sDiagonal = sDiagonal + (w * q.a11) * d.outer(d)
            // ∫₀ᵘ du′ E[y(u′η) y(uη)] D̃(u′) D̃(u)ᵀ, then symmetrised.
            var inner = ChainMat2.zero
            for (innerIndex, v) in nodes.enumerated() {
                let uPrime = u * v
                let wPrime = u * weights[innerIndex]
                let qPrime = ou.noiseCovariance(eta * uPrime)
                let eyy = qPrime.a11 + qPrime.a12 * ou.phi(eta * (u - uPrime))
                inner = inner + (wPrime * eyy) * gain(uPrime).outer(d)
            }
            pairSum = pairSum + w * (inner + inner.transposed)
        }
        s = pairSum + sDiagonal
    }

    private mutating func accumulate(ou: FrozenForceOU, eta: Double, t: Double, d: ChainVec2, q: ChainMat2,
                                     meanWeight: Double, varianceWeight: Double) {
        let phi = ou.phi(t)
        let g = ou.forcePosition(t)
        vPhi = vPhi + (meanWeight * phi) * d
        vG = vG + (meanWeight * g) * d
        let dd = d.outer(d)
        tPhiPhi = tPhiPhi + (varianceWeight * phi * phi) * dd
        tPhiG = tPhiG + (varianceWeight * phi * g) * dd
        tGG = tGG + (varianceWeight * g * g) * dd
        let pushed = ou.transition(eta - t) * q.column1      // E[ν_η y_t] = A_{η−t} Q_t e₁
        r = r + meanWeight * d.outer(pushed)
    }

    /// The flag-variance part of C ↦ E[𝔹_k C 𝔹_lᵀ] (4×4 on row-major vec(C) = (C₁₁, C₁₂, C₂₁, C₂₂)):
    /// λ_kλ_l [C₂₂ T_{φφ} − λ_k C₁₂ T_{φg} − λ_l C₂₁ T_{φg} + λ_kλ_l C₁₁ T_{gg}].
    func varianceMap(_ lk: Double, _ ll: Double) -> [Double] {
        var m = [Double](repeating: 0, count: 16)
        let columns: [(Int, Double, ChainMat2)] = [
            (0, lk * lk * ll * ll, tGG), (1, -lk * lk * ll, tPhiG), (2, -lk * ll * ll, tPhiG), (3, lk * ll, tPhiPhi),
        ]
        for (column, factor, t) in columns where factor != 0 {
            let v = t.vec
            for row in 0..<4 { m[row * 4 + column] += factor * v[row] }
        }
        return m
    }
}

extension ChainMat2 {
    /// Second column (M e₂).
    var column2: ChainVec2 { ChainVec2(a: a12, b: a22) }
}

import Foundation

/// Exact second and fourth moments of the distance Δ = X − X_fine between a coarse scheme (LMC(η) or PLMC(η, K))
/// and fine LMC(η/K) under the synchronous coupling, on the 1-D Ornstein–Uhlenbeck target N(m, 1/a) (claim C12,
/// PN-P12, PN-V09).
///
/// Per coarse step, with x = ηa, h = η/K, Z₀ … Z_{K−1} the fine increments, flags Hᵢ ~ Bernoulli(1/K)
/// (i = 1 … K−1), and all states centred at m (arXiv 2405.17068 §2 on a linear drift; docs/theory.md §4.2, §4.7):
///
///     fine:  F' = γ F + v,   γ = (1 − ha)^K,   v = √(2h) Σⱼ γⱼ Zⱼ,   γⱼ = (1 − ha)^{K−1−j}
///     PLMC:  P' = β P + w,   β = 1 − x + x² Σᵢ Hᵢ i/K,   w = √(2h) Σⱼ (1 − x cⱼ) Zⱼ,   cⱼ = #{i flagged : i > j}
///     LMC:   the same with no flags (β = 1 − x, w = √(2h) Σⱼ Zⱼ)
///
/// Given the flags, (w, v) is a centred bivariate Gaussian, so E[P^r F^s] (r + s ≤ 4) obey a closed linear
/// recursion: E[P'^r F'^s] = Σ_{i≤r, j≤s} C(r,i) C(s,j) γ^j E_H[β^i E[w^{r−i} v^{s−j} | H]] E[P^i F^j], averaged over
/// the 2^{K−1} flag sets. Odd moments vanish (the chains start together at a draw of π, centred). Then
/// E Δ² = m₂₀ − 2m₁₁ + m₀₂ and E Δ⁴ = m₄₀ − 4m₃₁ + 6m₂₂ − 4m₁₃ + m₀₄.
///
/// For the clipped statistic min(Δ², c): E Δ² − E Δ⁴/(4c) ≤ E min(Δ², c) ≤ E Δ², since (u − c)₊ ≤ u²/(4c).
public struct CoupledGaussianMoments: Sendable, Equatable {
    /// E Δ² and E Δ⁴ after each coarse step t = 1 … steps (index t − 1).
    public let secondMoments: [Double]
    public let fourthMoments: [Double]

    /// The window averages over coarse steps burnIn + j·stride (j = 1 … window/stride), as recorded by
    /// `CoupledDriver`.
    public func windowAverages(burnIn: Int, window: Int, stride: Int) -> (second: Double, fourth: Double) {
        var s2 = 0.0, s4 = 0.0, count = 0
        var t = burnIn + stride
        while t <= burnIn + window {
            s2 += secondMoments[t - 1]
            s4 += fourthMoments[t - 1]
            count += 1
            t += stride
        }
        return (s2 / Double(count), s4 / Double(count))
    }

    /// Moments for `steps` coarse steps from a common start X = X_fine ~ N(m, 1/a) (π itself).
    /// `plmc = false` gives coarse LMC(η). Throws unless a > 0, η > 0, 1 ≤ K ≤ 12, steps ≥ 1.
    public init(precision a: Double, stepSize eta: Double, substeps k: Int, plmc: Bool, steps: Int) throws(VerificationError) {
        try require(a > 0 && a.isFinite, "a", a, "must be finite and > 0")
        try require(eta > 0 && eta.isFinite, "η", eta, "must be finite and > 0")
        try require(k >= 1 && k <= 12, "K", k, "must lie in 1…12 (flag enumeration)")
        try require(steps >= 1, "steps", steps, "must be ≥ 1")
        let h = eta / Double(k), x = eta * a
        let gammaJ = (0..<k).map { pow(1 - h * a, Double(k - 1 - $0)) }
        let gamma = pow(1 - h * a, Double(k))
        // step coefficients c[i][r][s] = E_H[β^i E[w^r v^s | H]] for i + r + s ≤ 4 with r + s even
        var coefficient = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 5), count: 5), count: 5)
        let p = 1 / Double(k)
        let masks = plmc ? (0..<(1 << max(k - 1, 0))) : (0..<1)
        for mask in masks {
            var probability = 1.0
            var beta = 1 - x
            var c = [Double](repeating: 0, count: k)   // c_j = #{flagged i > j}
            if plmc {
                for i in 1..<max(k, 1) {
                    if mask & (1 << (i - 1)) != 0 {
                        probability *= p
                        beta += x * x * Double(i) / Double(k)
                        for j in 0..<i { c[j] += 1 }
                    } else {
                        probability *= 1 - p
                    }
                }
            }
            var sww = 0.0, swv = 0.0, svv = 0.0
            for j in 0..<k {
                let wj = 1 - x * c[j], vj = gammaJ[j]
                sww += wj * wj; swv += wj * vj; svv += vj * vj
            }
            sww *= 2 * h; swv *= 2 * h; svv *= 2 * h
            // centred bivariate Gaussian moments E[w^r v^s] for r + s ∈ {0, 2, 4}
            func gaussianMoment(_ r: Int, _ s: Int) -> Double {
                switch (r, s) {
                case (0, 0): return 1
                case (2, 0): return sww
                case (1, 1): return swv
                case (0, 2): return svv
                case (4, 0): return 3 * sww * sww
                case (3, 1): return 3 * sww * swv
                case (2, 2): return sww * svv + 2 * swv * swv
                case (1, 3): return 3 * svv * swv
                case (0, 4): return 3 * svv * svv
                default: return 0
                }
            }
            for i in 0...4 {
                for r in 0...(4 - i) {
                    for s in 0...(4 - i - r) where (r + s) % 2 == 0 {
                        coefficient[i][r][s] += probability * pow(beta, Double(i)) * gaussianMoment(r, s)
                    }
                }
            }
        }
        func binomial(_ n: Int, _ k: Int) -> Double {
            var b = 1.0
            for t in 0..<k { b = b * Double(n - t) / Double(t + 1) }
            return b
        }
        // m[r][s] = E[P^r F^s], start: P = F ~ N(0, 1/a)
        var m = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 5)
        let v0 = 1 / a
        for r in 0...4 { for s in 0...(4 - r) where (r + s) % 2 == 0 {
            m[r][s] = (r + s) == 0 ? 1 : ((r + s) == 2 ? v0 : 3 * v0 * v0)
        } }
        var second: [Double] = [], fourth: [Double] = []
        second.reserveCapacity(steps); fourth.reserveCapacity(steps)
        for _ in 0..<steps {
            var next = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 5)
            for r in 0...4 {
                for s in 0...(4 - r) where (r + s) % 2 == 0 {
                    var total = 0.0
                    for i in 0...r {
                        for j in 0...s where (i + j) % 2 == 0 {
                            total += binomial(r, i) * binomial(s, j) * pow(gamma, Double(j))
                                * coefficient[i][r - i][s - j] * m[i][j]
                        }
                    }
                    next[r][s] = total
                }
            }
            m = next
            second.append(m[2][0] - 2 * m[1][1] + m[0][2])
            fourth.append(m[4][0] - 4 * m[3][1] + 6 * m[2][2] - 4 * m[1][3] + m[0][4])
        }
        secondMoments = second
        fourthMoments = fourth
    }
}

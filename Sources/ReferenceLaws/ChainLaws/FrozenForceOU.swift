import Foundation

/// The exact one-step quantities of the underdamped (kinetic) Langevin step with a frozen force, per
/// coordinate, for friction γ > 0 and a time t ≥ 0 (docs/theory.md §1; derivation in PN-C07):
///
///   dx = v ds, dv = −γ v ds + f ds + √(2γ) dB_s on [0, t], f constant:
///   (x, v)(t) = A_t (x, v)(0) + G_t f + ξ_t,
///   A_t = [[1, φ(t)], [0, e^{−γt}]],  φ(t) = (1 − e^{−γt})/γ,
///   G_t = ((γt − 1 + e^{−γt})/γ², φ(t))ᵀ,
///   ξ_t = ∫₀ᵗ e^{(t−s)L} (0, √(2γ))ᵀ dB_s ~ N(0, Q_t), L = [[0, 1], [0, −γ]],
///   Q_t = [[ (2/γ²)(s − 2(1 − e^{−s}) + (1 − e^{−2s})/2),  (1 − e^{−s})²/γ ],
///          [ (1 − e^{−s})²/γ,                              1 − e^{−2s}      ]],  s = γt.
///
/// Semigroup: A_s A_t = A_{s+t}, Σ_{j<i} A_h^{i−1−j} G_h = G_{ih}, Q_{s+t} = A_t Q_s A_tᵀ + Q_t.
/// The cancelling combinations s − 1 + e^{−s} and s − 2(1 − e^{−s}) + (1 − e^{−2s})/2 are evaluated by
/// their Taylor series for s < 1 (relative accuracy ~1e-16 at every s), expm1 elsewhere.
struct FrozenForceOU {
    let gamma: Double

    /// φ(t) = (1 − e^{−γt})/γ.
    func phi(_ t: Double) -> Double { -expm1(-gamma * t) / gamma }

    /// A_t.
    func transition(_ t: Double) -> ChainMat2 {
        ChainMat2(a11: 1, a12: phi(t), a21: 0, a22: exp(-gamma * t))
    }

    /// A_t − I = [[0, φ(t)], [0, e^{−γt} − 1]], without the cancellation of forming A_t and subtracting I (the step
    /// maps of tiny steps are I + O(t), and their O(t) part is what the stationary law depends on).
    func transitionMinusIdentity(_ t: Double) -> ChainMat2 {
        ChainMat2(a11: 0, a12: phi(t), a21: 0, a22: expm1(-gamma * t))
    }

    /// The position entry of G_t: (γt − 1 + e^{−γt})/γ².
    func forcePosition(_ t: Double) -> Double { Self.sMinusOnePlusExp(gamma * t) / (gamma * gamma) }

    /// G_t.
    func forceGain(_ t: Double) -> ChainVec2 { ChainVec2(a: forcePosition(t), b: phi(t)) }

    /// Q_t, the covariance of ξ_t.
    func noiseCovariance(_ t: Double) -> ChainMat2 {
        let s = gamma * t
        let xx = 2 * Self.positionNoiseCombination(s) / (gamma * gamma)
        let em = expm1(-s)
        let xv = em * em / gamma
        let vv = -expm1(-2 * s)
        return ChainMat2(a11: xx, a12: xv, a21: xv, a22: vv)
    }

    /// s − 1 + e^{−s} = Σ_{n≥2} (−s)ⁿ/n!.
    static func sMinusOnePlusExp(_ s: Double) -> Double {
        if s < 1 {
            var term = s * s / 2
            var sum = 0.0
            var n = 2.0
            while abs(term) > 1e-18 * abs(sum) || n < 4 {
                sum += term
                n += 1
                term *= -s / n
                if n > 60 { break }
            }
            return sum
        }
        return s + expm1(-s)
    }

    /// s − 2(1 − e^{−s}) + (1 − e^{−2s})/2 = Σ_{n≥3} (−1)^{n+1} (2^{n−1} − 2) sⁿ/n!.
    static func positionNoiseCombination(_ s: Double) -> Double {
        if s < 1 {
            var sum = 0.0
            var power = s * s * s / 6          // sⁿ/n! at n = 3
            var twoPow = 4.0                   // 2^{n−1} at n = 3
            var sign = 1.0
            var n = 3.0
            while n <= 60 {
                let term = sign * (twoPow - 2) * power
                sum += term
                if abs(term) <= 1e-18 * abs(sum) { break }
                n += 1
                power *= s / n
                twoPow *= 2
                sign = -sign
            }
            return sum
        }
        return s + 2 * expm1(-s) - expm1(-2 * s) / 2
    }
}

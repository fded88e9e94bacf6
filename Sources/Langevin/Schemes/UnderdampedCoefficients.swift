#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact one-step quantities of kinetic Langevin dynamics with the force frozen at b₀ over a step of length t
/// (PN-S03):
///
///     dx = v dt,   dv = −γ v dt + b₀ dt + √(2γ) dB
///
/// With z = γt and e₁ = 1 − e^{−z}:
///
///     x(t) = x + (e₁/γ)·v + ((z − e₁)/γ²)·b₀ + ξ_x        A_t = [[1, e₁/γ], [0, e^{−z}]]
///     v(t) = e^{−z}·v + (e₁/γ)·b₀ + ξ_v                    G_t = [(z − e₁)/γ², e₁/γ]
///
/// and (ξ_x, ξ_v) = ∫₀ᵗ A_{t−s}·(0, √(2γ))ᵀ dB_s, per coordinate a centred Gaussian pair with
///
///     Var ξ_v = 1 − e^{−2z} = e₁(2 − e₁),   Cov = e₁²/γ,   Var ξ_x = (2/γ²)·ψ(z),
///     ψ(z) = z − 2e₁ + (1 − e^{−2z})/2 = Σ_{n≥3} (−1)^{n+1}(2^{n−1} − 2) zⁿ/n!
///
/// sampled as ξ_v = σ_v g₁, ξ_x = c_x g₁ + s_x g₂ with σ_v = √(e₁(2 − e₁)), c_x = Cov/σ_v = e₁^{3/2}/(γ√(2 − e₁)),
/// s_x = √(S(z))/γ, S(z) = Var·γ² − Cov²γ²/Var_v = 2ψ(z) − e₁³/(2 − e₁) (= z³/6 − z⁵/60 + …).
/// ψ and z − e₁ use their series for z < 0.5 (no cancellation); e₁ uses expm1.
public struct UnderdampedStep: Sendable, Equatable {
    public let friction: Double
    public let duration: Double
    /// A_t entries: x ← x + axv·v, v ← avv·v.
    public let axv: Double, avv: Double
    /// G_t entries.
    public let gx: Double, gv: Double
    /// Noise factors: ξ_v = sv·g₁, ξ_x = cx·g₁ + sx·g₂.
    public let sv: Double, cx: Double, sx: Double
    /// The exact noise covariance entries (for reference and tests).
    public let varianceX: Double, covarianceXV: Double, varianceV: Double

    public init(friction gamma: Double, duration t: Double) {
        friction = gamma
        duration = t
        let z = gamma * t
        let e1 = -expm1(-z)
        let decay = exp(-z)
        axv = e1 / gamma
        avv = decay
        gx = UnderdampedStep.zMinusE1(z) / (gamma * gamma)
        gv = e1 / gamma
        let psi = UnderdampedStep.psi(z)
        let schur = max(2 * psi - e1 * e1 * e1 / (2 - e1), 0)
        varianceV = e1 * (2 - e1)
        covarianceXV = e1 * e1 / gamma
        varianceX = 2 * psi / (gamma * gamma)
        sv = varianceV.squareRoot()
        cx = z > 0 ? (e1 * e1.squareRoot()) / (gamma * (2 - e1).squareRoot()) : 0
        sx = schur.squareRoot() / gamma
    }

    /// z − (1 − e^{−z}) = Σ_{n≥2} (−1)ⁿ zⁿ/n!.
    static func zMinusE1(_ z: Double) -> Double {
        if z >= 0.5 { return z + expm1(-z) }
        var term = z * z / 2, sum = 0.0
        var n = 2.0
        while abs(term) > 1e-18 * abs(sum) || n < 4 {
            sum += term
            n += 1
            term *= -z / n
            if n > 40 { break }
        }
        return sum
    }

    /// ψ(z) = z − 2(1 − e^{−z}) + (1 − e^{−2z})/2 = Σ_{n≥3} (−1)^{n+1}(2^{n−1} − 2) zⁿ/n!.
    static func psi(_ z: Double) -> Double {
        if z >= 0.5 { return z + 2 * expm1(-z) - expm1(-2 * z) / 2 }
        var sum = 0.0
        var power = z * z * z / 6        // zⁿ/n! at n = 3
        var twoPower = 4.0               // 2^{n−1}
        var sign = 1.0
        for n in 3...40 {
            let term = sign * (twoPower - 2) * power
            sum += term
            if abs(term) < 1e-18 * abs(sum) { break }
            power *= z / Double(n + 1)
            twoPower *= 2
            sign = -sign
        }
        return sum
    }
}

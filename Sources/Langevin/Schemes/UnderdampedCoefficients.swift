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
        // one transcendental call: e₁ = 1 − e^{−z} by expm1; e^{−z} = 1 − e₁ is exact to an ulp while e^{−z} ≥ 0.6
        let e1 = -expm1(-z)
        let decay = z < 0.5 ? 1 - e1 : exp(-z)
        let inverseGamma = 1 / gamma
        axv = e1 * inverseGamma
        avv = decay
        gx = UnderdampedStep.zMinusE1(z, e1: e1) * inverseGamma * inverseGamma
        gv = e1 * inverseGamma
        varianceV = e1 * (2 - e1)
        let psi = UnderdampedStep.psi(z, e1: e1, oneMinusDecaySquared: varianceV)
        let schur = max(2 * psi - e1 * e1 * e1 / (2 - e1), 0)
        covarianceXV = e1 * e1 * inverseGamma
        varianceX = 2 * psi * inverseGamma * inverseGamma
        sv = varianceV.squareRoot()
        cx = z > 0 ? covarianceXV / sv : 0          // = e₁^{3/2}/(γ√(2 − e₁))
        sx = schur.squareRoot() * inverseGamma
    }

    /// z − (1 − e^{−z}) = Σ_{n≥2} (−1)ⁿ zⁿ/n!. For z < 0.5 the series through n = 20 by Horner's rule (the first
    /// omitted term is below 10⁻²⁵ relative; coefficients (−1)ⁿ/n! rounded once from 40-digit values), with no
    /// cancellation and no division; otherwise z + expm1(−z).
    static func zMinusE1(_ z: Double) -> Double { zMinusE1(z, e1: -expm1(-z)) }

    /// The same with e₁ = 1 − e^{−z} already computed (used for z ≥ 0.5 only).
    static func zMinusE1(_ z: Double, e1: Double) -> Double {
        if z >= 0.5 { return z - e1 }
        var p = 4.1103176233121649e-19
        p = p * z - 8.2206352466243297e-18
        p = p * z + 1.5619206968586226e-16
        p = p * z - 2.8114572543455208e-15
        p = p * z + 4.7794773323873853e-14
        p = p * z - 7.6471637318198165e-13
        p = p * z + 1.1470745597729725e-11
        p = p * z - 1.6059043836821615e-10
        p = p * z + 2.0876756987868099e-9
        p = p * z - 2.5052108385441719e-8
        p = p * z + 2.7557319223985891e-7
        p = p * z - 2.7557319223985891e-6
        p = p * z + 2.4801587301587302e-5
        p = p * z - 1.9841269841269841e-4
        p = p * z + 1.3888888888888889e-3
        p = p * z - 8.3333333333333333e-3
        p = p * z + 4.1666666666666667e-2
        p = p * z - 1.6666666666666667e-1
        p = p * z + 0.5
        return p * z * z
    }

    /// ψ(z) = z − 2(1 − e^{−z}) + (1 − e^{−2z})/2 = Σ_{n≥3} (−1)^{n+1}(2^{n−1} − 2) zⁿ/n!. For z < 0.5 the series through
    /// n = 22 by Horner's rule (first omitted term below 10⁻²¹ relative; coefficients rounded once from 40-digit
    /// values); otherwise the closed form.
    static func psi(_ z: Double) -> Double {
        let e1 = -expm1(-z)
        return psi(z, e1: e1, oneMinusDecaySquared: e1 * (2 - e1))
    }

    /// The same with e₁ = 1 − e^{−z} and 1 − e^{−2z} already computed (used for z ≥ 0.5 only).
    static func psi(_ z: Double, e1: Double, oneMinusDecaySquared: Double) -> Double {
        if z >= 0.5 { return z - 2 * e1 + oneMinusDecaySquared / 2 }
        var p = -1.865790606867772e-15
        p = p * z + 2.0523677102604428e-14
        p = p * z - 2.1549819854558417e-13
        p = p * z + 2.154973764820595e-12
        p = p * z - 2.0472094573725967e-11
        p = p * z + 1.8424603970627936e-10
        p = p * z - 1.5660435427300507e-9
        p = p * z + 1.2527583625467223e-8
        p = p * z - 9.3945406445406445e-8
        p = p * z + 6.574572546794769e-7
        p = p * z - 4.2713844797178131e-6
        p = p * z + 2.5603254769921437e-5
        p = p * z - 1.4054232804232804e-4
        p = p * z + 6.9995590828924162e-4
        p = p * z - 3.125e-3
        p = p * z + 1.2301587301587302e-2
        p = p * z - 4.1666666666666667e-2
        p = p * z + 1.1666666666666667e-1
        p = p * z - 0.25
        p = p * z + 3.3333333333333333e-1
        return p * z * z * z
    }
}

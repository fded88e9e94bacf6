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

    /// The coefficients of a step of length t: lane 0 of `lanes`, the one transcription of the closed forms above (the
    /// engine fills its random durations four at a time with `fill`; a scheme's fixed steps are made once, here).
    /// `UnderdampedCoefficientPinTests` pins their bits.
    public init(friction gamma: Double, duration t: Double) {
        self.init(UnderdampedStep.lanes(friction: gamma, durations: SIMD4(t, 0, 0, 0), used: 1), lane: 0)
    }

    /// Lane `l` of four steps' coefficients.
    @inline(__always)
    init(_ lanes: Lanes, lane l: Int) {
        friction = lanes.friction
        duration = lanes.durations[l]
        axv = lanes.axv[l]; avv = lanes.avv[l]; gx = lanes.gx[l]; gv = lanes.gv[l]
        sv = lanes.sv[l]; cx = lanes.cx[l]; sx = lanes.sx[l]
        varianceX = lanes.varianceX[l]; covarianceXV = lanes.covarianceXV[l]; varianceV = lanes.varianceV[l]
    }

    /// The steps of the durations `durations[0 ..< count]` into `into[0 ..< count]`, four durations per SIMD lane group
    /// (`lanes`) — the same numbers as `UnderdampedStep(friction:duration:)` for each (`UnderdampedCoefficientPinTests`),
    /// but the series of four durations advance side by side instead of one dependent chain after another. RLMC-ULMC
    /// fills its block's 2n durations at once, PLMC-ULMC its block's OU intervals.
    package static func fill(friction gamma: Double, durations: UnsafePointer<Double>, count: Int,
                             into steps: UnsafeMutablePointer<UnderdampedStep>) {
        var first = 0
        while first < count {
            let (t, used) = laneGroup(durations, from: first, count: count)
            let lanes = UnderdampedStep.lanes(friction: gamma, durations: t, used: used)
            for l in 0..<used { steps[first + l] = UnderdampedStep(lanes, lane: l) }
            first += 4
        }
    }

    /// `durations[first ..< min(first + 4, count)]` in lanes (the rest 0) and how many lanes are used.
    @inline(__always)
    static func laneGroup(_ durations: UnsafePointer<Double>, from first: Int, count: Int) -> (SIMD4<Double>, Int) {
        let used = min(4, count - first)
        if used == 4 { return (UnsafeRawPointer(durations + first).loadUnaligned(as: SIMD4<Double>.self), 4) }
        var t = SIMD4<Double>(repeating: 0)
        for l in 0..<used { t[l] = durations[first + l] }
        return (t, used)
    }

    /// Four steps' coefficients, one duration per SIMD lane.
    struct Lanes {
        let friction: Double
        let durations: SIMD4<Double>
        let axv: SIMD4<Double>, avv: SIMD4<Double>, gx: SIMD4<Double>, gv: SIMD4<Double>
        let sv: SIMD4<Double>, cx: SIMD4<Double>, sx: SIMD4<Double>
        let varianceX: SIMD4<Double>, covarianceXV: SIMD4<Double>, varianceV: SIMD4<Double>
    }

    /// The closed forms above for the durations in lanes 0 ..< `used`, each lane on its own (binary64 operations lane
    /// by lane, branches as per-lane selections; the other lanes hold no meaningful values and their transcendental
    /// calls are skipped), so a duration's coefficients do not depend on its lane or on the other lanes.
    @inline(__always)
    static func lanes(friction gamma: Double, durations t: SIMD4<Double>, used: Int) -> Lanes {
        let (z, e1, decay) = exponentials(friction: gamma, durations: t, used: used)
        let inverseGamma = 1 / gamma
        let varianceV = e1 * (2 - e1)
        let psi = UnderdampedStep.psi(z, e1: e1, oneMinusDecaySquared: varianceV)
        let difference = 2 * psi - e1 * e1 * e1 / (2 - e1)
        let schur = difference.replacing(with: 0, where: difference .<= 0)      // max(·, 0)
        let covarianceXV = e1 * e1 * inverseGamma
        let sv = varianceV.packedSquareRoot()
        return Lanes(friction: gamma, durations: t, axv: e1 * inverseGamma, avv: decay,
                     gx: UnderdampedStep.zMinusE1(z, e1: e1) * inverseGamma * inverseGamma, gv: e1 * inverseGamma,
                     sv: sv, cx: (covarianceXV / sv).replacing(with: 0, where: .!(z .> 0)),   // e₁^{3/2}/(γ√(2 − e₁)); 0 at z = 0
                     sx: schur.packedSquareRoot() * inverseGamma,
                     varianceX: 2 * psi * inverseGamma * inverseGamma, covarianceXV: covarianceXV, varianceV: varianceV)
    }

    /// z = γt, e₁ = 1 − e^{−z} and e^{−z} of four durations, the transcendental parts lane by lane as scalars before any
    /// vector work (a libm call spills every vector register): e₁ by expm1, e^{−z} = 1 − e₁ (exact to an ulp while
    /// e^{−z} ≥ 0.6) for z < 0.5, else exp. Lanes from `used` on skip the calls (e₁ = 0).
    @inline(__always)
    static func exponentials(friction gamma: Double, durations t: SIMD4<Double>, used: Int)
        -> (z: SIMD4<Double>, e1: SIMD4<Double>, decay: SIMD4<Double>)
    {
        @inline(__always)
        func lane(_ l: Int) -> (z: Double, e1: Double, decay: Double) {
            let z = gamma * t[l]
            guard l < used else { return (z, 0, 1) }
            let e1 = -expm1(-z)
            return (z, e1, z < 0.5 ? 1 - e1 : exp(-z))
        }
        let a = lane(0), b = lane(1), c = lane(2), d = lane(3)
        return (SIMD4(a.z, b.z, c.z, d.z), SIMD4(a.e1, b.e1, c.e1, d.e1), SIMD4(a.decay, b.decay, c.decay, d.decay))
    }

    /// z − (1 − e^{−z}) = Σ_{n≥2} (−1)ⁿ zⁿ/n!, lane by lane. For z < 0.5 the series through n = 20 by
    /// Horner's rule (the first omitted term is below 10⁻²⁵ relative; coefficients (−1)ⁿ/n! rounded once from 40-digit
    /// values), with no cancellation and no division; otherwise z − e₁.
    @inline(__always)
    static func zMinusE1(_ z: SIMD4<Double>, e1: SIMD4<Double>) -> SIMD4<Double> {
        var p = SIMD4<Double>(repeating: zMinusE1Series[0])
        for k in 1..<zMinusE1Series.count { p = p * z + zMinusE1Series[k] }
        return (p * z * z).replacing(with: z - e1, where: z .>= 0.5)
    }

    /// The series of z − e₁ (for z < 0.5) by Horner's rule: the coefficients (−1)ⁿ/n! for n = 20 down to 2, rounded once
    /// from 40-digit values (adding a negative coefficient is subtracting its magnitude, bit for bit).
    static let zMinusE1Series: [Double] = [
        4.1103176233121649e-19, -8.2206352466243297e-18, 1.5619206968586226e-16, -2.8114572543455208e-15,
        4.7794773323873853e-14, -7.6471637318198165e-13, 1.1470745597729725e-11, -1.6059043836821615e-10,
        2.0876756987868099e-9, -2.5052108385441719e-8, 2.7557319223985891e-7, -2.7557319223985891e-6,
        2.4801587301587302e-5, -1.9841269841269841e-4, 1.3888888888888889e-3, -8.3333333333333333e-3,
        4.1666666666666667e-2, -1.6666666666666667e-1, 0.5
    ]

    /// The series of ψ (for z < 0.5) by Horner's rule: (−1)^{n+1}(2^{n−1} − 2)/n! for n = 22 down to 3.
    static let psiSeries: [Double] = [
        -1.865790606867772e-15, 2.0523677102604428e-14, -2.1549819854558417e-13, 2.154973764820595e-12,
        -2.0472094573725967e-11, 1.8424603970627936e-10, -1.5660435427300507e-9, 1.2527583625467223e-8,
        -9.3945406445406445e-8, 6.574572546794769e-7, -4.2713844797178131e-6, 2.5603254769921437e-5,
        -1.4054232804232804e-4, 6.9995590828924162e-4, -3.125e-3, 1.2301587301587302e-2, -4.1666666666666667e-2,
        1.1666666666666667e-1, -0.25, 3.3333333333333333e-1
    ]

    /// ψ(z) = z − 2(1 − e^{−z}) + (1 − e^{−2z})/2 = Σ_{n≥3} (−1)^{n+1}(2^{n−1} − 2) zⁿ/n!, lane by lane, with
    /// e₁ = 1 − e^{−z} and 1 − e^{−2z} given. For z < 0.5 the series through n = 22 by Horner's rule (first omitted
    /// term below 10⁻²¹ relative; coefficients rounded once from 40-digit values); otherwise the closed form.
    @inline(__always)
    static func psi(_ z: SIMD4<Double>, e1: SIMD4<Double>, oneMinusDecaySquared: SIMD4<Double>) -> SIMD4<Double> {
        var p = SIMD4<Double>(repeating: psiSeries[0])
        for k in 1..<psiSeries.count { p = p * z + psiSeries[k] }
        return (p * z * z * z).replacing(with: z - 2 * e1 + oneMinusDecaySquared / 2, where: z .>= 0.5)
    }
}

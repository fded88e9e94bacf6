#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The deterministic part of a frozen-force kinetic step of length t (PN-S03): with z = γt and e₁ = 1 − e^{−z},
///
///     A_t = [[1, e₁/γ], [0, e^{−z}]],      G_t = [(z − e₁)/γ², e₁/γ]
///
/// PLMC-ULMC's midpoints X̃(s) = A_s X + G_s b₀ + I(s) and its push-forward weights A_{η−s}(0, 1)ᵀ read these
/// (Kandasamy & Nagaraj, arXiv 2405.17068, §2; PN-S04). Divided by γ (not multiplied by 1/γ as `UnderdampedStep` does),
/// so its bits are its own and pinned separately (`UnderdampedCoefficientPinTests`).
extension UnderdampedStep {
    /// A_t and G_t (no noise factors).
    package struct Flow { package let axv: Double, avv: Double, gx: Double, gv: Double }

    /// The flow of a step of length t.
    package static func flow(friction gamma: Double, duration t: Double) -> Flow {
        let z = gamma * t
        let e1 = -expm1(-z)
        return Flow(axv: e1 / gamma, avv: z < 0.5 ? 1 - e1 : exp(-z), gx: zMinusE1(z, e1: e1) / (gamma * gamma), gv: e1 / gamma)
    }

    /// The flows of `durations[0 ..< count]` into `into[0 ..< count]`, four durations per SIMD lane group — the same
    /// operations as `flow(friction:duration:)` lane by lane (the same exponentials and series), so the same numbers,
    /// with the four series advancing side by side. PLMC-ULMC fills its block's midpoint flows at once.
    package static func fillFlows(friction gamma: Double, durations: UnsafePointer<Double>, count: Int,
                                  into flows: UnsafeMutablePointer<Flow>) {
        var first = 0
        while first < count {
            let (t, used) = laneGroup(durations, from: first, count: count)
            let (z, e1, decay) = exponentials(friction: gamma, durations: t, used: used)
            let rate = SIMD4<Double>(repeating: gamma)
            let phi = e1 / rate, gain = zMinusE1(z, e1: e1) / (rate * rate)
            for l in 0..<used { flows[first + l] = Flow(axv: phi[l], avv: decay[l], gx: gain[l], gv: phi[l]) }
            first += 4
        }
    }
}

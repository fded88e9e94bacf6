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

    /// The flow of a step of length t: lane 0 of `flowLanes`.
    package static func flow(friction gamma: Double, duration t: Double) -> Flow {
        let (phi, decay, gain) = flowLanes(friction: gamma, durations: SIMD4(t, 0, 0, 0), used: 1)
        return Flow(axv: phi[0], avv: decay[0], gx: gain[0], gv: phi[0])
    }

    /// The flows of `durations[0 ..< count]` into `into[0 ..< count]`, four durations per SIMD lane group (`flowLanes`),
    /// the same numbers as `flow(friction:duration:)` for each. PLMC-ULMC fills its block's midpoint flows at once.
    package static func fillFlows(friction gamma: Double, durations: UnsafePointer<Double>, count: Int,
                                  into flows: UnsafeMutablePointer<Flow>) {
        var first = 0
        while first < count {
            let (t, used) = laneGroup(durations, from: first, count: count)
            let (phi, decay, gain) = flowLanes(friction: gamma, durations: t, used: used)
            for l in 0..<used { flows[first + l] = Flow(axv: phi[l], avv: decay[l], gx: gain[l], gv: phi[l]) }
            first += 4
        }
    }

    /// e₁/γ, e^{−z} and (z − e₁)/γ² for the durations in lanes 0 ..< `used`, each lane on its own (the exponentials and
    /// the series of `UnderdampedStep.lanes`).
    @inline(__always)
    static func flowLanes(friction gamma: Double, durations t: SIMD4<Double>, used: Int)
        -> (phi: SIMD4<Double>, decay: SIMD4<Double>, gain: SIMD4<Double>)
    {
        let (z, e1, decay) = exponentials(friction: gamma, durations: t, used: used)
        let rate = SIMD4<Double>(repeating: gamma)
        return (e1 / rate, decay, zMinusE1(z, e1: e1) / (rate * rate))
    }
}

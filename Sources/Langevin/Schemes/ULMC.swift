/// Underdamped (kinetic) Langevin Monte Carlo with the force frozen over a step and the linear part and the
/// noise integrated exactly (PN-S03):
///
///     dx = v dt,  dv = −γ v dt + b(x, t) dt + √(2γ) dB
///     (x', v') = A_η (x, v) + G_η b(x, t) + (ξ_x, ξ_v)
///
/// with A_η, G_η and the per-coordinate correlated Gaussian pair (ξ_x, ξ_v) of `UnderdampedStep`. Target of the
/// continuous dynamics: ∝ e^{−F(x) − |v|²/2} when b = −∇F. One drift call per step; weak order 1; stationary
/// bias of order η (paper-notes §4.5). The noise uses 2d Gaussians per step from the Brownian stream: g₁ (first d)
/// and g₂ (next d), ξ_v = σ_v g₁, ξ_x = c_x g₁ + s_x g₂.
/// Reference: the ULMC row of the general form X_{t+1} = A_η X_t + G_η b(X_t, tη) + Γ_η Z_t, Kandasamy & Nagaraj,
/// arXiv 2405.17068 §2 (paper-notes §1); the exact-OU integrator of Cheng, Chatterji, Bartlett & Jordan,
/// arXiv 1707.03663 (in a different time parameterisation).
public struct ULMC: LangevinScheme {
    public let stepSize: Double
    public let friction: Double
    let coefficients: UnderdampedStep

    public init(stepSize: Double, friction: Double) {
        self.stepSize = stepSize
        self.friction = friction
        coefficients = UnderdampedStep(friction: friction, duration: stepSize)
    }

    public var isUnderdamped: Bool { true }
    public var midpointRowsPerChain: Int { 1 }

    public var metadata: SchemeMetadata {
        SchemeMetadata(
            name: "ULMC(η=\(stepSize), γ=\(friction))", expectedDriftCallsPerStep: 1, weakOrder: 1, strongOrder: 1,
            stationaryBiasOrder: 1,
            reference: "ULMC with exact linear part: general form (A_η, G_η, Γ_η) of Kandasamy & Nagaraj, arXiv 2405.17068 §2",
            proofsNote: "PN-S03")
    }

    public func validate() throws(SimulationError) {
        try validateStepSize(stepSize)
        guard friction > 0, friction.isFinite else { throw .invalidFriction(friction) }
    }

    public func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                     noise: inout N) -> Int {
        let d = ws.dimension
        let calls = ws.evaluateBaseDrift(drift, time: time)
        ws.ensureVectorScratch(2 * d)
        ws.midpointRows = 0
        let g = ws.vectorScratch.pointer
        let k = coefficients
        for c in 0..<ws.count {
            noise.standardNormals(chain: c, count: 2 * d, into: g)
            let x = ws.x + c * d, v = ws.v + c * d, b0 = ws.base + c * d
            for j in 0..<d {
                let g1 = g[j], g2 = g[d + j], vj = v[j], bj = b0[j]
                let xiX = k.cx * g1 + k.sx * g2, xiV = k.sv * g1
                x[j] = x[j] + k.axv * vj + k.gx * bj + xiX
                v[j] = k.avv * vj + k.gv * bj + xiV
            }
        }
        return calls
    }
}

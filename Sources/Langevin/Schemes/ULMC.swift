import SchemeVocabulary

/// Underdamped (kinetic) Langevin Monte Carlo with the force frozen over a step and the linear part and the
/// noise integrated exactly (PN-S03):
///
///     dx = v dt,  dv = −γ v dt + b(x, t) dt + √(2γ) dB
///     (x', v') = A_η (x, v) + G_η b(x, t) + (ξ_x, ξ_v)
///
/// with A_η, G_η and the per-coordinate correlated Gaussian pair (ξ_x, ξ_v) of `UnderdampedStep`. Target of the
/// continuous dynamics: ∝ e^{−F(x) − |v|²/2} when b = −∇F. One drift call per step; weak order 1; stationary
/// bias of order η (docs/theory.md §4.5). The noise uses 2d Gaussians per step from the Brownian stream: g₁ (first d)
/// and g₂ (next d), ξ_v = σ_v g₁, ξ_x = c_x g₁ + s_x g₂.
/// Reference: the ULMC row of the general form X_{t+1} = A_η X_t + G_η b(X_t, tη) + Γ_η Z_t, Kandasamy & Nagaraj,
/// arXiv 2405.17068 §2 (docs/theory.md §1); the exact-OU integrator of Cheng, Chatterji, Bartlett & Jordan,
/// arXiv 1707.03663 (in a different time parameterisation).
package struct ULMC: VocabularyScheme {
    package let stepSize: Double
    package let friction: Double
    package let variant: SchemeVariant
    let coefficients: UnderdampedStep

    package init(stepSize: Double, friction: Double) {
        self.stepSize = stepSize
        self.friction = friction
        variant = SchemeVariant(.ulmc(friction: friction))
        coefficients = UnderdampedStep(friction: friction, duration: stepSize)
    }

    /// ULMC with a mutation the engine runs: √η noise (every noise factor divided by √2).
    package init(stepSize: Double, friction: Double, mutation: SchemeMutation?) throws(SimulationError) {
        guard mutation == nil || mutation == .noiseSqrtEta else {
            throw .unsupported("the engine's ULMC has no mutation \"\(mutation!)\"")
        }
        self.stepSize = stepSize
        self.friction = friction
        variant = try .engineVariant(.ulmc(friction: friction), mutation)
        coefficients = UnderdampedStep(friction: friction, duration: stepSize)
    }

    package var midpointRowsPerChain: Int { 1 }

    package func validate() throws(SimulationError) { try validateVariant() }

    package func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                      noise: inout N) -> Int {
        let d = ws.dimension
        let calls = ws.evaluateBaseDrift(drift, time: time)
        ws.ensureVectorScratch(2 * d)
        ws.midpointRows = 0
        let g = ws.vectorScratch.pointer
        let k = coefficients
        for c in 0..<ws.count {
            noise.standardNormals(chain: c, count: 2 * d, into: g)
            if variant.mutation == .noiseSqrtEta { scaleNoise(g, count: 2 * d) }
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

/// Multiplies `count` standard normals by 1/√2 in place: the √η-noise mutant of a kinetic scheme (every noise
/// covariance halved).
@inline(__always)
func scaleNoise(_ g: UnsafeMutablePointer<Double>, count: Int) {
    let factor = 0.5.squareRoot()
    for j in 0..<count { g[j] *= factor }
}

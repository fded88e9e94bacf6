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
        ws.midpointRows = 0
        let laneChains = N.fillsLaneGroups ? advanceInLaneGroups(ws, noise: &noise) : 0
        ws.ensureVectorScratch(2 * d)
        let g = ws.vectorScratch.pointer
        let k = coefficients
        for c in laneChains..<ws.count {
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

extension ULMC {
    /// Four consecutive chains at a time: their 2d Gaussians in one `standardNormals(lanes:…)` call (g₁ then g₂ of each
    /// chain, as the plain path draws them) and the update with the four chains' coordinate j side by side in SIMD lanes —
    /// the plain path's expressions in its order, so the same numbers (PN-S10). Returns the number of chains done,
    /// ⌊n/4⌋·4 (the caller does the rest chain by chain).
    func advanceInLaneGroups<N: StepNoise>(_ ws: BlockWorkspace, noise: inout N) -> Int {
        typealias V = SIMD4<Double>
        let d = ws.dimension, n = ws.count, k = coefficients
        ws.ensureVectorScratch(8 * d)
        let buffer = ws.vectorScratch.pointer, g = UnsafeRawPointer(buffer)
        let x = ws.x, v = ws.v, base = ws.base
        var first = 0
        while first + 4 <= n {
            noise.standardNormals(lanes: SIMD4(first, first + 1, first + 2, first + 3), count: 2 * d, into: buffer)
            if variant.mutation == .noiseSqrtEta { scaleNoise(buffer, count: 8 * d) }
            let x0 = x + first * d, v0 = v + first * d, b = base + first * d
            for j in 0..<d {
                let xj = V(x0[j], x0[d + j], x0[2 * d + j], x0[3 * d + j])
                let vj = V(v0[j], v0[d + j], v0[2 * d + j], v0[3 * d + j])
                let bj = V(b[j], b[d + j], b[2 * d + j], b[3 * d + j])
                let g1 = g.loadUnaligned(fromByteOffset: 32 * j, as: V.self)
                let g2 = g.loadUnaligned(fromByteOffset: 32 * (d + j), as: V.self)
                let xiX = k.cx * g1 + k.sx * g2, xiV = k.sv * g1
                let nextX = xj + k.axv * vj + k.gx * bj + xiX
                let nextV = k.avv * vj + k.gv * bj + xiV
                x0[j] = nextX[0]; x0[d + j] = nextX[1]; x0[2 * d + j] = nextX[2]; x0[3 * d + j] = nextX[3]
                v0[j] = nextV[0]; v0[d + j] = nextV[1]; v0[2 * d + j] = nextV[2]; v0[3 * d + j] = nextV[3]
            }
            first += 4
        }
        return first
    }
}

/// Multiplies `count` standard normals by 1/√2 in place: the √η-noise mutant of a kinetic scheme (every noise
/// covariance halved).
@inline(__always)
func scaleNoise(_ g: UnsafeMutablePointer<Double>, count: Int) {
    let factor = 0.5.squareRoot()
    for j in 0..<count { g[j] *= factor }
}

import SchemeVocabulary

/// The randomized midpoint method for underdamped (kinetic) Langevin dynamics, Shen & Lee, arXiv 1909.05503,
/// Algorithm 1, in this package's parameterisation (PN-S08):
///
///     dx = v dt,  dv = −γ v dt + b(x, t) dt + √(2γ) dB,      u ~ U[0, 1), s = uη
///     x̃  = x + φ(s)·v + g(s)·b(x, t) + I_x(s)                 (a ULMC step of length s, force frozen at b(x, t))
///     x' = x + φ(η)·v + η·φ(η − s)·b(x̃, t + s) + I_x(η)
///     v' = e^{−γη}·v + η·e^{−γ(η − s)}·b(x̃, t + s) + I_v(η)
///
/// with φ(t) = (1 − e^{−γt})/γ, g(t) = (γt − 1 + e^{−γt})/γ² (`UnderdampedStep` gains) and
/// I(t) = ∫₀ᵗ A_{t−r}(0, √(2γ))ᵀ dB_r the OU noise integral of ONE Brownian motion, built at s and at η by its
/// Markov property I(η) = A_{η−s} I(s) + ξ(η − s), ξ ~ N(0, Q(η − s)) independent (as in `PLMCULMC`). The single
/// midpoint force, weighted by η·A_{η−s}(0, 1)ᵀ, is an unbiased estimate (over u) of the exact force integral
/// ∫₀^η A_{η−r}(0, 1)ᵀ b(x_r) dr of the variation-of-constants formula. Unlike PLMC-ULMC the base force b(x, t)
/// enters only through the midpoint.
///
/// Two drift calls per step (b(x, t) and b(x̃, t + s)); 4d Gaussians per step from the Brownian stream (I at s,
/// then the increment over [s, η]) and u from the auxiliary stream. Stationary bias on Gaussian targets of order
/// η³ (exact law `ChainLaw` `.rlmcULMC`, PN-C13: Var_x = 1/λ + λη³/(24γ) + O(η⁴) in one dimension).
/// Reference: Shen & Lee, "The randomized midpoint method for log-concave sampling", NeurIPS 2019,
/// arXiv 1909.05503, Algorithm 1; docs/theory.md §2.4. Proofs-note PN-S08.
///
/// Mutation: √η noise (every noise factor divided by √2).
package struct RLMCULMC: VocabularyScheme {
    package let stepSize: Double
    package let friction: Double
    package let variant: SchemeVariant
    let full: UnderdampedStep

    package init(stepSize: Double, friction: Double) {
        self.stepSize = stepSize
        self.friction = friction
        variant = SchemeVariant(.rlmcULMC(friction: friction))
        full = UnderdampedStep(friction: friction, duration: stepSize)
    }

    /// RLMC-ULMC with a mutation the engine runs: √η noise.
    package init(stepSize: Double, friction: Double, mutation: SchemeMutation?) throws(SimulationError) {
        guard mutation == nil || mutation == .noiseSqrtEta else {
            throw .unsupported("the engine's RLMC-ULMC has no mutation \"\(mutation!)\"")
        }
        self.stepSize = stepSize
        self.friction = friction
        variant = try .engineVariant(.rlmcULMC(friction: friction), mutation)
        full = UnderdampedStep(friction: friction, duration: stepSize)
    }

    package var midpointRowsPerChain: Int { 1 }

    package func validate() throws(SimulationError) { try validateVariant() }

    package func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                      noise: inout N) -> Int {
        let d = ws.dimension, eta = stepSize, gamma = friction, n = ws.count
        var calls = ws.evaluateBaseDrift(drift, time: time)
        ws.ensureVectorScratch(6 * d)
        ws.ensureMidpointRows(n, used: 0)
        let scratch = ws.vectorScratch.pointer
        let ix = scratch, iv = scratch + d, g = scratch + 2 * d
        let mid = ws.midStates.pointer, times = ws.midTimes.pointer, owner = ws.midChain.pointer
        let weights = ws.midCoefficients.pointer
        // the durations s and η − s of every chain's two intervals and their coefficients, four durations at a time
        // (`UnderdampedStep.fill`): with per-chain streams all chains' u first, then one fill for the block; otherwise
        // chain by chain, so that the draws keep their call order
        ws.ensureChainScratch(2 * n)
        ws.ensureStepScratch(2 * n)
        let durations = ws.timeScratch.pointer, steps = ws.stepScratch.pointer
        let blockAtOnce = N.chainsAreIndependent
        /// Chain c's u from its auxiliary stream, as the durations s, η − s at `durations[2i]`, `[2i + 1]`.
        func drawDurations(chain c: Int, at i: Int) {
            let s = noise.uniform(chain: c) * eta
            durations[2 * i] = s
            durations[2 * i + 1] = eta - s
        }
        if blockAtOnce {
            for c in 0..<n { drawDurations(chain: c, at: c) }
            UnderdampedStep.fill(friction: gamma, durations: durations, count: 2 * n, into: steps)
        }
        for c in 0..<n {
            let index = blockAtOnce ? 2 * c : 0
            if !blockAtOnce {
                drawDurations(chain: c, at: 0)
                UnderdampedStep.fill(friction: gamma, durations: durations, count: 2, into: steps)
            }
            let s = durations[index], head = steps[index], tail = steps[index + 1]
            let x = ws.x + c * d, v = ws.v + c * d, b0 = ws.base + c * d
            // the 2d Gaussians of each interval in one call (a chain's n-th normal does not depend on how its draws are
            // split into calls, PN-S10); I(s), then the midpoint x̃ = x + φ(s) v + g(s) b₀ + I_x(s)
            noise.standardNormals(chain: c, count: 4 * d, into: g)
            if variant.mutation == .noiseSqrtEta { scaleNoise(g, count: 4 * d) }
            let row = mid + c * d
            for j in 0..<d {
                let g1 = g[j], g2 = g[d + j]
                ix[j] = head.cx * g1 + head.sx * g2
                iv[j] = head.sv * g1
                row[j] = x[j] + head.axv * v[j] + head.gx * b0[j] + ix[j]
            }
            // I(η) = A_{η−s} I(s) + ξ(η − s); the force-free endpoint A_η X + I(η)
            for j in 0..<d {
                let g1 = g[2 * d + j], g2 = g[3 * d + j], vj = v[j]
                let endX = ix[j] + tail.axv * iv[j] + tail.cx * g1 + tail.sx * g2
                let endV = tail.avv * iv[j] + tail.sv * g1
                x[j] = x[j] + full.axv * vj + endX
                v[j] = full.avv * vj + endV
            }
            times[c] = time + s
            owner[c] = Int32(truncatingIfNeeded: c)
            // the midpoint force's weight η·A_{η−s}(0, 1)ᵀ = η·(φ(η − s), e^{−γ(η − s)})
            weights[2 * c] = eta * tail.axv
            weights[2 * c + 1] = eta * tail.avv
        }
        ws.midpointRows = n
        calls += ws.evaluateMidpoints(drift)
        let out = ws.midOut.pointer
        for c in 0..<n {
            let x = ws.x + c * d, v = ws.v + c * d, o = out + c * d
            let wx = weights[2 * c], wv = weights[2 * c + 1]
            for j in 0..<d {
                x[j] += wx * o[j]
                v[j] += wv * o[j]
            }
        }
        return calls
    }
}

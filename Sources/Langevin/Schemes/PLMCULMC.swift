#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SchemeVocabulary

/// The Poisson midpoint method for underdamped Langevin dynamics in the general (A, G, Γ) form
/// (docs/theory.md §2.2; PN-S04). Fine chain: X_{j+1} = A_h X_j + G_h b(x_j, τ_j) + ξ_j, h = η/K, X = (x, v).
///
///     X̃_i = A_{ih} X + G_{ih} b₀ + I(ih)                       (one ULMC step of size ih from X, same path)
///     X'  = A_η X + G_η b₀ + I(η) + Σ_{i flagged} K·A_{(K−1−i)h} G_h · [b(x̃_i, t + ih) − b₀]
///
/// where b₀ = b(x, t), I(t) = ∫₀ᵗ A_{t−s}(0, √(2γ))ᵀ dB_s is the OU noise integral of ONE Brownian motion,
/// built only at the flagged times and at η by its Markov property
/// I(t₂) = A_{t₂−t₁} I(t₁) + ξ(t₂ − t₁), ξ ~ N(0, Q(t₂ − t₁)) independent (Q of `UnderdampedStep`), and the
/// flags are those of PLMC (sub-steps 1 … K−1, each with probability 1/K; index 0 costs nothing).
/// K = ∞: N ~ Poisson(1) uniform times s = Uη, corrections η·A_{η−s}(0, 1)ᵀ·[b(x̃(s), t + s) − b₀].
///
/// Expected drift calls per step 2 − 1/K (K = ∞: 2). Stationary position-variance bias on Gaussian targets of
/// order η³ for K = ∞ (docs/theory.md §4.5), plus about the bias of ULMC(η/K) for finite K.
/// Reference: Kandasamy & Nagaraj, arXiv 2405.17068 §2 (ULMC version of the Poisson midpoint method);
/// docs/theory.md §2.2. Proofs-note PN-S04.
///
/// Mutations: no correction (the flagged midpoints are drawn but never evaluated or applied: ULMC in law, one drift call
/// per step), √η noise (every noise factor divided by √2).
package struct PLMCULMC: VocabularyScheme {
    package let stepSize: Double
    package let friction: Double
    package let substeps: MidpointCount
    package let variant: SchemeVariant
    let full: UnderdampedStep
    let fine: UnderdampedStep
    let countLaw: DiscreteCDF

    package init(stepSize: Double, friction: Double, substeps: MidpointCount) {
        self.stepSize = stepSize
        self.friction = friction
        self.substeps = substeps
        variant = SchemeVariant(.plmcULMC(friction: friction, substeps))
        full = UnderdampedStep(friction: friction, duration: stepSize)
        countLaw = midpointCountLaw(substeps)
        if case .finite(let k) = substeps, k >= 1 {
            fine = UnderdampedStep(friction: friction, duration: stepSize / Double(k))
        } else {
            fine = full
        }
    }

    /// PLMC-ULMC with a mutation the engine runs: the dropped correction, √η noise.
    package init(stepSize: Double, friction: Double, substeps: MidpointCount, mutation: SchemeMutation?)
        throws(SimulationError)
    {
        switch mutation {
        case nil, .droppedCorrection?, .noiseSqrtEta?: break
        case .some(let m): throw .unsupported("the engine's PLMC-ULMC has no mutation \"\(m)\"")
        }
        let correct = PLMCULMC(stepSize: stepSize, friction: friction, substeps: substeps)
        self.stepSize = stepSize
        self.friction = friction
        self.substeps = substeps
        variant = try .engineVariant(.plmcULMC(friction: friction, substeps), mutation)
        full = correct.full
        fine = correct.fine
        countLaw = correct.countLaw
    }

    package func validate() throws(SimulationError) { try validateVariant() }

    package func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                      noise: inout N) -> Int {
        let d = ws.dimension, eta = stepSize, gamma = friction
        var calls = ws.evaluateBaseDrift(drift, time: time)
        ws.ensureVectorScratch(4 * d)
        if case .finite(let k) = substeps { ws.ensureChainScratch(k + 1) } else { ws.ensureChainScratch(17) }
        // the workspace's buffers in locals (class properties cost an exclusivity check per access); reloaded only
        // when a buffer grows
        var idx = ws.indexScratch.pointer, tq = ws.timeScratch.pointer
        var midStates = ws.midStates.pointer, midTimes = ws.midTimes.pointer, midChain = ws.midChain.pointer
        var midWeights = ws.midCoefficients.pointer
        let scratch = ws.vectorScratch.pointer
        let ix = scratch, iv = scratch + d, g = scratch + 2 * d
        var rows = 0
        countLaw.cumulative.withUnsafeBufferPointer { table in
        for c in 0..<ws.count {
            // 1. flagged times (and the push-forward weights of their corrections)
            let m: Int
            switch substeps {
            case .finite(let k):
                m = drawSubstepFlags(k: k, chain: c, table: table, into: idx, noise: &noise)
                let h = eta / Double(k)
                for s in 0..<m { tq[s] = Double(idx[s]) * h }
            case .infinite:
                m = noise.draw(chain: c, cumulative: table.baseAddress!, count: table.count)
                if ws.ensureChainScratch(m + 1) { idx = ws.indexScratch.pointer; tq = ws.timeScratch.pointer }
                for s in 0..<m {
                    let u = noise.uniform(chain: c) * eta
                    var b = s - 1
                    while b >= 0 && tq[b] > u { tq[b + 1] = tq[b]; b -= 1 }
                    tq[b + 1] = u
                }
            }
            tq[m] = eta
            if ws.ensureMidpointRows(rows + m, used: rows) {
                midStates = ws.midStates.pointer; midTimes = ws.midTimes.pointer; midChain = ws.midChain.pointer
                midWeights = ws.midCoefficients.pointer
            }
            // 2. the OU integral I at the flagged times and at η; midpoints x̃(s) = [A_s X + G_s b₀ + I(s)]_x
            ix.update(repeating: 0, count: 2 * d)
            let x = ws.x + c * d, v = ws.v + c * d, b0 = ws.base + c * d
            var previous = 0.0
            for s in 0...m {
                let delta = UnderdampedStep(friction: gamma, duration: tq[s] - previous)
                previous = tq[s]
                noise.standardNormals(chain: c, count: 2 * d, into: g)
                if variant.mutation == .noiseSqrtEta { scaleNoise(g, count: 2 * d) }
                for j in 0..<d {
                    let g1 = g[j], g2 = g[d + j]
                    let xiX = delta.cx * g1 + delta.sx * g2, xiV = delta.sv * g1
                    ix[j] = ix[j] + delta.axv * iv[j] + xiX
                    iv[j] = delta.avv * iv[j] + xiV
                }
                if s < m {
                    let r = rows + s
                    let flow = UnderdampedStep.flow(friction: gamma, duration: tq[s])
                    let row = midStates + r * d
                    for j in 0..<d { row[j] = x[j] + flow.axv * v[j] + flow.gx * b0[j] + ix[j] }
                    midTimes[r] = time + tq[s]
                    midChain[r] = Int32(truncatingIfNeeded: c)
                    let weights: (Double, Double)
                    switch substeps {
                    case .finite(let k):
                        // K·A_{(K−1−i)h}·G_h
                        let rest = UnderdampedStep.flow(friction: gamma, duration: Double(k - 1 - idx[s]) * (eta / Double(k)))
                        weights = (Double(k) * (fine.gx + rest.axv * fine.gv), Double(k) * rest.avv * fine.gv)
                    case .infinite:
                        // η·A_{η−s}·(0, 1)ᵀ
                        let rest = UnderdampedStep.flow(friction: gamma, duration: eta - tq[s])
                        weights = (eta * rest.axv, eta * rest.avv)
                    }
                    midWeights[2 * r] = weights.0
                    midWeights[2 * r + 1] = weights.1
                }
            }
            // 3. the cheap endpoint A_η X + G_η b₀ + I(η)
            for j in 0..<d {
                let vj = v[j], bj = b0[j]
                x[j] = x[j] + full.axv * vj + full.gx * bj + ix[j]
                v[j] = full.avv * vj + full.gv * bj + iv[j]
            }
            rows += m
        }
        }
        if variant.mutation == .droppedCorrection {
            ws.midpointRows = 0
            return calls
        }
        ws.midpointRows = rows
        calls += ws.evaluateMidpoints(drift)
        // 4. corrections pushed forward to the end of the step
        let out = ws.midOut.pointer, owner = ws.midChain.pointer, w = ws.midCoefficients.pointer
        for r in 0..<rows {
            let c = Int(owner[r])
            let x = ws.x + c * d, v = ws.v + c * d, b0 = ws.base + c * d, o = out + r * d
            let wx = w[2 * r], wv = w[2 * r + 1]
            for j in 0..<d {
                let diff = o[j] - b0[j]
                x[j] += wx * diff
                v[j] += wv * diff
            }
        }
        return calls
    }
}

extension UnderdampedStep {
    /// The deterministic flow coefficients of a step of length t (A_t and G_t only, no noise factors).
    package struct Flow { package let axv: Double, avv: Double, gx: Double, gv: Double }

    package static func flow(friction gamma: Double, duration t: Double) -> Flow {
        let z = gamma * t
        let e1 = -expm1(-z)
        return Flow(axv: e1 / gamma, avv: z < 0.5 ? 1 - e1 : exp(-z), gx: zMinusE1(z, e1: e1) / (gamma * gamma), gv: e1 / gamma)
    }
}

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
        let d = ws.dimension
        var calls = ws.evaluateBaseDrift(drift, time: time)
        // with per-chain streams the whole block at once (every chain's times first, then one fill of all the
        // coefficients); otherwise chain by chain, so that the draws keep their call order
        var rows = 0
        countLaw.cumulative.withUnsafeBufferPointer { table in
            if N.chainsAreIndependent {
                advanceChains(0..<ws.count, ws, table: table, time: time, rows: &rows, noise: &noise)
            } else {
                for c in 0..<ws.count { advanceChains(c..<(c + 1), ws, table: table, time: time, rows: &rows, noise: &noise) }
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

extension PLMCULMC {
    /// The chains `chains` of the block, in three passes: (1) every chain's flagged times from its auxiliary stream, as
    /// the scheme defines them; (2) the coefficients of all their OU intervals (`UnderdampedStep.fill`) and of all their
    /// midpoint flows A_s, G_s and push-forward flows A_{η−s} (`UnderdampedStep.fillFlows`), four durations at a time;
    /// (3) chain by chain, the OU integral I at the flagged times and at η, the midpoint rows x̃(s) = [A_s X + G_s b₀ +
    /// I(s)]_x with their correction weights, and the cheap endpoint A_η X + G_η b₀ + I(η). A chain without midpoints
    /// has the one interval η and takes the precomputed `full`. The same coefficients as one at a time (the fills give
    /// them bit for bit), so every chain's numbers do not depend on how many chains are passed.
    func advanceChains<N: StepNoise>(_ chains: Range<Int>, _ ws: BlockWorkspace, table: UnsafeBufferPointer<Double>,
                                     time: Double, rows: inout Int, noise: inout N) {
        let d = ws.dimension, eta = stepSize, gamma = friction
        let finiteK: Int
        switch substeps {
        case .finite(let k): finiteK = k
        case .infinite: finiteK = 0
        }
        // 1. chain c's m flagged times, then η, at times[o ..< o + m + 1] (finite K: their sub-step indices at the same
        // offsets); the counts in chainCounts
        var total = 0, largest = 0
        ws.ensureChainScratch(finiteK + 1)
        var idx = ws.indexScratch.pointer, times = ws.timeScratch.pointer
        for c in chains {
            let m: Int
            if finiteK > 0 {
                if ws.ensureChainScratch(total + finiteK + 1, preserving: total) {
                    idx = ws.indexScratch.pointer; times = ws.timeScratch.pointer
                }
                m = drawSubstepFlags(k: finiteK, chain: c, table: table, into: idx + total, noise: &noise)
                let h = eta / Double(finiteK)
                for s in 0..<m { times[total + s] = Double(idx[total + s]) * h }
            } else {
                m = noise.draw(chain: c, cumulative: table.baseAddress!, count: table.count)
                if ws.ensureChainScratch(total + m + 1, preserving: total) {
                    idx = ws.indexScratch.pointer; times = ws.timeScratch.pointer
                }
                drawSortedUniformTimes(count: m, chain: c, length: eta, into: times + total, noise: &noise)
            }
            times[total + m] = eta
            ws.chainCounts[c] = Int32(truncatingIfNeeded: m)
            total += m + 1
            largest = max(largest, m)
        }
        // 2. the OU intervals' durations t_k − t_(k−1) of the chains with midpoints (in chain order; a chain without
        // midpoints has the one interval η, whose step is `full`) and every midpoint's two flow durations, s and the
        // rest of the step after it ((K − 1 − i)·h, or η − s), then their coefficients
        let midpoints = total - chains.count
        ws.ensureVectorScratch(2 * d + total + 2 * midpoints + 2 * d * (largest + 1))
        ws.ensureStepScratch(total)
        ws.ensureFlowScratch(2 * midpoints)
        let scratch = ws.vectorScratch.pointer
        let ix = scratch, iv = scratch + d
        let intervals = scratch + 2 * d, flowDurations = intervals + total, normals = flowDurations + 2 * midpoints
        var offset = 0, midpoint = 0, interval = 0
        for c in chains {
            let m = Int(ws.chainCounts[c])
            if m == 0 {
                offset += 1
                continue
            }
            var previous = 0.0
            for s in 0...m {
                intervals[interval + s] = times[offset + s] - previous
                previous = times[offset + s]
            }
            for s in 0..<m {
                flowDurations[2 * midpoint] = times[offset + s]
                flowDurations[2 * midpoint + 1] = finiteK > 0
                    ? Double(finiteK - 1 - idx[offset + s]) * (eta / Double(finiteK)) : eta - times[offset + s]
                midpoint += 1
            }
            offset += m + 1
            interval += m + 1
        }
        let steps = ws.stepScratch.pointer, flows = ws.flowScratch.pointer
        UnderdampedStep.fill(friction: gamma, durations: intervals, count: interval, into: steps)
        UnderdampedStep.fillFlows(friction: gamma, durations: flowDurations, count: 2 * midpoints, into: flows)
        // 3. chain by chain: I at the flagged times and at η, the midpoint rows and weights, the cheap endpoint
        ws.ensureMidpointRows(rows + midpoints, used: rows)
        let midStates = ws.midStates.pointer, midTimes = ws.midTimes.pointer, midChain = ws.midChain.pointer
        let midWeights = ws.midCoefficients.pointer
        offset = 0
        midpoint = 0
        interval = 0
        for c in chains {
            // the chain's 2d Gaussians of each of its m + 1 intervals in one call (the stream's n-th normal does not
            // depend on how the draws are split into calls, PN-S10)
            let m = Int(ws.chainCounts[c])
            noise.standardNormals(chain: c, count: 2 * d * (m + 1), into: normals)
            if variant.mutation == .noiseSqrtEta { scaleNoise(normals, count: 2 * d * (m + 1)) }
            ix.update(repeating: 0, count: 2 * d)
            let x = ws.x + c * d, v = ws.v + c * d, b0 = ws.base + c * d
            for s in 0...m {
                let delta = m == 0 ? full : steps[interval + s], g = normals + 2 * d * s
                for j in 0..<d {
                    let g1 = g[j], g2 = g[d + j]
                    let xiX = delta.cx * g1 + delta.sx * g2, xiV = delta.sv * g1
                    ix[j] = ix[j] + delta.axv * iv[j] + xiX
                    iv[j] = delta.avv * iv[j] + xiV
                }
                if s < m {
                    let r = rows + s
                    let flow = flows[2 * midpoint], rest = flows[2 * midpoint + 1]
                    let row = midStates + r * d
                    for j in 0..<d { row[j] = x[j] + flow.axv * v[j] + flow.gx * b0[j] + ix[j] }
                    midTimes[r] = time + times[offset + s]
                    midChain[r] = Int32(truncatingIfNeeded: c)
                    if finiteK > 0 {   // K·A_{(K−1−i)h}·G_h
                        midWeights[2 * r] = Double(finiteK) * (fine.gx + rest.axv * fine.gv)
                        midWeights[2 * r + 1] = Double(finiteK) * rest.avv * fine.gv
                    } else {           // η·A_{η−s}·(0, 1)ᵀ
                        midWeights[2 * r] = eta * rest.axv
                        midWeights[2 * r + 1] = eta * rest.avv
                    }
                    midpoint += 1
                }
            }
            for j in 0..<d {
                let vj = v[j], bj = b0[j]
                x[j] = x[j] + full.axv * vj + full.gx * bj + ix[j]
                v[j] = full.avv * vj + full.gv * bj + iv[j]
            }
            rows += m
            offset += m + 1
            interval += m == 0 ? 0 : m + 1
        }
    }
}

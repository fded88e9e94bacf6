import SchemeVocabulary

/// The mutated PLMC steps (`SchemeMutation`; PN-V06): the plain per-chain path of `PLMC.plan` with the one change
/// each mutation makes. Kept apart from the correct step, which never branches on a mutation.
extension PLMC {
    /// Flags (probability p = 1/K, or 1/(K+1)), the optional i = 0 "midpoint", the midpoint times τ·h (τ = i, 0 or
    /// i + 1) or U·η, W at those times and at η (independent midpoint or endpoint values from the auxiliary stream
    /// when mutated so), the midpoint rows X + s·b₀ + σ W(s) and x ← x + η b₀ + σ W(η), σ = √2 (1 for √η noise).
    /// With τ = i + 1 the i = 0 sub-step is flagged too (probability p, the chain's first auxiliary draw of the step):
    /// its midpoint sits at time h, not at X, so its correction is not zero — the mutation as defined
    /// (`SchemeMutation.offByOneMidpointIndex`: τᵢ = i + 1 for every i = 0 … K − 1) and as `ChainLaw` computes its law.
    func planMutant<N: StepNoise>(_ ws: BlockWorkspace, table: UnsafeBufferPointer<Double>, time: Double,
                                  noise: inout N) {
        let d = ws.dimension, n = ws.count, eta = stepSize
        let scale = mutation == .noiseSqrtEta ? 1.0 : 2.0.squareRoot()
        let finiteK: Int
        switch substeps {
        case .finite(let k): finiteK = k
        case .infinite: finiteK = 0
        }
        let h = finiteK > 0 ? eta / Double(finiteK) : 0
        let p = mutation == .flagProbabilityOneOverKPlusOne ? 1 / Double(finiteK + 1) : 1 / Double(max(finiteK, 1))
        ws.ensureChainScratch(max(finiteK, 16) + 2)
        ws.ensureVectorScratch(2 * d)
        var idx = ws.indexScratch.pointer, tq = ws.timeScratch.pointer
        let scratch = ws.vectorScratch.pointer
        var mid = ws.midStates.pointer, times = ws.midTimes.pointer, owner = ws.midChain.pointer
        var rows = 0
        for c in 0..<n {
            var zeroFlagged = false
            if mutation == .countsIndexZeroMidpoint { zeroFlagged = noise.uniform(chain: c) < p }
            var zeroShifted = false
            if mutation == .offByOneMidpointIndex { zeroShifted = noise.uniform(chain: c) < p }
            let m: Int
            if finiteK > 0 {
                // the shifted i = 0 midpoint (τ = 1) comes first: the times stay sorted
                let first = zeroShifted ? 1 : 0
                if zeroShifted { tq[0] = h }
                let flagged = drawSubstepFlags(k: finiteK, chain: c, table: table, into: idx, probability: p, noise: &noise)
                for s in 0..<flagged {
                    let tau: Int
                    switch mutation {
                    case .midpointAtStartPoint?: tau = 0
                    case .offByOneMidpointIndex?: tau = idx[s] + 1
                    default: tau = idx[s]
                    }
                    tq[first + s] = Double(tau) * h
                }
                m = first + flagged
            } else {
                m = noise.draw(chain: c, cumulative: table.baseAddress!, count: table.count)
                if ws.ensureChainScratch(m + 2) { idx = ws.indexScratch.pointer; tq = ws.timeScratch.pointer }
                for s in 0..<m {
                    let u = mutation == .midpointAtStartPoint ? 0 : noise.uniform(chain: c) * eta
                    var b = s - 1
                    while b >= 0 && tq[b] > u { tq[b + 1] = tq[b]; b -= 1 }
                    tq[b + 1] = u
                }
            }
            tq[m] = eta
            let extra = zeroFlagged ? 1 : 0
            if ws.ensureMidpointRows(rows + m + extra + 1, used: rows) {
                mid = ws.midStates.pointer; times = ws.midTimes.pointer; owner = ws.midChain.pointer
            }
            let block = mid + rows * d
            let x = ws.x + c * d, b0 = ws.base + c * d
            if mutation == .midpointAtStartPoint {
                // every midpoint is X itself: W(0) = 0; the update reads W(η) alone
                var end = eta
                noise.brownian(chain: c, times: &end, count: 1, dimension: d, into: block + m * d)
                for s in 0..<m { (block + s * d).update(repeating: 0, count: d) }
            } else {
                // query times start at the first positive one (W(0) = 0 for a midpoint at time 0)
                var first = 0
                while first < m && tq[first] <= 0 { first += 1 }
                for s in 0..<first { (block + s * d).update(repeating: 0, count: d) }
                noise.brownian(chain: c, times: tq + first, count: m + 1 - first, dimension: d, into: block + first * d)
            }
            if mutation == .independentMidpointNoise && m > 0 {
                // W′ at the midpoint times: an independent Brownian path from the auxiliary stream
                noise.auxiliaryStandardNormals(chain: c, count: m * d, into: block)
                brownianFromIncrements(times: tq, count: m, dimension: d, values: block)
            }
            if mutation == .independentEndpointNoise {
                // W″(η) = √η·g″ from the auxiliary stream replaces the update's W(η)
                noise.auxiliaryStandardNormals(chain: c, count: d, into: scratch)
                let root = eta.squareRoot(), wEnd = block + m * d
                for j in 0..<d { wEnd[j] = root * scratch[j] }
            }
            for s in 0..<m {
                let row = block + s * d, f = tq[s]
                for j in 0..<d { row[j] = x[j] + f * b0[j] + scale * row[j] }
                times[rows + s] = time + f
                owner[rows + s] = Int32(truncatingIfNeeded: c)
            }
            let wEnd = block + m * d
            let before = scratch + d
            if zeroFlagged { before.update(from: x, count: d) }
            for j in 0..<d { x[j] += eta * b0[j] + scale * wEnd[j] }
            rows += m
            if zeroFlagged {
                // the i = 0 "midpoint" is X itself (copied before the update): one more drift call, correction 0
                (mid + rows * d).update(from: before, count: d)
                times[rows] = time
                owner[rows] = Int32(truncatingIfNeeded: c)
                rows += 1
            }
        }
        ws.midpointRows = rows
    }

    /// The coarse step as K LMC(η/K) sub-steps on the step's Brownian path (C12's mutant):
    ///   x_{j+1} = x_j + h·b(x_j, t + jh) + √2·(W((j+1)h) − W(jh)),   h = η/K, j = 0 … K−1.
    /// The same values and operations as the engine's LMC on the fine grid, so under the coupling it is pathwise the
    /// fine chain. The path of every chain is held in the midpoint buffers (no allocation per step).
    func advanceFineChain<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, time: Double,
                                                       noise: inout N) -> Int {
        guard case .finite(let k) = substeps else { preconditionFailure("validated: the fine-chain mutant needs a finite K") }
        let d = ws.dimension, n = ws.count
        let h = stepSize / Double(k)
        let sqrt2 = 2.0.squareRoot()
        ws.ensureChainScratch(k + 1)
        ws.ensureMidpointRows(n * k, used: 0)
        let tq = ws.timeScratch.pointer
        for j in 0..<k { tq[j] = Double(j + 1) * h }
        let path = ws.midStates.pointer   // chain c's W(h), …, W(Kh) at rows c·K …
        for c in 0..<n { noise.brownian(chain: c, times: tq, count: k, dimension: d, into: path + c * k * d) }
        var calls = 0
        ws.midpointRows = 0
        for j in 0..<k {
            calls += ws.evaluateBaseDrift(drift, time: time + Double(j) * h)
            for c in 0..<n {
                let x = ws.x + c * d, b0 = ws.base + c * d, row = path + c * k * d
                for i in 0..<d {
                    let increment = j == 0 ? row[i] : row[j * d + i] - row[(j - 1) * d + i]
                    x[i] += h * b0[i] + sqrt2 * increment
                }
            }
        }
        return calls
    }
}

import SchemeVocabulary

/// The Poisson midpoint method (PLMC) for overdamped Langevin dynamics dX = b(X, t) dt + √2 dB.
///
/// Finite K (h = η/K, sub-step indices i = 0 … K−1, flags H_i iid Bernoulli(1/K)):
///
///     X̃_i = X + i·h·b(X, t) + √2·W(ih)                             (cheap interpolation, midpoint i)
///     X'  = X + η·b(X, t) + η·Σ_i H_i·[b(X̃_i, t + ih) − b(X, t)] + √2·W(η)
///
/// with W ONE Brownian motion on [0, η] (W(ih) = √h·S_i, S_i = Σ_{j<i} Z_j: the midpoints share the fine
/// chain's increments). K = ∞ (the Poisson limit): N ~ Poisson(1), U_1 < … < U_N the order statistics of N
/// iid U[0, 1), midpoints X̃_j = X + U_j·η·b(X, t) + √2·W(U_j η) at times t + U_j η, same update with the
/// sum over j.
///
/// Construction (O(1 + N) Gaussians per coordinate, PN-S01/PN-S02): the index-0 term is identically zero
/// and is never evaluated; for K ≤ 8 the flags of i = 1 … K−1 are drawn directly as Bernoulli(1/K); for
/// K > 8, N' ~ Bin(K − 1, 1/K) (inversion of a CDF table built once) and a uniformly random sorted N'-subset of
/// {1, …, K−1} (Floyd) — the same law;
/// W is built at the flagged times and at η from independent increments. Flags, counts and uniform times
/// come from the auxiliary stream; all midpoints of a block are evaluated in one batched drift call.
///
/// Expected drift calls per step: 2 − 1/K (K = ∞: 2). Declared orders: weak 1 for finite K at fixed K (the
/// fine chain LMC(η/K) has bias of order η/K), stationary covariance bias O(η/K + η²) on Gaussian targets
/// (order 2 for K = ∞); strong order 1 (no pathwise gain, docs/theory.md §4.7).
/// Reference: Kandasamy & Nagaraj, arXiv 2405.17068, §2 (PLMC recursion as restated by Srinivasan &
/// Nagaraj, arXiv 2506.07614); docs/theory.md §2.1. Proofs-notes PN-S01 (finite K), PN-S02 (K = ∞).
package struct PLMC: VocabularyScheme {
    package let stepSize: Double
    package let substeps: MidpointCount
    package let variant: SchemeVariant
    /// K at or below which the flags are drawn directly as Bernoulli(1/K).
    package static let directBernoulliMaximumK = 8
    /// CDF of the per-step midpoint count: Bin(K − 1, p) for K > 8, Poisson(ϱ) for K = ∞ (p = 1/K and ϱ = 1 unless
    /// a mutation changes them).
    let countLaw: DiscreteCDF

    package init(stepSize: Double, substeps: MidpointCount) {
        self.stepSize = stepSize
        self.substeps = substeps
        variant = SchemeVariant(.plmc(substeps))
        countLaw = midpointCountLaw(substeps)
    }

    /// PLMC with a mutation (any mutation of PLMC but the replacements, which `EngineScheme` runs as the scheme put in
    /// PLMC's place).
    package init(stepSize: Double, substeps: MidpointCount, mutation: SchemeMutation?) throws(SimulationError) {
        switch mutation {
        case .replacedBy?, .replacedByFineChain?, .droppedCorrection?:
            throw .unsupported("PLMC runs no replacement mutant itself (\(mutation!))")
        default: break
        }
        self.stepSize = stepSize
        self.substeps = substeps
        variant = try .engineVariant(.plmc(substeps), mutation)
        switch (mutation, substeps) {
        case (.flagProbabilityOneOverKPlusOne?, .finite(let k)) where k > PLMC.directBernoulliMaximumK:
            countLaw = .binomial(trials: k - 1, probability: 1 / Double(k + 1))
        case (.halvedPoissonRate?, .infinite):
            countLaw = .poisson(mean: 0.5)
        default:
            countLaw = midpointCountLaw(substeps)
        }
    }

    package var mutation: SchemeMutation? { variant.mutation }

    package var midpointRowsPerChain: Int { mutation == .fineChainAsCoarseStep ? 1 : 2 }

    package func validate() throws(SimulationError) { try validateVariant() }

    package func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                      noise: inout N) -> Int {
        if mutation == .fineChainAsCoarseStep { return advanceFineChain(ws, drift: drift, time: time, noise: &noise) }
        var calls = ws.evaluateBaseDrift(drift, time: time)
        countLaw.cumulative.withUnsafeBufferPointer { table in
            if mutation == nil {
                plan(ws, table: table, time: time, noise: &noise)
            } else {
                planMutant(ws, table: table, time: time, noise: &noise)
            }
        }
        calls += ws.evaluateMidpoints(drift)
        applyCorrections(ws, weight: mutation == .correctionWeightOverK ? stepSize / substeps.value : stepSize)
        return calls
    }

    /// For every chain: its flagged times (sub-steps i·h, or U·η for K = ∞), W at those times and at η, the
    /// midpoint rows X + s·b₀ + √2 W(s), and x ← x + η b₀ + √2 W(η). Pointers into the workspace are cached and
    /// reloaded only when a buffer grows.
    func plan<N: StepNoise>(_ ws: BlockWorkspace, table: UnsafeBufferPointer<Double>, time: Double, noise: inout N) {
        if N.chainsAreIndependent && drawsMidpointCount {
            planGroupedByCount(ws, table: table, time: time, noise: &noise)
            return
        }
        let d = ws.dimension, n = ws.count, eta = stepSize
        let sqrt2 = 2.0.squareRoot()
        let finiteK: Int
        switch substeps {
        case .finite(let k): finiteK = k
        case .infinite: finiteK = 0
        }
        let h = finiteK > 0 ? eta / Double(finiteK) : 0
        ws.ensureChainScratch(max(finiteK, 16) + 1)
        var idx = ws.indexScratch.pointer, tq = ws.timeScratch.pointer
        var mid = ws.midStates.pointer, times = ws.midTimes.pointer, owner = ws.midChain.pointer
        var rowCapacity = ws.midpointRowCapacity, scratchCapacity = ws.timeScratch.capacity
        var rows = 0
        for c in 0..<n {
            let m: Int
            if finiteK > 0 {
                m = drawSubstepFlags(k: finiteK, chain: c, table: table, into: idx, noise: &noise)
                for s in 0..<m { tq[s] = Double(idx[s]) * h }
            } else {
                m = noise.draw(chain: c, cumulative: table.baseAddress!, count: table.count)
                if m + 1 > scratchCapacity {
                    ws.ensureChainScratch(m + 1)
                    idx = ws.indexScratch.pointer; tq = ws.timeScratch.pointer; scratchCapacity = ws.timeScratch.capacity
                }
                drawSortedUniformTimes(count: m, chain: c, length: eta, into: tq, noise: &noise)
            }
            tq[m] = eta
            if rows + m + 1 > rowCapacity {
                ws.ensureMidpointRows(rows + m + 1, used: rows)
                mid = ws.midStates.pointer; times = ws.midTimes.pointer; owner = ws.midChain.pointer
                rowCapacity = ws.midpointRowCapacity
            }
            let block = mid + rows * d
            noise.brownian(chain: c, times: tq, count: m + 1, dimension: d, into: block)
            let x = ws.x + c * d, b0 = ws.base + c * d
            for s in 0..<m {
                let row = block + s * d, f = tq[s]
                for j in 0..<d { row[j] = x[j] + f * b0[j] + sqrt2 * row[j] }
                times[rows + s] = time + f
                owner[rows + s] = Int32(truncatingIfNeeded: c)
            }
            let wEnd = block + m * d
            for j in 0..<d { x[j] += eta * b0[j] + sqrt2 * wEnd[j] }
            rows += m
        }
        ws.midpointRows = rows
    }

    /// x_c += w·(b(X̃_r) − b(X_c)) for every midpoint row r of chain c (w = η; η/K for the weight mutant).
    @inline(__always)
    func applyCorrections(_ ws: BlockWorkspace, weight: Double) {
        let d = ws.dimension
        let out = ws.midOut.pointer, owner = ws.midChain.pointer
        for r in 0..<ws.midpointRows {
            let c = Int(owner[r])
            let x = ws.x + c * d, b0 = ws.base + c * d, o = out + r * d
            for j in 0..<d { x[j] += weight * (o[j] - b0[j]) }
        }
    }
}

/// The CDF table of the per-step midpoint count: Bin(K − 1, 1/K) for K > 8 (flags 1 … K−1), Poisson(1) for
/// K = ∞, unused (a single entry) for K ≤ 8 where the flags are drawn directly.
func midpointCountLaw(_ substeps: MidpointCount) -> DiscreteCDF {
    switch substeps {
    case .finite(let k) where k > PLMC.directBernoulliMaximumK:
        return .binomial(trials: k - 1, probability: 1 / Double(k))
    case .finite: return DiscreteCDF(cumulative: [1])
    case .infinite: return .poisson(mean: 1)
    }
}

/// `count` iid U[0, 1)·`length` from chain `c`'s auxiliary stream into `into[0 ..< count]`, kept sorted ascending by
/// insertion as they are drawn: the K = ∞ midpoint times, the order statistics of N uniform times (PN-S02).
@inline(__always)
func drawSortedUniformTimes<N: StepNoise>(count m: Int, chain c: Int, length: Double,
                                          into tq: UnsafeMutablePointer<Double>, noise: inout N) {
    for s in 0..<m {
        let u = noise.uniform(chain: c) * length
        var b = s - 1
        while b >= 0 && tq[b] > u { tq[b + 1] = tq[b]; b -= 1 }
        tq[b + 1] = u
    }
}

/// The flagged sub-steps among 1 … K−1 of chain `c` for one PLMC step, sorted, into `idx[0 ..< count]`;
/// returns count. Law: each i ∈ {1, …, K−1} flagged independently with probability p = 1/K (the flag of i = 0 is
/// irrelevant: its correction is identically zero). For K ≤ 8 the flags are drawn directly; for K > 8 as
/// N' ~ Bin(K − 1, p) (`table`, which must be that law's CDF) and a uniformly random sorted N'-subset (PN-S01).
/// `idx` must hold K entries. `probability` replaces p = 1/K in the direct draws (a mutant's flag law, with its
/// own `table`).
@inline(__always)
func drawSubstepFlags<N: StepNoise>(k: Int, chain c: Int, table: UnsafeBufferPointer<Double>,
                                           into idx: UnsafeMutablePointer<Int>, probability: Double? = nil,
                                           noise: inout N) -> Int {
    if k <= PLMC.directBernoulliMaximumK {
        let p = probability ?? 1 / Double(k)
        var m = 0
        for i in 1..<max(k, 1) where noise.uniform(chain: c) < p {
            idx[m] = i
            m += 1
        }
        return m
    }
    let m = noise.draw(chain: c, cumulative: table.baseAddress!, count: table.count)
    noise.sortedSubset(chain: c, size: m, from: k - 1, into: idx)
    for s in 0..<m { idx[s] += 1 }
    return m
}

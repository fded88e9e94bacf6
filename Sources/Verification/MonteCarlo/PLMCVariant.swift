import Langevin

/// A deliberate change to the Poisson midpoint step (testing-rules R18): the Monte Carlo mutants of C2, C10, C12.
public enum PLMCMutation: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// No change: the PLMC step exactly as the engine's `PLMC` (bit-identical for the same noise; a cross-check).
    case none
    /// Flags Hᵢ ~ Bernoulli(1/(K+1)) instead of Bernoulli(1/K) (C2: mean calls 2 − 2/(K+1) instead of 2 − 1/K).
    case flagProbabilityOneOverKPlusOne
    /// The i = 0 midpoint is flagged with probability 1/K and evaluated (at X itself; its correction is 0): mean
    /// calls 2 instead of 2 − 1/K (C2).
    case countsIndexZeroMidpoint
    /// The midpoints use an independent Brownian motion W′ instead of the path of the step (C10: the OU bias becomes
    /// ≈ ηa, first order; paper-notes §2.1).
    case independentMidpointNoise
    /// The correction weight is η/K instead of η (C10: the Bernoulli control variate loses its unbiasedness).
    case correctionWeightOverK
    /// The noise is √η·g instead of √(2η)·g (W replaced by W/√2 everywhere): the chain targets the wrong temperature
    /// (C12: the distance to fine LMC does not vanish).
    case halfVarianceNoise

    public var description: String {
        switch self {
        case .none: return "none"
        case .flagProbabilityOneOverKPlusOne: return "H ~ Bernoulli(1/(K+1))"
        case .countsIndexZeroMidpoint: return "counting the i = 0 midpoint"
        case .independentMidpointNoise: return "independent midpoint noise"
        case .correctionWeightOverK: return "correction weight η/K"
        case .halfVarianceNoise: return "√η noise"
        }
    }
}

/// PLMC(η, K) for finite K with an optional mutation (`PLMCMutation`), as a `LangevinScheme` conformance of the
/// Verification module, so that mutants run through the same engine (`Simulation.run`) and the same coupled
/// ensemble as the real scheme.
///
/// The step (h = η/K, S the Brownian path of the step, Hᵢ iid Bernoulli(p), p = 1/K):
///
///     X̃ᵢ = X + i·h·b(X, t) + √2·W(ih)                         (midpoint i, flagged i ∈ {1, …, K−1})
///     X'  = X + η·b(X, t) + w·Σᵢ Hᵢ·[b(X̃ᵢ, t + ih) − b(X, t)] + √2·W(η),   w = η
///
/// (arXiv 2405.17068 §2; paper-notes §2.1; PN-S01). With `.none` the draws and the arithmetic follow the engine's
/// `PLMC` exactly (flags of i = 1 … K−1 drawn directly for K ≤ 8; for K > 8 a Bin(K − 1, p) count and a uniformly
/// random sorted subset), so the real scheme and this re-implementation are bit-identical (tested); each mutation
/// changes one thing.
public struct PLMCVariant: LangevinScheme {
    public let stepSize: Double
    public let substeps: Int
    public let mutation: PLMCMutation
    let countLaw: DiscreteCDF

    public init(stepSize: Double, substeps: Int, mutation: PLMCMutation) {
        self.stepSize = stepSize
        self.substeps = substeps
        self.mutation = mutation
        let p = mutation == .flagProbabilityOneOverKPlusOne ? 1 / Double(substeps + 1) : 1 / Double(max(substeps, 1))
        countLaw = substeps > PLMC.directBernoulliMaximumK ? .binomial(trials: substeps - 1, probability: p)
                                                            : .binomial(trials: 0, probability: p)
    }

    /// The flag probability p of the variant.
    public var flagProbability: Double {
        mutation == .flagProbabilityOneOverKPlusOne ? 1 / Double(substeps + 1) : 1 / Double(substeps)
    }

    /// Expected drift calls per step: 1 + (K − 1)·p, plus 1/K when the i = 0 midpoint is counted.
    public var expectedDriftCallsPerStep: Double {
        1 + Double(substeps - 1) * flagProbability + (mutation == .countsIndexZeroMidpoint ? 1 / Double(substeps) : 0)
    }

    public var metadata: SchemeMetadata {
        SchemeMetadata(name: mutation == .none ? "PLMC(η=\(stepSize), K=\(substeps)) [re-implementation]"
                                               : "PLMC(η=\(stepSize), K=\(substeps)) mutant: \(mutation)",
                       expectedDriftCallsPerStep: expectedDriftCallsPerStep, weakOrder: nil, strongOrder: nil,
                       stationaryBiasOrder: nil,
                       reference: "mutant of Kandasamy & Nagaraj, arXiv 2405.17068 §2 (testing-rules R18)",
                       proofsNote: "PN-V07")
    }

    public var midpointRowsPerChain: Int { 2 }

    public func validate() throws(SimulationError) {
        guard stepSize > 0, stepSize.isFinite else { throw .invalidStepSize(stepSize) }
        guard substeps >= 1 else { throw .invalidSubsteps(substeps) }
    }

    public func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                     noise: inout N) -> Int {
        var calls = ws.evaluateBaseDrift(drift, time: time)
        countLaw.cumulative.withUnsafeBufferPointer { table in
            plan(ws, table: table, time: time, noise: &noise)
        }
        calls += ws.evaluateMidpoints(drift)
        let d = ws.dimension
        let weight = mutation == .correctionWeightOverK ? stepSize / Double(substeps) : stepSize
        let out = ws.midOut.pointer, owner = ws.midChain.pointer
        for r in 0..<ws.midpointRows {
            let c = Int(owner[r])
            let x = ws.x + c * d, b0 = ws.base + c * d, o = out + r * d
            for j in 0..<d { x[j] += weight * (o[j] - b0[j]) }
        }
        return calls
    }

    /// Flags, Brownian values at the flagged sub-steps and at η, midpoint rows, and x ← x + η b₀ + √2 W(η).
    func plan<N: StepNoise>(_ ws: BlockWorkspace, table: UnsafeBufferPointer<Double>, time: Double, noise: inout N) {
        let d = ws.dimension, n = ws.count, eta = stepSize, k = substeps
        let noiseScale = mutation == .halfVarianceNoise ? 1.0 : 2.0.squareRoot()
        let h = eta / Double(k)
        let p = flagProbability
        ws.ensureChainScratch(max(k, 16) + 2)
        ws.ensureVectorScratch(2 * d)
        let idx = ws.indexScratch.pointer, tq = ws.timeScratch.pointer
        let scratch = ws.vectorScratch.pointer
        var mid = ws.midStates.pointer, times = ws.midTimes.pointer, owner = ws.midChain.pointer
        var rows = 0
        for c in 0..<n {
            // flags: the engine's draw (i = 1 … K−1 directly for K ≤ 8, else a count and a sorted subset) with the
            // variant's probability p and count table
            var zeroFlagged = false
            if mutation == .countsIndexZeroMidpoint { zeroFlagged = noise.uniform(chain: c) < p }
            let m = drawSubstepFlags(k: k, chain: c, table: table, into: idx, probability: p, noise: &noise)
            for s in 0..<m { tq[s] = Double(idx[s]) * h }
            tq[m] = eta
            let extra = zeroFlagged ? 1 : 0
            if ws.ensureMidpointRows(rows + m + extra + 1, used: rows) {
                mid = ws.midStates.pointer; times = ws.midTimes.pointer; owner = ws.midChain.pointer
            }
            let block = mid + rows * d
            let x = ws.x + c * d, b0 = ws.base + c * d
            if mutation == .independentMidpointNoise {
                // the endpoint reads the shared path at η; the midpoints an independent W′ built from fresh N(0, 1)
                var end = eta
                noise.brownian(chain: c, times: &end, count: 1, dimension: d, into: scratch)
                noise.standardNormals(chain: c, count: m * d, into: block)
                brownianFromIncrements(times: tq, count: m, dimension: d, values: block)
                (block + m * d).update(from: scratch, count: d)
            } else {
                noise.brownian(chain: c, times: tq, count: m + 1, dimension: d, into: block)
            }
            for s in 0..<m {
                let row = block + s * d, f = tq[s]
                for j in 0..<d { row[j] = x[j] + f * b0[j] + noiseScale * row[j] }
                times[rows + s] = time + f
                owner[rows + s] = Int32(truncatingIfNeeded: c)
            }
            let wEnd = block + m * d
            let before = scratch + d
            if zeroFlagged { before.update(from: x, count: d) }
            for j in 0..<d { x[j] += eta * b0[j] + noiseScale * wEnd[j] }
            rows += m
            if zeroFlagged {
                // the i = 0 "midpoint" is X itself (copied before the update): one more drift call, and its
                // correction b(X) − b(X) is exactly 0
                (mid + rows * d).update(from: before, count: d)
                times[rows] = time
                owner[rows] = Int32(truncatingIfNeeded: c)
                rows += 1
            }
        }
        ws.midpointRows = rows
    }
}

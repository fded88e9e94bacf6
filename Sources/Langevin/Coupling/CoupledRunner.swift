import Dispatch
import Randomness
import Synchronization

/// How a coupled run is laid out: LMC(η), fine LMC(η/K) (K sub-steps per coarse step), PLMC(η, K) and RLMC(η)
/// on ONE Brownian path per chain and coarse step.
public struct CoupledConfiguration: Sendable {
    public var stepSize: Double
    public var substeps: Int
    public var chains: Int
    /// Coarse steps.
    public var steps: Int
    public var seed: UInt64
    public var threads: Int
    public var initialState: [Double]?
    public var startTime: Double
    public var blockSize: Int
    public var explosionThreshold: Double?

    public init(stepSize: Double, substeps: Int, chains: Int, steps: Int, seed: UInt64 = 0, threads: Int = 1,
                initialState: [Double]? = nil, startTime: Double = 0, blockSize: Int = 128,
                explosionThreshold: Double? = 1e12) {
        self.stepSize = stepSize
        self.substeps = substeps
        self.chains = chains
        self.steps = steps
        self.seed = seed
        self.threads = threads
        self.initialState = initialState
        self.startTime = startTime
        self.blockSize = blockSize
        self.explosionThreshold = explosionThreshold
    }
}

/// The final-state law of one scheme in a coupled run.
public struct CoupledMarginal: Sendable {
    public var scheme: SchemeMetadata
    public var state: MomentAccumulator
    public var observables: MomentAccumulator
    /// Drift evaluations per chain and COARSE step (fine LMC: K).
    public var driftCallsPerStep: Double
    public var mean: [Double] { state.mean }
}

/// Common-random-number statistics of a scheme against the fine chain at the final step:
/// moments of φ(X_scheme) − φ(X_fine) (per observable output) and of |X_scheme − X_fine|².
public struct PairedStatistics: Sendable {
    public var observableDifference: MomentAccumulator
    public var squaredDistance: MomentAccumulator
    /// Mean of φ(X_scheme) − φ(X_fine).
    public var meanDifference: [Double] { observableDifference.mean }
    /// Unbiased variance of φ(X_scheme) − φ(X_fine), per output.
    public var varianceOfDifference: [Double] {
        let c = observableDifference.covariance
        return (0..<observableDifference.dimension).map { c[$0, $0] }
    }
    /// E|X_scheme − X_fine|² (the strong error², paper-notes §4.7).
    public var meanSquaredDistance: Double { squaredDistance.mean[0] }
}

public struct CoupledResult: Sendable {
    public var fine: CoupledMarginal
    public var lmc: CoupledMarginal
    public var plmc: CoupledMarginal
    public var rlmc: CoupledMarginal
    public var plmcVersusFine: PairedStatistics
    public var lmcVersusFine: PairedStatistics
    public var rlmcVersusFine: PairedStatistics
    public var seconds: Double
}

/// Runs LMC(η), fine LMC(η/K), PLMC(η, K) and RLMC(η) on one Brownian path per chain and coarse step (PN-S05):
/// the fine chain queries W at h, 2h, …, η (extensions), coarse LMC at η, PLMC at its flagged sub-steps ih and η
/// (all already known), RLMC at uη (a Brownian-bridge insertion) and η. Each scheme's marginal law is exactly its
/// own law; the joint law is the synchronous coupling. Flags and uniform times come from the chain's auxiliary
/// stream. Blocks, streams and ordered merging as in `Simulation.run`: bit-identical for every thread count.
public enum CoupledRunner {
    public static func run<D: BatchDrift>(drift: D, configuration c: CoupledConfiguration,
                                          observables: [EnsembleObservable] = []) throws(SimulationError) -> CoupledResult {
        let clock = ContinuousClock()
        let start = clock.now
        try validateStepSize(c.stepSize)
        guard c.substeps >= 1 else { throw .invalidSubsteps(c.substeps) }
        let base = EnsembleConfiguration(chains: c.chains, steps: c.steps, seed: c.seed, threads: c.threads,
                                         initialState: c.initialState, startTime: c.startTime, blockSize: c.blockSize,
                                         explosionThreshold: c.explosionThreshold)
        let plan = try RunPlan(scheme: PLMC(stepSize: c.stepSize, substeps: .finite(c.substeps)), drift: drift,
                               configuration: base, observables: observables)
        let schemes = CoupledSchemes(eta: c.stepSize, k: c.substeps)
        let merger = CoupledMerger(plan: plan)
        let workers = min(c.threads, plan.blockCount)
        if workers <= 1 {
            worker(0, workers: 1, schemes: schemes, drift: drift, plan: plan, merger: merger)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                worker(w, workers: workers, schemes: schemes, drift: drift, plan: plan, merger: merger)
            }
        }
        let totals = merger.finish()
        if let failure = totals.failure { throw failure.error }
        let n = Double(c.chains) * Double(c.steps)
        func marginal(_ i: Int, _ meta: SchemeMetadata) -> CoupledMarginal {
            CoupledMarginal(scheme: meta, state: totals.states[i], observables: totals.observables[i],
                            driftCallsPerStep: Double(totals.calls[i]) / n)
        }
        return CoupledResult(
            fine: marginal(0, schemes.fine.metadata), lmc: marginal(1, schemes.lmc.metadata),
            plmc: marginal(2, schemes.plmc.metadata), rlmc: marginal(3, schemes.rlmc.metadata),
            plmcVersusFine: PairedStatistics(observableDifference: totals.differences[2], squaredDistance: totals.distances[2]),
            lmcVersusFine: PairedStatistics(observableDifference: totals.differences[1], squaredDistance: totals.distances[1]),
            rlmcVersusFine: PairedStatistics(observableDifference: totals.differences[3], squaredDistance: totals.distances[3]),
            seconds: (clock.now - start) / .seconds(1))
    }

    struct CoupledSchemes: Sendable {
        let fine: LMC, lmc: LMC, plmc: PLMC, rlmc: RLMC, k: Int, eta: Double
        init(eta: Double, k: Int) {
            fine = LMC(stepSize: eta / Double(k)); lmc = LMC(stepSize: eta)
            plmc = PLMC(stepSize: eta, substeps: .finite(k)); rlmc = RLMC(stepSize: eta)
            self.k = k; self.eta = eta
        }
    }

    static func worker<D: BatchDrift>(_ w: Int, workers: Int, schemes: CoupledSchemes, drift: D, plan: RunPlan,
                                      merger: CoupledMerger) {
        let spaces = (0..<4).map { _ in
            BlockWorkspace(dimension: plan.dimension, chainCapacity: plan.blockSize, hasVelocity: false,
                           midpointRowsPerChain: 2)
        }
        let streams = BlockStreams(capacity: plan.blockSize)
        let paths = BrownianPathStore(dimension: plan.dimension, chains: plan.blockSize, pointsPerChain: schemes.k + 8)
        defer { streams.deallocate() }
        var k = w
        while k < plan.blockCount {
            merger.submit(block: k, runBlock(k, spaces: spaces, streams: streams, paths: paths, schemes: schemes,
                                             drift: drift, plan: plan))
            k += workers
        }
    }

    static func runBlock<D: BatchDrift>(_ k: Int, spaces: [BlockWorkspace], streams: BlockStreams,
                                        paths: BrownianPathStore, schemes: CoupledSchemes, drift: D,
                                        plan: RunPlan) -> CoupledBlockOutcome {
        let first = k * plan.blockSize
        let n = min(plan.blockSize, plan.chains - first)
        let d = plan.dimension
        for ws in spaces {
            ws.count = n
            ws.firstChain = first
            for c in 0..<n { for j in 0..<d { ws.x[c * d + j] = plan.initialState[j] } }
        }
        for c in 0..<n {
            streams.brownian[c] = ChainStreams.generator(seed: plan.seed, chain: first + c, purpose: .brownian)
            streams.auxiliary[c] = ChainStreams.generator(seed: plan.seed, chain: first + c, purpose: .auxiliary)
        }
        var noise = CoupledNoise(paths: paths, brownian: streams.brownian, auxiliary: streams.auxiliary)
        defer { noise.deallocate() }
        var outcome = CoupledBlockOutcome()
        let h = schemes.eta / Double(schemes.k)
        for s in 0..<plan.steps {
            let time = plan.startTime + Double(s) * schemes.eta
            paths.reset(horizon: schemes.eta)
            for j in 0..<schemes.k {
                noise.offset = Double(j) * h
                outcome.calls[0] += schemes.fine.advance(spaces[0], drift: drift, step: s * schemes.k + j,
                                                         time: time + Double(j) * h, noise: &noise)
            }
            noise.offset = 0
            outcome.calls[1] += schemes.lmc.advance(spaces[1], drift: drift, step: s, time: time, noise: &noise)
            outcome.calls[2] += schemes.plmc.advance(spaces[2], drift: drift, step: s, time: time, noise: &noise)
            outcome.calls[3] += schemes.rlmc.advance(spaces[3], drift: drift, step: s, time: time, noise: &noise)
            for ws in spaces {
                if let failure = plan.check(ws, step: s + 1) {
                    outcome.failure = failure
                    return outcome
                }
            }
        }
        // final moments, and differences against the fine chain
        for i in 0..<4 {
            let (state, obs) = plan.moments(of: spaces[i])
            outcome.states.append(state)
            outcome.observables.append(obs)
        }
        let kObs = plan.observableOutputs
        let fineValues = UnsafeMutablePointer<Double>.allocate(capacity: max(kObs, 1))
        let values = UnsafeMutablePointer<Double>.allocate(capacity: max(kObs, 1))
        let diff = UnsafeMutablePointer<Double>.allocate(capacity: n * max(kObs, 1))
        let dist = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { fineValues.deallocate(); values.deallocate(); diff.deallocate(); dist.deallocate() }
        for i in 0..<4 {
            for c in 0..<n {
                let x = spaces[i].x + c * d, xf = spaces[0].x + c * d
                var sq = 0.0
                for j in 0..<d { let e = x[j] - xf[j]; sq += e * e }
                dist[c] = sq
                var offset = 0
                for o in plan.observables {
                    o.evaluate(xf, d, fineValues + offset)
                    o.evaluate(x, d, values + offset)
                    offset += o.outputs
                }
                for q in 0..<kObs { diff[c * kObs + q] = values[q] - fineValues[q] }
            }
            outcome.differences.append(MomentAccumulator(rows: diff, count: n, dimension: kObs, tracksCovariance: true))
            outcome.distances.append(MomentAccumulator(rows: dist, count: n, dimension: 1, tracksCovariance: true))
        }
        return outcome
    }
}

struct CoupledBlockOutcome: Sendable {
    var calls = [0, 0, 0, 0]
    var states: [MomentAccumulator] = []
    var observables: [MomentAccumulator] = []
    var differences: [MomentAccumulator] = []
    var distances: [MomentAccumulator] = []
    var failure: LocatedFailure?
}

final class CoupledMerger: Sendable {
    struct Totals: ~Copyable {
        var pending: [Int: CoupledBlockOutcome] = [:]
        var next = 0
        var calls = [0, 0, 0, 0]
        var states: [MomentAccumulator]
        var observables: [MomentAccumulator]
        var differences: [MomentAccumulator]
        var distances: [MomentAccumulator]
        var failure: LocatedFailure?
    }
    let mutex: Mutex<Totals>

    init(plan: RunPlan) {
        let s = MomentAccumulator(dimension: plan.stateDimension, tracksCovariance: plan.trackCovariance)
        let o = MomentAccumulator(dimension: plan.observableOutputs, tracksCovariance: true)
        let one = MomentAccumulator(dimension: 1, tracksCovariance: true)
        mutex = Mutex(Totals(states: Array(repeating: s, count: 4), observables: Array(repeating: o, count: 4),
                             differences: Array(repeating: o, count: 4), distances: Array(repeating: one, count: 4)))
    }

    func submit(block k: Int, _ outcome: CoupledBlockOutcome) {
        mutex.withLock { t in
            t.pending[k] = outcome
            while let o = t.pending.removeValue(forKey: t.next) {
                for i in 0..<4 { t.calls[i] += o.calls[i] }
                if let f = o.failure {
                    if t.failure == nil || f.precedes(t.failure!) { t.failure = f }
                } else {
                    for i in 0..<4 {
                        t.states[i].merge(o.states[i]); t.observables[i].merge(o.observables[i])
                        t.differences[i].merge(o.differences[i]); t.distances[i].merge(o.distances[i])
                    }
                }
                t.next += 1
            }
        }
    }

    func finish() -> (calls: [Int], states: [MomentAccumulator], observables: [MomentAccumulator],
                      differences: [MomentAccumulator], distances: [MomentAccumulator], failure: LocatedFailure?) {
        mutex.withLock { t in (t.calls, t.states, t.observables, t.differences, t.distances, t.failure) }
    }
}

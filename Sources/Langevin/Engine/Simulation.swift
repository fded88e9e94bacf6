import Dispatch
import Randomness
import Synchronization

/// The ensemble engine.
///
/// N chains are cut into fixed blocks of `blockSize` chains (independent of the thread count); worker
/// threads take the next block in order (`OrderedBlockMerger.nextBlock`); each block runs all T steps for its
/// chains in one reused `BlockWorkspace` (no heap allocation per step), drawing from per-chain streams keyed by
/// (seed, chain, purpose). Block moments (two-pass within the block) are merged in block order (Chan et al.), so the
/// results are bit-identical for every thread count; at most four blocks per thread wait to be merged (a bounded
/// reorder window), so memory does not grow with N for any thread count. After every step each chain's state
/// is checked: a non-finite drift value, a non-finite state, or a distance from the centre above
/// `explosionThreshold` · max(1, ‖centre‖) stops the run with a typed error naming the smallest (step, chain) at
/// which it happened (PN-S07).
public enum Simulation {
    /// Runs `configuration.chains` chains of `scheme` with `drift`. Throws `SimulationError` for bad input
    /// (scheme parameters, counts, dimensions) and for divergence.
    /// `startedAt`: when the caller began preparing the run (the scheme's tables count in `seconds`).
    package static func run<S: LangevinScheme, D: BatchDrift>(
        scheme: S, drift: D, configuration: EnsembleConfiguration, observables: [EnsembleObservable] = [],
        startedAt: ContinuousClock.Instant? = nil
    ) throws(SimulationError) -> EnsembleResult {
        let clock = ContinuousClock()
        let start = startedAt ?? clock.now
        let plan = try RunPlan(scheme: scheme, drift: drift, configuration: configuration, observables: observables)
        let workers = min(configuration.threads, plan.blockCount)
        let merger = OrderedBlockMerger(empty: plan.emptyOutcome, window: OrderedBlockMerger<EnsembleBlockOutcome>.window(workers: workers))
        let chainSteps = configuration.chains.multipliedReportingOverflow(by: configuration.steps)
        configuration.progress?.start(total: chainSteps.overflow ? .max : chainSteps.partialValue)
        if workers <= 1 {
            runWorker(scheme: scheme, drift: drift, plan: plan, merger: merger, progress: configuration.progress)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                runWorker(scheme: scheme, drift: drift, plan: plan, merger: merger, progress: configuration.progress)
            }
        }
        let (totals, failure) = merger.finish()
        if let failure { throw failure.error }
        let seconds = (clock.now - start) / .seconds(1)
        let final = totals.snapshots.last!
        return EnsembleResult(
            chains: configuration.chains, steps: configuration.steps, mean: final.mean,
            covariance: final.covariance, driftCalls: totals.driftCalls,
            driftCallsPerStep: Double(totals.driftCalls) / (Double(configuration.chains) * Double(configuration.steps)),
            seconds: seconds, snapshots: totals.snapshots, label: scheme.label)
    }

    /// Takes blocks in order from the merger until none is left (one workspace per worker, reused).
    static func runWorker<S: LangevinScheme, D: BatchDrift>(scheme: S, drift: D, plan: RunPlan,
                                                             merger: OrderedBlockMerger<EnsembleBlockOutcome>,
                                                             progress: EngineProgress?) {
        guard let first = merger.nextBlock(below: plan.blockCount) else { return }
        let ws = BlockWorkspace(dimension: plan.dimension, chainCapacity: plan.blockSize,
                                hasVelocity: plan.underdamped, midpointRowsPerChain: scheme.midpointRowsPerChain)
        let streams = BlockStreams(capacity: plan.blockSize)
        defer { streams.deallocate() }
        var next: Int? = first
        while let k = next {
            let outcome = runBlock(k, ws: ws, streams: streams, scheme: scheme, drift: drift, plan: plan, progress: progress)
            merger.submit(block: k, outcome)
            next = merger.nextBlock(below: plan.blockCount)
        }
    }

    /// Runs block `k` for all steps (or until its first failure).
    static func runBlock<S: LangevinScheme, D: BatchDrift>(_ k: Int, ws: BlockWorkspace, streams: BlockStreams,
                                                            scheme: S, drift: D, plan: RunPlan,
                                                            progress: EngineProgress? = nil) -> EnsembleBlockOutcome {
        let first = k * plan.blockSize
        let n = min(plan.blockSize, plan.chains - first)
        let d = plan.dimension
        ws.count = n
        ws.firstChain = first
        for c in 0..<n {
            for j in 0..<d { ws.x[c * d + j] = plan.initialState[j] }
            if plan.underdamped { for j in 0..<d { ws.v[c * d + j] = plan.initialVelocity[j] } }
            streams.brownian[chain: c] = ChainStreams.normals(seed: plan.seed, chain: first + c, purpose: .brownian)
            streams.auxiliary[c] = ChainStreams.generator(seed: plan.seed, chain: first + c, purpose: .auxiliary)
        }
        var noise = StreamNoise(brownianStreams: streams.brownian, auxiliaryStreams: streams.auxiliary)
        var outcome = plan.emptyOutcome
        var recordIndex = 0
        if plan.recordSteps[0] == 0 {
            plan.record(ws, into: &outcome.snapshots[0])
            recordIndex = 1
        }
        for s in 0..<plan.steps {
            let time = scheme.stepStartTime(step: s, startTime: plan.startTime)
            outcome.driftCalls += scheme.advance(ws, drift: drift, step: s, time: time, noise: &noise)
            if let failure = plan.check(ws, step: s + 1) {
                outcome.failure = failure
                return outcome
            }
            if let progress, (s + 1) % EngineProgress.stride == 0 { progress.add(n * EngineProgress.stride) }
            if recordIndex < plan.recordSteps.count && plan.recordSteps[recordIndex] == s + 1 {
                plan.record(ws, into: &outcome.snapshots[recordIndex])
                recordIndex += 1
            }
        }
        if let progress { progress.add(n * (plan.steps % EngineProgress.stride)) }
        return outcome
    }
}

/// ‖v − center‖ without overflow or underflow of the squares (scaled by the largest |vᵢ − centerᵢ|).
func robustNorm(_ v: [Double], center: [Double]?) -> Double {
    var largest = 0.0
    for i in v.indices { largest = max(largest, abs(v[i] - (center?[i] ?? 0))) }
    guard largest > 0, largest.isFinite else { return largest }
    var sum = 0.0
    for i in v.indices { let e = (v[i] - (center?[i] ?? 0)) / largest; sum += e * e }
    return largest * sum.squareRoot()
}

/// Per-chain stream arrays of one worker (reused across its blocks): Gaussian (Brownian, lane-grouped) and auxiliary.
final class BlockStreams {
    let brownian: LaneNormalStreams
    let auxiliary: UnsafeMutablePointer<Xoshiro256StarStar>
    init(capacity: Int) {
        brownian = LaneNormalStreams(capacity: capacity)
        auxiliary = .allocate(capacity: capacity)
        auxiliary.initialize(repeating: Xoshiro256StarStar(seed: 0), count: capacity)
    }
    func deallocate() { brownian.deallocate(); auxiliary.deallocate() }
}

/// What one block of an ensemble run produced: moments at every recorded step and the drift calls.
struct EnsembleBlockOutcome: BlockOutcome {
    var snapshots: [EnsembleSnapshot]
    var driftCalls = 0
    var failure: LocatedFailure?

    mutating func merge(_ other: EnsembleBlockOutcome) {
        driftCalls += other.driftCalls
        for i in snapshots.indices {
            snapshots[i].state.merge(other.snapshots[i].state)
            snapshots[i].observables.merge(other.snapshots[i].observables)
        }
    }
}

/// The validated, immutable description of a run shared by all workers.
struct RunPlan: Sendable {
    let chains: Int
    let steps: Int
    let seed: UInt64
    let blockSize: Int
    let blockCount: Int
    let dimension: Int
    let underdamped: Bool
    let stateDimension: Int
    let initialState: [Double]
    let initialVelocity: [Double]
    let startTime: Double
    let recordSteps: [Int]
    let trackCovariance: Bool
    let explosionThreshold: Double?
    /// The centre of the divergence test (state coordinates) and the squared distance limit ρ² · max(1, ‖c‖)².
    let explosionCenter: [Double]
    let explosionLimitSquared: Double
    /// max(1, ‖centre‖).
    let centerScale: Double
    let centered: Bool
    let observables: [EnsembleObservable]
    let observableOutputs: Int

    init<S: LangevinScheme, D: BatchDrift>(scheme: S, drift: D, configuration c: EnsembleConfiguration,
                                           observables: [EnsembleObservable]) throws(SimulationError) {
        try scheme.validate()
        guard c.chains >= 1 else { throw .invalidChainCount(c.chains) }
        guard c.steps >= 1 else { throw .invalidStepCount(c.steps) }
        if let maximum = scheme.maximumSteps, c.steps > maximum {
            throw .invalidParameter(name: "steps", value: "\(c.steps)",
                                    reason: "the scheme's coefficient schedule covers only \(maximum) steps")
        }
        guard c.threads >= 1 else {
            throw .invalidParameter(name: "threads", value: "\(c.threads)", reason: "must be at least 1")
        }
        guard c.blockSize >= 1 else {
            throw .invalidParameter(name: "blockSize", value: "\(c.blockSize)", reason: "must be at least 1")
        }
        guard c.startTime.isFinite else {
            throw .invalidParameter(name: "startTime", value: "\(c.startTime)", reason: "must be finite")
        }
        if let t = c.explosionThreshold, !(t > 0) {
            throw .invalidParameter(name: "explosionThreshold", value: "\(t)", reason: "must be positive")
        }
        let d = drift.dimension
        guard d >= 1 else { throw .dimensionMismatch(what: "drift", expected: max(c.initialState?.count ?? 1, 1), got: d) }
        if let x0 = c.initialState {
            guard x0.count == d else { throw .dimensionMismatch(what: "drift", expected: x0.count, got: d) }
            try validateSimulationVector(x0, "initial state", count: d)
        }
        if let v0 = c.initialVelocity {
            guard scheme.isUnderdamped else {
                throw .invalidParameter(name: "initialVelocity", value: "\(v0.count) entries",
                                        reason: "only underdamped schemes carry a velocity")
            }
            try validateSimulationVector(v0, "initial velocity", count: d)
        }
        let record = c.resolvedRecordSteps
        for s in record where !(0...c.steps).contains(s) {
            throw .invalidParameter(name: "recordSteps", value: "\(s)", reason: "must lie in 0 … \(c.steps)")
        }
        for o in observables where o.outputs < 1 {
            throw .invalidParameter(name: "observable \(o.name)", value: "\(o.outputs) outputs", reason: "must be ≥ 1")
        }
        if let center = c.explosionCenter {
            try validateSimulationVector(center, "divergence centre", count: scheme.isUnderdamped ? 2 * d : d)
        }
        chains = c.chains
        steps = c.steps
        seed = c.seed
        blockSize = c.blockSize
        blockCount = c.chains / c.blockSize + (c.chains % c.blockSize == 0 ? 0 : 1)   // no overflow at Int.max
        dimension = d
        underdamped = scheme.isUnderdamped
        stateDimension = underdamped ? 2 * d : d
        initialState = c.initialState ?? [Double](repeating: 0, count: d)
        initialVelocity = c.initialVelocity ?? [Double](repeating: 0, count: d)
        startTime = c.startTime
        recordSteps = record
        trackCovariance = c.trackCovariance
        explosionThreshold = c.explosionThreshold
        let stateSize = scheme.isUnderdamped ? 2 * d : d
        let center = c.explosionCenter
            ?? ((c.initialState ?? [Double](repeating: 0, count: d))
                + (scheme.isUnderdamped ? (c.initialVelocity ?? [Double](repeating: 0, count: d)) : []))
        explosionCenter = center.count == stateSize ? center : [Double](repeating: 0, count: stateSize)
        centered = explosionCenter.contains { $0 != 0 }
        centerScale = max(1, robustNorm(explosionCenter, center: nil))
        if let rho = c.explosionThreshold {
            let limit = rho * centerScale
            explosionLimitSquared = limit.isFinite ? limit * limit : .infinity
        } else {
            explosionLimitSquared = .infinity
        }
        self.observables = observables
        observableOutputs = observables.reduce(0) { $0 + $1.outputs }
    }

    /// The first failing chain of the block after `step`, if any (chains in block order).
    @inline(__always)
    func check(_ ws: BlockWorkspace, step: Int) -> LocatedFailure? {
        let limit = explosionLimitSquared.isFinite ? explosionLimitSquared : Double.greatestFiniteMagnitude
        return centered ? checkChains(ws, step: step, limit: limit, centered: true)
                        : checkChains(ws, step: step, limit: limit, centered: false)
    }

    /// `check` four consecutive chains at a time: their squared distances ‖x − centre‖² (+ ‖v − centre_v‖²) side by side
    /// in SIMD lanes, each lane summing its own chain's terms in coordinate order — the same numbers as one chain at a
    /// time, but four independent chains of additions instead of one (a long sum is bound by the latency of its adds).
    /// In the block's last group, lanes past its last chain repeat that chain and are not looked at. Without a centre
    /// the subtraction is left out (x − 0 = x exactly).
    @inline(__always)
    func checkChains(_ ws: BlockWorkspace, step: Int, limit: Double, centered: Bool) -> LocatedFailure? {
        typealias V = SIMD4<Double>
        let d = dimension, n = ws.count
        return explosionCenter.withUnsafeBufferPointer { centre -> LocatedFailure? in
            let xCentre = centre.baseAddress!, vCentre = xCentre + (underdamped ? d : 0)
            @inline(__always)
            func addSquares(_ states: UnsafePointer<Double>, _ rows: SIMD4<Int>, _ centre: UnsafePointer<Double>,
                            to sum: inout V) {
                let r0 = states + rows[0], r1 = states + rows[1], r2 = states + rows[2], r3 = states + rows[3]
                for j in 0..<d {
                    var e = V(r0[j], r1[j], r2[j], r3[j])
                    if centered { e = e - V(repeating: centre[j]) }
                    sum += e * e
                }
            }
            var c = 0
            while c < n {
                let used = min(4, n - c), last = n - 1
                let rows = SIMD4(c, min(c + 1, last), min(c + 2, last), min(c + 3, last)) &* d
                var sum = V(repeating: 0)
                addSquares(ws.x, rows, xCentre, to: &sum)
                if underdamped { addSquares(ws.v, rows, vCentre, to: &sum) }
                if any(.!(sum .<= limit)) {
                    for l in 0..<used where !(sum[l] <= limit) {
                        if let failure = confirm(ws, chain: c + l, step: step, normSquared: sum[l]) { return failure }
                    }
                }
                c += 4
            }
            return nil
        }
    }

    /// The slow path of `check` for a chain whose squared distance was not below the limit: when the sum of squares
    /// overflowed while every coordinate is finite (states around 10¹⁵⁴ and beyond), the distance is recomputed with
    /// scaling and compared with the threshold itself; otherwise the failure is diagnosed.
    @inline(never)
    func confirm(_ ws: BlockWorkspace, chain c: Int, step: Int, normSquared: Double) -> LocatedFailure? {
        guard normSquared == .infinity else { return diagnose(ws, chain: c, step: step, normSquared: normSquared) }
        let d = dimension
        // the distance from the centre, scaled by its largest coordinate (no allocation: this runs every step of a
        // chain that lives beyond 10¹⁵⁴)
        func coordinate(_ j: Int) -> Double {
            j < d ? ws.x[c * d + j] - explosionCenter[j] : ws.v[c * d + j - d] - explosionCenter[j]
        }
        var largest = 0.0
        for j in 0..<stateDimension { largest = max(largest, abs(coordinate(j))) }
        guard largest.isFinite else { return diagnose(ws, chain: c, step: step, normSquared: normSquared) }
        var sum = 0.0
        for j in 0..<stateDimension { let e = coordinate(j) / largest; sum += e * e }
        let distance = largest * sum.squareRoot()
        let threshold = explosionThreshold.map { $0 * centerScale } ?? .infinity
        guard distance <= threshold else {
            return LocatedFailure(step: step, chain: ws.firstChain + c,
                                  error: .unstable(chain: ws.firstChain + c, step: step, norm: distance, threshold: threshold))
        }
        return nil
    }

    @inline(never)
    func diagnose(_ ws: BlockWorkspace, chain c: Int, step: Int, normSquared: Double) -> LocatedFailure {
        let d = dimension
        let global = ws.firstChain + c
        var driftBad = false
        for j in 0..<d where !ws.base[c * d + j].isFinite { driftBad = true }
        let owner = ws.midChain.pointer, out = ws.midOut.pointer
        for r in 0..<ws.midpointRows where Int(owner[r]) == c {
            for j in 0..<d where !out[r * d + j].isFinite { driftBad = true }
        }
        let error: SimulationError
        if driftBad {
            error = .nonFiniteDrift(chain: global, step: step)
        } else if !normSquared.isFinite {
            error = .nonFiniteState(chain: global, step: step)
        } else {
            error = .unstable(chain: global, step: step, norm: normSquared.squareRoot(),
                              threshold: explosionLimitSquared.squareRoot())
        }
        return LocatedFailure(step: step, chain: global, error: error)
    }

    /// The outcome of no block: empty accumulators at every recorded step.
    var emptyOutcome: EnsembleBlockOutcome {
        EnsembleBlockOutcome(snapshots: recordSteps.map { step in
            EnsembleSnapshot(step: step, state: MomentAccumulator(dimension: stateDimension, tracksCovariance: trackCovariance),
                             observables: MomentAccumulator(dimension: observableOutputs, tracksCovariance: true))
        })
    }

    /// Puts the block's moments (two-pass within the block) into `snapshot` (empty before).
    func record(_ ws: BlockWorkspace, into snapshot: inout EnsembleSnapshot) {
        let (state, observables) = moments(of: ws)
        snapshot.state.merge(state)
        snapshot.observables.merge(observables)
    }

    /// Two-pass moments of the block's states and observables.
    func moments(of ws: BlockWorkspace) -> (MomentAccumulator, MomentAccumulator) {
        let n = ws.count, d = dimension, D = stateDimension
        let states = UnsafeMutablePointer<Double>.allocate(capacity: n * D)
        defer { states.deallocate() }
        for c in 0..<n {
            (states + c * D).update(from: ws.x + c * d, count: d)
            if underdamped { (states + c * D + d).update(from: ws.v + c * d, count: d) }
        }
        let stateMoments = MomentAccumulator(rows: states, count: n, dimension: D, tracksCovariance: trackCovariance)
        let k = observableOutputs
        guard k > 0 else { return (stateMoments, MomentAccumulator(dimension: 0, tracksCovariance: true)) }
        let values = UnsafeMutablePointer<Double>.allocate(capacity: n * k)
        defer { values.deallocate() }
        for c in 0..<n {
            var offset = 0
            for o in observables {
                o.evaluate(states + c * D, D, values + c * k + offset)
                offset += o.outputs
            }
        }
        return (stateMoments, MomentAccumulator(rows: values, count: n, dimension: k, tracksCovariance: true))
    }
}

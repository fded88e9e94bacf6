import Dispatch
import Randomness
import SchemeVocabulary

/// A candidate coarse scheme of a coupled run: a name (unique in the run; it keys the candidate's own streams) and
/// the scheme, correct or mutated, run at the design's coarse step η.
public struct CoupledCandidate: Sendable {
    public let name: String
    public let variant: SchemeVariant

    public init(_ name: String, _ variant: SchemeVariant) {
        self.name = name
        self.variant = variant
    }
}

/// What one candidate produced in a coupled run. Window statistics (per-chain averages over the recorded window,
/// iid over chains): φ(X) − φ(X_fine), φ(X), and min(|X − X_fine|², c). Final-step statistics: the moments of the
/// final states and of φ(X) − φ(X_fine) and |X − X_fine|² at the last step.
public struct CandidateStatistics: Sendable {
    public let name: String
    public let variant: SchemeVariant
    /// Drift evaluations per chain and coarse step.
    public let driftCallsPerStep: Double
    /// Per observable: window averages of φ(X_candidate) − φ(X_fine).
    public let difference: [RunningMoments]
    /// Per observable: window averages of φ(X_candidate).
    public let level: [RunningMoments]
    /// Window averages of min(|X_candidate − X_fine|², c).
    public let clippedSquaredDistance: RunningMoments
    /// (chain, step) samples of the window with |X − X_fine|² > c.
    public let clippedSamples: Int
    /// The largest |X − X_fine|² seen in the window.
    public let largestSquaredDistance: Double
    /// Moments of the final states.
    public let finalState: MomentAccumulator
    /// Moments of φ(X_candidate) − φ(X_fine) at the final step (one output per observable).
    public let finalDifference: MomentAccumulator
    /// Moments of |X_candidate − X_fine|² at the final step.
    public let finalSquaredDistance: MomentAccumulator
    /// Per observable: every chain's window average of φ(X_candidate) − φ(X_fine), in chain order — the samples behind
    /// `difference` — when the design asks for them (`CoupledDesign.recordsChainDifferences`), else empty.
    public let chainDifferences: [[Double]]
}

/// The result of `CoupledDriver.run`.
public struct CoupledResult: Sendable {
    public let design: CoupledDesign
    public let observableNames: [String]
    /// Per observable: window averages of φ(X_fine).
    public let fineLevel: [RunningMoments]
    public let fineDriftCallsPerStep: Double
    /// Moments of the fine chain's final states.
    public let fineFinalState: MomentAccumulator
    public let candidates: [CandidateStatistics]
    public let seconds: Double

    /// The statistics of the candidate called `name`.
    public func candidate(_ name: String) -> CandidateStatistics? { candidates.first { $0.name == name } }
}

/// The one coupled driver of the suite (PN-S05, PN-V07): for every chain, the fine chain LMC(η/K) and each candidate
/// coarse scheme (LMC(η), PLMC(η, K), RLMC(η), mutants, …) from the same start, driven by ONE Brownian path per
/// chain and coarse step — the synchronous coupling of docs/theory.md §4.7, under which each scheme's marginal law is
/// exactly its own.
///
/// The path of a coarse step: the fine chain draws W(h), W(2h), …, W(Kh = η) by independent increments from the
/// chain's Brownian stream. Each candidate then starts from a copy of those points; a query at a grid point returns it,
/// a query between points inserts a Brownian-bridge value drawn from the candidate's own bridge stream (keyed by seed,
/// chain and the candidate's name), conditional on the points around it. The candidate's flags, counts and uniform
/// times come from its own auxiliary stream (keyed the same way). So every candidate's path is exactly a Brownian
/// motion that agrees with the fine chain's on the grid, and a candidate's numbers depend on its own name, the seed and
/// the chain only: adding, removing or reordering candidates never changes another candidate's numbers.
///
/// Blocks of `blockSize` chains are fixed and merged in block order (`OrderedBlockMerger`): results are
/// bit-identical for every thread count. A chain that diverges (non-finite state or |x| above the design's
/// threshold) stops the run with the candidate's name, the chain and the step.
public enum CoupledDriver {
    public static func run<D: BatchDrift>(drift: D, candidates: [CoupledCandidate], observables: [BoundedObservable],
                                          design: CoupledDesign) throws(SimulationError) -> CoupledResult {
        let clock = ContinuousClock()
        let start = clock.now
        try design.validate()
        let d = drift.dimension
        guard d >= 1 else { throw .dimensionMismatch(what: "drift", expected: 1, got: d) }
        guard !candidates.isEmpty else {
            throw .invalidParameter(name: "candidates", value: "0", reason: "need at least one candidate scheme")
        }
        var schemes: [EngineScheme] = []
        var names: Set<String> = []
        for candidate in candidates {
            guard names.insert(candidate.name).inserted else {
                throw .invalidParameter(name: "candidate", value: candidate.name, reason: "names must be unique")
            }
            let scheme: EngineScheme
            do { scheme = try EngineScheme(candidate.variant, stepSize: design.stepSize) } catch {
                throw .inCandidate(candidate.name, error)
            }
            guard !scheme.isUnderdamped else {
                throw .invalidParameter(name: "candidate \(candidate.name)", value: candidate.variant.description,
                                        reason: "must be an overdamped scheme")
            }
            schemes.append(scheme)
        }
        for o in observables where !(o.range.lowerBound.isFinite && o.range.upperBound.isFinite) {
            throw .invalidParameter(name: "range of \(o.name)", value: "\(o.range)", reason: "must be finite")
        }
        if case .point(let x0) = design.initialLaw { try validateSimulationVector(x0, "initial point", count: d) }
        let plan = CoupledPlan(design: design, dimension: d, candidates: candidates, schemes: schemes,
                               observables: observables)
        let workers = min(design.threads, plan.blockCount)
        let merger = OrderedBlockMerger(empty: CoupledBlockOutcome(candidates: candidates.count, plan: plan),
                                        window: OrderedBlockMerger<CoupledBlockOutcome>.window(workers: workers))
        let work: @Sendable (Int) -> Void = { _ in
            guard var k = merger.nextBlock(below: plan.blockCount) else { return }
            let buffers = CoupledWorkerBuffers(plan: plan)
            while true {
                merger.submit(block: k, runBlock(k, plan: plan, buffers: buffers, drift: drift))
                guard let next = merger.nextBlock(below: plan.blockCount) else { break }
                k = next
            }
        }
        if workers <= 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        let (total, failure) = merger.finish()
        if let failure { throw failure.error }
        if let problem = total.rangeViolation {
            throw .invalidParameter(name: "observable", value: problem, reason: "values must lie in the declared range")
        }
        let chainSteps = Double(design.chains) * Double(design.totalSteps)
        let q = observables.count
        let stats = candidates.indices.map { i in
            CandidateStatistics(name: candidates[i].name, variant: candidates[i].variant,
                                driftCallsPerStep: Double(total.calls[i + 1]) / chainSteps,
                                difference: Array(total.difference[(i * q)..<((i + 1) * q)]),
                                level: Array(total.level[(i * q)..<((i + 1) * q)]),
                                clippedSquaredDistance: total.distance[i], clippedSamples: total.clipped[i],
                                largestSquaredDistance: total.largest[i], finalState: total.finalStates[i + 1],
                                finalDifference: total.finalDifference[i], finalSquaredDistance: total.finalDistance[i],
                                chainDifferences: design.recordsChainDifferences
                                    ? Array(total.chainDifferences[(i * q)..<((i + 1) * q)]) : [])
        }
        return CoupledResult(design: design, observableNames: observables.map(\.name), fineLevel: total.fine,
                             fineDriftCallsPerStep: Double(total.calls[0]) / chainSteps,
                             fineFinalState: total.finalStates[0], candidates: stats,
                             seconds: (clock.now - start) / .seconds(1))
    }

    /// Runs block `k`: every chain of the block for every coarse step, then its window and final statistics.
    static func runBlock<D: BatchDrift>(_ k: Int, plan: CoupledPlan, buffers: CoupledWorkerBuffers,
                                        drift: D) -> CoupledBlockOutcome {
        let design = plan.design
        let first = k * design.blockSize
        let n = min(design.blockSize, design.chains - first)
        let d = plan.dimension, m = plan.schemes.count, q = plan.observables.count, kSub = design.substeps
        var outcome = CoupledBlockOutcome(candidates: m, plan: plan)
        let fineSpace = buffers.fineSpace
        let spaces = buffers.spaces
        fineSpace.count = n
        fineSpace.firstChain = first
        for ws in spaces { ws.count = n; ws.firstChain = first }
        for c in 0..<n {
            buffers.brownian[c] = ChainStreams.normals(seed: design.seed, chain: first + c, purpose: .brownian)
            buffers.unused[c] = ChainStreams.generator(seed: design.seed, chain: first + c, purpose: .auxiliary)
            for i in 0..<m {
                let seed = plan.candidateSeeds[i]
                buffers.candidateBridge[i][c] = ChainStreams.normals(seed: seed, chain: first + c, purpose: .candidateBridge)
                buffers.candidateAuxiliary[i][c] = ChainStreams.generator(seed: seed, chain: first + c,
                                                                          purpose: .candidateAuxiliary)
            }
        }
        // initial states
        let x0 = buffers.start
        for c in 0..<n {
            switch design.initialLaw {
            case .point(let p): for j in 0..<d { x0[j] = p[j] }
            case let .sampler(_, draw):
                var g = ChainStreams.generator(seed: design.seed, chain: first + c, purpose: .initialState)
                draw(&g, x0, d)
            }
            for j in 0..<d { fineSpace.x[c * d + j] = x0[j] }
            for ws in spaces { for j in 0..<d { ws.x[c * d + j] = x0[j] } }
        }
        let shared = buffers.sharedPath
        var fineNoise = CoupledNoise(paths: shared, brownian: buffers.brownian, auxiliary: buffers.unused)
        var candidateNoise = (0..<m).map { i in
            CoupledNoise(paths: buffers.candidatePaths[i], brownian: buffers.candidateBridge[i],
                         auxiliary: buffers.candidateAuxiliary[i])
        }
        defer {
            fineNoise.deallocate()
            for noise in candidateNoise { noise.deallocate() }
        }
        // per-chain window sums
        var fineSum = [Double](repeating: 0, count: n * q)
        var diffSum = [Double](repeating: 0, count: n * m * q)
        var levelSum = [Double](repeating: 0, count: n * m * q)
        var distSum = [Double](repeating: 0, count: n * m)
        var fineValues = [Double](repeating: 0, count: q)
        let eta = design.stepSize, h = eta / Double(kSub), clip = design.clip
        let limit = design.explosionThreshold * design.explosionThreshold
        let observables = plan.observables
        for s in 0..<design.totalSteps {
            let time = Double(s) * eta
            shared.reset(horizon: eta)
            for j in 0..<kSub {
                fineNoise.offset = Double(j) * h
                outcome.calls[0] += plan.fine.advance(fineSpace, drift: drift, step: s * kSub + j,
                                                      time: time + Double(j) * h, noise: &fineNoise)
            }
            for i in 0..<m {
                buffers.candidatePaths[i].copyPoints(from: shared)
                candidateNoise[i].offset = 0
                outcome.calls[i + 1] += plan.schemes[i].advance(spaces[i], drift: drift, step: s, time: time,
                                                                noise: &candidateNoise[i])
            }
            if let failure = divergence(fineSpace, spaces, plan: plan, chains: n, step: s + 1, limit: limit) {
                outcome.failure = failure
                return outcome
            }
            guard s >= design.burnInSteps, (s - design.burnInSteps + 1) % design.sampleStride == 0 else { continue }
            for c in 0..<n {
                let xf = UnsafePointer(fineSpace.x + c * d)
                for o in 0..<q {
                    let v = observables[o].evaluate(xf, d)
                    if !(observables[o].range.contains(v)) && outcome.rangeViolation == nil {
                        outcome.rangeViolation = "\(observables[o].name) = \(v) outside \(observables[o].range)"
                    }
                    fineValues[o] = v
                    fineSum[c * q + o] += v
                }
                for i in 0..<m {
                    let x = UnsafePointer(spaces[i].x + c * d)
                    for o in 0..<q {
                        let v = observables[o].evaluate(x, d)
                        if !(observables[o].range.contains(v)) && outcome.rangeViolation == nil {
                            outcome.rangeViolation = "\(observables[o].name) = \(v) outside \(observables[o].range)"
                        }
                        levelSum[(c * m + i) * q + o] += v
                        diffSum[(c * m + i) * q + o] += v - fineValues[o]
                    }
                    var sq = 0.0
                    for j in 0..<d { let e = x[j] - xf[j]; sq += e * e }
                    if sq > clip { outcome.clipped[i] += 1 }
                    if sq > outcome.largest[i] { outcome.largest[i] = sq }
                    distSum[c * m + i] += min(sq, clip)
                }
            }
        }
        // window averages, clamped to their exact ranges against rounding (an average of values in [a, b] is in
        // [a, b], but Σ/R may exceed b by an ulp)
        let inverseWindow = 1 / Double(design.recordedSteps)
        func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double { min(max(v, lo), hi) }
        for c in 0..<n {
            for o in 0..<q {
                let r = observables[o].range
                outcome.fine[o].add(clamp(fineSum[c * q + o] * inverseWindow, r.lowerBound, r.upperBound))
            }
            for i in 0..<m {
                for o in 0..<q {
                    let r = observables[o].range, width = r.upperBound - r.lowerBound
                    let difference = clamp(diffSum[(c * m + i) * q + o] * inverseWindow, -width, width)
                    outcome.difference[i * q + o].add(difference)
                    if design.recordsChainDifferences { outcome.chainDifferences[i * q + o].append(difference) }
                    outcome.level[i * q + o].add(clamp(levelSum[(c * m + i) * q + o] * inverseWindow, r.lowerBound,
                                                       r.upperBound))
                }
                outcome.distance[i].add(clamp(distSum[c * m + i] * inverseWindow, 0, clip))
            }
        }
        finalStatistics(fineSpace, spaces, plan: plan, chains: n, into: &outcome)
        return outcome
    }

    /// The first diverging chain of the block after `step`: the fine chain first, then the candidates in order.
    static func divergence(_ fine: BlockWorkspace, _ spaces: [BlockWorkspace], plan: CoupledPlan, chains n: Int,
                           step: Int, limit: Double) -> LocatedFailure? {
        let d = plan.dimension
        for (i, ws) in ([fine] + spaces).enumerated() {
            for c in 0..<n {
                var sq = 0.0
                for j in 0..<d { let v = ws.x[c * d + j]; sq += v * v }
                if !(sq <= limit) {
                    let chain = ws.firstChain + c
                    let error: SimulationError = sq.isFinite
                        ? .unstable(chain: chain, step: step, norm: sq.squareRoot(), threshold: plan.design.explosionThreshold)
                        : .nonFiniteState(chain: chain, step: step)
                    let who = i == 0 ? "fine LMC(η/K)" : plan.candidates[i - 1].name
                    return LocatedFailure(step: step, chain: chain, error: .inCandidate(who, error))
                }
            }
        }
        return nil
    }

    /// Final-state moments of every scheme, and φ(X) − φ(X_fine) and |X − X_fine|² at the last step.
    static func finalStatistics(_ fine: BlockWorkspace, _ spaces: [BlockWorkspace], plan: CoupledPlan, chains n: Int,
                                into outcome: inout CoupledBlockOutcome) {
        let d = plan.dimension, q = plan.observables.count
        outcome.finalStates[0].merge(MomentAccumulator(rows: fine.x, count: n, dimension: d, tracksCovariance: true))
        let diff = UnsafeMutablePointer<Double>.allocate(capacity: n * max(q, 1))
        let dist = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { diff.deallocate(); dist.deallocate() }
        for (i, ws) in spaces.enumerated() {
            outcome.finalStates[i + 1].merge(MomentAccumulator(rows: ws.x, count: n, dimension: d, tracksCovariance: true))
            for c in 0..<n {
                let x = UnsafePointer(ws.x + c * d), xf = UnsafePointer(fine.x + c * d)
                var sq = 0.0
                for j in 0..<d { let e = x[j] - xf[j]; sq += e * e }
                dist[c] = sq
                for o in 0..<q { diff[c * q + o] = plan.observables[o].evaluate(x, d) - plan.observables[o].evaluate(xf, d) }
            }
            outcome.finalDifference[i].merge(MomentAccumulator(rows: diff, count: n, dimension: q, tracksCovariance: true))
            outcome.finalDistance[i].merge(MomentAccumulator(rows: dist, count: n, dimension: 1, tracksCovariance: true))
        }
    }
}

/// The validated, immutable description of a coupled run shared by all workers.
struct CoupledPlan: Sendable {
    let design: CoupledDesign
    let dimension: Int
    let candidates: [CoupledCandidate]
    let schemes: [EngineScheme]
    let observables: [BoundedObservable]
    let fine: LMC
    /// Per candidate, the seed of its bridge and auxiliary streams: FNV-1a of (run seed, name).
    let candidateSeeds: [UInt64]
    var blockCount: Int { design.chains / design.blockSize + (design.chains % design.blockSize == 0 ? 0 : 1) }

    init(design: CoupledDesign, dimension: Int, candidates: [CoupledCandidate], schemes: [EngineScheme],
         observables: [BoundedObservable]) {
        self.design = design
        self.dimension = dimension
        self.candidates = candidates
        self.schemes = schemes
        self.observables = observables
        fine = LMC(stepSize: design.stepSize / Double(design.substeps))
        candidateSeeds = candidates.map { candidate in
            var hash = FNV1a64()
            hash.combine(design.seed)
            hash.combine(bytes: Array(candidate.name.utf8))
            return hash.value
        }
    }
}

/// A worker's buffers, reused for every block it runs (no allocation per step).
final class CoupledWorkerBuffers {
    let fineSpace: BlockWorkspace
    let spaces: [BlockWorkspace]
    let sharedPath: BrownianPathStore
    let candidatePaths: [BrownianPathStore]
    let brownian: UnsafeMutablePointer<LaneNormalStream>
    let unused: UnsafeMutablePointer<Xoshiro256StarStar>
    let candidateBridge: [UnsafeMutablePointer<LaneNormalStream>]
    let candidateAuxiliary: [UnsafeMutablePointer<Xoshiro256StarStar>]
    let start: UnsafeMutablePointer<Double>

    init(plan: CoupledPlan) {
        let n = plan.design.blockSize, d = plan.dimension, k = plan.design.substeps
        fineSpace = BlockWorkspace(dimension: d, chainCapacity: n, hasVelocity: false, midpointRowsPerChain: 1)
        spaces = plan.schemes.map {
            BlockWorkspace(dimension: d, chainCapacity: n, hasVelocity: false,
                           midpointRowsPerChain: max(2, $0.midpointRowsPerChain))
        }
        sharedPath = BrownianPathStore(dimension: d, chains: n, pointsPerChain: k + 8)
        candidatePaths = plan.schemes.map { _ in BrownianPathStore(dimension: d, chains: n, pointsPerChain: k + 8) }
        func streams() -> UnsafeMutablePointer<Xoshiro256StarStar> {
            let p = UnsafeMutablePointer<Xoshiro256StarStar>.allocate(capacity: n)
            p.initialize(repeating: Xoshiro256StarStar(seed: 0), count: n)
            return p
        }
        func normalStreams() -> UnsafeMutablePointer<LaneNormalStream> {
            let p = UnsafeMutablePointer<LaneNormalStream>.allocate(capacity: n)
            p.initialize(repeating: LaneNormalStream(seed: 0, stream: 0), count: n)
            return p
        }
        brownian = normalStreams()
        unused = streams()
        candidateBridge = plan.schemes.map { _ in normalStreams() }
        candidateAuxiliary = plan.schemes.map { _ in streams() }
        start = .allocate(capacity: d)
        start.initialize(repeating: 0, count: d)
    }

    deinit {
        brownian.deallocate()
        unused.deallocate()
        for p in candidateBridge { p.deallocate() }
        for p in candidateAuxiliary { p.deallocate() }
        start.deallocate()
    }
}

/// The statistics of one block (or of the blocks merged so far).
struct CoupledBlockOutcome: BlockOutcome {
    /// [fine, candidate 0, …]
    var calls: [Int]
    var fine: [RunningMoments]
    /// candidate-major: index i·observables + o.
    var difference: [RunningMoments]
    var level: [RunningMoments]
    var distance: [RunningMoments]
    var clipped: [Int]
    var largest: [Double]
    /// [fine, candidate 0, …]
    var finalStates: [MomentAccumulator]
    var finalDifference: [MomentAccumulator]
    var finalDistance: [MomentAccumulator]
    /// candidate-major like `difference`: the chains' window averages in chain order (only when recorded).
    var chainDifferences: [[Double]]
    var failure: LocatedFailure?
    var rangeViolation: String?

    init(candidates m: Int, plan: CoupledPlan) {
        let q = plan.observables.count, d = plan.dimension
        calls = Array(repeating: 0, count: m + 1)
        fine = Array(repeating: RunningMoments(), count: q)
        difference = Array(repeating: RunningMoments(), count: m * q)
        level = Array(repeating: RunningMoments(), count: m * q)
        distance = Array(repeating: RunningMoments(), count: m)
        clipped = Array(repeating: 0, count: m)
        largest = Array(repeating: 0, count: m)
        finalStates = Array(repeating: MomentAccumulator(dimension: d, tracksCovariance: true), count: m + 1)
        finalDifference = Array(repeating: MomentAccumulator(dimension: q, tracksCovariance: true), count: m)
        finalDistance = Array(repeating: MomentAccumulator(dimension: 1, tracksCovariance: true), count: m)
        chainDifferences = Array(repeating: [], count: plan.design.recordsChainDifferences ? m * q : 0)
    }

    mutating func merge(_ o: CoupledBlockOutcome) {
        for i in calls.indices { calls[i] += o.calls[i] }
        for i in fine.indices { fine[i].merge(o.fine[i]) }
        for i in difference.indices { difference[i].merge(o.difference[i]); level[i].merge(o.level[i]) }
        for i in chainDifferences.indices { chainDifferences[i] += o.chainDifferences[i] }
        for i in distance.indices {
            distance[i].merge(o.distance[i])
            clipped[i] += o.clipped[i]
            largest[i] = max(largest[i], o.largest[i])
            finalDifference[i].merge(o.finalDifference[i])
            finalDistance[i].merge(o.finalDistance[i])
        }
        for i in finalStates.indices { finalStates[i].merge(o.finalStates[i]) }
        if rangeViolation == nil { rangeViolation = o.rangeViolation }
    }
}

import Dispatch
import Langevin
import Randomness
import Synchronization

/// What one candidate scheme produced in a coupled run: per-chain window averages (iid over chains) of
/// φ(X) − φ(X_fine), of φ(X), and of min(|X − X_fine|², c).
public struct CandidateStatistics: Sendable {
    public let name: String
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
}

/// The result of `CoupledEnsemble.run`.
public struct CoupledEnsembleResult: Sendable {
    public let design: CoupledEnsembleDesign
    public let observableNames: [String]
    /// Per observable: window averages of φ(X_fine).
    public let fineLevel: [RunningMoments]
    public let fineDriftCallsPerStep: Double
    public let candidates: [CandidateStatistics]
    public let seconds: Double

    /// The statistics of the candidate called `name`.
    public func candidate(_ name: String) -> CandidateStatistics? { candidates.first { $0.name == name } }
}

/// A candidate coarse scheme with a label (the label names it in results and verdicts).
public struct CoupledCandidate: Sendable {
    public let name: String
    public let scheme: any LangevinScheme
    public init(_ name: String, _ scheme: any LangevinScheme) {
        self.name = name
        self.scheme = scheme
    }
}

/// The common-random-number ensemble (PN-V07): for every chain, the fine chain LMC(η/K) and each candidate coarse
/// scheme (LMC(η), PLMC(η, K), RLMC(η), mutants, …) run from the same start on ONE Brownian path per coarse step
/// (the synchronous coupling of paper-notes §4.7; arXiv 2405.17068 §2); each scheme's marginal law is exactly its
/// own law. Per chain it records window averages of φ(X) − φ(X_fine), φ(X), φ(X_fine) and min(|X − X_fine|², c).
///
/// Streams: chain c's Brownian, auxiliary and initial-state generators are keyed by (seed, c, purpose)
/// (`ChainStreams`), blocks of `blockSize` chains are fixed and merged in block order, so results are bit-identical
/// for every thread count. The query order within a coarse step (fine sub-steps first, then the candidates in the
/// given order) is the engine's `CoupledRunner` order.
///
/// This is the harness of the Monte Carlo claims C10 and C12 (the engine's `CoupledRunner` has a fixed scheme set;
/// the mutants need a candidate slot — see the report of issue 4).
public enum CoupledEnsemble {
    public static func run<D: BatchDrift>(drift: D, candidates: [CoupledCandidate], observables: [BoundedObservable],
                                          design: CoupledEnsembleDesign) throws(VerificationError) -> CoupledEnsembleResult {
        let clock = ContinuousClock()
        let start = clock.now
        try design.validate()
        let d = drift.dimension
        try require(d >= 1, "drift dimension", d, "must be ≥ 1")
        try require(!candidates.isEmpty, "candidates", candidates.count, "need at least one candidate scheme")
        for candidate in candidates {
            do { try candidate.scheme.validate() } catch {
                throw .invalidParameter(name: "candidate \(candidate.name)", value: candidate.scheme.metadata.name,
                                        requirement: error.description)
            }
            try require(!candidate.scheme.isUnderdamped, "candidate \(candidate.name)", candidate.scheme.metadata.name,
                        "must be an overdamped scheme")
            try require(candidate.scheme.stepSize == design.stepSize, "candidate \(candidate.name) step",
                        candidate.scheme.stepSize, "must equal the coarse step η = \(design.stepSize)")
        }
        for o in observables {
            try require(o.range.lowerBound.isFinite && o.range.upperBound.isFinite, "range of \(o.name)", o.range,
                        "must be finite")
        }
        if case .point(let x0) = design.initialLaw {
            try require(x0.count == d, "initial point", x0.count, "must have the drift's dimension \(d)")
            try require(x0.allSatisfy(\.isFinite), "initial point", x0, "must be finite")
        }
        let plan = Plan(design: design, dimension: d, candidates: candidates, observables: observables)
        // blocks are merged strictly in block order as they arrive (memory bounded by the out-of-order blocks)
        let merger = Mutex(OrderedMerge(total: BlockOutcome(candidates: candidates.count, observables: observables.count)))
        let workers = min(design.threads, plan.blockCount)
        let work: @Sendable (Int) -> Void = { w in
            var k = w
            while k < plan.blockCount {
                let outcome = runBlock(k, plan: plan, drift: drift)
                merger.withLock { $0.submit(k, outcome) }
                k += workers
            }
        }
        if workers <= 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        let total = merger.withLock { $0.total }
        if let failure = merger.withLock({ $0.failure }) { throw .numerical(failure) }
        if let problem = total.rangeViolation { throw .invalidParameter(name: "observable", value: problem, requirement: "values must lie in the declared range") }
        let chainSteps = Double(design.chains) * Double(design.totalSteps)
        let stats = candidates.indices.map { i in
            CandidateStatistics(name: candidates[i].name, driftCallsPerStep: Double(total.calls[i + 1]) / chainSteps,
                                difference: Array(total.difference[(i * observables.count)..<((i + 1) * observables.count)]),
                                level: Array(total.level[(i * observables.count)..<((i + 1) * observables.count)]),
                                clippedSquaredDistance: total.distance[i], clippedSamples: total.clipped[i],
                                largestSquaredDistance: total.largest[i])
        }
        return CoupledEnsembleResult(design: design, observableNames: observables.map(\.name), fineLevel: total.fine,
                                     fineDriftCallsPerStep: Double(total.calls[0]) / chainSteps, candidates: stats,
                                     seconds: (clock.now - start) / .seconds(1))
    }

    struct Plan: Sendable {
        let design: CoupledEnsembleDesign
        let dimension: Int
        let candidates: [CoupledCandidate]
        let observables: [BoundedObservable]
        let fine: LMC
        var blockCount: Int { (design.chains + design.blockSize - 1) / design.blockSize }
        init(design: CoupledEnsembleDesign, dimension: Int, candidates: [CoupledCandidate], observables: [BoundedObservable]) {
            self.design = design
            self.dimension = dimension
            self.candidates = candidates
            self.observables = observables
            fine = LMC(stepSize: design.stepSize / Double(design.substeps))
        }
    }

    struct OrderedMerge: Sendable {
        var pending: [Int: BlockOutcome] = [:]
        var next = 0
        var total: BlockOutcome
        /// The failure of the earliest failing block.
        var failure: String?

        mutating func submit(_ k: Int, _ outcome: BlockOutcome) {
            pending[k] = outcome
            while let o = pending.removeValue(forKey: next) {
                if let f = o.failure { if failure == nil { failure = f } } else { total.merge(o) }
                next += 1
            }
        }
    }

    struct BlockOutcome: Sendable {
        /// [fine, candidate 0, …]
        var calls: [Int]
        var fine: [RunningMoments]
        /// candidate-major: index i·observables + o.
        var difference: [RunningMoments]
        var level: [RunningMoments]
        var distance: [RunningMoments]
        var clipped: [Int]
        var largest: [Double]
        var failure: String?
        var rangeViolation: String?

        init(candidates m: Int, observables q: Int) {
            calls = Array(repeating: 0, count: m + 1)
            fine = Array(repeating: RunningMoments(), count: q)
            difference = Array(repeating: RunningMoments(), count: m * q)
            level = Array(repeating: RunningMoments(), count: m * q)
            distance = Array(repeating: RunningMoments(), count: m)
            clipped = Array(repeating: 0, count: m)
            largest = Array(repeating: 0, count: m)
        }

        mutating func merge(_ o: BlockOutcome) {
            for i in calls.indices { calls[i] += o.calls[i] }
            for i in fine.indices { fine[i].merge(o.fine[i]) }
            for i in difference.indices { difference[i].merge(o.difference[i]); level[i].merge(o.level[i]) }
            for i in distance.indices {
                distance[i].merge(o.distance[i])
                clipped[i] += o.clipped[i]
                largest[i] = max(largest[i], o.largest[i])
            }
            if rangeViolation == nil { rangeViolation = o.rangeViolation }
        }
    }

    static func runBlock<D: BatchDrift>(_ k: Int, plan: Plan, drift: D) -> BlockOutcome {
        let design = plan.design
        let first = k * design.blockSize
        let n = min(design.blockSize, design.chains - first)
        let d = plan.dimension, m = plan.candidates.count, q = plan.observables.count, kSub = design.substeps
        var outcome = BlockOutcome(candidates: m, observables: q)
        let fineSpace = BlockWorkspace(dimension: d, chainCapacity: n, hasVelocity: false, midpointRowsPerChain: 1)
        let spaces = plan.candidates.map {
            BlockWorkspace(dimension: d, chainCapacity: n, hasVelocity: false,
                           midpointRowsPerChain: max(2, $0.scheme.midpointRowsPerChain))
        }
        let brownian = UnsafeMutablePointer<Xoshiro256StarStar>.allocate(capacity: n)
        let auxiliary = UnsafeMutablePointer<Xoshiro256StarStar>.allocate(capacity: n)
        defer { brownian.deallocate(); auxiliary.deallocate() }
        for c in 0..<n {
            brownian.advanced(by: c).initialize(to: ChainStreams.generator(seed: design.seed, chain: first + c, purpose: .brownian))
            auxiliary.advanced(by: c).initialize(to: ChainStreams.generator(seed: design.seed, chain: first + c, purpose: .auxiliary))
        }
        // initial states
        let x0 = UnsafeMutablePointer<Double>.allocate(capacity: d)
        defer { x0.deallocate() }
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
        let paths = BrownianPathStore(dimension: d, chains: n, pointsPerChain: kSub + 8)
        var noise = CoupledNoise(paths: paths, brownian: brownian, auxiliary: auxiliary)
        defer { noise.deallocate() }
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
            paths.reset(horizon: eta)
            for j in 0..<kSub {
                noise.offset = Double(j) * h
                outcome.calls[0] += plan.fine.advance(fineSpace, drift: drift, step: s * kSub + j,
                                                      time: time + Double(j) * h, noise: &noise)
            }
            noise.offset = 0
            for i in 0..<m {
                outcome.calls[i + 1] += plan.candidates[i].scheme.advance(spaces[i], drift: drift, step: s, time: time,
                                                                          noise: &noise)
            }
            // stability
            for (i, ws) in ([fineSpace] + spaces).enumerated() {
                for c in 0..<n {
                    var sq = 0.0
                    for j in 0..<d { let v = ws.x[c * d + j]; sq += v * v }
                    if !(sq <= limit) {
                        let who = i == 0 ? "fine LMC(η/K)" : plan.candidates[i - 1].name
                        outcome.failure = "\(who) diverged (|x|² = \(sq)) at coarse step \(s + 1), chain \(first + c) (\(design))"
                        return outcome
                    }
                }
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
                    outcome.difference[i * q + o].add(clamp(diffSum[(c * m + i) * q + o] * inverseWindow, -width, width))
                    outcome.level[i * q + o].add(clamp(levelSum[(c * m + i) * q + o] * inverseWindow, r.lowerBound, r.upperBound))
                }
                outcome.distance[i].add(clamp(distSum[c * m + i] * inverseWindow, 0, clip))
            }
        }
        return outcome
    }
}

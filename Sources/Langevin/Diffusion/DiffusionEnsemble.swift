import Dispatch
import Randomness
import SchemeVocabulary

/// The chains of one diffusion run, advanced in lockstep: for each sampler step the model's level is prepared once and
/// the blocks of chains are processed in parallel (worker w takes blocks w, w + P, …). Every chain's arithmetic and
/// streams depend only on its index, so the samples are identical for every thread count and block size.
///
/// Gaussian noise (x_T and every update's zᵢ, and the cheap-path mutant's z′ᵢ) comes from per-chain
/// `LaneNormalStream`s (`ChainStreams.normals`, PN-S10), PLMC's flags from per-chain xoshiro256** streams.
///
/// Memory: the states and the per-chain buffers a sampler carries across steps (DPM-Solver++'s previous data
/// prediction; PLMC's e₀, correction sum, flags and mutant midpoint path) are allocated once, and so are the per-chain
/// streams (432 bytes per Gaussian stream: the cheap-path stream only for its mutant); scratch buffers and model
/// workspaces are per worker. Nothing is allocated per step.
final class DiffusionEnsemble<Model: NoisePredictor>: @unchecked Sendable {
    let model: Model
    let variant: SamplerVariant
    let plan: SamplerPlan
    let d: Int
    let n: Int
    let blockRows: Int
    let blockCount: Int
    let workers: Int
    let seed: UInt64
    let replay: [Double]?

    let states: UnsafeMutablePointer<Double>
    /// Per-chain buffer carried across steps (DPM-Solver++: previous x̂₀; PLMC: e₀).
    let carried: UnsafeMutablePointer<Double>
    /// PLMC: the correction sum; the mutant's midpoint path.
    let corrections: UnsafeMutablePointer<Double>
    let midpointPath: UnsafeMutablePointer<Double>
    let evaluations: UnsafeMutablePointer<Int>
    let replayCursor: UnsafeMutablePointer<Int>
    /// Per chain: the update noise zᵢ (`.brownian`), the flags (`.auxiliary`) and, for the cheap-path mutant only
    /// (`bridgeCount` = n, else 0), its independent z′ᵢ (`.candidateBridge`).
    let brownian: UnsafeMutablePointer<LaneNormalStream>
    let auxiliary: UnsafeMutablePointer<Xoshiro256StarStar>
    let bridge: UnsafeMutablePointer<LaneNormalStream>
    let bridgeCount: Int
    /// PLMC flags, `flagWords` words per chain (bit i: Hᵢ = 1), and their union over chains.
    let flags: UnsafeMutablePointer<UInt64>
    let flagWords: Int
    var flagUnion: [UInt64]

    /// Worker scratch: four `blockRows × d` buffers and one model workspace each.
    let scratch: UnsafeMutablePointer<Double>
    let workspaces: UnsafeMutablePointer<Model.Workspace>
    /// Per worker: the smallest chain index whose state became non-finite in the current phase (Int.max: none).
    let failures: UnsafeMutablePointer<Int>

    init(model: Model, configuration c: DiffusionRunConfiguration, variant: SamplerVariant, plan: SamplerPlan)
        throws(DiffusionError) {
        self.model = model
        self.variant = variant
        self.plan = plan
        d = model.dimension
        guard d >= 1 else { throw .invalidRun("the model's dimension must be ≥ 1, got \(d)") }
        if let starts = c.starts {
            guard !starts.isEmpty, starts.count % d == 0 else {
                throw .invalidRun("\(starts.count) start values do not form rows of dimension \(d)")
            }
            guard starts.allSatisfy(\.isFinite) else { throw .invalidRun("the starts have a non-finite value") }
            n = starts.count / d
        } else {
            n = c.chains
        }
        guard n >= 1 else { throw .invalidRun("needs at least one chain, got \(n)") }
        guard n <= DiffusionRunConfiguration.maximumChains else {
            throw .invalidRun("\(n) chains exceed the limit of \(DiffusionRunConfiguration.maximumChains) (each keeps its own "
                + "noise streams, about 0.5 kB)")
        }
        guard n <= DiffusionRunConfiguration.maximumStateEntries / d else {
            throw .invalidRun("\(n) chains × d = \(d) exceed the limit of \(DiffusionRunConfiguration.maximumStateEntries) "
                + "state entries")
        }
        guard c.threads >= 1, c.threads <= DiffusionRunConfiguration.maximumThreads else {
            throw .invalidRun("threads must be 1 … \(DiffusionRunConfiguration.maximumThreads), got \(c.threads)")
        }
        guard c.blockRows >= 1, c.blockRows <= 65_536 else {
            throw .invalidRun("blockRows must be 1 … 65536, got \(c.blockRows)")
        }
        if let replay = c.replayedNoise {
            guard case let .ancestral(steps, _) = plan else {
                throw .invalidRun("replayed noise is only accepted by ancestral (DDPM) samplers")
            }
            let updates = steps.filter { $0.noiseScale != 0 }.count
            guard replay.count == updates * n * d else {
                throw .invalidRun("replayed noise has \(replay.count) values, expected \(updates) updates × \(n) chains × \(d)")
            }
        }
        replay = c.replayedNoise
        seed = c.seed
        blockRows = c.blockRows
        blockCount = (n + blockRows - 1) / blockRows
        workers = min(c.threads, blockCount)
        let size = n * d
        states = .allocate(capacity: size)
        carried = .allocate(capacity: size)
        var largestBlock = 1
        var isPLMC = false
        if case let .plmc(_, blocks, _) = plan { largestBlock = blocks.max() ?? 1; isPLMC = true }
        corrections = .allocate(capacity: isPLMC ? size : 1)
        midpointPath = .allocate(capacity: isPLMC && variant.mutation == .independentCheapPathNoise ? size : 1)
        flagWords = (largestBlock + 63) / 64
        flags = .allocate(capacity: isPLMC ? n * flagWords : 1)
        flagUnion = [UInt64](repeating: 0, count: flagWords)
        evaluations = .allocate(capacity: n)
        evaluations.initialize(repeating: 0, count: n)
        replayCursor = .allocate(capacity: n)
        replayCursor.initialize(repeating: 0, count: n)
        brownian = .allocate(capacity: n)
        auxiliary = .allocate(capacity: n)
        bridgeCount = isPLMC && variant.mutation == .independentCheapPathNoise ? n : 0
        bridge = .allocate(capacity: max(bridgeCount, 1))
        for chain in 0..<n {
            brownian.advanced(by: chain).initialize(to: ChainStreams.normals(seed: seed, chain: chain, purpose: .brownian))
            auxiliary.advanced(by: chain).initialize(to: ChainStreams.generator(seed: seed, chain: chain, purpose: .auxiliary))
        }
        for chain in 0..<bridgeCount {
            bridge.advanced(by: chain).initialize(to: ChainStreams.normals(seed: seed, chain: chain, purpose: .candidateBridge))
        }
        scratch = .allocate(capacity: workers * 4 * blockRows * d)
        workspaces = .allocate(capacity: workers)
        for w in 0..<workers { workspaces.advanced(by: w).initialize(to: model.makeWorkspace(maximumRows: blockRows)) }
        failures = .allocate(capacity: workers)
        failures.initialize(repeating: Int.max, count: workers)
        if let starts = c.starts {
            for i in 0..<size { states[i] = starts[i] }
        } else {
            for chain in 0..<n {
                var g = ChainStreams.normals(seed: seed, chain: chain, purpose: .initialState)
                g.fill(states + chain * d, count: d)
            }
        }
    }

    deinit {
        states.deallocate()
        carried.deallocate()
        corrections.deallocate()
        midpointPath.deallocate()
        flags.deallocate()
        evaluations.deallocate()
        replayCursor.deallocate()
        brownian.deinitialize(count: n)
        brownian.deallocate()
        auxiliary.deinitialize(count: n)
        auxiliary.deallocate()
        bridge.deinitialize(count: bridgeCount)
        bridge.deallocate()
        scratch.deallocate()
        workspaces.deinitialize(count: workers)
        workspaces.deallocate()
        failures.deallocate()
    }

    func result(seconds: Double) -> DiffusionRunResult {
        var total = 0
        for chain in 0..<n { total += evaluations[chain] }
        return DiffusionRunResult(dimension: d, chains: n, samples: Array(UnsafeBufferPointer(start: states, count: n * d)),
                                  networkEvaluations: total, seconds: seconds)
    }

    // MARK: Blocks and workers

    /// Worker w's scratch buffer `index` (0 … 3), `blockRows × d`.
    @inline(__always)
    func scratch(_ w: Int, _ index: Int) -> UnsafeMutablePointer<Double> {
        scratch + (w * 4 + index) * blockRows * d
    }

    /// Runs `body(worker, firstChain, count)` for every block, blocks spread over the workers.
    func forEachBlock(_ body: (Int, Int, Int) -> Void) {
        if workers <= 1 {
            for b in 0..<blockCount { body(0, b * blockRows, min(blockRows, n - b * blockRows)) }
            return
        }
        // The blocks touch disjoint chains and worker-owned scratch, so sharing `body` across workers is safe.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendableBody(body: body)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var b = w
                while b < blockCount {
                    shared.body(w, b * blockRows, min(blockRows, n - b * blockRows))
                    b += workers
                }
            }
        }
    }

    /// ε at `level` for chains first ..< first + count, rows read from `rows` (chain-indexed, `d` per chain), into `out`.
    @inline(__always)
    func predict(_ w: Int, _ rows: UnsafePointer<Double>, count: Int, level: Model.Level, into out: UnsafeMutablePointer<Double>) {
        model.predict(rows, rows: count, at: level, into: out, workspace: &workspaces[w])
    }

    /// The next update noise of `chain` (replayed or from its Brownian stream), `d` values.
    @inline(__always)
    func drawUpdateNoise(_ chain: Int, into z: UnsafeMutablePointer<Double>) {
        if let replay {
            let offset = (replayCursor[chain] * n + chain) * d
            for j in 0..<d { z[j] = replay[offset + j] }
            replayCursor[chain] += 1
        } else {
            brownian[chain].fill(z, count: d)
        }
    }

    /// Records the smallest non-finite chain among `first ..< first + count` for worker w.
    @inline(__always)
    func checkFinite(_ w: Int, first: Int, count: Int) {
        for chain in first..<(first + count) {
            let x = states + chain * d
            var finite = true
            for j in 0..<d where !x[j].isFinite { finite = false }
            if !finite {
                failures[w] = min(failures[w], chain)
                return
            }
        }
    }

    /// Throws `.diverged` for the smallest failing chain after `step`, if any.
    func throwIfDiverged(step: Int) throws(DiffusionError) {
        var worst = Int.max
        for w in 0..<workers { worst = min(worst, failures[w]) }
        if worst != Int.max { throw .diverged(chain: worst, step: step, sampler: variant.description) }
    }
}

/// A block body shared by the workers of one `forEachBlock` phase (each call touches only its own chains and scratch).
private struct UncheckedSendableBody: @unchecked Sendable {
    let body: (Int, Int, Int) -> Void
}

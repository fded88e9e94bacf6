import Randomness
import SchemeVocabulary
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded real observable φ(x) of the position x ∈ ℝᵈ with a declared range [a, b] ⊇ φ(ℝᵈ) (the range the
/// empirical Bernstein bound needs, PN-V08). A value outside the range makes the run throw.
public struct BoundedObservable: Sendable {
    public let name: String
    public let range: ClosedRange<Double>
    /// φ(x[0 ..< d]).
    public let evaluate: @Sendable (_ x: UnsafePointer<Double>, _ dimension: Int) -> Double

    public init(name: String, range: ClosedRange<Double>,
                evaluate: @escaping @Sendable (UnsafePointer<Double>, Int) -> Double) {
        self.name = name
        self.range = range
        self.evaluate = evaluate
    }

    /// φ(x) = (1/d) Σᵢ cos(ω xᵢ) ∈ [−1, 1]: smooth, bounded, and (for ω = ½ on the mixture ½N(±1, 1)) with a
    /// non-vanishing first-order LMC bias and a non-vanishing second-order PLMC − fine-LMC bias (PN-P10).
    public static func meanCosine(frequency omega: Double) -> BoundedObservable {
        BoundedObservable(name: "(1/d)Σ cos(\(omega)·xᵢ)", range: -1...1) { x, d in
            var s = 0.0
            for j in 0..<d { s += cos(omega * x[j]) }
            return s / Double(d)
        }
    }
}

/// Where the chains of a coupled ensemble start.
public enum InitialLaw: Sendable {
    /// Every chain (every scheme) starts at this point.
    case point([Double])
    /// Chain c draws its start from its own `StreamPurpose.initialState` stream (keyed by seed and chain): the
    /// closure writes d coordinates. Used with exact samples of π (chains start at stationarity of the SDE).
    case sampler(name: String, draw: @Sendable (_ generator: inout Xoshiro256StarStar, _ into: UnsafeMutablePointer<Double>,
                                                _ dimension: Int) -> Void)

    /// Chains start from a case's exact sampler.
    public static func exact(_ sampler: ExactSampler) -> InitialLaw { .sampler(name: sampler.name, draw: sampler.draw) }

    public var name: String {
        switch self {
        case .point(let x): return "point \(x)"
        case let .sampler(name, _): return name
        }
    }
}

/// The layout of a common-random-number run (PN-V07): the fine chain LMC(η/K) and candidate coarse schemes of
/// step η on ONE Brownian path per chain; `burnInSteps` coarse steps, then the per-chain statistic is the average
/// over the window of the next `windowSteps` coarse steps, recorded every `sampleStride`-th step (so chains — not
/// steps — are the iid units of every bound, docs/testing-policy.md R10).
public struct CoupledDesign: Sendable, CustomStringConvertible {
    /// η, the coarse step of every candidate.
    public var stepSize: Double
    /// K: the fine chain is LMC(η/K), K sub-steps per coarse step.
    public var substeps: Int
    public var chains: Int
    public var burnInSteps: Int
    public var windowSteps: Int
    /// The window is recorded at its steps j·stride − 1 (j = 1 … windowSteps/stride; 1 = every step).
    public var sampleStride: Int
    public var seed: UInt64
    public var threads: Int
    public var blockSize: Int
    public var initialLaw: InitialLaw
    /// The clip c of the squared distances: the statistic is min(|X − X_fine|², c) (PN-V09).
    public var clip: Double
    /// A chain whose squared norm exceeds this value² (or becomes non-finite) stops the run with an error.
    public var explosionThreshold: Double
    /// Whether the run also returns every chain's window average of φ(X) − φ(X_fine), in chain order
    /// (`CandidateStatistics.chainDifferences`), for bounds that read the samples in a fixed order (PN-V15).
    public var recordsChainDifferences: Bool

    public init(stepSize: Double, substeps: Int, chains: Int, burnInSteps: Int, windowSteps: Int, sampleStride: Int = 1,
                seed: UInt64, threads: Int = 1, blockSize: Int = 256, initialLaw: InitialLaw, clip: Double = 1,
                explosionThreshold: Double = 1e12, recordsChainDifferences: Bool = false) {
        self.stepSize = stepSize
        self.substeps = substeps
        self.chains = chains
        self.burnInSteps = burnInSteps
        self.windowSteps = windowSteps
        self.sampleStride = sampleStride
        self.seed = seed
        self.threads = threads
        self.blockSize = blockSize
        self.initialLaw = initialLaw
        self.clip = clip
        self.explosionThreshold = explosionThreshold
        self.recordsChainDifferences = recordsChainDifferences
    }

    /// Throws unless every field is in its domain (NaN fails every guard).
    public func validate() throws(SimulationError) {
        func require(_ ok: Bool, _ name: String, _ value: Any, _ reason: String) throws(SimulationError) {
            guard ok else { throw .invalidParameter(name: name, value: "\(value)", reason: reason) }
        }
        try validateStepSize(stepSize)
        guard substeps >= 1 else { throw .invalidSubsteps(substeps) }
        try require(substeps <= MidpointCount.maximumFinite, "K", substeps, "must be ≤ \(MidpointCount.maximumFinite)")
        try require(chains >= 2, "chains", chains, "must be ≥ 2 (a sample variance is needed)")
        try require(burnInSteps >= 0, "burn-in steps", burnInSteps, "must be ≥ 0")
        try require(windowSteps >= 1, "window steps", windowSteps, "must be ≥ 1")
        try require(sampleStride >= 1 && windowSteps % sampleStride == 0, "sample stride", sampleStride,
                    "must be ≥ 1 and divide the window (\(windowSteps) steps)")
        try require(threads >= 1, "threads", threads, "must be ≥ 1")
        try require(blockSize >= 1, "block size", blockSize, "must be ≥ 1")
        try require(clip > 0 && clip.isFinite, "clip", clip, "must be finite and > 0")
        try require(explosionThreshold > 0 && !explosionThreshold.isNaN, "explosion threshold", explosionThreshold, "must be > 0")
    }

    /// Total coarse steps per chain.
    public var totalSteps: Int { burnInSteps + windowSteps }
    /// Recorded steps per chain.
    public var recordedSteps: Int { windowSteps / sampleStride }

    public var description: String {
        "η = \(stepSize), K = \(substeps), \(chains) chains, burn-in \(burnInSteps) + window \(windowSteps) coarse steps "
            + "(every \(sampleStride)), "
            + "start: \(initialLaw.name), clip \(clip), seed \(seed)"
    }
}

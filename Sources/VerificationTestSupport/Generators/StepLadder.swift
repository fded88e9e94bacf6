// Step-size ladders for rate tests (docs/testing-policy.md R13): h_k = h₀ · 2^{−k}, k = 0…n, h₀ inside a stability bound.

/// A halving ladder h_k = h₀ · 2^{−k}, k = 0…levels (levels + 1 step sizes, exact powers of two apart).
public struct StepLadder: Sendable, Equatable, CustomStringConvertible {
    /// h₀, the coarsest step.
    public let initialStep: Double
    /// n: the finest step is h₀ · 2^{−n}.
    public let levels: Int

    /// Throws unless h₀ is finite and > 0 and levels ≥ 0.
    public init(initialStep: Double, levels: Int) throws(TestSupportError) {
        try require(initialStep > 0 && initialStep.isFinite, "h₀", initialStep, "must be finite and > 0")
        try require(levels >= 0, "levels", levels, "must be ≥ 0")
        self.initialStep = initialStep
        self.levels = levels
    }

    /// For generators whose inputs are valid by construction.
    init(checkedInitialStep: Double, levels: Int) {
        precondition(checkedInitialStep > 0 && checkedInitialStep.isFinite && levels >= 0, "invalid ladder")
        self.initialStep = checkedInitialStep
        self.levels = levels
    }

    /// [h₀, h₀/2, …, h₀ · 2^{−n}] (scaling by 2^{−k} is exact in binary floating point).
    public var steps: [Double] { (0...levels).map { initialStep * Double(sign: .plus, exponent: -$0, significand: 1) } }

    /// The finest step h₀ · 2^{−n}.
    public var finestStep: Double { initialStep * Double(sign: .plus, exponent: -levels, significand: 1) }

    public var description: String { "StepLadder(h₀ = \(initialStep), h_k = h₀·2^{-k}, k = 0…\(levels))" }

    /// Simpler ladders: fewer levels (down to `minimumLevels`), keeping h₀.
    public func shrinkCandidates(minimumLevels: Int) -> [StepLadder] {
        guard levels > minimumLevels else { return [] }
        return (minimumLevels..<levels).compactMap { try? StepLadder(initialStep: initialStep, levels: $0) }
    }
}

/// Generates ladders whose coarsest step respects a stability bound of the form h₀ · λ_max ≤ c
/// (e.g. LMC on a Gaussian target is stable iff h λ_max < 2; PLMC's region is in docs/theory.md §4.2).
public struct StepLadderGenerator: Sendable {
    /// The admissible levels n (inclusive range).
    public let levels: ClosedRange<Int>
    /// h₀ = f · bound with f log-uniform in this range ⊂ (0, 1].
    public let fractionOfBound: ClosedRange<Double>

    /// Throws unless levels.lowerBound ≥ 0 and 0 < fraction ≤ 1 at both ends.
    public init(levels: ClosedRange<Int> = 4...6, fractionOfBound: ClosedRange<Double> = 0.05...0.5) throws(TestSupportError) {
        try require(levels.lowerBound >= 0, "levels", levels, "must be ≥ 0")
        try require(fractionOfBound.lowerBound > 0 && fractionOfBound.upperBound <= 1,
                    "fraction of the stability bound", fractionOfBound, "must lie in (0, 1]")
        self.levels = levels
        self.fractionOfBound = fractionOfBound
    }

    /// The largest admissible h₀ for h₀ · λ_max ≤ c: c / λ_max, rounded down until the floating-point product
    /// h₀ · λ_max is ≤ c (then every h ≤ h₀ satisfies it too, rounding being monotone). Throws unless c and λ_max are finite and > 0.
    public static func stepBound(stabilityConstant c: Double, largestEigenvalue lambdaMax: Double) throws(TestSupportError) -> Double {
        try require(c > 0 && c.isFinite, "stability constant", c, "must be finite and > 0")
        try require(lambdaMax > 0 && lambdaMax.isFinite, "λ_max", lambdaMax, "must be finite and > 0")
        var bound = c / lambdaMax
        while bound * lambdaMax > c { bound = bound.nextDown }  // so that fl(h₀ · λ_max) ≤ c holds exactly
        return bound
    }

    /// A ladder with h₀ = f · maxStep, f drawn log-uniformly from `fractionOfBound`, and n uniform in `levels`.
    /// Every step is ≤ maxStep. Throws unless maxStep is finite and > 0.
    public func next<G: RandomNumberGenerator>(maxStep: Double, using rng: inout G) throws(TestSupportError) -> StepLadder {
        try require(maxStep > 0 && maxStep.isFinite, "maximal step", maxStep, "must be finite and > 0")
        return draw(maxStep: maxStep, using: &rng)
    }

    /// `next(maxStep:using:)` for a bound already known to be finite and > 0.
    func draw<G: RandomNumberGenerator>(maxStep: Double, using rng: inout G) -> StepLadder {
        let n = rng.nextInteger(in: levels)
        let fraction = rng.nextLogUniform(in: fractionOfBound)
        let h0 = min(fraction, 1) * maxStep
        return StepLadder(checkedInitialStep: h0 > 0 ? h0 : maxStep, levels: n)
    }
}

// Deterministic generation of Gaussian cases from a seeded xoshiro256** (docs/testing-policy.md §5: construct SPD
// matrices with a controlled spectrum instead of filtering random ones).
import Randomness

/// How the condition number κ of a generated case is chosen.
public enum ConditionNumberChoice: Sendable, Equatable {
    /// κ log-uniform in the range (≥ 1).
    case logUniform(ClosedRange<Double>)
    /// κ uniform over a list (each ≥ 1).
    case grid([Double])
}

/// Generates `GaussianCaseSample`s.
///
/// Draw order (part of the stream contract; changing it changes every generated case): d uniform in
/// `dimensions`; κ per `conditionNumbers` (replaced by 1 when d = 1); λ_min log-uniform in
/// `smallestEigenvalues`; d − 2 interior spectrum positions uniform in [0, 1); the rotation seed (one
/// `next()`); the diagonal flag (U < `diagonalProbability`); the zero-mean flag (U < `zeroMeanProbability`);
/// otherwise d normals × `meanScale` for m.
public struct GaussianCaseGenerator: Sendable {
    public let dimensions: ClosedRange<Int>
    public let conditionNumbers: ConditionNumberChoice
    public let smallestEigenvalues: ClosedRange<Double>
    public let diagonalProbability: Double
    public let zeroMeanProbability: Double
    public let meanScale: Double

    /// Throws unless dimensions ⊂ [1, ∞), κ values finite and ≥ 1 (grid non-empty), λ_min range finite and
    /// > 0, probabilities in [0, 1], mean scale finite and ≥ 0.
    public init(
        dimensions: ClosedRange<Int> = 1...16,
        conditionNumbers: ConditionNumberChoice = .logUniform(1...1000),
        smallestEigenvalues: ClosedRange<Double> = 1...1,
        diagonalProbability: Double = 0.2,
        zeroMeanProbability: Double = 0.2,
        meanScale: Double = 1
    ) throws(TestSupportError) {
        try require(dimensions.lowerBound >= 1, "dimensions", dimensions, "must be ≥ 1")
        switch conditionNumbers {
        case let .logUniform(range):
            try require(range.lowerBound >= 1 && range.upperBound.isFinite, "κ range", range, "must lie in [1, ∞)")
        case let .grid(values):
            try require(!values.isEmpty, "κ grid", values, "must not be empty")
            try require(values.allSatisfy { $0 >= 1 && $0.isFinite }, "κ grid", values, "values must be finite and ≥ 1")
        }
        try require(smallestEigenvalues.lowerBound > 0 && smallestEigenvalues.upperBound.isFinite,
                    "λ_min range", smallestEigenvalues, "must lie in (0, ∞)")
        try require(diagonalProbability >= 0 && diagonalProbability <= 1, "diagonal probability", diagonalProbability,
                    "must lie in [0, 1]")
        try require(zeroMeanProbability >= 0 && zeroMeanProbability <= 1, "zero-mean probability", zeroMeanProbability,
                    "must lie in [0, 1]")
        try require(meanScale >= 0 && meanScale.isFinite, "mean scale", meanScale, "must be finite and ≥ 0")
        self.dimensions = dimensions
        self.conditionNumbers = conditionNumbers
        self.smallestEigenvalues = smallestEigenvalues
        self.diagonalProbability = diagonalProbability
        self.zeroMeanProbability = zeroMeanProbability
        self.meanScale = meanScale
    }

    /// The next case from `rng` (deterministic given the generator state).
    public func next<G: RandomNumberGenerator>(using rng: inout G) -> GaussianCaseSample {
        let d = rng.nextInteger(in: dimensions)
        var kappa: Double
        switch conditionNumbers {
        case let .logUniform(range): kappa = rng.nextLogUniform(in: range)
        case let .grid(values): kappa = rng.nextElement(of: values)
        }
        if d == 1 { kappa = 1 }
        let lambdaMin = rng.nextLogUniform(in: smallestEigenvalues)
        var positions: [Double] = d == 1 ? [0] : [0, 1]
        for _ in 0..<max(0, d - 2) { positions.append(rng.nextUniform()) }
        let rotationSeed = rng.next()
        let diagonal = rng.nextUniform() < diagonalProbability
        let zeroMean = rng.nextUniform() < zeroMeanProbability
        let mean = zeroMean ? Array(repeating: 0.0, count: d) : (0..<d).map { _ in meanScale * rng.nextStandardNormal() }
        do {
            return try GaussianCaseSample(
                dimension: d, smallestEigenvalue: lambdaMin, conditionNumber: kappa, spectrumPositions: positions,
                rotationSeed: rotationSeed, isDiagonal: diagonal, mean: mean)
        } catch {
            preconditionFailure("GaussianCaseGenerator produced an invalid case (a bug in the generator): \(error)")
        }
    }
}

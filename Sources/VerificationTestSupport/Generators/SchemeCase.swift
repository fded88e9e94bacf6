// A full case for a scheme property: Gaussian target, step ladder inside the stability bound, and K.
import Randomness

/// A Gaussian target together with a step ladder and a midpoint count K, as drawn by `SchemeCaseGenerator`.
///
/// The ladder was drawn with h₀ · λ_max ≤ c for the generator's stability constant c. Shrinking the target keeps
/// or lowers λ_max = λ_min · κ (smaller d keeps κ and λ_min, smaller κ lowers it) except for the step λ_min → 1,
/// which may raise it; so shrunk candidates are re-checked against the bound and dropped if they leave it.
public struct SchemeCase: Sendable, Equatable, CustomStringConvertible {
    public let target: GaussianCaseSample
    public let ladder: StepLadder
    public let midpointCount: GeneratedMidpointCount
    /// The stability constant c of the bound h · λ_max ≤ c the ladder respects.
    public let stabilityConstant: Double
    /// The K values this case may shrink to.
    public let midpointCountSet: [GeneratedMidpointCount]
    /// The fewest ladder levels a shrunk case keeps.
    public let minimumLevels: Int

    public init(
        target: GaussianCaseSample, ladder: StepLadder, midpointCount: GeneratedMidpointCount,
        stabilityConstant: Double, midpointCountSet: [GeneratedMidpointCount], minimumLevels: Int
    ) {
        self.target = target
        self.ladder = ladder
        self.midpointCount = midpointCount
        self.stabilityConstant = stabilityConstant
        self.midpointCountSet = midpointCountSet
        self.minimumLevels = minimumLevels
    }

    /// True when h₀ · λ_max ≤ c.
    public var ladderIsStable: Bool { ladder.initialStep * target.largestEigenvalue <= stabilityConstant }

    public var description: String {
        "SchemeCase(\(midpointCount), \(ladder), h₀·λ_max = \(ladder.initialStep * target.largestEigenvalue) ≤ c = \(stabilityConstant))\n"
            + target.description
    }
}

extension SchemeCase: Shrinkable {
    /// Target candidates first (see `GaussianCaseSample.shrinkCandidates()`, keeping only those for which the
    /// ladder stays stable), then smaller finite K, then fewer ladder levels.
    public func shrinkCandidates() -> [SchemeCase] {
        var out: [SchemeCase] = []
        for target in target.shrinkCandidates() {
            let candidate = replacing(target: target)
            if candidate.ladderIsStable { out.append(candidate) }
        }
        for k in midpointCount.shrinkCandidates(in: midpointCountSet) { out.append(replacing(midpointCount: k)) }
        for ladder in ladder.shrinkCandidates(minimumLevels: minimumLevels) { out.append(replacing(ladder: ladder)) }
        return out
    }

    private func replacing(
        target newTarget: GaussianCaseSample? = nil, ladder newLadder: StepLadder? = nil,
        midpointCount newK: GeneratedMidpointCount? = nil
    ) -> SchemeCase {
        SchemeCase(target: newTarget ?? target, ladder: newLadder ?? ladder, midpointCount: newK ?? midpointCount,
                   stabilityConstant: stabilityConstant, midpointCountSet: midpointCountSet, minimumLevels: minimumLevels)
    }
}

/// Draws `SchemeCase`s: a Gaussian target, then a ladder with h₀ ≤ c / λ_max, then K from a set.
public struct SchemeCaseGenerator: Sendable {
    public let targets: GaussianCaseGenerator
    public let ladders: StepLadderGenerator
    /// c in the stability bound h · λ_max ≤ c (e.g. 2 for LMC on a Gaussian target; use the scheme's own).
    public let stabilityConstant: Double
    public let midpointCounts: [GeneratedMidpointCount]

    /// Throws unless c is finite and > 0 and the K set is valid (non-empty, finite K ≥ 1).
    public init(
        targets: GaussianCaseGenerator, ladders: StepLadderGenerator, stabilityConstant: Double,
        midpointCounts: [GeneratedMidpointCount] = GeneratedMidpointCount.standardSet
    ) throws(TestSupportError) {
        try require(stabilityConstant > 0 && stabilityConstant.isFinite, "stability constant", stabilityConstant,
                    "must be finite and > 0")
        try GeneratedMidpointCount.validate(midpointCounts)
        self.targets = targets
        self.ladders = ladders
        self.stabilityConstant = stabilityConstant
        self.midpointCounts = midpointCounts
    }

    public func next<G: RandomNumberGenerator>(using rng: inout G) -> SchemeCase {
        let target = targets.next(using: &rng)
        // c and λ_max are finite and positive by construction (validated configurations), so this cannot throw.
        guard let bound = try? StepLadderGenerator.stepBound(stabilityConstant: stabilityConstant,
                                                             largestEigenvalue: target.largestEigenvalue),
              bound > 0
        else { preconditionFailure("stability bound c/λ_max is not positive for \(target)") }
        let ladder = ladders.draw(maxStep: bound, using: &rng)
        let k = rng.nextElement(of: midpointCounts)
        return SchemeCase(target: target, ladder: ladder, midpointCount: k, stabilityConstant: stabilityConstant,
                          midpointCountSet: midpointCounts, minimumLevels: ladders.levels.lowerBound)
    }
}

// Shared helpers of the exact-claim tests: generated Gaussian cases as claim cases, the tier, and the verdict
// expectations (every subject holds, every mutant is rejected, every rate subject has ≥ 2 mutants).
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import Verification
import VerificationTestSupport
import XCTest

enum ExactClaimTesting {
    /// The tier of this run (`LANGEVIN_TIER=full` for the full tier).
    static var tier: ClaimRunOptions.Tier { (try? ClaimRunOptions.tierFromProcessEnvironment()) ?? .quick }

    static var options: ClaimRunOptions { ClaimRunOptions(tier: tier) }

    /// Number of generated cases per property: quick / full.
    static func caseCount(quick: Int, full: Int) -> Int { tier == .quick ? quick : full }

    /// Random Gaussian targets: d 1–16, κ log-uniform in [1, 100], λ_min log-uniform in [0.5, 2], non-diagonal
    /// with probability 0.8, non-zero mean with probability 0.8.
    static func targets(dimensions: ClosedRange<Int> = 1...16, kappa: ClosedRange<Double> = 1...100) throws -> GaussianCaseGenerator {
        try GaussianCaseGenerator(dimensions: dimensions, conditionNumbers: .logUniform(kappa), smallestEigenvalues: 0.5...2)
    }

    /// Scheme cases: a target, a halving ladder with h₀λ_max ∈ [0.05, 0.5] and 6–8 halvings (inside every scheme's
    /// stability region: PLMC needs ηλ_max < 1.215), and K from `counts`.
    static func schemeCases(dimensions: ClosedRange<Int> = 1...16, kappa: ClosedRange<Double> = 1...100,
                            counts: [GeneratedMidpointCount] = [.finite(2), .finite(3), .finite(4), .finite(8), .finite(16)])
        throws -> SchemeCaseGenerator
    {
        try SchemeCaseGenerator(targets: try targets(dimensions: dimensions, kappa: kappa),
                                ladders: StepLadderGenerator(levels: 6...8, fractionOfBound: 0.05...0.5),
                                stabilityConstant: 1, midpointCounts: counts)
    }

    static func midpointCount(_ k: GeneratedMidpointCount) -> MidpointCount {
        switch k {
        case let .finite(n): return .finite(n)
        case .infinite: return .infinite
        }
    }

    /// The claim case of a generated target (default ladder and K of the claim).
    static func claimCase(_ sample: GaussianCaseSample, settings: ClaimCaseSettings = ClaimCaseSettings()) throws -> ClaimCase {
        try ClaimCase(name: "generated d=\(sample.dimension) κ=\(sample.conditionNumber)", precision: sample.precision,
                      mean: sample.mean, settings: settings)
    }

    /// The claim case of a generated scheme case: its ladder and K.
    static func claimCase(_ scheme: SchemeCase) throws -> ClaimCase {
        let ladder = try RateLadder(initialStep: scheme.ladder.initialStep, levels: scheme.ladder.levels)
        return try claimCase(scheme.target, settings: ClaimCaseSettings(ladder: ladder, midpointCount: midpointCount(scheme.midpointCount)))
    }

    /// Every subject holds and every mutant is rejected; every rate subject (a subject verdict with a rate fit)
    /// is followed by ≥ 2 mutants of the same metric. Returns the first problem.
    static func problems(_ verdicts: [ClaimVerdict], minimumMutants: Int = 2) -> String? {
        if verdicts.isEmpty { return "no verdicts" }
        for verdict in verdicts where !verdict.asExpected && verdict.outcome.isAsserted {
            return verdict.role.isMutant ? "mutant NOT rejected: \(verdict)" : "subject does not hold: \(verdict)"
        }
        for (index, verdict) in verdicts.enumerated() where verdict.role == .subject && verdict.rate != nil {
            let mutants = verdicts[(index + 1)...].prefix { $0.role.isMutant && $0.metric == verdict.metric }
            if mutants.count < minimumMutants {
                return "rate subject \(verdict.subject) [\(verdict.metric)] has \(mutants.count) mutants (< \(minimumMutants))"
            }
        }
        return nil
    }

    /// The property outcome of a claim check on one case.
    static func outcome(_ claim: Claim, on claimCase: ClaimCase, minimumMutants: Int = 2) -> PropertyOutcome {
        let verdicts = claim.run(options, on: claimCase)
        if let problem = problems(verdicts, minimumMutants: minimumMutants) { return .fails("\(claim.id): \(problem)") }
        return .holds
    }

    /// Asserts the expectations on the claim's default cases.
    static func assertDefaultCases(_ claim: Claim, minimumMutants: Int = 2, file: StaticString = #filePath, line: UInt = #line) {
        let verdicts = claim.runDefaultCases(options)
        if let problem = problems(verdicts, minimumMutants: minimumMutants) {
            XCTFail("\(claim.id) on its default cases (tier \(tier)): \(problem)", file: file, line: line)
        }
    }

    static func claim(_ id: ClaimID, file: StaticString = #filePath, line: UInt = #line) throws -> Claim {
        try XCTUnwrap(ClaimRegistry.claim(id: id), "claim \(id) is not registered", file: file, line: line)
    }
}

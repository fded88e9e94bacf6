// Exact claims on one-step transition laws and underdamped chains: C7 (one-step KL to fine LMC), C8 (chain-rule
// path-KL proxy), C9 (ULMC and PLMC-ULMC bias orders). Subject and mutants through the same body; deterministic.
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import Verification
import VerificationTestSupport
import XCTest

final class ExactClaimTransitionTests: XCTestCase {
    /// PN-P07: slope 4 of the one-step KL on isotropic targets (d 1–16, a ∈ [0.5, 2], K ∈ {2, 3, 4, 8, 12}), the
    /// leading constant (ηa)⁴[Var(M)²d(d+2) + d(K²−1)²/(144K⁴)] within 2 %, and the mutants (independent noise,
    /// η/K weight, coarse LMC: slope 2) rejected; docs/theory.md §4.4 values at K = 8, a = 1, d = 1.
    func testC07_oneStepKLIsFourthOrderAndQuadraticInDimension() throws {
        let claim = try ExactClaimTesting.claim(.c7)
        ExactClaimTesting.assertDefaultCases(claim)
        let generator = try ExactClaimTesting.schemeCases(kappa: 1...1, counts: [.finite(2), .finite(3), .finite(4), .finite(8), .finite(12)])
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 5, full: 25), generator: { generator.next(using: &$0) }) { scheme in
            // Isotropic: κ = 1, so A = λ_min I (the generator's rotation of a multiple of I is I up to rounding).
            let target = scheme.target
            let a = target.smallestEigenvalue
            let claimCase = try ClaimCase(name: "isotropic d=\(target.dimension) a=\(a)", precision: a * Matrix.identity(target.dimension),
                                          mean: target.mean,
                                          settings: ClaimCaseSettings(midpointCount: ExactClaimTesting.midpointCount(scheme.midpointCount)))
            let verdicts = claim.run(ExactClaimTesting.options, on: claimCase)
            if let problem = ExactClaimTesting.problems(verdicts) { return .fails(problem) }
            return .check(verdicts.count == 5, "expected subject, 3 mutants and the constant verdict")
        }
        // docs/theory.md §4.4: KL(PLMC‖LMC^K_{η/K}), K = 8, x₀ = 0, a = 1, d = 1, at η = 0.1, 0.05, 0.025 (3 digits).
        let variant = SchemeVariant(.plmc(.finite(8)))
        for (eta, printed) in [(0.1, 1.69e-5), (0.05, 1.10e-6), (0.025, 6.92e-8)] {
            let mixture = try OneStepMixture(variant, eta: eta, eigenvalue: 1)
            let fine = try fineLMCOneStep(eta: eta, midpointCount: 8, eigenvalue: 1)
            let kl = try MixtureDivergence.isotropicScaleMixture(weights: mixture.components.map(\.weight),
                                                                 variances: mixture.components.map(\.noiseVariance),
                                                                 referenceVariance: fine.variance, dimension: 1)
            XCTAssertEqual(kl, printed, accuracy: 0.005 * printed, "KL at η = \(eta)")
        }
    }

    /// PN-P08: slope 3 of the path-KL proxy in d = 1 (a ∈ [0.5, 2], K ∈ {2, 3, 4, 8}); independent noise, η/K weight
    /// and coarse LMC (slope 1) rejected.
    func testC08_pathKLProxyIsThirdOrder() throws {
        let claim = try ExactClaimTesting.claim(.c8)
        ExactClaimTesting.assertDefaultCases(claim)
        let generator = try ExactClaimTesting.schemeCases(dimensions: 1...1, counts: [.finite(2), .finite(3), .finite(4), .finite(8)])
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 4, full: 20), generator: { generator.next(using: &$0) }) { scheme in
            let claimCase = try ExactClaimTesting.claimCase(scheme.target, settings: ClaimCaseSettings(
                midpointCount: ExactClaimTesting.midpointCount(scheme.midpointCount), horizon: 2))
            return ExactClaimTesting.outcome(claim, on: claimCase)
        }
    }

    /// PN-P09: ULMC slope 1 and PLMC-ULMC (K = ∞) slope 3 on random targets (d 1–6, κ ≤ 10) with γ ∈ [0.5, 4];
    /// "no correction" (= ULMC) and "√η noise" (Σ/2) mutants rejected.
    func testC09_underdampedBiasOrdersOneAndThree() throws {
        let claim = try ExactClaimTesting.claim(.c9)
        ExactClaimTesting.assertDefaultCases(claim)
        let generator = try ExactClaimTesting.targets(dimensions: 1...6, kappa: 1...10)
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 5, full: 25), generator: { rng -> (GaussianCaseSample, Double) in
            let sample = generator.next(using: &rng)
            return (sample, 0.5 * pow(8, rng.nextUniform()))
        }) { sample, gamma in
            let claimCase = try ExactClaimTesting.claimCase(sample, settings: ClaimCaseSettings(friction: gamma))
            return ExactClaimTesting.outcome(claim, on: claimCase)
        }
    }

    /// PN-P09: the ladder rule h₀ = c/max(λ/γ, γ, √λ) (c = 0.1 ULMC, 0.5 PLMC-ULMC) keeps the 1-D exact local slopes
    /// within δ/2 of 1 (ULMC) and 3 (PLMC-ULMC, K = ∞) over the grid λ ∈ {0.25, 1, 4, 16, 100},
    /// γ ∈ {0.25, 0.5, 1, 2, 4, 8}, 8 halvings, on the levels whose error is above the floor 1e-10·(1/λ) (as the claim
    /// does); at least 4 levels remain everywhere.
    func testC09_ladderRuleKeepsLocalSlopesInTheBand() throws {
        var worst: [Double: Double] = [1: 0, 3: 0]
        var worstRLMC = 0.0
        for lambda in [0.25, 1, 4, 16, 100] {
            for gamma in [0.25, 0.5, 1, 2, 4, 8] {
                let drift = try LinearDrift(precision: lambda * Matrix.identity(1), mean: [0])
                for (p, c, scheme) in [(1.0, 0.1, Scheme.ulmc(friction: gamma)), (3.0, 0.5, .plmcULMC(friction: gamma, .infinite)),
                                       (3.0, 0.5, .rlmcULMC(friction: gamma))] {
                    let steps = try RateLadder(initialStep: c / max(lambda / gamma, gamma, lambda.squareRoot()), levels: 8).steps
                    var errors = try steps.map { abs(try ChainLaw.stationary(scheme, eta: $0, drift: drift).covariance[0, 0] - 1 / lambda) }
                    if let cut = errors.firstIndex(where: { $0 < 1e-10 / lambda }) { errors = Array(errors[..<cut]) }
                    XCTAssertGreaterThanOrEqual(errors.count, 4, "\(scheme) at λ = \(lambda): levels above the floor")
                    guard errors.count >= 3 else { continue }
                    let slopes = RateFit.localSlopes(steps: Array(steps.prefix(errors.count)), errors: errors)
                    let deviation = slopes.map { abs($0 - p) }.max() ?? .nan
                    worst[p] = max(worst[p] ?? 0, deviation)
                    if case .rlmcULMC = scheme { worstRLMC = max(worstRLMC, deviation) }
                    XCTAssertLessThanOrEqual(deviation, p / 20, "\(scheme) at λ = \(lambda): local slopes \(slopes)")
                }
            }
        }
        print("PN-P09 ladder rule: worst local-slope deviation ULMC \(worst[1] ?? .nan), PLMC-ULMC and RLMC-ULMC \(worst[3] ?? .nan) "
              + "(RLMC-ULMC alone \(worstRLMC))")
    }
}

// Exact rate claims on stationary laws: C5 (bias order), C6 (KL / W2 / TV), C11 (cost exponent), C13 (independent
// midpoint noise). Every rate subject and ≥ 2 mutants run through the same body (ExactRateCheck.verdict); the
// subject must hold and every mutant must be rejected. Deterministic (no statistical level).
import DenseLinearAlgebra
import ReferenceLaws
import Verification
import VerificationTestSupport
import XCTest

final class ExactClaimRateTests: XCTestCase {
    /// PN-P05: slopes 1 (LMC), 2 (PLMC K = ∞) and 2 (PLMC(η,K) − LMC(η/K)) with δ = p/10, on random Gaussian targets
    /// (d 1–16, κ ≤ 100, rotated) with random ladders and K ∈ {2, 3, 4, 8, 16}; leading constants √d/2, ‖A‖_F/3 and
    /// ‖A‖_F(K−1)(2K−1)/(6K²) within 5 % at the finest step (default ladders).
    func testC05_biasOrderLMCIsOneAndPLMCIsTwo() throws {
        let claim = try ExactClaimTesting.claim(.c5)
        ExactClaimTesting.assertDefaultCases(claim)
        for verdict in claim.runDefaultCases(ExactClaimTesting.options) where verdict.role == .subject {
            let measured = try XCTUnwrap(verdict.number("constant e/h^p at finest"))
            let predicted = try XCTUnwrap(verdict.number("constant predicted"))
            XCTAssertEqual(measured / predicted, 1, accuracy: 0.05, "leading constant of \(verdict)")
        }
        let generator = try ExactClaimTesting.schemeCases()
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 12, full: 60), generator: { generator.next(using: &$0) }) { scheme in
            let claimCase = try ExactClaimTesting.claimCase(scheme)
            let verdicts = claim.run(ExactClaimTesting.options, on: claimCase)
            if let problem = ExactClaimTesting.problems(verdicts) { return .fails(problem) }
            return .check(verdicts.filter { $0.role == .subject }.count == 3, "expected three subjects (LMC, PLMC ∞, PLMC K)")
        }
    }

    /// PN-P06: KL / W2 / TV slopes 2 / 1 / 1 (LMC) and 4 / 2 / 2 (PLMC K = ∞) of the moment-matched Gaussian, TV in
    /// d = 1; leading constants tr(A²)/16, √trA/4 vs tr(A⁴)/36, √trA³/6 within 5 % (TV: |r − 1|/√(2πe)).
    func testC06_stationaryDistanceSlopes() throws {
        let claim = try ExactClaimTesting.claim(.c6)
        ExactClaimTesting.assertDefaultCases(claim)
        for verdict in claim.runDefaultCases(ExactClaimTesting.options) where verdict.role == .subject {
            let measured = try XCTUnwrap(verdict.number("constant e/h^p at finest"))
            let predicted = try XCTUnwrap(verdict.number("constant predicted"))
            XCTAssertEqual(measured / predicted, 1, accuracy: 0.05, "leading constant of \(verdict)")
        }
        let generator = try ExactClaimTesting.schemeCases(dimensions: 1...16)
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 8, full: 40), generator: { generator.next(using: &$0) }) { scheme in
            let verdicts = claim.run(ExactClaimTesting.options, on: try ExactClaimTesting.claimCase(scheme))
            if let problem = ExactClaimTesting.problems(verdicts) { return .fails(problem) }
            let expectedSubjects = scheme.target.dimension == 1 ? 6 : 4
            return .check(verdicts.filter { $0.role == .subject }.count == expectedSubjects,
                          "expected \(expectedSubjects) subject verdicts (TV only in d = 1)")
        }
    }

    /// PN-P11: the exponent of drift calls per unit time against 1/ε is ≤ ½·(LMC's) + 0.1 for PLMC(K = ∞); the
    /// independent-noise and η/K-weight mutants (exponent ≈ 1) are rejected.
    func testC11_costExponentIsAtMostHalfOfLMCs() throws {
        let claim = try ExactClaimTesting.claim(.c11)
        ExactClaimTesting.assertDefaultCases(claim)
        let generator = try ExactClaimTesting.targets()
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 8, full: 40), generator: { generator.next(using: &$0) }) { sample in
            ExactClaimTesting.outcome(claim, on: try ExactClaimTesting.claimCase(sample))
        }
    }

    /// PN-P13: PLMC(K = ∞) with independent midpoint noise has slope 1 and ‖Σ − A⁻¹‖_F/(η√d) → 1 (bias ≈ ηI); the
    /// correct PLMC (slope 2) and LMC (constant ½) fail the same check.
    func testC13_independentMidpointNoiseLosesTheGain() throws {
        let claim = try ExactClaimTesting.claim(.c13)
        ExactClaimTesting.assertDefaultCases(claim)
        let generator = try ExactClaimTesting.schemeCases()
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 8, full: 40), generator: { generator.next(using: &$0) }) { scheme in
            ExactClaimTesting.outcome(claim, on: try ExactClaimTesting.claimCase(scheme))
        }
    }
}

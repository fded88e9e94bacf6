// Exact claims that are identities rather than rates: C1 (K = 1 reduction), C3 (exact mean), C4 (exact stationary
// covariance f_K(ηA)A⁻¹), C14 (stability thresholds). Deterministic: no statistical level (ledger: ExactClaimEntries).
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import Verification
import VerificationTestSupport
import XCTest

final class ExactClaimStructureTests: XCTestCase {
    /// PN-P01: PLMC(K = 1) has LMC's exact laws (stationary and 7-step) and the engine's states are bit-identical on
    /// the same streams; the off-by-one and √η-noise mutants are rejected by the same law-equality body.
    func testC01_plmcWithOneSubstepIsLMCInLawAndPathwise() throws {
        let claim = try ExactClaimTesting.claim(.c1)
        ExactClaimTesting.assertDefaultCases(claim, minimumMutants: 0)
        let generator = try ExactClaimTesting.targets()
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 6, full: 30), generator: { generator.next(using: &$0) }) { sample in
            let verdicts = claim.run(ExactClaimTesting.options, on: try ExactClaimTesting.claimCase(sample))
            if let problem = ExactClaimTesting.problems(verdicts, minimumMutants: 0) { return .fails(problem) }
            return .check(verdicts.filter { $0.role.isMutant }.count == 2, "expected 2 mutant verdicts")
        }
    }

    /// PN-P03: ChainLaw's n-step mean equals m + Q diag((1 − x + x²E[M])ⁿ) Qᵀ(μ₀ − m) with the E[M] of docs/theory.md §4.2, and
    /// |E[β]| < 1, for LMC, PLMC(1), PLMC(4), PLMC(∞) and RLMC; the η/K-weight mutant's mean is rejected.
    func testC03_stationaryMeanIsExact() throws {
        let claim = try ExactClaimTesting.claim(.c3)
        ExactClaimTesting.assertDefaultCases(claim, minimumMutants: 0)
        let generator = try ExactClaimTesting.targets()
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 8, full: 40), generator: { generator.next(using: &$0) }) { sample in
            ExactClaimTesting.outcome(claim, on: try ExactClaimTesting.claimCase(sample), minimumMutants: 0)
        }
    }

    /// PN-P04: ChainLaw's stationary covariance equals Q diag(f_K(ηλ)/λ) Qᵀ with the printed closed form f_K for
    /// K ∈ {1, 2, 4, 10, ∞} (full tier: also 3, 8, 100, 1000); every moment-law mutant (K = 4 and K = ∞) differs.
    func testC04_stationaryCovarianceIsFKOfEtaATimesInverse() throws {
        let claim = try ExactClaimTesting.claim(.c4)
        ExactClaimTesting.assertDefaultCases(claim, minimumMutants: 0)
        let generator = try ExactClaimTesting.targets()
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 6, full: 30), generator: { generator.next(using: &$0) }) { sample in
            ExactClaimTesting.outcome(claim, on: try ExactClaimTesting.claimCase(sample), minimumMutants: 0)
        }
    }

    /// PN-P04: the 1-D values printed in docs/theory.md §4.2 (stationary aσ² at x = 0.2, and r − 1 on the x grid),
    /// from ChainLaw on N(0, 1/a) with a = 1, to the printed precision.
    func testC04_theoryTableValues() throws {
        let drift = try LinearDrift(precision: Matrix.identity(1), mean: [0])
        func r(_ scheme: Scheme, _ x: Double) throws -> Double {
            try ChainLaw.stationary(scheme, eta: x, drift: drift).covariance[0, 0]
        }
        // aσ² at x = 0.2 (the "exact" column of the Monte Carlo table), 4 decimals.
        let printed: [(Scheme, Double)] = [(.plmc(.finite(1)), 1.1111), (.plmc(.finite(4)), 1.0372),
                                                (.plmc(.finite(50)), 1.0205), (.plmc(.infinite), 1.0192), (.rlmc, 1.0016)]
        for (scheme, value) in printed {
            XCTAssertEqual(try r(scheme, 0.2), value, accuracy: 5e-5, "\(scheme) at x = 0.2")
        }
        XCTAssertEqual(try r(.plmc(.finite(1)), 0.5), 1.3333, accuracy: 5e-5)
        XCTAssertEqual(try r(.plmc(.finite(4)), 0.5), 1.1770, accuracy: 5e-5)
        // r − 1, three significant digits: (x, LMC, K = 10, K = 100, K = ∞, RLMC).
        let table: [(Double, [Double])] = [
            (0.4, [2.50e-1, 1.08e-1, 1.09e-1, 1.09e-1, 1.59e-2]), (0.2, [1.11e-1, 2.60e-2, 1.98e-2, 1.92e-2, 1.63e-3]),
            (0.1, [5.26e-2, 8.39e-3, 4.44e-3, 4.01e-3, 1.84e-4]), (0.05, [2.56e-2, 3.28e-3, 1.15e-3, 9.14e-4, 2.19e-5]),
            (0.025, [1.27e-2, 1.44e-3, 3.40e-4, 2.18e-4, 2.67e-6]),
        ]
        let schemes: [Scheme] = [.lmc, .plmc(.finite(10)), .plmc(.finite(100)), .plmc(.infinite), .rlmc]
        for (x, row) in table {
            for (scheme, value) in zip(schemes, row) {
                let measured = try r(scheme, x) - 1
                XCTAssertEqual(measured, value, accuracy: 0.005 * value + 1e-12, "r − 1 of \(scheme) at x = \(x)")
            }
        }
    }

    /// PN-P14: thresholds η*λ_max by bisection on ChainLaw stability equal the printed 2, 2, 2, 1.52, 1.32, 1.225,
    /// 1.215, 1.596 (to printed precision) and the closed-form thresholds (1e-9); the PLMC(∞)/LMC crossover is 2/3.
    func testC14_stabilityThresholdsAndCrossover() throws {
        let claim = try ExactClaimTesting.claim(.c14)
        ExactClaimTesting.assertDefaultCases(claim, minimumMutants: 0)
        let generator = try ExactClaimTesting.targets(dimensions: 1...8)
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 3, full: 15), generator: { generator.next(using: &$0) }) { sample in
            ExactClaimTesting.outcome(claim, on: try ExactClaimTesting.claimCase(sample), minimumMutants: 0)
        }
    }
}

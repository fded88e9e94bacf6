import DenseLinearAlgebra
import Randomness
import ReferenceLaws
import SchemeVocabulary
import Verification
import XCTest

/// C16 on its default cases and on generated Gaussian data laws (PN-D05): DDPM respaced is first order and PLMC
/// second order against the fine chain, and each mutant is rejected by the same exact check. Exact, no level.
final class C16ClaimTests: XCTestCase {
    /// The default cases, then random well-conditioned data laws (d = 1 … 3, variances in [0.5, 2], |μ| ≤ 1) from a
    /// fixed seed: every subject holds, every mutant is rejected, each rate subject with ≥ 2 mutants.
    func testC16_claimHoldsAndRejectsItsMutants() throws {
        let claim = try ExactClaimTesting.claim(.c16)
        ExactClaimTesting.assertDefaultCases(claim)
        var generator = Xoshiro256StarStar(seed: 16)
        for index in 0..<3 {
            let d = 1 + index
            var q = Matrix.identity(d)
            if d > 1 { q = try Matrix.randomOrthogonal(d) { generator.nextStandardNormal() } }
            let variances = (0..<d).map { _ in 0.5 + 1.5 * generator.nextUniform() }
            let sigma = try Matrix.symmetric(rotation: q, eigenvalues: variances)
            let mean = (0..<d).map { _ in 2 * generator.nextUniform() - 1 }
            let rows = (0..<d).map { i in (0..<d).map { sigma[i, $0] } }
            let claimCase = try ClaimCase.gaussianData(name: "random-gaussian-data-\(d)", mean: mean, covariance: rows)
            let verdicts = claim.run(ExactClaimTesting.options, on: claimCase)
            XCTAssertNil(ExactClaimTesting.problems(verdicts), "\(claimCase.name): \(verdicts)")
            XCTAssertEqual(verdicts.count, 16)
        }
    }
}

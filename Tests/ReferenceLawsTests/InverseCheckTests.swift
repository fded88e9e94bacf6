import ReferenceLaws
import XCTest

/// GSL's inverse CDFs can be silently wrong at extreme arguments; the wrappers plug every inverse back into its
/// forward function and throw instead (PN-L08). The reference value 2.011e6 for the χ²(2·10⁶) upper 5e-10 quantile
/// is k + √(2k)·z with z = Φ⁻¹(1 − 5e-10) ≈ 6.109 (normal approximation, relative error ≈ 1e-3 here), far from
/// GSL's unchecked 1.155e6.
final class InverseCheckTests: XCTestCase {
    func testExtremeChiSquaredQuantileIsRightOrThrowsButNeverSilentlyWrong() throws {
        let law = try ChiSquared(degreesOfFreedom: 2e6)
        do {
            let x = try law.upperQuantile(5e-10)
            let approximation = 2e6 + (4e6).squareRoot() * 6.109
            XCTAssertEqual(x / approximation, 1, accuracy: 5e-3, "quantile \(x)")
        } catch {
            XCTAssertTrue(error.description.contains("did not converge"), "\(error)")
        }
    }

    func testOrdinaryQuantilesStillRoundTrip() throws {
        XCTAssertEqual(try ChiSquared(degreesOfFreedom: 3).upperQuantile(0.05), 7.814727903251178, accuracy: 1e-10)
        XCTAssertEqual(try StudentT(degreesOfFreedom: 3).upperQuantile(0.025), 3.182446305284263, accuracy: 1e-10)
        let beta = try BetaDistribution(a: 2, b: 5)
        XCTAssertEqual(try beta.cdf(beta.quantile(0.3)), 0.3, accuracy: 1e-12)
    }
}

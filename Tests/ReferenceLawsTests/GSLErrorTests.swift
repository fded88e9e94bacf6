import DenseLinearAlgebra
import ReferenceLaws
import XCTest

/// GSL's default handler aborts the process; these tests prove that our handler turns failures
/// into thrown errors instead (the test process survives to report them).
final class GSLErrorTests: XCTestCase {
    func testCholeskyOfIndefiniteMatrixThrowsInsteadOfAborting() throws {
        let indefinite = try Matrix([[1, 2], [2, 1]])
        XCTAssertThrowsError(try CholeskyFactor(indefinite, what: "covariance")) { error in
            guard case MatrixError.notPositiveDefinite(let what, _) = error else {
                return XCTFail("expected notPositiveDefinite, got \(error)")
            }
            XCTAssertEqual(what, "covariance")
        }
    }

    func testCholeskyOfKnownMatrixIsExact() throws {
        // Textbook example: [[4,12,-16],[12,37,-43],[-16,-43,98]] = L Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]].
        let s = try Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let factor = try CholeskyFactor(s)
        XCTAssertEqual(factor.lower, try Matrix([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]))
    }

    func testSilentNaNFromGSLBecomesAnError() {
        XCTAssertThrowsError(try GSL.value("gsl_cdf_ugaussian_Pinv(1.5)") { Double.nan })
    }
}

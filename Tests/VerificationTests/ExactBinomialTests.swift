// Clopper–Pearson bounds (Verification.ExactBinomial, GSL Beta quantiles through ReferenceLaws) against closed
// forms and scipy values: `beta.ppf(α/2, x, n−x+1)` / `beta.isf(α/2, x+1, n−x)`.
import Foundation
import Verification
import XCTest

final class ExactBinomialTests: XCTestCase {
    func testClopperPearsonAgainstReferenceValues() throws {
        let cases: [(x: Int, n: Int, alpha: Double, lower: Double, upper: Double)] = [
            (3, 10, 0.05, 0.066739511177734467, 0.65245285005999731),
            (7, 2000, 0.05, 0.0014083038325025412, 0.007197961714658003),
            (50, 100, 1e-6, 0.26563035341015112, 0.73436964658984882),
            (13, 2000, 0.01, 0.0027945495626668189, 0.012708537651431767),
        ]
        for c in cases {
            let bounds = try ExactBinomial.clopperPearson(successes: c.x, trials: c.n, alpha: c.alpha)
            XCTAssertEqual(bounds.lower, c.lower, accuracy: 1e-11 * c.lower, "lower, x = \(c.x), n = \(c.n)")
            XCTAssertEqual(bounds.upper, c.upper, accuracy: 1e-11 * c.upper, "upper, x = \(c.x), n = \(c.n)")
        }
    }

    /// x = 0 ⇒ [0, 1 − (α/2)^{1/n}]; x = n ⇒ [(α/2)^{1/n}, 1]; and lower(x, n) = 1 − upper(n − x, n).
    func testClopperPearsonClosedFormsAndSymmetry() throws {
        for n in [1, 20, 2000, 100_000] {
            for alpha in [0.05, 1e-3, 1e-9] {
                let none = try ExactBinomial.clopperPearson(successes: 0, trials: n, alpha: alpha)
                XCTAssertEqual(none.lower, 0)
                let expected = -expm1(log(alpha / 2) / Double(n))
                XCTAssertEqual(none.upper, expected, accuracy: 1e-12 * expected, "n = \(n), α = \(alpha)")
                let all = try ExactBinomial.clopperPearson(successes: n, trials: n, alpha: alpha)
                XCTAssertEqual(all.upper, 1)
                XCTAssertEqual(all.lower, pow(alpha / 2, 1 / Double(n)), accuracy: 1e-12)
            }
        }
        XCTAssertEqual(try ExactBinomial.clopperPearson(successes: 0, trials: 20, alpha: 0.05).upper,
                       0.16843347098308534, accuracy: 1e-14)
        let a = try ExactBinomial.clopperPearson(successes: 17, trials: 300, alpha: 0.01)
        let b = try ExactBinomial.clopperPearson(successes: 283, trials: 300, alpha: 0.01)
        XCTAssertEqual(a.lower, 1 - b.upper, accuracy: 1e-13)
        XCTAssertEqual(a.upper, 1 - b.lower, accuracy: 1e-13)
        XCTAssertThrowsError(try ExactBinomial.clopperPearson(successes: 3, trials: 2, alpha: 0.05))
        XCTAssertThrowsError(try ExactBinomial.clopperPearson(successes: 0, trials: 0, alpha: 0.05))
        XCTAssertThrowsError(try ExactBinomial.clopperPearson(successes: 1, trials: 2, alpha: 1))
        let interval = try StatisticalInterval.clopperPearson(statistic: "p", successes: 3, trials: 10, alpha: 0.05)
        XCTAssertEqual(interval.estimate, 0.3)
        XCTAssertEqual(interval.method, .clopperPearson)
    }
}

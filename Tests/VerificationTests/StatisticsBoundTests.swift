// Half-widths and sample sizes against hand values (mpmath, 40 digits):
//   hoeffding = w·sqrt(log(2/α)/(2n)); bernstein = sqrt(2V log(4/α)/n) + 7 w log(4/α)/(3(n−1));
//   dkw = sqrt(log(2/α)/(2n)); n_min = ceil(w²·max(log(2/α), log(2/β))/(2(δ/2)²)).
import Verification
import XCTest

final class BoundTests: XCTestCase {
    func testHoeffdingHalfWidth() throws {
        XCTAssertEqual(try hoeffdingHalfWidth(n: 1000, range: 0...1, alpha: 1e-9), 0.10348046438218751, accuracy: 1e-15)
        XCTAssertEqual(try hoeffdingHalfWidth(n: 500, range: -1...3, alpha: 0.05), 0.24294458476332207, accuracy: 1e-15)
        XCTAssertEqual(try hoeffdingHalfWidth(n: 10, range: 2...2, alpha: 0.5), 0)
    }

    /// Maurer & Pontil (2009) Theorem 4, two-sided by a union bound over the two one-sided statements at α/2.
    func testEmpiricalBernsteinHalfWidth() throws {
        XCTAssertEqual(try empiricalBernsteinHalfWidth(n: 100, sampleVariance: 0.04, range: 0...1, alpha: 1e-6),
                       0.46857063538161188, accuracy: 1e-14)
        XCTAssertEqual(try empiricalBernsteinHalfWidth(n: 2000, sampleVariance: 0.25, range: -1...1, alpha: 1e-9),
                       0.12596120039720769, accuracy: 1e-14)
        // One-sided at α/2 is the two-sided at α.
        XCTAssertEqual(try empiricalBernsteinDeviation(n: 100, sampleVariance: 0.04, range: 0...1, alpha: 5e-7),
                       try empiricalBernsteinHalfWidth(n: 100, sampleVariance: 0.04, range: 0...1, alpha: 1e-6))
        // With a tiny variance it beats Hoeffding by far; at V = (b−a)²/4 it is worse (the price of estimating V).
        XCTAssertLessThan(try empiricalBernsteinHalfWidth(n: 100_000, sampleVariance: 1e-6, range: 0...1, alpha: 1e-9),
                          0.1 * (try hoeffdingHalfWidth(n: 100_000, range: 0...1, alpha: 1e-9)))
        XCTAssertGreaterThan(try empiricalBernsteinHalfWidth(n: 100_000, sampleVariance: 0.25, range: 0...1, alpha: 1e-9),
                             try hoeffdingHalfWidth(n: 100_000, range: 0...1, alpha: 1e-9))
    }

    /// docs/testing-policy.md §2.1: n = 99 035 for ε = 0.01 at α = 5e-9 — so ε(99 035) ≤ 0.01 < ε(99 034).
    func testDKWHalfWidth() throws {
        XCTAssertEqual(try dkwHalfWidth(n: 10000, alpha: 5e-9), 0.031469807041887194, accuracy: 1e-15)
        XCTAssertLessThanOrEqual(try dkwHalfWidth(n: 99035, alpha: 5e-9), 0.01)
        XCTAssertGreaterThan(try dkwHalfWidth(n: 99034, alpha: 5e-9), 0.01)
    }

    /// R2 sample sizes; 26 771 is TFP's "≈ 26 800" for δ = 0.04 at rates 1e-9 (docs/testing-policy.md §1.2).
    func testSampleSizes() throws {
        XCTAssertEqual(try dkwSampleSize(discrepancy: 0.04, alpha: 1e-9, beta: 1e-9), 26771)
        XCTAssertEqual(try dkwSampleSize(discrepancy: 0.02, alpha: 5e-9, beta: 1e-6), 99035)
        XCTAssertEqual(try hoeffdingSampleSize(range: 0...2, discrepancy: 0.1, alpha: 1e-9, beta: 5e-9), 17134)
        // At n_min both half-widths are ≤ δ/2.
        let n = try hoeffdingSampleSize(range: 0...2, discrepancy: 0.1, alpha: 1e-9, beta: 5e-9)
        XCTAssertLessThanOrEqual(try hoeffdingHalfWidth(n: n, range: 0...2, alpha: 1e-9), 0.05)
        XCTAssertGreaterThan(try hoeffdingHalfWidth(n: n - 1, range: 0...2, alpha: 1e-9), 0.05)
    }

    func testInvalidInputsThrow() {
        XCTAssertThrowsError(try hoeffdingHalfWidth(n: 0, range: 0...1, alpha: 0.1))
        XCTAssertThrowsError(try hoeffdingHalfWidth(n: 10, range: 0...1, alpha: 0))
        XCTAssertThrowsError(try hoeffdingHalfWidth(n: 10, range: 0...1, alpha: .nan))
        XCTAssertThrowsError(try hoeffdingHalfWidth(n: 10, range: 0...1, alpha: 1.5))
        XCTAssertThrowsError(try hoeffdingHalfWidth(n: 10, range: 0...Double.infinity, alpha: 0.1))
        XCTAssertThrowsError(try empiricalBernsteinHalfWidth(n: 1, sampleVariance: 0, range: 0...1, alpha: 0.1))
        XCTAssertThrowsError(try empiricalBernsteinHalfWidth(n: 10, sampleVariance: -1, range: 0...1, alpha: 0.1))
        XCTAssertThrowsError(try empiricalBernsteinHalfWidth(n: 10, sampleVariance: .nan, range: 0...1, alpha: 0.1))
        XCTAssertThrowsError(try dkwHalfWidth(n: 10, alpha: -0.1))
        XCTAssertThrowsError(try dkwSampleSize(discrepancy: 0, alpha: 0.1, beta: 0.1))
        XCTAssertThrowsError(try dkwSampleSize(discrepancy: .nan, alpha: 0.1, beta: 0.1))
        XCTAssertThrowsError(try hoeffdingSampleSize(range: 1...1, discrepancy: 0.1, alpha: 0.1, beta: 0.1))
        XCTAssertThrowsError(try dkwSampleSize(discrepancy: 1e-200, alpha: 0.1, beta: 0.1))
    }

    func testIntervalsAndSummaries() throws {
        let summary = SampleSummary([1, 2, 3, 4])
        XCTAssertEqual(summary.count, 4)
        XCTAssertEqual(summary.mean, 2.5)
        XCTAssertEqual(summary.sampleVariance, 5.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(summary.minimum, 1)
        XCTAssertEqual(summary.maximum, 4)
        let interval = try StatisticalInterval.hoeffding(statistic: "mean", samples: [0, 1, 1, 1], range: 0...1, alpha: 0.5)
        XCTAssertEqual(interval.estimate, 0.75)
        XCTAssertEqual(interval.upper, 1)  // clipped to the range
        XCTAssertEqual(interval.lower, 0.75 - (log(4.0) / 8).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(interval.n, 4)
        XCTAssertThrowsError(try StatisticalInterval.hoeffding(statistic: "m", samples: [0, 2], range: 0...1, alpha: 0.1))
        XCTAssertThrowsError(try StatisticalInterval.hoeffding(statistic: "m", samples: [0, .nan], range: 0...1, alpha: 0.1))
        XCTAssertThrowsError(try StatisticalInterval.dkw(statistic: "F", empiricalCDF: 1.2, n: 10, alpha: 0.1))
        XCTAssertThrowsError(try StatisticalInterval(statistic: "s", estimate: 0, lower: 1, upper: 0, n: 1, alpha: 0.1,
                                                     method: .exactChiSquare))
        XCTAssertThrowsError(try StatisticalInterval(statistic: "s", estimate: 0, lower: 0, upper: 1, n: 1, alpha: 0.1,
                                                     method: .deterministic))
        let constant = Array(repeating: 0.5, count: 10_000)
        let bernstein = try StatisticalInterval.empiricalBernstein(statistic: "m", samples: constant, range: 0...1, alpha: 0.1)
        XCTAssertEqual(bernstein.width, 2 * 7 * log(40) / (3 * 9999), accuracy: 1e-15)  // V = 0: only the range term
        XCTAssertEqual(bernstein.method, .empiricalBernstein)
    }
}

// The R15 decision rule on constructed error intervals: must-pass, must-fail, sign, boundaries, design check.
import Foundation
import Verification
import XCTest

final class SecantSlopeRuleTests: XCTestCase {
    private func band(_ e: Double, relative: Double) throws -> ErrorInterval {
        try ErrorInterval(lower: e * (1 - relative), upper: e * (1 + relative))
    }

    func testExactPowerLawGivesTheOrder() throws {
        let d = try SecantSlopeRule.decide(coarse: ErrorInterval(lower: 4, upper: 4), fine: ErrorInterval(lower: 1, upper: 1),
                                           coarseStep: 2, fineStep: 1, expectedOrder: 2, tolerance: 0)
        XCTAssertEqual(d.slopeLower, 2, accuracy: 1e-15)
        XCTAssertEqual(d.slopeUpper, 2, accuracy: 1e-15)
        XCTAssertEqual(d.verdict, .holds)
    }

    /// e(h) = 3h², h₀ = 0.1, h_K = h₀/16, ±5 % intervals: slope ∈ [log(0.95/1.05·256)/log 16, log(1.05/0.95·256)/log 16].
    func testMustPassSecondOrder() throws {
        let h0 = 0.1, hK = 0.1 / 16
        let d = try SecantSlopeRule.decide(coarse: band(3 * h0 * h0, relative: 0.05), fine: band(3 * hK * hK, relative: 0.05),
                                           coarseStep: h0, fineStep: hK, expectedOrder: 2, tolerance: 0.1)
        XCTAssertEqual(d.slopeLower, 2 + log(0.95 / 1.05) / log(16), accuracy: 1e-12)
        XCTAssertEqual(d.slopeUpper, 2 + log(1.05 / 0.95) / log(16), accuracy: 1e-12)
        XCTAssertEqual(d.verdict, .holds)
        XCTAssertTrue(d.designAdequate)  // width 2 log(1.05/0.95)/log 16 ≈ 0.072 ≤ 0.1
        XCTAssertTrue(d.description.contains("holds"))
    }

    func testMustFailFirstOrderClaimedAsSecond() throws {
        let h0 = 0.1, hK = 0.1 / 16
        let d = try SecantSlopeRule.decide(coarse: band(3 * h0, relative: 0.05), fine: band(3 * hK, relative: 0.05),
                                           coarseStep: h0, fineStep: hK, expectedOrder: 2, tolerance: 0.1)
        XCTAssertEqual(d.verdict, .fails)
        XCTAssertLessThan(d.slopeUpper, 1.9)
    }

    /// Sign-aware: an error that grows as h shrinks has a negative slope and never passes a positive order
    /// (an `abs` would have turned −2 into 2).
    func testGrowingErrorFails() throws {
        let d = try SecantSlopeRule.decide(coarse: band(0.01, relative: 0.01), fine: band(2.56, relative: 0.01),
                                           coarseStep: 0.1, fineStep: 0.1 / 16, expectedOrder: 2, tolerance: 0.3)
        XCTAssertEqual(d.verdict, .fails)
        XCTAssertEqual((d.slopeLower + d.slopeUpper) / 2, -2, accuracy: 0.01)
    }

    /// Closed-interval semantics at both ends: touching [p − δ, p + δ] holds; one ulp beyond fails.
    func testBoundaries() throws {
        let coarse = try band(0.03, relative: 0.1), fine = try band(0.0003, relative: 0.1)
        func decide(_ p: Double) throws -> SecantSlopeDecision {
            try SecantSlopeRule.decide(coarse: coarse, fine: fine, coarseStep: 0.1, fineStep: 0.01,
                                       expectedOrder: p, tolerance: 0)
        }
        let reference = try decide(2)
        XCTAssertEqual(try decide(reference.slopeUpper).verdict, .holds)
        XCTAssertEqual(try decide(reference.slopeUpper.nextUp).verdict, .fails)
        XCTAssertEqual(try decide(reference.slopeLower).verdict, .holds)
        XCTAssertEqual(try decide(reference.slopeLower.nextDown).verdict, .fails)
        // With δ > 0 the band [p − δ, p + δ] is what is compared: p = upper + δ still holds.
        let shifted = try SecantSlopeRule.decide(coarse: coarse, fine: fine, coarseStep: 0.1, fineStep: 0.01,
                                                 expectedOrder: reference.slopeUpper + 0.5, tolerance: 0.5)
        XCTAssertEqual(shifted.verdict, .holds)
        let beyond = try SecantSlopeRule.decide(coarse: coarse, fine: fine, coarseStep: 0.1, fineStep: 0.01,
                                                expectedOrder: reference.slopeUpper + 0.5001, tolerance: 0.5)
        XCTAssertEqual(beyond.verdict, .fails)
    }

    /// Noisy intervals: the verdict cannot reject, and the design check reports that the test has no power.
    func testWideIntervalsHoldButFailTheDesignCheck() throws {
        let d = try SecantSlopeRule.decide(coarse: band(0.03, relative: 0.9), fine: band(0.0003, relative: 0.9),
                                           coarseStep: 0.1, fineStep: 0.01, expectedOrder: 1, tolerance: 0.1)
        XCTAssertEqual(d.verdict, .holds)
        XCTAssertFalse(d.designAdequate)
        XCTAssertGreaterThan(d.width, 0.1)
    }

    func testZeroCoarseLowerBoundGivesAnUnboundedSlopeBelow() throws {
        let d = try SecantSlopeRule.decide(coarse: ErrorInterval(lower: 0, upper: 0.04), fine: ErrorInterval(lower: 1e-4, upper: 1e-4),
                                           coarseStep: 0.1, fineStep: 0.01, expectedOrder: 2, tolerance: 0.1)
        XCTAssertEqual(d.slopeLower, -.infinity)
        XCTAssertEqual(d.slopeUpper, log(400) / log(10), accuracy: 1e-12)
        XCTAssertEqual(d.verdict, .holds)
        XCTAssertFalse(d.designAdequate)
    }

    func testInvalidInputsThrow() throws {
        let coarse = try band(0.03, relative: 0.1)
        XCTAssertThrowsError(try SecantSlopeRule.decide(coarse: coarse, fine: ErrorInterval(lower: 0, upper: 1e-3),
                                                        coarseStep: 0.1, fineStep: 0.01, expectedOrder: 2, tolerance: 0.1))
        let fine = try band(3e-4, relative: 0.1)
        for (h0, hK) in [(0.01, 0.1), (0.1, 0.1), (0.1, 0.0), (Double.infinity, 0.1), (0.1, -0.01), (Double.nan, 0.1)] {
            XCTAssertThrowsError(try SecantSlopeRule.decide(coarse: coarse, fine: fine, coarseStep: h0, fineStep: hK,
                                                            expectedOrder: 2, tolerance: 0.1), "h₀ = \(h0), h_K = \(hK)")
        }
        XCTAssertThrowsError(try SecantSlopeRule.decide(coarse: coarse, fine: fine, coarseStep: 0.1, fineStep: 0.01,
                                                        expectedOrder: .nan, tolerance: 0.1))
        XCTAssertThrowsError(try SecantSlopeRule.decide(coarse: coarse, fine: fine, coarseStep: 0.1, fineStep: 0.01,
                                                        expectedOrder: 2, tolerance: -0.1))
        XCTAssertThrowsError(try SecantSlopeRule.decide(coarse: coarse, fine: fine, coarseStep: 0.1, fineStep: 0.01,
                                                        expectedOrder: 2, tolerance: .nan))
        XCTAssertThrowsError(try ErrorInterval(lower: -1e-9, upper: 1))
        XCTAssertThrowsError(try ErrorInterval(lower: 2, upper: 1))
        XCTAssertThrowsError(try ErrorInterval(lower: .nan, upper: 1))
        XCTAssertThrowsError(try ErrorInterval(lower: 0, upper: .infinity))
    }

    func testMonotonicityOfSuccessiveErrorIntervals() throws {
        let decreasing = try [ErrorInterval(lower: 10, upper: 12), ErrorInterval(lower: 4, upper: 5),
                              ErrorInterval(lower: 1, upper: 2)]
        XCTAssertTrue(SecantSlopeRule.monotonicity(decreasing).holds)
        let overlapping = try [ErrorInterval(lower: 10, upper: 12), ErrorInterval(lower: 4, upper: 5),
                               ErrorInterval(lower: 3, upper: 4.5)]
        XCTAssertEqual(SecantSlopeRule.monotonicity(overlapping).firstViolation, 1)
        let touching = try [ErrorInterval(lower: 10, upper: 12), ErrorInterval(lower: 5, upper: 10)]
        XCTAssertEqual(SecantSlopeRule.monotonicity(touching).firstViolation, 0)  // disjointness is strict
        let increasing = try [ErrorInterval(lower: 1, upper: 2), ErrorInterval(lower: 3, upper: 4)]
        XCTAssertEqual(SecantSlopeRule.monotonicity(increasing).firstViolation, 0)
        XCTAssertTrue(SecantSlopeRule.monotonicity([]).holds)
        XCTAssertTrue(SecantSlopeRule.monotonicity(Array(decreasing.prefix(1))).holds)
        XCTAssertTrue(SecantSlopeRule.monotonicity(overlapping).description.contains("levels 1 and 2"))
    }
}

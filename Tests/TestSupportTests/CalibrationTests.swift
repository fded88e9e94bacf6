// The calibration mode (opt-in with LANGEVIN_CALIBRATE=<R>). The Clopper–Pearson bounds it reports are tested in
// VerificationTests.ExactBinomialTests (the Beta quantiles themselves in ReferenceLawsTests).
import Foundation
import Randomness
import VerificationTestSupport
import XCTest

final class CalibrationTests: XCTestCase {
    /// The counting and seeding of a calibration run, on a deterministic rule with a given base seed.
    func testEstimateFalseFailureRateCountsAndSeeds() throws {
        let base: UInt64 = 31337
        let result = try Calibration.estimateFalseFailureRate(replicates: 400, level: 0.3, baseSeed: base) { seed in
            seed % 4 == 0
        }
        let expected = (0..<400).filter { TestSeed.caseSeed(base: base, index: $0) % 4 == 0 }
        XCTAssertEqual(result.failures, expected.count)
        XCTAssertEqual(result.failingSeeds, Array(expected.prefix(20)).map { TestSeed.caseSeed(base: base, index: $0) })
        let bounds = try ExactBinomial.clopperPearson(successes: expected.count, trials: 400, alpha: 0.05)
        XCTAssertEqual(result.lower, bounds.lower)
        XCTAssertEqual(result.upper, bounds.upper)
        XCTAssertEqual(result.rate, Double(expected.count) / 400)
        XCTAssertTrue(result.description.contains("base seed 31337"))
        XCTAssertThrowsError(try Calibration.estimateFalseFailureRate(replicates: 0, level: 0.1, baseSeed: 1) { _ in false })
    }

    func testCalibrationVariableParsing() throws {
        XCTAssertNil(try Calibration.replicates(environment: [:]))
        XCTAssertEqual(try Calibration.replicates(environment: ["LANGEVIN_CALIBRATE": "2000"]), 2000)
        for bad in ["0", "-5", "many", ""] {
            XCTAssertThrowsError(try Calibration.replicates(environment: ["LANGEVIN_CALIBRATE": bad]))
        }
    }

    /// Calibration run (opt-in, LANGEVIN_CALIBRATE=<R>, outside the 1e-6 budget because it never runs by default):
    /// the Hoeffding mean rule at α_cal = 0.01 on n = 200 U(0,1) draws, over R fresh seeds. Its true false-failure
    /// rate is far below 0.01 (Hoeffding assumes the worst variance 1/4, the uniform has 1/12). Asserts that the
    /// Clopper–Pearson lower bound does not exceed α_cal (a false alarm has probability ≤ 2.5 % even if the rate
    /// were exactly α_cal).
    func testCalibrateHoeffdingMeanRule() throws {
        let replicates = try Calibration.requestedReplicates()
        let alphaCal = 0.01
        let result = try Calibration.estimateFalseFailureRate(replicates: replicates, level: alphaCal) { seed in
            var rng = Xoshiro256StarStar(seed: seed)
            let samples = (0..<200).map { _ in rng.nextUniform() }
            let interval = try StatisticalInterval.hoeffding(statistic: "mean", samples: samples, range: 0...1, alpha: alphaCal)
            return !interval.contains(0.5)
        }
        print(result)
        XCTAssertTrue(result.consistentWithNominalLevel, "\(result)")
    }
}

// Shrinking reaches minimal failing cases on synthetic properties; sub-seeds make single cases replayable.
import Randomness
import VerificationTestSupport
import XCTest

private struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

final class ShrinkTests: XCTestCase {
    private func alwaysLargeCases() throws -> GaussianCaseGenerator {
        try GaussianCaseGenerator(dimensions: 6...16, conditionNumbers: .logUniform(100...1e4),
                                  smallestEigenvalues: 0.2...5, diagonalProbability: 0, zeroMeanProbability: 0)
    }

    /// "Fails iff d ≥ 3 and κ > 5" shrinks to d = 3, the smallest failing κ on the 1-2-5 grid (10), a diagonal A,
    /// zero mean and λ_min = 1.
    func testShrinksToTheMinimalFailingGaussianCase() throws {
        let generator = try alwaysLargeCases()
        let report = PropertyRunner.run(
            baseSeed: try TestContext(self).seed, indices: Array(0..<5),
            generator: { generator.next(using: &$0) }, shrink: { $0.shrinkCandidates() }
        ) { sample in
            .check(!(sample.dimension >= 3 && sample.conditionNumber > 5), "d = \(sample.dimension), κ = \(sample.conditionNumber)")
        }
        let failure = try XCTUnwrap(report.failure)
        XCTAssertEqual(failure.caseIndex, 0)
        XCTAssertGreaterThanOrEqual(failure.original.dimension, 6)
        let minimal = failure.shrink.minimal
        XCTAssertEqual(minimal.dimension, 3)
        XCTAssertEqual(minimal.conditionNumber, 10)
        XCTAssertTrue(minimal.isDiagonal)
        XCTAssertTrue(minimal.hasZeroMean)
        XCTAssertEqual(minimal.smallestEigenvalue, 1)
        XCTAssertFalse(failure.shrink.exhaustedAttempts)
        XCTAssertEqual(failure.shrink.message, "d = 3, κ = 10.0")
        // The minimal case has no failing candidate left.
        XCTAssertTrue(minimal.shrinkCandidates().allSatisfy { !($0.dimension >= 3 && $0.conditionNumber > 5) })
    }

    /// A property that needs only κ > 5 shrinks to d = 2 (d = 1 forces κ = 1) and κ = 10.
    func testConditionNumberAloneKeepsTwoDimensions() throws {
        let generator = try alwaysLargeCases()
        var rng = Xoshiro256StarStar(seed: 99)
        let start = generator.next(using: &rng)
        let result = shrinkGreedily(start, message: "start", maxAttempts: 1000, candidates: { $0.shrinkCandidates() },
                                    failure: { $0.conditionNumber > 5 ? "κ = \($0.conditionNumber)" : nil })
        XCTAssertEqual(result.minimal.dimension, 2)
        XCTAssertEqual(result.minimal.conditionNumber, 10)
    }

    func testGreedyShrinkOnIntegersAndAttemptBudget() {
        let candidates: (Int) -> [Int] = { x in x > 0 ? [0, x / 2, x - 1] : [] }
        let failure: (Int) -> String? = { $0 >= 17 ? "x = \($0)" : nil }
        let full = shrinkGreedily(1000, message: "x = 1000", maxAttempts: 10_000, candidates: candidates, failure: failure)
        XCTAssertEqual(full.minimal, 17)
        XCTAssertEqual(full.message, "x = 17")
        XCTAssertFalse(full.exhaustedAttempts)
        let bounded = shrinkGreedily(1000, message: "x = 1000", maxAttempts: 3, candidates: candidates, failure: failure)
        XCTAssertEqual(bounded.attempts, 3)
        XCTAssertTrue(bounded.exhaustedAttempts)
        XCTAssertEqual(bounded.minimal, 500)  // 0 passes, 500 fails (accepted), then 0 passes: budget spent
    }

    /// Case i depends only on (base seed, i): running only case i (TEST_CASE) reproduces it.
    func testSingleCaseReplayReproducesTheFailingCase() throws {
        let base: UInt64 = 2024
        let body: (UInt64) -> PropertyOutcome = { .check($0 % 5 != 0, "\($0) is divisible by 5") }
        let all = PropertyRunner.run(baseSeed: base, indices: Array(0..<200), generator: { $0.next() },
                                     shrink: { _ in [] }, body: body)
        let failure = try XCTUnwrap(all.failure)
        XCTAssertEqual(all.casesRun, Array(0...failure.caseIndex))
        let replay = PropertyRunner.run(baseSeed: base, indices: [failure.caseIndex], generator: { $0.next() },
                                        shrink: { _ in [] }, body: body)
        XCTAssertEqual(replay.failure?.original, failure.original)
        XCTAssertEqual(replay.failure?.caseSeed, TestSeed.caseSeed(base: base, index: failure.caseIndex))
        var rng = Xoshiro256StarStar(seed: TestSeed.caseSeed(base: base, index: failure.caseIndex))
        XCTAssertEqual(rng.next(), failure.original)

        let identity = TestIdentity(module: "TestSupportTests", className: "ShrinkTests", methodName: "testX")
        let text = try XCTUnwrap(all.failureReport(identity: identity))
        XCTAssertTrue(text.contains("case \(failure.caseIndex)"))
        XCTAssertTrue(text.contains("base seed 2024"))
        XCTAssertTrue(text.contains("is divisible by 5"))
        XCTAssertTrue(text.contains("Replay: TEST_SEED=2024 TEST_CASE=\(failure.caseIndex) swift test --filter 'TestSupportTests.ShrinkTests/testX$'"))
    }

    func testReportShowsOriginalAndShrunkCases() throws {
        let report = PropertyRunner.run(baseSeed: 1, indices: [0], generator: { _ in 40 },
                                        shrink: { x in x > 0 ? [x - 1] : [] }) { (x: Int) in
            .check(x < 30, "x = \(x) ≥ 30")
        }
        let text = try XCTUnwrap(report.failureReport(identity: nil))
        XCTAssertTrue(text.contains("Original case:\n40"))
        XCTAssertTrue(text.contains("Shrunk case (10 simplifications"))
        XCTAssertTrue(text.contains("\n30\n"))
        XCTAssertTrue(text.contains("Failure of the shrunk case: x = 30 ≥ 30"))
        XCTAssertFalse(text.contains("Replay:"))
    }

    func testThrownErrorsAreFailures() {
        let report = PropertyRunner.run(baseSeed: 1, indices: [0, 1], generator: { _ in 0 }, shrink: { _ in [] }) { (_: Int) -> PropertyOutcome in
            throw Boom()
        }
        XCTAssertEqual(report.failure?.originalMessage, "threw Boom: boom")
    }

    func testPropertyOutcomeHelpers() {
        XCTAssertEqual(PropertyOutcome.check(true, "no"), .holds)
        XCTAssertEqual(PropertyOutcome.check(false, "no"), .fails("no"))
        XCTAssertEqual(PropertyOutcome.all([.holds, .fails("a"), .fails("b")]), .fails("a"))
        XCTAssertEqual(PropertyOutcome.all([]), .holds)
    }

    func testSchemeCaseShrinksTargetThenKThenLadder() throws {
        let target = try GaussianCaseSample(dimension: 3, smallestEigenvalue: 1, conditionNumber: 20,
                                            spectrumPositions: [0, 1, 0.5], rotationSeed: 5, isDiagonal: false,
                                            mean: [0.4, -1.7, 2])
        let scheme = SchemeCase(target: target, ladder: try StepLadder(initialStep: 0.05, levels: 6),
                                midpointCount: .infinite, stabilityConstant: 2,
                                midpointCountSet: GeneratedMidpointCount.standardSet, minimumLevels: 4)
        // Fails whenever K is infinite or ≥ 8: the minimal failing case has the simplest target, K = 8, 4 levels.
        let result = shrinkGreedily(scheme, message: "start", maxAttempts: 1000, candidates: { $0.shrinkCandidates() },
                                    failure: { $0.midpointCount.value >= 8 ? "K too large" : nil })
        XCTAssertEqual(result.minimal.midpointCount, .finite(8))
        XCTAssertEqual(result.minimal.target.dimension, 1)
        XCTAssertEqual(result.minimal.ladder.levels, 4)
        XCTAssertEqual(result.minimal.ladder.initialStep, 0.05)
    }
}

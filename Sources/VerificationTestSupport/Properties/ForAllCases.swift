// The XCTest entry point of property-based tests.
import Foundation
import Randomness
import XCTest

/// Runs `body` on `count` generated cases and reports the first failure, shrunk, through `XCTFail`.
///
/// * Seeds: the base seed is that of the test (`TestContext(testCase)`: FNV-1a of `"Class.method"`, or
///   `TEST_SEED`, or fresh with `VARY_SEED=1`); case i is generated from its own sub-seed
///   `TestSeed.caseSeed(base:index: i)`, so `TEST_SEED=<base> TEST_CASE=<i>` replays exactly that case.
/// * Shrinking: greedy over `Case.shrinkCandidates()` (at most `maxShrinkAttempts` evaluations).
/// * Report: original and shrunk case, failure messages, base seed, case index, replay command.
/// * Bodies must be deterministic functions of the case (draw any randomness from a seed stored in the case),
///   otherwise shrinking and replay are meaningless. A budgeted statistical assertion inside a body runs once
///   per case: split its ledger level across the cases (`StatisticalBudget.level(of:splitAcross: count)`).
///
/// Returns the run report (discardable), e.g. to log how many cases ran.
@discardableResult
public func forAllCases<Case: Shrinkable>(
    _ testCase: XCTestCase, count: Int, maxShrinkAttempts: Int = 500,
    file: StaticString = #filePath, line: UInt = #line,
    generator: (inout Xoshiro256StarStar) -> Case,
    body: (Case) throws -> PropertyOutcome
) -> PropertyRunReport<Case>? {
    forAllCases(testCase, count: count, maxShrinkAttempts: maxShrinkAttempts, file: file, line: line,
                generator: generator, shrink: { $0.shrinkCandidates() }, body: body)
}

/// `forAllCases` for cases without a `Shrinkable` conformance: pass `shrink` explicitly (default: no shrinking).
@discardableResult
public func forAllCases<Case>(
    _ testCase: XCTestCase, count: Int, maxShrinkAttempts: Int = 500,
    file: StaticString = #filePath, line: UInt = #line,
    generator: (inout Xoshiro256StarStar) -> Case,
    shrink: (Case) -> [Case] = { _ in [] },
    body: (Case) throws -> PropertyOutcome
) -> PropertyRunReport<Case>? {
    let environment = ProcessInfo.processInfo.environment
    let identity = TestIdentity(testCase)
    let context: TestContext
    let indices: [Int]
    do {
        guard count >= 1 else {
            XCTFail("forAllCases: count must be ≥ 1, got \(count)", file: file, line: line)
            return nil
        }
        context = try TestContext(identity: identity, environment: environment)
        if let only = try TestSeed.caseIndexOverride(environment: environment) {
            guard only < count else { throw TestSeedError.caseIndexOutOfRange(index: only, count: count) }
            indices = [only]
        } else {
            indices = Array(0..<count)
        }
    } catch {
        XCTFail("forAllCases: \(error)", file: file, line: line)
        return nil
    }
    let report = PropertyRunner.run(baseSeed: context.seed, indices: indices, maxShrinkAttempts: maxShrinkAttempts,
                                    generator: generator, shrink: shrink, body: body)
    if let message = report.failureReport(identity: identity) {
        XCTFail("\(identity.id): \(message)", file: file, line: line)
    }
    return report
}

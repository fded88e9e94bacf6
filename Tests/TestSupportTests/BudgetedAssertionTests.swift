// The budgeted assertions: a real Monte Carlo self-test with its mutant (ledger ids TS.selftest.*), and the
// design-error and message logic on constructed intervals.
import Randomness
import VerificationTestSupport
import XCTest

final class BudgetedAssertionTests: XCTestCase {
    private let n = 20_000

    /// Mean of n U(0,1) draws: Hoeffding interval at α = 1e-9 (ledger "TS.selftest.hoeffding-uniform-mean")
    /// contains 1/2; the mutant U(0, 0.8) (mean 0.4, δ = 0.1) is rejected by the same rule, β = 1e-9
    /// ("TS.selftest.mutant-narrow-uniform"), guaranteed by the design check n ≥ n_min(δ, α, β) = 4 284.
    func testHoeffdingMeanOfUniformsAndItsMutant() throws {
        let context = try TestContext(self)
        let alpha = StatisticalBudget.level(of: "TS.selftest.hoeffding-uniform-mean")
        let beta = StatisticalBudget.level(of: "TS.selftest.mutant-narrow-uniform")
        let needed = try hoeffdingSampleSize(range: 0...1, discrepancy: 0.1, alpha: alpha, beta: beta)
        XCTAssertEqual(needed, 4284)
        assertSampleSizeSuffices(n: n, needed: needed, what: "Hoeffding mean test, δ = 0.1",
                                 budgetID: "TS.selftest.mutant-narrow-uniform", context: context)

        var rng = context.makeGenerator(salt: "correct")
        let correct = (0..<n).map { _ in rng.nextUniform() }
        let interval = try StatisticalInterval.hoeffding(statistic: "mean of U(0,1)", samples: correct, range: 0...1,
                                                         alpha: alpha)
        assertInterval(interval, contains: 0.5, budgetID: "TS.selftest.hoeffding-uniform-mean", context: context,
                       discrepancy: 0.1)

        var mutantRNG = context.makeGenerator(salt: "mutant")
        let mutant = (0..<n).map { _ in 0.8 * mutantRNG.nextUniform() }
        let mutantInterval = try StatisticalInterval.hoeffding(statistic: "mean of mutant U(0,0.8)", samples: mutant,
                                                               range: 0...1, alpha: alpha)
        assertInterval(mutantInterval, excludes: 0.5, budgetID: "TS.selftest.mutant-narrow-uniform", context: context,
                       discrepancy: 0.1)
    }

    /// DKW band at α = 1e-9 ("TS.selftest.dkw-uniform-cdf") for F(0.3) of U(0,1) contains 0.3.
    func testDKWUniformCDF() throws {
        let context = try TestContext(self)
        var rng = context.makeGenerator()
        let below = (0..<n).reduce(0) { count, _ in count + (rng.nextUniform() <= 0.3 ? 1 : 0) }
        let interval = try StatisticalInterval.dkw(statistic: "F_n(0.3)", empiricalCDF: Double(below) / Double(n), n: n,
                                                   alpha: StatisticalBudget.level(of: "TS.selftest.dkw-uniform-cdf"))
        assertInterval(interval, contains: 0.3, budgetID: "TS.selftest.dkw-uniform-cdf", context: context)
    }

    // MARK: Deterministic checks of the assertion logic (constructed intervals, no sampling)

    private var context: TestContext {
        TestContext(identity: TestIdentity(module: "TestSupportTests", className: "BudgetedAssertionTests",
                                           methodName: "testX"),
                    seed: 99, seedSource: .derived, note: "h = 0.25")
    }

    private func interval(_ lower: Double, _ upper: Double, alpha: Double = 1e-9,
                          method: BoundMethod = .hoeffding) throws -> StatisticalInterval {
        try StatisticalInterval(statistic: "E φ(X)", estimate: (lower + upper) / 2, lower: lower, upper: upper, n: 5000,
                                alpha: alpha, method: method)
    }

    func testFailureMessageCarriesEverythingR3Asks() throws {
        let message = try XCTUnwrap(BudgetedCheck.containmentFailure(
            interval(0.4, 0.45), contains: 0.5, budgetID: "TS.selftest.hoeffding-uniform-mean", context: context,
            discrepancy: 0.05))
        for part in ["TS.selftest.hoeffding-uniform-mean", "α = 1e-09", "Hoeffding", "E φ(X) = 0.425",
                     "[0.4, 0.45]", "n = 5000", "expected value 0.5", "δ = 0.05", "seed 99", "h = 0.25",
                     "replay: TEST_SEED=99 swift test --filter 'TestSupportTests.BudgetedAssertionTests/testX$'"] {
            XCTAssertTrue(message.contains(part), "missing '\(part)' in: \(message)")
        }
        XCTAssertNil(BudgetedCheck.containmentFailure(try interval(0.4, 0.6), contains: 0.5,
                                                      budgetID: "TS.selftest.hoeffding-uniform-mean", context: context))
        // Closed interval: the end points are contained.
        XCTAssertNil(BudgetedCheck.containmentFailure(try interval(0.4, 0.5), contains: 0.5,
                                                      budgetID: "TS.selftest.hoeffding-uniform-mean", context: context))
    }

    func testDesignErrorsAreFailuresEvenWhenTheValueIsInside() throws {
        let inside = try interval(0, 1)
        let undeclared = BudgetedCheck.containmentFailure(inside, contains: 0.5, budgetID: "nope", context: context)
        XCTAssertTrue(undeclared?.contains("budget id 'nope' is not declared") ?? false)
        let wrongKind = BudgetedCheck.containmentFailure(inside, contains: 0.5,
                                                         budgetID: "TS.selftest.mutant-narrow-uniform", context: context)
        XCTAssertTrue(wrongKind?.contains("is a falsePass entry") ?? false)
        let tooLoose = BudgetedCheck.containmentFailure(try interval(0, 1, alpha: 1e-3), contains: 0.5,
                                                        budgetID: "TS.selftest.hoeffding-uniform-mean", context: context)
        XCTAssertTrue(tooLoose?.contains("built at α = 0.001 > allowed 1e-09") ?? false)
        let wrongMethod = BudgetedCheck.containmentFailure(try interval(0, 1, method: .dkw), contains: 0.5,
                                                           budgetID: "TS.selftest.hoeffding-uniform-mean", context: context)
        XCTAssertTrue(wrongMethod?.contains("the interval uses DKW, the ledger declares Hoeffding") ?? false)
        // Split budgets: an interval at α/4 satisfies splitAcross: 4, one at α/2 does not.
        XCTAssertNil(BudgetedCheck.containmentFailure(try interval(0, 1, alpha: 2.5e-10), contains: 0.5,
                                                      budgetID: "TS.selftest.hoeffding-uniform-mean", splitAcross: 4,
                                                      context: context))
        XCTAssertNotNil(BudgetedCheck.containmentFailure(try interval(0, 1, alpha: 5e-10), contains: 0.5,
                                                         budgetID: "TS.selftest.hoeffding-uniform-mean", splitAcross: 4,
                                                         context: context))
    }

    func testMutantAndSampleSizeMessages() throws {
        XCTAssertNil(BudgetedCheck.rejectionFailure(try interval(0.35, 0.45), excludes: 0.5,
                                                    budgetID: "TS.selftest.mutant-narrow-uniform", context: context))
        let survived = try XCTUnwrap(BudgetedCheck.rejectionFailure(
            try interval(0.45, 0.55), excludes: 0.5, budgetID: "TS.selftest.mutant-narrow-uniform", context: context))
        XCTAssertTrue(survived.contains("mutant NOT rejected"))
        XCTAssertTrue(survived.contains("β = 1e-09"))
        XCTAssertNotNil(BudgetedCheck.rejectionFailure(try interval(0.35, 0.45), excludes: 0.5,
                                                       budgetID: "TS.selftest.hoeffding-uniform-mean", context: context))
        XCTAssertNil(BudgetedCheck.sampleSizeFailure(n: 100, needed: 100, what: "x", context: context))
        let short = try XCTUnwrap(BudgetedCheck.sampleSizeFailure(n: 99, needed: 100, what: "x", budgetID: "id",
                                                                  context: context))
        XCTAssertTrue(short.contains("[id] design check failed for x: n = 99 < n_min = 100"))
    }
}

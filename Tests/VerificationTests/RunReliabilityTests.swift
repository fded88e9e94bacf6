// The verification API on hostile input: an inconsistent user case is refused before any run (it used to trap in
// BatchDrift.value), a run that asserts nothing is never "holds", reports say what each bracket is and show a value
// inside it, the inconclusive reason names the tool's flag. Deterministic: no statistical level.
import DenseLinearAlgebra
import Langevin
import SchemeVocabulary
import Verification
import XCTest

/// A user case whose drift has dimension 3 while the case declares 2 (the mistake that killed `verify` with SIGILL).
struct WrongDimensionCase: AssumptionCase {
    let drift = ZeroDrift(dimension: 3)
    var name: String { "wrong-dimension-2d" }
    var dimension: Int { 2 }
    var summary: String { "a drift of dimension 3 in a case of dimension 2" }
    var potential: (@Sendable ([Double]) -> Double)? { { _ in 0 } }
    var gradient: (@Sendable ([Double]) -> [Double])? { { _ in [0, 0] } }
    var assumptions: DeclaredAssumptions {
        DeclaredAssumptions(lipschitz: 1, stronglyLogConcave: nil, logSobolev: .holdsUnknownConstant, dissipative: true)
    }
    var reference: CaseReference { .coupledFineChain(substeps: 4) }
}

final class RunReliabilityTests: XCTestCase {
    func testInconsistentCaseIsRefusedBeforeAnyRun() throws {
        XCTAssertThrowsError(try ClaimCase(WrongDimensionCase())) { error in
            guard case .law(let text) = error as? VerificationError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("wrong-dimension-2d") && text.contains("dimension 3, expected 2"), text)
        }
        XCTAssertThrowsError(try VerificationPlan.units(options: ClaimRunOptions(), claimID: "C10", caseName: "wrong-dimension-2d",
                                                        registeredCases: [WrongDimensionCase()]))
        // every claim on it: one inconclusive verdict each ("case rejected"), nothing runs, nothing traps
        let verdicts = ClaimRegistry.verdicts(on: WrongDimensionCase(), options: ClaimRunOptions())
        XCTAssertEqual(verdicts.count, ClaimRegistry.all.count)
        XCTAssertTrue(verdicts.allSatisfy { if case .inconclusive = $0.outcome { return true }; return false })
        XCTAssertEqual(ClaimRegistry.applicableClaims(to: WrongDimensionCase()).count, 0)
    }

    /// A registered case whose declaration its drift contradicts (the worked example with L = 0.5, while ‖∇b‖ reaches
    /// ≈ 1.58) refuses the runs that use it, with the probe's message, and blocks no selection that does not run on it
    /// (`verify` builds its units with `VerificationPlan.units` and checks no other case; PN-V14).
    func testContradictedDeclarationRefusesOnlyTheRunsThatUseIt() throws {
        let example = try RidgeMixtureExampleCase()
        var wrong = example.assumptions
        wrong.lipschitz = 0.5
        let contradicted = example.redeclared(wrong)
        XCTAssertThrowsError(try contradicted.checkDeclarations())
        let other = try VerificationPlan.units(options: ClaimRunOptions(), claimID: "C2", registeredCases: [contradicted])
        XCTAssertFalse(other.isEmpty)
        XCTAssertFalse(other.contains { $0.claimCase.name == contradicted.name })
        XCTAssertThrowsError(try VerificationPlan.units(options: ClaimRunOptions(), claimID: "C2", caseName: contradicted.name,
                                                        registeredCases: [contradicted])) { error in
            guard case .law(let text) = error as? VerificationError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains(contradicted.name) && text.contains("Lipschitz"), text)
        }
        // the same case with its own declarations runs
        let own = try VerificationPlan.units(options: ClaimRunOptions(), claimID: "C2", caseName: example.name,
                                             registeredCases: [example])
        XCTAssertEqual(own.count, 1)
    }

    private func result(_ outcomes: [(ClaimOutcome, VerdictRole)]) throws -> VerificationRunResult {
        let claim = try XCTUnwrap(ClaimRegistry.all.first { $0.id == .c1 })
        let claimCase = try ClaimCase(name: "gaussian-1d", precision: Matrix([[2]]), mean: [0])
        let verdicts = outcomes.map { outcome, role in
            ClaimVerdict(claimID: .c1, caseName: claimCase.name, subject: "s", role: role, metric: "m",
                         expected: ExpectedValue("e"), outcome: outcome)
        }
        return VerificationRunResult(units: [VerificationUnit(index: 0, claim: claim, claimCase: claimCase)],
                                     verdicts: [verdicts], seconds: [0])
    }

    /// Outcomes and their one-line summaries: nothing asserted is its own outcome, never "holds".
    func testRunOutcomeNeverCallsAVacuousRunHolds() throws {
        let outside = ClaimOutcome.outsideAssumptions("lacks a Gaussian target")
        let none = try result([(outside, .subject), (outside, .subject)])
        XCTAssertEqual(none.outcome, .nothingAsserted)
        XCTAssertFalse(none.allAssertedHold)
        XCTAssertEqual(none.assertedCount, 0)
        XCTAssertTrue(try XCTUnwrap(none.statusLine(resultsIn: "X")).hasPrefix("nothing was asserted"))
        XCTAssertTrue(VerdictTable.text(none).contains("NOTHING WAS ASSERTED"))
        XCTAssertFalse(VerdictTable.text(none).contains("every asserted claim holds"))
        XCTAssertTrue(VerdictTable.json(none).contains("\"outcome\": \"nothing asserted\""))
        let empty = VerificationRunResult(units: [], verdicts: [], seconds: [])
        XCTAssertEqual(empty.outcome, .nothingAsserted)

        let holds = try result([(.holds, .subject), (.fails("rejected"), .mutant("m")), (outside, .subject)])
        XCTAssertEqual(holds.outcome, .holds)
        XCTAssertNil(holds.statusLine(resultsIn: "X"))
        let fails = try result([(.holds, .subject), (.holds, .mutant("not rejected")), (.inconclusive("few levels"), .subject)])
        XCTAssertEqual(fails.outcome, .fails)
        XCTAssertEqual(fails.statusLine(resultsIn: "X"), "1 of 3 asserted check(s) do not hold (see the table; results in X)")
        let inconclusive = try result([(.holds, .subject), (.inconclusive("few levels"), .subject)])
        XCTAssertEqual(inconclusive.outcome, .inconclusive)
        XCTAssertTrue(try XCTUnwrap(inconclusive.statusLine(resultsIn: "X")).contains("1 of 2 asserted check(s) are inconclusive"))
    }

    /// A `.reported` row (C10's bias against π next to its bias against the fine chain) is shown in the table and the
    /// CSV but never asserted: alone it makes a run "nothing asserted", next to a holding check the run holds, and it
    /// never counts as a failure. Claim C10 (PN-P10).
    func testC10_reportedRowsAreShownNotAsserted() throws {
        let reported = ClaimOutcome.reported("the bias against π; not asserted")
        XCTAssertFalse(reported.isAsserted)
        XCTAssertFalse(reported.isFailure)
        XCTAssertEqual(reported.label, "reported")
        let alone = try result([(reported, .subject)])
        XCTAssertEqual(alone.outcome, .nothingAsserted)
        XCTAssertEqual(alone.assertedCount, 0)
        let next = try result([(reported, .subject), (.holds, .subject)])
        XCTAssertEqual(next.outcome, .holds)
        XCTAssertEqual(next.assertedCount, 1)
        let failing = try result([(reported, .subject), (.fails("x"), .subject)])
        XCTAssertTrue(try XCTUnwrap(failing.statusLine(resultsIn: "X")).hasPrefix("1 of 1 asserted check(s)"))
        let table = VerdictTable.text(next)
        XCTAssertTrue(table.contains("1 reported (not asserted)"), table)
        let csv = ResultsCSV.render(next.csvRows)
        XCTAssertEqual(try ResultsCSV.parse(csv, strict: true).map { $0[13] }, ["reported", "holds"])
    }

    /// The secant rule reports the secant slope of the point estimates, which lies inside the secant interval; the
    /// weighted least-squares slope (which uses the middle levels too) can fall outside it, as a C12 mutant's did.
    func testMonteCarloRateReportsASlopeInsideItsInterval() throws {
        let steps = [0.4, 0.2, 0.1, 0.05]
        let estimates = [1.0, 0.9, 0.2, 0.1]   // a middle level far off the line through the ends
        let intervals = try estimates.map { try ErrorInterval(lower: 0.95 * $0, upper: 1.05 * $0) }
        let fit = try RateFit.monteCarlo(steps: steps, estimates: estimates, intervals: intervals, alpha: 1e-9,
                                         expectedOrder: 1, tolerance: 0.2)
        XCTAssertTrue(fit.fittedSlope < fit.slopeLower || fit.fittedSlope > fit.slopeUpper,
                      "this ladder's least-squares slope \(fit.fittedSlope) is outside [\(fit.slopeLower), \(fit.slopeUpper)]")
        XCTAssertEqual(fit.reportedSlope, log(1.0 / 0.1) / log(0.4 / 0.05), accuracy: 1e-12)
        XCTAssertTrue(fit.slopeLower <= fit.reportedSlope && fit.reportedSlope <= fit.slopeUpper)
        let verdict = ClaimVerdict(claimID: .c12, caseName: "c", subject: "s", metric: "m", expected: ExpectedValue("1"),
                                   fit: fit, outcome: MonteCarloRateRule.decide(fit))
        XCTAssertEqual(verdict.measured, fit.reportedSlope)
        XCTAssertEqual(verdict.bracket, .secant)
        // exact fits keep the least-squares slope, inside the local-slope envelope
        let exact = try RateFit.exact(steps: steps, errors: [1, 0.52, 0.26, 0.13], expectedOrder: 1, tolerance: 0.1)
        XCTAssertEqual(exact.reportedSlope, exact.fittedSlope)
        XCTAssertEqual(ClaimVerdict(claimID: .c5, caseName: "c", subject: "s", metric: "m", expected: ExpectedValue("1"),
                                    fit: exact, outcome: .holds).bracket, .localSlopeEnvelope)
    }

    /// The table names what each bracket is; the CSV carries the kind.
    func testReportsSayWhatEachBracketIs() throws {
        let claim = try XCTUnwrap(ClaimRegistry.all.first { $0.id == .c5 })
        let claimCase = try ClaimCase(name: "gaussian-1d", precision: Matrix([[2]]), mean: [0])
        let exact = try RateFit.exact(steps: [0.4, 0.2, 0.1, 0.05], errors: [1, 0.52, 0.26, 0.13], expectedOrder: 1, tolerance: 0.1)
        let verdicts = [
            ClaimVerdict(claimID: .c5, caseName: "gaussian-1d", subject: "LMC", metric: "m", expected: ExpectedValue("1"),
                         fit: exact, outcome: .holds),
            ClaimVerdict(claimID: .c2, caseName: "gaussian-1d", subject: "PLMC", metric: "calls", expected: ExpectedValue("2"),
                         measured: 2.01, intervalLower: 1.99, intervalUpper: 2.02, outcome: .holds, bracket: .exactCount),
        ]
        let run = VerificationRunResult(units: [VerificationUnit(index: 0, claim: claim, claimCase: claimCase)],
                                        verdicts: [verdicts], seconds: [0])
        let table = VerdictTable.text(run)
        XCTAssertTrue(table.contains("] env") && table.contains("] count"), table)
        XCTAssertTrue(table.contains("env = range of the local slopes of exact errors (no noise; not a confidence interval)"), table)
        XCTAssertTrue(table.contains("count = exact interval of a count"), table)
        let csv = ResultsCSV.render(run.csvRows)
        XCTAssertTrue(csv.hasPrefix("unit,claim,case,subject,role,metric,expected,expected_value,measured,interval_lower,interval_upper,bracket,"))
        XCTAssertEqual(try ResultsCSV.parse(csv, strict: true).map { $0[11] }, ["env", "count"])
    }

    /// The reason of an inconclusive quick-tier check names the tool's flag as well as the test suite's variable.
    func testFullTierHintNamesTheToolsFlag() {
        XCTAssertTrue(ClaimRunOptions.fullTierHint.contains("langevin-verify verify --full"))
        XCTAssertTrue(ClaimRunOptions.fullTierHint.contains("LANGEVIN_TIER=full"))
    }
}

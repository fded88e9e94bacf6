// The meta-test of docs/testing-policy.md R1/R19: the declared ledger stays within 1e-6 and has unique ids.
import VerificationTestSupport
import XCTest

final class BudgetLedgerTests: XCTestCase {
    /// THE budget meta-test: Σα + Σβ ≤ 1e-6, ids unique, every entry well formed.
    func testLedgerIsWithinTheFamilyWiseBudget() {
        let ledger = StatisticalBudget.ledger
        XCTAssertLessThanOrEqual(StatisticalBudget.total, 1e-6, "Σα + Σβ = \(StatisticalBudget.total) > 1e-6")
        XCTAssertEqual(Set(ledger.map(\.id)).count, ledger.count, "duplicate budget ids in BudgetLedger.swift")
        XCTAssertEqual(StatisticalBudget.problems(in: ledger), [])
        let report = ledger.map(\.description).joined(separator: "\n")
        print("Statistical budget: \(ledger.count) entries, Σα + Σβ = \(StatisticalBudget.total)\n\(report)")
    }

    func testLookups() {
        XCTAssertEqual(StatisticalBudget.level(of: "TS.selftest.hoeffding-uniform-mean"), 1e-9)
        XCTAssertEqual(StatisticalBudget.level(of: "TS.selftest.hoeffding-uniform-mean", splitAcross: 4), 2.5e-10)
        XCTAssertEqual(StatisticalBudget.entry(for: "TS.selftest.mutant-narrow-uniform")?.kind, .falsePass)
        XCTAssertNil(StatisticalBudget.entry(for: "no.such.id"))
        XCTAssertEqual(StatisticalBudget.total, StatisticalBudget.ledger.reduce(0) { $0 + $1.level })
    }

    /// The consistency checker catches every kind of malformed ledger.
    func testProblemsAreDetected() {
        func entry(_ id: String, _ level: Double, _ method: BoundMethod = .hoeffding, summary: String = "s") -> BudgetEntry {
            BudgetEntry(id: id, kind: .falseFailure, level: level, method: method, summary: summary)
        }
        XCTAssertEqual(StatisticalBudget.problems(in: []), [])
        XCTAssertEqual(StatisticalBudget.problems(in: [entry("a", 5e-9), entry("b", 0, .deterministic)]), [])
        XCTAssertTrue(StatisticalBudget.problems(in: [entry("a", 1e-9), entry("a", 1e-9)])
            .contains("duplicate budget id 'a'"))
        XCTAssertTrue(StatisticalBudget.problems(in: [entry("a", 6e-7), entry("b", 6e-7)])
            .contains { $0.hasPrefix("total Σα + Σβ = ") })
        XCTAssertFalse(StatisticalBudget.problems(in: [entry("a", .nan)]).isEmpty)
        XCTAssertFalse(StatisticalBudget.problems(in: [entry("a", -1e-9)]).isEmpty)
        XCTAssertFalse(StatisticalBudget.problems(in: [entry("a", 0)]).isEmpty)
        XCTAssertFalse(StatisticalBudget.problems(in: [entry("a", 1e-9, .deterministic)]).isEmpty)
        XCTAssertFalse(StatisticalBudget.problems(in: [entry("a", 1e-9, .cltZ(justification: " "))]).isEmpty)
        XCTAssertEqual(StatisticalBudget.problems(in: [entry("a", 1e-9, .cltZ(justification: "n = 1e6 sums of bounded terms; Berry–Esseen"))]), [])
        XCTAssertFalse(StatisticalBudget.problems(in: [entry(" ", 1e-9)]).isEmpty)
        XCTAssertFalse(StatisticalBudget.problems(in: [entry("a", 1e-9, summary: "")]).isEmpty)
    }

    func testMethodNames() {
        XCTAssertEqual(BoundMethod.cltZ(justification: "x").description, "CLT z (justified: x)")
        XCTAssertEqual(BoundMethod.cltZ(justification: "x").name, "CLT z")
        XCTAssertEqual(BoundMethod.exactChiSquare.description, "exact chi-square")
        XCTAssertEqual(BoundMethod.dkw.description, "DKW")
        XCTAssertEqual(BoundMethod.hoeffding.description, "Hoeffding")
        XCTAssertEqual(BoundMethod.deterministic.description, "deterministic")
    }
}

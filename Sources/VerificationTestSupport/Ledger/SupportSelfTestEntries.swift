// Ledger entries of TestSupportTests. See BudgetLedger.swift for how to add entries.

extension StatisticalBudget {
    /// Budgeted checks of TestSupportTests (the harness testing itself).
    static let supportSelfTestEntries: [BudgetEntry] = [
        BudgetEntry(
            id: "TS.selftest.dkw-uniform-cdf", kind: .falseFailure, level: 1e-9, method: .dkw,
            summary: "TestSupportTests.BudgetedAssertionTests: DKW band of U(0,1) samples contains F(x) = x at x = 0.3"),
        BudgetEntry(
            id: "TS.selftest.hoeffding-uniform-mean", kind: .falseFailure, level: 1e-9, method: .hoeffding,
            summary: "TestSupportTests.BudgetedAssertionTests: Hoeffding interval of the mean of U(0,1) contains 1/2"),
        BudgetEntry(
            id: "TS.selftest.mutant-narrow-uniform", kind: .falsePass, level: 1e-9, method: .hoeffding,
            summary: "TestSupportTests.BudgetedAssertionTests: the same Hoeffding check rejects the mutant U(0, 0.8) (mean 0.4 ≠ 1/2)"),
    ]
}

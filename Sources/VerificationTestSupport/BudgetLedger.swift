// THE BUDGET LEDGER: every statistical assertion and every mutant check of the suite, with its level.
//
// How to add an entry (one per budgeted check, or per family of checks split with
// `StatisticalBudget.level(of:splitAcross:)`):
//   1. Pick a stable id "<claim or area>.<what>.<statistic>", e.g. "C4.mc.covariance" or
//      "C5.mutant.noise-sqrt-h" — never reuse or rename an id silently (it is printed in failure messages).
//   2. kind: `.falseFailure` for an assertion on correct code (level = α), `.falsePass` for a mutant check
//      that must reject a wrong scheme (level = β, achieved by the design check `assertSampleSizeSuffices`).
//   3. level: default 5e-9; use ≤ 1e-9 unless the check is expensive. Σ of all levels must stay ≤ 1e-6
//      (`StatisticalBudget.familyWiseLimit`); TestSupportTests.BudgetLedgerTests fails otherwise.
//   4. method: `.hoeffding`, `.empiricalBernstein`, `.dkw`, `.exactChiSquare`, `.clopperPearson`,
//      `.exact("…")`, `.deterministic` (level 0), or `.cltZ(justification: "…")` only with a justification.
//   5. summary: one line — what is checked and in which test class.
// Then use the id in the test: `assertInterval(interval, contains: value, budgetID: "<id>", context: context)`.
// Keep the entries sorted by id. Each area keeps its entries in its own file under Ledger/ (one owner per
// file), and `ledger` below concatenates them.

extension StatisticalBudget {
    /// Every budgeted check of the suite: the concatenation of the per-area lists in `Ledger/`.
    /// See the comment at the top of this file before adding one.
    public static let ledger: [BudgetEntry] = supportSelfTestEntries + exactClaimEntries + moduleTestEntries
        + randomnessTestEntries + diffusionTestEntries + monteCarloClaimEntries + engineAgreementEntries
        + c15MetricEntries
}

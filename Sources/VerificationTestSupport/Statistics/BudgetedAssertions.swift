// The XCTest assertions every statistical check goes through: they take a ledger id, not a raw level (R1),
// and print what a failure needs (R3): ledger id, α, statistic, interval, n, δ, seed and replay command.
import XCTest

/// Asserts that a guaranteed-level interval contains the value correct code must produce.
///
/// Checks first (design errors, reported as failures): the id is declared, it is a `.falseFailure` entry, the
/// interval's α is ≤ the ledger level (divided by `splitAcross` when one entry covers several checks), and the
/// interval's method matches the entry's. Then: fails iff `value` ∉ [lower, upper] — on correct code this has
/// probability ≤ α. See `BudgetedCheck.containmentFailure` for the message.
public func assertInterval(
    _ interval: StatisticalInterval, contains value: Double, budgetID: String, splitAcross: Int = 1,
    context: TestContext, discrepancy: Double? = nil, file: StaticString = #filePath, line: UInt = #line
) {
    if let message = BudgetedCheck.containmentFailure(interval, contains: value, budgetID: budgetID,
                                                      splitAcross: splitAcross, context: context,
                                                      discrepancy: discrepancy) {
        XCTFail(message, file: file, line: line)
    }
}

/// Asserts that a mutant (a deliberately wrong scheme, R18) is rejected: the interval computed from the
/// mutant's samples, by the same rule as the correct-code check, must not contain the correct value.
/// The id must be a `.falsePass` entry; its β is achieved by the design (`assertSampleSizeSuffices`).
public func assertInterval(
    _ interval: StatisticalInterval, excludes value: Double, budgetID: String,
    context: TestContext, discrepancy: Double? = nil, file: StaticString = #filePath, line: UInt = #line
) {
    if let message = BudgetedCheck.rejectionFailure(interval, excludes: value, budgetID: budgetID, context: context,
                                                    discrepancy: discrepancy) {
        XCTFail(message, file: file, line: line)
    }
}

/// The design check of R2: fails (deterministically) when n < needed, e.g. `needed: try hoeffdingSampleSize(…)`.
public func assertSampleSizeSuffices(
    n: Int, needed: Int, what: String, budgetID: String? = nil, context: TestContext,
    file: StaticString = #filePath, line: UInt = #line
) {
    if let message = BudgetedCheck.sampleSizeFailure(n: n, needed: needed, what: what, budgetID: budgetID,
                                                     context: context) {
        XCTFail(message, file: file, line: line)
    }
}

/// The decisions and messages behind the assertions, free of XCTest so that they can be tested.
public enum BudgetedCheck {
    /// Nil if the check passes; otherwise the failure message:
    /// `[id | falseFailure α = … (method)] <statistic> = <estimate>, interval [l, u] (n = …, α = …, method)
    /// does not contain the expected value v (δ = …); test …; seed …; replay: …`, or a design-error message.
    public static func containmentFailure(
        _ interval: StatisticalInterval, contains value: Double, budgetID: String, splitAcross: Int = 1,
        context: TestContext, discrepancy: Double? = nil
    ) -> String? {
        let label = budgetLabel(budgetID, expecting: .falseFailure, interval: interval, splitAcross: splitAcross)
        if let problem = label.problem { return "\(problem); \(interval); \(context)" }
        guard !interval.contains(value) else { return nil }
        var message = "\(label.text) \(interval) does not contain the expected value \(value)"
        if let discrepancy { message += " (designed resolution δ = \(discrepancy))" }
        return "\(message); \(context)"
    }

    /// Nil if the mutant is rejected (the interval excludes the correct value); otherwise the failure message.
    public static func rejectionFailure(
        _ interval: StatisticalInterval, excludes value: Double, budgetID: String, context: TestContext,
        discrepancy: Double? = nil
    ) -> String? {
        let label = budgetLabel(budgetID, expecting: .falsePass, interval: nil, splitAcross: 1)
        if let problem = label.problem { return "\(problem); \(interval); \(context)" }
        guard interval.contains(value) else { return nil }
        var message = "\(label.text) mutant NOT rejected: \(interval) contains the correct-code value \(value)"
        if let discrepancy { message += " (designed resolution δ = \(discrepancy))" }
        return "\(message); \(context)"
    }

    /// Nil if n ≥ needed; otherwise the design-check failure message.
    public static func sampleSizeFailure(
        n: Int, needed: Int, what: String, budgetID: String? = nil, context: TestContext
    ) -> String? {
        guard n < needed else { return nil }
        let id = budgetID.map { "[\($0)] " } ?? ""
        return "\(id)design check failed for \(what): n = \(n) < n_min = \(needed) (R2); \(context)"
    }

    /// "[id | kind α = … (method)]" and a problem description if the ledger and the check disagree.
    static func budgetLabel(
        _ id: String, expecting kind: BudgetKind, interval: StatisticalInterval?, splitAcross: Int
    ) -> (text: String, problem: String?) {
        guard let entry = StatisticalBudget.entry(for: id) else {
            return ("[\(id)]", "budget id '\(id)' is not declared in Sources/VerificationTestSupport/BudgetLedger.swift")
        }
        let symbol = entry.kind == .falseFailure ? "α" : "β"
        var text = "[\(id) | \(entry.kind.rawValue) \(symbol) = \(entry.level) (\(entry.method))"
        if splitAcross > 1 { text += ", split across \(splitAcross) checks" }
        text += "]"
        guard entry.kind == kind else {
            return (text, "\(text) is a \(entry.kind.rawValue) entry, but this assertion needs a \(kind.rawValue) entry")
        }
        guard splitAcross >= 1 else { return (text, "\(text) splitAcross must be ≥ 1, got \(splitAcross)") }
        if let interval {
            let allowed = entry.level / Double(splitAcross)
            if !(interval.alpha <= allowed * (1 + 1e-12)) {
                return (text, "\(text) design error: the interval was built at α = \(interval.alpha) > allowed \(allowed)")
            }
            if interval.method.name != entry.method.name {
                return (text, "\(text) design error: the interval uses \(interval.method.name), the ledger declares \(entry.method.name)")
            }
        }
        return (text, nil)
    }
}

// The registry view of the budget ledger: look-ups, totals and the consistency checks of the meta-test.
import Foundation

/// The suite's declared statistical budget (docs/testing-policy.md R1, R19): Σα over false-failure checks plus Σβ over
/// mutant checks must stay ≤ `familyWiseLimit` = 1e-6 (Bonferroni: P(any check errs) ≤ Σ levels, no
/// independence needed). The entries live in `BudgetLedger.swift` (`StatisticalBudget.ledger`).
public enum StatisticalBudget {
    /// The family-wise limit on Σα + Σβ for one full run of the suite.
    public static let familyWiseLimit = 1e-6

    /// The ledger entry with this id, or nil.
    public static func entry(for id: String) -> BudgetEntry? {
        ledger.first { $0.id == id }
    }

    /// The declared level of `id`. Traps if the id is not in the ledger: using an undeclared budget id is a
    /// programming error in a test (declare it in BudgetLedger.swift first).
    public static func level(of id: String) -> Double {
        guard let entry = entry(for: id) else {
            fatalError("StatisticalBudget: budget id '\(id)' is not declared in Sources/VerificationTestSupport/BudgetLedger.swift; add an entry there (see the comment at the top of that file)")
        }
        return entry.level
    }

    /// The per-check level when the entry `id` covers `count` checks (Bonferroni split): level(of: id)/count.
    public static func level(of id: String, splitAcross count: Int) -> Double {
        precondition(count >= 1, "StatisticalBudget: a budget is split across at least one check")
        return level(of: id) / Double(count)
    }

    /// Σα + Σβ over the ledger.
    public static var total: Double { total(of: ledger) }

    /// Σ levels of `entries`.
    public static func total(of entries: [BudgetEntry]) -> Double {
        entries.reduce(0) { $0 + $1.level }
    }

    /// Every problem with a ledger: duplicate ids, empty ids or summaries, levels outside [0, 1) or NaN,
    /// deterministic entries with a non-zero level (or random ones with level 0), CLT entries without a
    /// justification, and a total above `familyWiseLimit`. Empty when the ledger is consistent.
    public static func problems(in entries: [BudgetEntry], limit: Double = familyWiseLimit) -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for entry in entries {
            if entry.id.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("an entry has an empty id") }
            if !seen.insert(entry.id).inserted { problems.append("duplicate budget id '\(entry.id)'") }
            if !(entry.level >= 0 && entry.level < 1) { problems.append("'\(entry.id)': level \(entry.level) outside [0, 1)") }
            if entry.method == .deterministic, entry.level != 0 {
                problems.append("'\(entry.id)': deterministic check with non-zero level \(entry.level)")
            }
            if entry.method != .deterministic, !(entry.level > 0) {
                problems.append("'\(entry.id)': a \(entry.method.name) check cannot have level 0")
            }
            if case let .cltZ(justification) = entry.method, justification.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append("'\(entry.id)': CLT z-interval without a justification (R12)")
            }
            if entry.summary.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("'\(entry.id)': empty summary") }
        }
        let sum = total(of: entries)
        if !(sum <= limit) { problems.append("total Σα + Σβ = \(sum) exceeds the family-wise limit \(limit)") }
        return problems
    }
}

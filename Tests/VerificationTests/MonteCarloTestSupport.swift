// Shared helpers of the Monte Carlo claim tests: the tier, running claims with the test's seed, and tying every
// verdict to its budget-ledger entry by the id the verdict carries (`ClaimVerdict.ledger`; entries in
// MonteCarloClaimEntries.swift): the levels a run spends per entry must fit.
import Langevin
import Verification
import VerificationTestSupport
import XCTest

enum MonteCarloTesting {
    /// The tier of this run (`LANGEVIN_TIER=full` for the full tier).
    static var tier: ClaimRunOptions.Tier { (try? ClaimRunOptions.tierFromProcessEnvironment()) ?? .quick }

    /// Options for a claim run: the tier, the test's base seed (so `TEST_SEED` replays it), both threads.
    static func options(_ context: TestContext) -> ClaimRunOptions {
        ClaimRunOptions(tier: tier, seed: context.seed, threads: 2)
    }

    /// Fails the test for every verdict that is not as expected (subjects hold, mutants are rejected) unless
    /// `allowInconclusive` accepts it, and checks that the levels spent per ledger entry fit the entry
    /// (`spent` accumulates over several runs in one test).
    static func assertVerdicts(_ verdicts: [ClaimVerdict], context: TestContext, spent: inout [LedgerID: Double],
                               allowInconclusive: (ClaimVerdict) -> Bool = { _ in false },
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(verdicts.isEmpty, "no verdicts; \(context)", file: file, line: line)
        for v in verdicts {
            if let id = v.ledger {
                guard let entry = StatisticalBudget.entry(for: id.rawValue) else {
                    XCTFail("verdict uses undeclared budget id \(id): \(v); \(context)", file: file, line: line)
                    continue
                }
                let level = v.number(entry.kind == .falsePass ? "β" : "α") ?? .nan
                spent[id, default: 0] += level
                if !(spent[id]! <= entry.level * (1 + 1e-9)) {
                    XCTFail("[\(id)] this run spends \(spent[id]!) > declared \(entry.level); \(v); \(context)", file: file, line: line)
                }
            }
            if v.asExpected { continue }
            if case .reported = v.outcome { continue }   // shown next to the checks, never asserted
            if case .inconclusive = v.outcome, allowInconclusive(v) { continue }
            let label = v.ledger.map { "[\($0) | \(StatisticalBudget.entry(for: $0.rawValue)?.method.name ?? "?")] " } ?? "[deterministic] "
            XCTFail(label + (v.role.isMutant ? "mutant NOT rejected: " : "subject does not hold: ") + "\(v); \(context)",
                    file: file, line: line)
        }
    }

    /// Prints the verdicts (visible with `swift test … | grep MC-VERDICT`).
    static func report(_ title: String, _ verdicts: [ClaimVerdict], seconds: Double) {
        print("MC-VERDICT \(title): \(verdicts.count) verdicts in \(String(format: "%.1f", seconds)) s (tier \(tier))")
        for v in verdicts { print("MC-VERDICT   \(v)") }
    }
}

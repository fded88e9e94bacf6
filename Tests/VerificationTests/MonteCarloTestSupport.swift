// Shared helpers of the Monte Carlo claim tests: the tier, running claims with the test's seed, and tying every
// verdict to its budget-ledger entry (MonteCarloClaimEntries.swift): the levels a run spends per entry must fit.
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

    /// The ledger id of a verdict, or nil for deterministic checks (exact laws, K = 1, distances that are exactly 0)
    /// and for checks that reuse intervals already budgeted (the C12 ratio).
    static func ledgerID(_ v: ClaimVerdict) -> String? {
        let mutant = v.role.isMutant
        switch v.claimID {
        case "C2":
            if v.number("K") == 1 { return nil }
            if mutant {
                if case let .mutant(name) = v.role, name == PLMCMutation.countsIndexZeroMidpoint.description { return "C2.mutant.index-zero" }
                return "C2.mutant.flag-probability"
            }
            return v.number("K") == .infinity ? "C2.mc.poisson-count" : "C2.mc.binomial-count"
        case "C10":
            if v.metric.contains("(Monte Carlo secant)") {
                if v.number("α") == nil && v.number("β") == nil { return nil }
                return mutant ? "C10.mutant.secant" : "C10.mc.secant"
            }
            if v.metric.contains("quadrature E_π φ") { return "C10.mc.quadrature" }
            if v.metric.contains("(engine") || v.metric.contains("contains its exact value (bias") {
                return mutant ? "C10.mutant.containment" : "C10.mc.containment"
            }
            return nil   // exact kernel-quadrature slopes (deterministic; mutants under C10.mutant.exact)
        case "C12":
            if v.metric.contains("contains the exact OU value") { return "C12.mc.containment-ou" }
            if v.metric.hasPrefix("ratio") { return nil }
            if mutant {
                if case let .mutant(name) = v.role, name == "fine LMC as PLMC" { return nil }
                return "C12.mutant.sqrt-eta-noise"
            }
            return "C12.mc.secant"
        default:
            return nil
        }
    }

    /// Fails the test for every verdict that is not as expected (subjects hold, mutants are rejected) unless
    /// `allowInconclusive` accepts it, and checks that the levels spent per ledger entry fit the entry
    /// (`spent` accumulates over several runs in one test).
    static func assertVerdicts(_ verdicts: [ClaimVerdict], context: TestContext, spent: inout [String: Double],
                               allowInconclusive: (ClaimVerdict) -> Bool = { _ in false },
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(verdicts.isEmpty, "no verdicts; \(context)", file: file, line: line)
        for v in verdicts {
            if let id = ledgerID(v) {
                guard let entry = StatisticalBudget.entry(for: id) else {
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
            if case .inconclusive = v.outcome, allowInconclusive(v) { continue }
            let label = ledgerID(v).map { "[\($0) | \(StatisticalBudget.entry(for: $0)?.method.name ?? "?")] " } ?? "[deterministic] "
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

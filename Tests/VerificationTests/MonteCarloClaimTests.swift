import Langevin
import Verification
import VerificationTestSupport
import XCTest

/// The Monte Carlo claims C2, C10, C12 on their default cases (PN-P02, PN-P10, PN-P12): every subject holds and every
/// mutant is rejected; every statistical verdict is tied to its ledger entry (MonteCarloClaimEntries.swift) and a
/// failure prints the verdict, its level, the seed and the replay command (`TestContext`).
/// Quick tier by default; `LANGEVIN_TIER=full` runs longer ladders, more chains, the product case and the Monte
/// Carlo secant rules.
final class MonteCarloClaimTests: XCTestCase {
    func check(_ claim: Claim, file: StaticString = #filePath, line: UInt = #line) throws {
        let context = try TestContext(self)
        let clock = ContinuousClock()
        let start = clock.now
        let verdicts = claim.runDefaultCases(MonteCarloTesting.options(context))
        MonteCarloTesting.report(claim.id.rawValue, verdicts, seconds: (clock.now - start) / .seconds(1))
        var spent: [LedgerID: Double] = [:]
        MonteCarloTesting.assertVerdicts(verdicts, context: context, spent: &spent, file: file, line: line)
    }

    /// C2: exact Clopper–Pearson / Garwood intervals of the engine's midpoint count at K ∈ {1, 2, 4, 16, ∞} on the
    /// mixtures c = 1, c = 2 (d = 1, 5) and the cosine case; mutants H ~ Bernoulli(1/(K+1)) and "counting the i = 0
    /// midpoint" rejected (α = β = 1e-9 each).
    /// Claim C2 (PN-P02).
    func testC02_driftCallCost() throws { try check(ExactClaimTesting.claim(.c2)) }

    /// C10 on three non-log-concave targets (½N(±2, 1) in d = 1 and 5, F″(0) = −3; the cosine case in d = 5): exact
    /// kernel-quadrature slopes (2 and 1) with four mutants; engine paired differences contain their exact values at
    /// η = 0.4/L, 0.2/L (d = 1) or 0.4/L (d = 5) (α = 1e-9 each) and reject two engine mutants; fine LMC matches the
    /// quadrature E_π φ.
    /// Claim C10 (PN-P10).
    func testC10_stationaryBiasOrders() throws { try check(ExactClaimTesting.claim(.c10)) }

    /// C12: clipped RMS distance slope 1 ± 0.2 for PLMC and LMC (secant rule), PLMC/LMC ≥ 1, exact OU containment, on
    /// the non-log-concave mixture c = 2 and cosine case (d = 1; d = 5 in the full tier), the mixture c = 1 and OU; mutants "fine LMC as PLMC" and √η
    /// noise rejected.
    /// Claim C12 (PN-P12).
    func testC12_noStrongErrorGain() throws { try check(ExactClaimTesting.claim(.c12)) }
}

import Langevin
import Verification
import VerificationTestSupport
import XCTest

/// The Monte Carlo claims C2, C10, C12 on their default cases (PN-P02, PN-P10, PN-P12): every subject holds and every
/// mutant is rejected. Each verdict is tied to its ledger entry (`MonteCarloClaimEntries.swift`), and a failure
/// prints the verdict, the seed and the replay command.
final class MonteCarloClaimTests: XCTestCase {
    static var tier: ClaimRunOptions.Tier { (try? ClaimRunOptions.tierFromProcessEnvironment()) ?? .quick }

    func run(_ claim: Claim, file: StaticString = #filePath, line: UInt = #line) throws -> [ClaimVerdict] {
        let context = try TestContext(self)
        let options = ClaimRunOptions(tier: Self.tier, seed: context.seed, threads: 2)
        let clock = ContinuousClock()
        let start = clock.now
        let verdicts = claim.runDefaultCases(options)
        let seconds = (clock.now - start) / .seconds(1)
        print("MC-CLAIM \(claim.id) (\(Self.tier)) \(String(format: "%.1f", seconds)) s, \(verdicts.count) verdicts")
        for v in verdicts { print("MC-CLAIM   \(v)") }
        for v in verdicts where !v.asExpected {
            XCTFail("\(v.role.isMutant ? "mutant NOT rejected" : "subject does not hold"): \(v); \(context)", file: file, line: line)
        }
        return verdicts
    }

    func testC2DriftCallCost() throws { _ = try run(MonteCarloClaims.c2) }
    func testC10StationaryBias() throws { _ = try run(MonteCarloClaims.c10) }
    func testC12StrongError() throws { _ = try run(MonteCarloClaims.c12) }
}

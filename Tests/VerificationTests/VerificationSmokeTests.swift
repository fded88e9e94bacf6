import XCTest
import Verification
final class VerificationSmokeTests: XCTestCase {
    func testProbe() throws {
        let options = ClaimRunOptions()
        for claim in ClaimRegistry.all {
            let start = Date()
            let verdicts = claim.runDefaultCases(options)
            for v in verdicts { print(v.asExpected ? "OK " : "BAD", v) }
            print(claim.id, "time", Date().timeIntervalSince(start))
        }
    }
}

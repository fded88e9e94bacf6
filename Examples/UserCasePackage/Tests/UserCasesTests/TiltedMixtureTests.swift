import Langevin
import UserCases
import Verification
import XCTest

/// The user's case, checked through the dependency: declarations first, then claims C2 and C12 (quick tier), whose
/// verdicts must hold with every mutant rejected; claims needing a Gaussian target are outside its assumptions.
final class TiltedMixtureTests: XCTestCase {
    func testDeclarationsHoldAndTheCaseIsNotLogConcave() throws {
        let report = try TiltedMixtureCase().checkDeclarations()
        XCTAssertLessThan(report.smallestCurvature, -2, "F″ near 0 is ≈ 1 − 1.8² = −2.24")
        var wrong = TiltedMixtureCase().assumptions
        wrong.stronglyLogConcave = 0.5
        wrong.logSobolev = .known(0.5)
        XCTAssertThrowsError(try TiltedMixtureCase().redeclared(wrong).checkDeclarations())
    }

    func testClaimsOnTheUserCase() throws {
        let claims = ClaimRegistry.all.filter { [ClaimID.c2, .c12, .c5].contains($0.id) }
        let verdicts = ClaimRegistry.verdicts(on: TiltedMixtureCase(), options: ClaimRunOptions(tier: .quick), claims: claims)
        for v in verdicts where v.claimID == .c5 {
            guard case .outsideAssumptions = v.outcome else { return XCTFail("C5 needs a Gaussian target: \(v)") }
        }
        let asserted = verdicts.filter { $0.claimID != .c5 }
        XCTAssertFalse(asserted.isEmpty)
        XCTAssertTrue(asserted.contains { $0.role.isMutant }, "mutants must run through the same checks")
        for v in asserted { XCTAssertTrue(v.asExpected, "\(v)") }
    }
}

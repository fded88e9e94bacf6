import Langevin
import Verification
import VerificationTestSupport
import XCTest

/// The extension path (docs/adding-an-assumption-case.md): a user-added case defined in ONE file
/// (`Sources/Langevin/Cases/Examples/RidgeMixtureExampleCase.swift`) is registered, validated, and checked by every
/// claim whose assumptions it declares; the others report `.outsideAssumptions`.
final class MonteCarloExtensionTests: XCTestCase {
    func testWorkedExampleIsRegistered() throws {
        let examples = try AssumptionCases.examples()
        XCTAssertTrue(examples.contains { $0 is RidgeMixtureExampleCase })
        let all = try AssumptionCases.allCases()
        XCTAssertEqual(all.count, try AssumptionCases.builtIn().count + examples.count)
        XCTAssertEqual(Set(all.map(\.name)).count, all.count, "case names must be unique")
        for c in all { XCTAssertNoThrow(try c.validate(), c.name) }
    }

    /// The drift is −∇F, ∇F matches central differences of F, and the declared Lipschitz constant bounds the
    /// Hessian (checked by differences) — deterministic, on a fixed grid of points.
    func testWorkedExampleDriftPotentialAndLipschitzConstant() throws {
        let example = try RidgeMixtureExampleCase()
        let potential = try XCTUnwrap(example.potential), gradient = try XCTUnwrap(example.gradient)
        let lipschitz = try XCTUnwrap(example.assumptions.lipschitz)
        XCTAssertNil(example.assumptions.stronglyLogConcave, "c = 1.2, α = 0.3 is not log-concave")
        XCTAssertLessThan(Double(1 - 1.44 - 0.3), 0)
        let e = 1e-5
        for x1 in stride(from: -4.0, through: 4.0, by: 0.5) {
            for x2 in stride(from: -4.0, through: 4.0, by: 0.5) {
                let x = [x1, x2]
                let b = example.drift.value(at: x), g = gradient(x)
                XCTAssertEqual(b[0], -g[0], accuracy: 1e-14); XCTAssertEqual(b[1], -g[1], accuracy: 1e-14)
                for j in 0..<2 {
                    var p = x, m = x
                    p[j] += e; m[j] -= e
                    XCTAssertEqual((potential(p) - potential(m)) / (2 * e), g[j], accuracy: 1e-7, "∂F/∂x\(j + 1) at \(x)")
                    // Hessian column j by differences of the gradient: its norm ≤ L
                    let column = zip(gradient(p), gradient(m)).map { ($0 - $1) / (2 * e) }
                    XCTAssertLessThanOrEqual((column[0] * column[0] + column[1] * column[1]).squareRoot(), lipschitz + 1e-6)
                }
            }
        }
        XCTAssertThrowsError(try RidgeMixtureExampleCase(separation: .nan))
        XCTAssertThrowsError(try RidgeMixtureExampleCase(ridge: -1))
    }

    /// The claim ↔ assumption matching on the example: Gaussian-only claims are outside its assumptions, C2, C10 and
    /// C12 are inside (no simulation).
    func testWorkedExampleAssumptionMatching() throws {
        let example = try RidgeMixtureExampleCase()
        let applicable = Set(ClaimRegistry.applicableClaims(to: example).map(\.id))
        for id in [ClaimID.c2, .c10, .c12] { XCTAssertTrue(applicable.contains(id), "\(id) should apply to the example") }
        for claim in ClaimRegistry.all where claim.requiredAssumptions.contains(.gaussianTarget) {
            XCTAssertFalse(applicable.contains(claim.id), "\(claim.id) needs a Gaussian target")
        }
        let doubleWell = try DoubleWellCase()
        XCTAssertFalse(Set(ClaimRegistry.applicableClaims(to: doubleWell).map(\.id)).contains(.c12),
                       "the double well is outside the Lipschitz assumption")
    }

    /// Every claim of the registry but C10 on the example (C10: `testC10_workedExampleDecidedByCoupledSecant`): verdicts
    /// for C2/C12 (they hold and reject their mutants), `.outsideAssumptions` for every claim that needs a Gaussian
    /// target.
    func testWorkedExampleGetsVerdicts() throws {
        let context = try TestContext(self)
        let example = try RidgeMixtureExampleCase()
        let clock = ContinuousClock()
        let start = clock.now
        let claims = ClaimRegistry.all.filter { $0.id != .c10 }
        let verdicts = ClaimRegistry.verdicts(on: example, options: MonteCarloTesting.options(context), claims: claims)
        MonteCarloTesting.report("example", verdicts, seconds: (clock.now - start) / .seconds(1))
        for claim in claims {
            let mine = verdicts.filter { $0.claimID == claim.id }
            XCTAssertFalse(mine.isEmpty, "no verdict for \(claim.id)")
            let outside = mine.contains { if case .outsideAssumptions = $0.outcome { return true } else { return false } }
            if claim.requiredAssumptions.contains(.gaussianTarget) {
                XCTAssertTrue(outside && mine.count == 1, "\(claim.id) must be outside the example's assumptions: \(mine)")
            }
            if [ClaimID.c2, .c12].contains(claim.id) {
                XCTAssertFalse(outside, "\(claim.id) must be checked on the example: \(mine)")
            }
        }
        var spent: [LedgerID: Double] = [:]
        let monteCarlo = verdicts.filter { [ClaimID.c2, .c12].contains($0.claimID) }
        MonteCarloTesting.assertVerdicts(monteCarlo, context: context, spent: &spent)
    }

    /// C10 on the 2-D, non-separable, non-log-concave worked example, decided in the quick tier by the coupled secant
    /// of PN-V15: PLMC(K = 4) − fine LMC has secant slope in 2 ± 0.4 and LMC − fine in 1 ± 0.3 (betting end intervals,
    /// ledger C10.mc.coupled-secant), with intervals narrow enough to decide (design width ≤ δ); the slope-1 mutants
    /// (independent midpoint noise, correction weight η/K) and PLMC / fine LMC in LMC's place go through the same rule
    /// and are rejected (C10.mutant.coupled-secant). Claim C10 (PN-P10).
    func testC10_workedExampleDecidedByCoupledSecant() throws {
        let context = try TestContext(self)
        let example = try RidgeMixtureExampleCase()
        let clock = ContinuousClock()
        let start = clock.now
        let c10 = try XCTUnwrap(ClaimRegistry.all.first { $0.id == .c10 })
        let verdicts = ClaimRegistry.verdicts(on: example, options: MonteCarloTesting.options(context), claims: [c10])
        MonteCarloTesting.report("example C10", verdicts, seconds: (clock.now - start) / .seconds(1))
        XCTAssertEqual(verdicts.count, 6, "\(verdicts)")
        XCTAssertEqual(verdicts.filter { !$0.role.isMutant }.count, 2)
        for v in verdicts where v.ledger != nil {
            XCTAssertEqual(v.bracket, .secant, "\(v)")
            let width = try XCTUnwrap(v.number("design width"), "\(v)")
            if !v.role.isMutant { XCTAssertLessThanOrEqual(width, try XCTUnwrap(v.tolerance), "design: \(v)") }
        }
        var spent: [LedgerID: Double] = [:]
        MonteCarloTesting.assertVerdicts(verdicts, context: context, spent: &spent)
        XCTAssertNotNil(spent[.c10CoupledSecant])
        XCTAssertNotNil(spent[.c10MutantCoupledSecant])
    }
}

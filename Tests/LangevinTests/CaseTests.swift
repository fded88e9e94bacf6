import DenseLinearAlgebra
import Langevin
import Randomness
import ReferenceLaws
import SchemeVocabulary
import VerificationTestSupport
import XCTest

final class CaseTests: XCTestCase {
    /// Every registered case (built-in and examples): drift dimension agrees, b = −∇F, ∇F agrees with central
    /// differences of F (so a case's potential, gradient and drift — written once for the separable cases, in their
    /// `SeparableDrift` — cannot drift apart), and the declared Lipschitz constant bounds |b(x) − b(y)|/|x − y| on random
    /// pairs (exact inequalities, no MC level).
    func testBuiltInCasesAreConsistent() throws {
        var g = Xoshiro256StarStar(seed: testSeed(#function))
        let cases = try AssumptionCases.allCases()
        XCTAssertEqual(Set(cases.map(\.name)).count, cases.count, "case names must be unique")
        for c in cases {
            try c.validate()
            try checkCase(c, &g)
        }
    }

    func checkCase<C: AssumptionCase>(_ c: C, _ g: inout Xoshiro256StarStar) throws {
        let d = c.dimension
        for _ in 0..<20 {
            let x = (0..<d).map { _ in 2 * g.nextStandardNormal() }
            let y = (0..<d).map { _ in 2 * g.nextStandardNormal() }
            let t = g.nextUniform() * 10
            let bx = c.drift.value(at: x, time: t), by = c.drift.value(at: y, time: t)
            if let grad = c.gradient, let f = c.potential {
                assertClose(bx, grad(x).map { -$0 }, tolerance: 1e-13, "\(c.name): b = −∇F")
                for j in 0..<d {
                    var xp = x, xm = x
                    let step = 1e-5
                    xp[j] += step; xm[j] -= step
                    let fd = (f(xp) - f(xm)) / (2 * step)
                    XCTAssertEqual(fd, grad(x)[j], accuracy: 1e-6 * max(1, abs(fd)), "\(c.name): ∇F vs finite differences")
                }
            }
            if let l = c.assumptions.lipschitz {
                let num = zip(bx, by).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
                let den = zip(x, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
                XCTAssertLessThanOrEqual(num, l * den * (1 + 1e-12), "\(c.name): declared L = \(l) violated")
            }
        }
        if c.assumptions.outsideLipschitzAssumption { XCTAssertNil(c.assumptions.lipschitz) }
    }

    /// The mixture's declared potential is ½N(−c,1) + ½N(c,1): E[x²] = 1 + c² by a trapezoid rule written here.
    func testMixtureReferenceIsTheMixture() throws {
        let c = 1.3
        guard case .quadrature(let oneD) = try GaussianMixtureCase(separation: c).reference else { return XCTFail() }
        var z = 0.0, m2 = 0.0
        let n = 40_000, h = (oneD.upper - oneD.lower) / Double(n)
        for i in 0...n {
            let x = oneD.lower + Double(i) * h
            let w = (i == 0 || i == n ? 0.5 : 1) * exp(-oneD.potential(x))
            z += w; m2 += w * x * x
        }
        XCTAssertEqual(m2 / z, 1 + c * c, accuracy: 1e-9)
    }

    /// The anisotropic case has the declared spectrum (eigenvalues by GSL, independent of the construction).
    func testAnisotropicSpectrum() throws {
        let c = try AnisotropicGaussianCase(dimension: 6, condition: 50, smallestEigenvalue: 0.5, seed: 3)
        let eigen = try SymmetricEigen(c.precision, what: "A")
        let expected = (0..<6).map { 0.5 * pow(50, Double($0) / 5) }
        assertClose(eigen.values, expected, tolerance: 1e-12, "spectrum")
        XCTAssertEqual(c.assumptions.lipschitz!, 25, accuracy: 1e-12)
        XCTAssertFalse(c.drift.isDiagonal)
    }

    /// Q from `randomOrthogonal` is orthogonal, and its law is Haar: E Q₁₁ = 0 and E Q₁₁² = 1/n (Q₁₁² ~ Beta(½, (n−1)/2)).
    /// Hoeffding bounds for the bounded statistics (Q₁₁ ∈ [−1, 1], Q₁₁² ∈ [0, 1]): ledger "LT.cases.haar-q11-moments",
    /// 2e-9 split across the 2 checks (α = 1e-9 each). Without the sign fix of Householder's Q, E Q₁₁ ≈ −0.5 for
    /// n = 3 (rejected).
    func testRandomOrthogonalIsHaar() throws {
        let budgetID = "LT.cases.haar-q11-moments"
        let context = try TestContext(self)
        var g = context.makeGenerator()
        let n = 3, draws = 20_000
        var s1 = 0.0, s2 = 0.0
        for k in 0..<draws {
            let q = try Matrix.randomOrthogonal(n, standardNormal: { g.nextStandardNormal() })
            if k < 50 {
                let p = q.transposed * q
                for i in 0..<n { for j in 0..<n { XCTAssertEqual(p[i, j], i == j ? 1 : 0, accuracy: 1e-13) } }
            }
            s1 += q[0, 0]; s2 += q[0, 0] * q[0, 0]
        }
        let checks = 2
        let alpha = StatisticalBudget.level(of: budgetID, splitAcross: checks)
        let first = try StatisticalInterval.hoeffding(statistic: "E Q₁₁", mean: s1 / Double(draws), n: draws,
                                                      range: -1...1, alpha: alpha)
        let second = try StatisticalInterval.hoeffding(statistic: "E Q₁₁²", mean: s2 / Double(draws), n: draws,
                                                       range: 0...1, alpha: alpha)
        assertInterval(first, contains: 0, budgetID: budgetID, splitAcross: checks, context: context)
        assertInterval(second, contains: 1 / Double(n), budgetID: budgetID, splitAcross: checks, context: context)
        XCTAssertThrowsError(try Matrix.randomOrthogonal(0, standardNormal: { 0 }))
        XCTAssertThrowsError(try Matrix.geometricSpectrum(count: 3, condition: 0.5))
        XCTAssertThrowsError(try Matrix.geometricSpectrum(count: 3, condition: .nan))
    }

    struct BrokenCase: AssumptionCase {
        var name: String { "broken" }
        var dimension: Int { 3 }
        var drift: ZeroDrift { ZeroDrift(dimension: 2) }
        var potential: (@Sendable ([Double]) -> Double)? { nil }
        var gradient: (@Sendable ([Double]) -> [Double])? { nil }
        var assumptions: DeclaredAssumptions {
            DeclaredAssumptions(lipschitz: 0, stronglyLogConcave: nil, logSobolev: .unknown, dissipative: false)
        }
        var reference: CaseReference { .coupledFineChain(substeps: 64) }
        var summary: String { "drift of the wrong dimension" }
    }

    func testCaseWithWrongDriftDimensionIsRejectedUpFront() {
        XCTAssertThrowsError(try BrokenCase().simulate(SchemeVariant(.lmc), stepSize: 0.1, configuration: EnsembleConfiguration(chains: 2, steps: 1))) {
            XCTAssertEqual($0 as? SimulationError, .dimensionMismatch(what: "drift of case broken", expected: 3, got: 2))
        }
        XCTAssertThrowsError(try IsotropicGaussianCase(dimension: 0))
        XCTAssertThrowsError(try GaussianMixtureCase(separation: .nan))
        XCTAssertThrowsError(try TimeVaryingOUCase(dimension: 2, modulation: 1.5))
    }
}

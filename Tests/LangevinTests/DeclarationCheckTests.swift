import DenseLinearAlgebra
import Langevin
import Randomness
import XCTest

/// A case that wraps another one and replaces its declarations, its drift's sign or its drift's dimension: the wrong
/// declarations a user could write, each of which `DeclarationCheck` must refuse (PN-V14).
struct MisdeclaredCase<Base: AssumptionCase>: AssumptionCase {
    let base: Base
    var declared: DeclaredAssumptions
    var drift: MisdeclaredDrift<Base.Drift>
    var name: String { "misdeclared-" + base.name }
    var dimension: Int { base.dimension }
    var summary: String { base.summary }
    var potential: (@Sendable ([Double]) -> Double)? { base.potential }
    var gradient: (@Sendable ([Double]) -> [Double])? { nil }
    var assumptions: DeclaredAssumptions { declared }
    var reference: CaseReference { base.reference }

    init(_ base: Base, declared: DeclaredAssumptions? = nil, flipSign: Bool = false, extraDimension: Bool = false) {
        self.base = base
        self.declared = declared ?? base.assumptions
        drift = MisdeclaredDrift(base: base.drift, sign: flipSign ? -1 : 1, extraDimension: extraDimension)
    }
}

/// The base drift times `sign`, optionally claiming one more dimension than it has.
struct MisdeclaredDrift<Base: BatchDrift>: BatchDrift {
    let base: Base
    let sign: Double
    let extraDimension: Bool
    var dimension: Int { base.dimension + (extraDimension ? 1 : 0) }
    func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int, into: UnsafeMutablePointer<Double>) {
        base.evaluate(states: states, times: times, count: count, into: into)
        for i in 0..<(count * base.dimension) { into[i] *= sign }
    }
}

/// Declarations are checked before any run (PN-V14): every wrong declaration is refused with a typed error naming
/// the point, and every registered case passes with the curvature it really has (exact values: min F″ of the
/// mixture is 1 − c², of the cosine case 1 − αω², both attained at the origin, which is a probe).
final class DeclarationCheckTests: XCTestCase {
    func testJacobiEigenvaluesOfKnownMatrices() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3; the symmetric part of [[0, 2], [0, 0]] has ±1
        let a = try Matrix([[2, 1], [1, 2]])
        let e = a.symmetricPartEigenvalues()
        XCTAssertEqual(e[0], 1, accuracy: 1e-14); XCTAssertEqual(e[1], 3, accuracy: 1e-14)
        let n = try Matrix([[0, 2], [0, 0]]).symmetricPartEigenvalues()
        XCTAssertEqual(n[0], -1, accuracy: 1e-14); XCTAssertEqual(n[1], 1, accuracy: 1e-14)
        // Q diag(λ) Qᵀ with a seeded Haar Q: the spectrum is recovered
        var g = Xoshiro256StarStar(seed: 7)
        let q = try Matrix.randomOrthogonal(6, standardNormal: { g.nextStandardNormal() })
        let lambda: [Double] = [-3, -0.5, 0.25, 1, 2, 10]
        let s = try Matrix.symmetric(rotation: q, eigenvalues: lambda)
        for (x, y) in zip(s.symmetricPartEigenvalues(), lambda) { XCTAssertEqual(x, y, accuracy: 1e-12) }
    }

    func testRegisteredCasesPassWithTheirTrueCurvature() throws {
        for c in try AssumptionCases.allCases() {
            let report = try c.checkDeclarations()
            XCTAssertGreaterThan(report.probes, 40, c.name)
            if let l = c.assumptions.lipschitz { XCTAssertLessThanOrEqual(report.largestJacobianNorm, l * (1 + 1e-4) + 1e-6, c.name) }
        }
        // closed forms: mixture F″(0) = 1 − c², cosine F″(0) = 1 − αω² (per coordinate), both minima, at the origin
        let mixture = try GaussianMixtureCase(dimension: 1, separation: 2).checkDeclarations()
        XCTAssertEqual(mixture.smallestCurvature, -3, accuracy: 1e-6)
        XCTAssertEqual(mixture.smallestCurvaturePoint, [0])
        let cosine = try CosinePerturbedCase(dimension: 5, amplitude: 1, frequency: 2).checkDeclarations()
        XCTAssertEqual(cosine.smallestCurvature, -3, accuracy: 1e-6)
        let flat = try GaussianMixtureCase(dimension: 1, separation: 1).checkDeclarations()
        XCTAssertEqual(flat.smallestCurvature, 0, accuracy: 1e-6, "c = 1: log-concave, not strongly (F″(0) = 0)")
    }

    /// m = 1 declared on the mixture with c = 1.5 (F″ ≥ 1 − 2.25 = −1.25): refused at a point where F″ < 1.
    func testOverDeclaredStrongLogConcavityIsRefusedAtAPoint() throws {
        let base = try GaussianMixtureCase(dimension: 1, separation: 1.5)
        var declared = base.assumptions
        declared.stronglyLogConcave = 1
        declared.logSobolev = .known(1)
        let wrong = MisdeclaredCase(base, declared: declared)
        XCTAssertThrowsError(try wrong.checkDeclarations()) { error in
            guard case let .strongConvexityContradicted(_, m, measured, point) = error as? DeclarationError else {
                return XCTFail("expected strongConvexityContradicted, got \(error)")
            }
            XCTAssertEqual(m, 1)
            // the named point really contradicts m: F″(x) = 1 − c² sech²(cx) < 1
            let c = 1.5, x = point[0]
            let exact = 1 - c * c / (cosh(c * x) * cosh(c * x))
            XCTAssertEqual(measured, exact, accuracy: 1e-6)
            XCTAssertLessThan(exact, 1)
            XCTAssertTrue("\(error)".contains("contradicted at x = "), "\(error)")
        }
    }

    /// m = 5 with L = 0.5 is impossible (m ⪯ ∇²F ⪯ L): refused without a probe.
    func testStrongLogConcavityAboveLipschitzIsRefused() throws {
        let base = try GaussianMixtureCase(dimension: 1, separation: 1)
        let wrong = MisdeclaredCase(base, declared: DeclaredAssumptions(lipschitz: 0.5, stronglyLogConcave: 5,
                                                                         logSobolev: .known(5), dissipative: true))
        XCTAssertThrowsError(try wrong.checkDeclarations()) { error in
            XCTAssertEqual(error as? DeclarationError,
                           .strongConvexityAboveLipschitz(caseName: wrong.name, strongConvexity: 5, lipschitz: 0.5))
        }
    }

    /// L = 1 declared on the mixture with c = 2 (|F″(0)| = 3): refused at the point of largest curvature seen.
    func testUnderDeclaredLipschitzConstantIsRefused() throws {
        let base = try GaussianMixtureCase(dimension: 1, separation: 2)
        var declared = base.assumptions
        declared.lipschitz = 1
        XCTAssertThrowsError(try MisdeclaredCase(base, declared: declared).checkDeclarations()) { error in
            guard case let .lipschitzContradicted(_, l, measured, point) = error as? DeclarationError else {
                return XCTFail("expected lipschitzContradicted, got \(error)")
            }
            XCTAssertEqual(l, 1)
            let exact = abs(1 - 4 / (cosh(2 * point[0]) * cosh(2 * point[0])))
            XCTAssertEqual(measured, exact, accuracy: 1e-6)
            XCTAssertGreaterThan(exact, 1)
        }
    }

    /// A drift with the wrong sign (potential correct) is refused: b ≠ −∇F by central differences.
    func testDriftSignErrorIsRefused() throws {
        for base in [try GaussianMixtureCase(dimension: 1, separation: 2) as any AssumptionCase,
                     try CosinePerturbedCase(dimension: 5), try RidgeMixtureExampleCase()] {
            func run<C: AssumptionCase>(_ c: C) {
                // declare no L and no m so that only the potential check can catch the sign
                let declared = DeclaredAssumptions(lipschitz: nil, stronglyLogConcave: nil, logSobolev: .unknown, dissipative: true)
                XCTAssertThrowsError(try MisdeclaredCase(c, declared: declared, flipSign: true).checkDeclarations()) { error in
                    guard case .driftNotMinusGradient = error as? DeclarationError else {
                        return XCTFail("\(c.name): expected driftNotMinusGradient, got \(error)")
                    }
                    XCTAssertTrue("\(error)".contains("sign error"), "\(error)")
                }
                XCTAssertNoThrow(try MisdeclaredCase(c, declared: declared).checkDeclarations(), c.name)
            }
            run(base)
        }
    }

    /// A drift whose dimension is not the case's is refused before anything is evaluated.
    func testDriftDimensionIsChecked() throws {
        let base = try GaussianMixtureCase(dimension: 2, separation: 2)
        let wrong = MisdeclaredCase(base, extraDimension: true)
        XCTAssertThrowsError(try wrong.checkDeclarations()) { error in
            XCTAssertEqual(error as? DeclarationError, .driftDimension(caseName: wrong.name, declared: 2, drift: 3))
        }
    }

    /// LSI constant vs the Bakry–Émery bound and vs L: λ > L is impossible; m > 0 with the LSI declared unknown
    /// contradicts Bakry–Émery; λ ∈ (0, L] with λ ≥ m is accepted; NaN and negative constants are refused.
    func testLogSobolevConstantIsCheckedAgainstBakryEmeryAndL() throws {
        let base = try IsotropicGaussianCase(dimension: 3, precision: 2)
        func declared(_ l: Double?, _ m: Double?, _ lsi: LogSobolevConstant) -> MisdeclaredCase<IsotropicGaussianCase> {
            MisdeclaredCase(base, declared: DeclaredAssumptions(lipschitz: l, stronglyLogConcave: m, logSobolev: lsi, dissipative: true))
        }
        XCTAssertThrowsError(try declared(2, 2, .known(3)).checkDeclarations()) { error in
            XCTAssertEqual(error as? DeclarationError, .logSobolevAboveLipschitz(caseName: "misdeclared-" + base.name, declared: 3, lipschitz: 2))
        }
        XCTAssertThrowsError(try declared(2, 2, .unknown).checkDeclarations()) { error in
            guard case .logSobolevBelowBakryEmery = error as? DeclarationError else { return XCTFail("\(error)") }
        }
        XCTAssertNoThrow(try declared(2, 2, .known(2)).checkDeclarations())
        XCTAssertNoThrow(try declared(2, 1, .holdsUnknownConstant).checkDeclarations(), "a weaker m is not a contradiction")
        for bad in [Double.nan, -1, 0, .infinity] {
            XCTAssertThrowsError(try declared(bad, nil, .unknown).checkDeclarations(), "L = \(bad)")
            XCTAssertThrowsError(try declared(2, bad, .known(1)).checkDeclarations(), "m = \(bad)")
            XCTAssertThrowsError(try declared(2, nil, .known(bad)).checkDeclarations(), "λ = \(bad)")
        }
    }

    /// The probe set is deterministic and scaled to the target (σ₀ = 1/√m when m is declared).
    func testProbeSetIsSeededAndScaled() throws {
        let narrow = try IsotropicGaussianCase(dimension: 2, precision: 100)
        let (a, _) = DeclarationCheck.probePoints(narrow)
        let (b, _) = DeclarationCheck.probePoints(narrow)
        XCTAssertEqual(a, b)
        let reach = a.map { $0.map(abs).max() ?? 0 }.max() ?? 0
        XCTAssertLessThanOrEqual(reach, 0.6, "probes within 4σ₀ = 0.4, exact draws within 6σ₀")
        XCTAssertGreaterThan(reach, 0.1)
    }
}

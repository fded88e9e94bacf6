import ReferenceLaws
import XCTest

/// PN-L07: adaptive quadrature (QAGS/QAG/QAGI*) of Swift closures against mpmath integrals
/// (quadrature.json), failure propagation (NaN, thrown errors, non-convergence), and the Gibbs
/// expectation ∫f e^{−F}/∫e^{−F} robust to shifts of F.
final class QuadratureTests: XCTestCase {
    private struct Marker: Error, Equatable { let tag: Int }

    private func integrand(_ name: String) -> ((Double) -> Double)? {
        switch name {
        case "x^-1/2 on [0,1]": return { 1 / $0.squareRoot() }
        case "log x on [0,1]": return { log($0) }
        case "exp(-x^2) on [0,inf)": return { exp(-$0 * $0) }
        case "1/(1+x^2) on (-inf,inf)": return { 1 / (1 + $0 * $0) }
        case "exp(x) on (-inf,0]": return { exp($0) }
        case "sin x on [0,pi]": return { sin($0) }
        case "x^2 exp(-x^2/2)/sqrt(2pi) on (-inf,inf)": return { $0 * $0 * exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() }
        default: return nil
        }
    }

    private func bound(_ text: String) -> Double {
        switch text {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "pi": return Double.pi
        default: return Double(text) ?? .nan
        }
    }

    func testPN_L07_KnownIntegralsAgainstMpmath() throws {
        for row in try ReferenceData.rows("quadrature.json", "integrals") {
            let name = row["name"] as? String ?? ""
            guard let f = integrand(name) else { XCTFail("no integrand for \(name)"); continue }
            let a = bound(row["a"] as? String ?? ""), b = bound(row["b"] as? String ?? "")
            let exact = row.double("value")
            // Requested relative tolerance 1e-10; QUADPACK's estimate is conservative, so the true error must lie
            // below both the request and the returned estimate (plus ε-level rounding of the reference).
            let result = try Quadrature.integrate(f, from: a, to: b, relativeTolerance: 1e-10)
            assertAbsolute(result.value, exact, 1e-10 * abs(exact), name)
            XCTAssertLessThanOrEqual(abs(result.value - exact), result.errorEstimate + 4 * eps * abs(exact),
                                     "\(name): error estimate \(result.errorEstimate) too small")
            XCTAssertGreaterThan(result.evaluations, 0)
        }
        let gauss61 = try Quadrature.integrate({ sin($0) }, from: 0, to: Double.pi, rule: .adaptive(points: 61))
        assertAbsolute(gauss61.value, 2, 1e-10 * 2, "QAG 61-point")
        XCTAssertEqual(try Quadrature.integrate({ $0 }, from: 3, to: 3).value, 0)
    }

    func testNaNOrInfiniteIntegrandThrowsWithThePoint() {
        XCTAssertThrowsError(try Quadrature.integrate({ $0 > 0.5 ? .nan : 1 }, from: 0, to: 1)) { error in
            guard case QuadratureError.integrandNotFinite(let x, let value) = error else { return XCTFail("\(error)") }
            XCTAssertGreaterThan(x, 0.5)
            XCTAssertTrue(value.isNaN)
        }
        XCTAssertThrowsError(try Quadrature.integrate({ $0 < -3 ? .infinity : exp(-$0 * $0) }, from: -.infinity, to: .infinity)) { error in
            guard case QuadratureError.integrandNotFinite(_, .infinity) = error else { return XCTFail("\(error)") }
        }
    }

    func testSwiftErrorInsideTheIntegrandIsRethrown() {
        XCTAssertThrowsError(try Quadrature.integrate({ x in if x > 0.25 { throw Marker(tag: 7) }; return x }, from: 0, to: 1)) { error in
            guard case QuadratureError.integrandThrew(let x, let underlying) = error else { return XCTFail("\(error)") }
            XCTAssertGreaterThan(x, 0.25)
            XCTAssertEqual(underlying as? Marker, Marker(tag: 7))
        }
    }

    func testNonConvergenceIsReported() {
        // ∫₀¹ dx/x diverges: QAGS reports divergence or round-off, never a number.
        XCTAssertThrowsError(try Quadrature.integrate({ 1 / $0 }, from: 0, to: 1)) { error in
            guard case QuadratureError.notConverged = error else { return XCTFail("\(error)") }
        }
        // An oscillatory integrand with a 1-interval budget cannot reach 1e-12.
        XCTAssertThrowsError(try Quadrature.integrate({ sin(200 * $0) }, from: 0, to: 10, relativeTolerance: 1e-12,
                                                      rule: .adaptive(points: 15), limit: 1)) { error in
            guard case QuadratureError.notConverged(let gsl, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertNotEqual(gsl.code, 0)
        }
    }

    func testInvalidIntervalsAndTolerancesThrow() {
        let cases: [(String, () throws -> QuadratureResult)] = [
            ("a > b", { try Quadrature.integrate({ $0 }, from: 1, to: 0) }),
            ("NaN end", { try Quadrature.integrate({ $0 }, from: .nan, to: 1) }),
            ("∞ to ∞", { try Quadrature.integrate({ $0 }, from: .infinity, to: .infinity) }),
            ("negative tolerance", { try Quadrature.integrate({ $0 }, from: 0, to: 1, absoluteTolerance: -1) }),
            ("zero tolerances", { try Quadrature.integrate({ $0 }, from: 0, to: 1, absoluteTolerance: 0, relativeTolerance: 0) }),
            ("NaN tolerance", { try Quadrature.integrate({ $0 }, from: 0, to: 1, relativeTolerance: .nan) }),
            ("bad rule", { try Quadrature.integrate({ $0 }, from: 0, to: 1, rule: .adaptive(points: 17)) }),
            ("limit 0", { try Quadrature.integrate({ $0 }, from: 0, to: 1, limit: 0) }),
        ]
        for (label, call) in cases {
            XCTAssertThrowsError(try call(), label) { error in
                switch error as? QuadratureError {
                case .invalidInterval?, .invalidTolerance?: break
                default: XCTFail("\(label): \(error)")
                }
            }
        }
    }

    func testPN_L07_GibbsExpectationsAgainstMpmath() throws {
        let cases: [String: ((Double) -> Double, (Double) -> Double)] = [
            "quartic x^2": ({ $0 * $0 * $0 * $0 / 4 }, { $0 * $0 }),
            "double well x": ({ ($0 * $0 - 1) * ($0 * $0 - 1) - $0 / 2 }, { $0 }),
            "double well tanh": ({ 2 * ($0 * $0 - 1) * ($0 * $0 - 1) }, { tanh($0 + 1.0 / 3) }),
            "skewed cosh": ({ log(cosh($0)) + $0 / 3 + $0 * $0 / 10 }, { $0 * $0 }),
        ]
        for row in try ReferenceData.rows("quadrature.json", "gibbs") {
            let name = row["name"] as? String ?? ""
            guard let (potential, f) = cases[name] else { XCTFail("no case \(name)"); continue }
            let expected = row.double("expectation"), logZ = row.double("log_normalizer")
            // Both integrals to relative 1e-10 → ratio to ≈ 2e-10 relative; logZ to ≈ 1e-10 absolute.
            let result = try Quadrature.gibbsExpectation(of: f, potential: potential, from: -.infinity, to: .infinity)
            assertAbsolute(result.value, expected, 1e-9 * max(1, abs(expected)), "E[f] \(name)")
            assertAbsolute(result.logNormalizer, logZ, 1e-9, "log Z \(name)")
            XCTAssertLessThanOrEqual(result.errorEstimate, 1e-8 * max(1, abs(expected)), name)
            // Shifting F by ±10⁴ changes nothing but log Z (naively e^{∓10⁴} over/underflows).
            for shift in [1e4, -1e4] {
                let shifted = try Quadrature.gibbsExpectation(of: f, potential: { potential($0) + shift },
                                                              from: -.infinity, to: .infinity)
                assertAbsolute(shifted.value, expected, 1e-9 * max(1, abs(expected)), "E[f] \(name) shifted by \(shift)")
                assertAbsolute(shifted.logNormalizer, logZ - shift, 1e-9 * max(1, abs(shift)), "log Z \(name) shifted by \(shift)")
            }
        }
    }

    func testGibbsExpectationOnAFiniteIntervalAndWithAGivenShift() throws {
        // π ∝ e^{−x} on [0, 1]: E[x] = (1 − 2/e)/(1 − 1/e), Z = 1 − 1/e.
        let expected = (1 - 2 / M_E) / (1 - 1 / M_E)
        let result = try Quadrature.gibbsExpectation(of: { $0 }, potential: { $0 }, from: 0, to: 1)
        assertRelative(result.value, expected, 1e-10, "truncated exponential mean")
        assertAbsolute(result.logNormalizer, log(1 - 1 / M_E), 1e-10, "log Z")
        // A badly chosen shift (far below min F) is detected and replaced.
        let given = try Quadrature.gibbsExpectation(of: { $0 }, potential: { $0 + 5000 }, from: 0, to: 1, shift: 0)
        assertRelative(given.value, expected, 1e-10, "with shift 0 for F ≥ 5000")
    }

    func testGibbsExpectationFailuresAreTyped() {
        XCTAssertThrowsError(try Quadrature.gibbsExpectation(of: { $0 }, potential: { $0 > 1 ? .nan : $0 * $0 },
                                                             from: -.infinity, to: .infinity)) { error in
            guard case QuadratureError.integrandNotFinite = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Quadrature.gibbsExpectation(of: { _ in throw Marker(tag: 1) }, potential: { $0 * $0 },
                                                             from: -.infinity, to: .infinity)) { error in
            guard case QuadratureError.integrandThrew(_, let underlying) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(underlying as? Marker, Marker(tag: 1))
        }
        XCTAssertThrowsError(try Quadrature.gibbsExpectation(of: { $0 }, potential: { $0 }, from: 1, to: 1)) { error in
            guard case QuadratureError.invalidInterval = error else { return XCTFail("\(error)") }
        }
    }
}

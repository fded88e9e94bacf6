// (f) Bad inputs: every public entry point rejects them with a typed error and one clear line
// (docs/testing-policy.md R25). Guards are NaN-proof.
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import XCTest

final class BadInputTests: XCTestCase {
    private let good = try! LinearDrift(precision: Matrix([[2, 0.3], [0.3, 1]]), mean: [0, 1])

    private func expect(_ expected: (ChainLawError) -> Bool, _ what: String, file: StaticString = #filePath, line: UInt = #line,
                        _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("\(what): no error thrown", file: file, line: line)
        } catch let error as ChainLawError {
            XCTAssertTrue(expected(error), "\(what): unexpected error \(error)", file: file, line: line)
            XCTAssertFalse(error.description.contains("\n"), "\(what): message is not one line", file: file, line: line)
            XCTAssertFalse(error.description.isEmpty, file: file, line: line)
        } catch {
            XCTFail("\(what): not a ChainLawError: \(error)", file: file, line: line)
        }
    }

    func testInvalidStep() {
        for eta in [0.0, -0.1, .nan, .infinity, -.infinity] {
            for scheme in [Scheme.lmc, .plmc(.finite(3)), .plmc(.infinite), .rlmc, .ulmc(friction: 1), .plmcULMC(friction: 1, .infinite)] {
                expect({ if case .invalidStep = $0 { return true } else { return false } }, "η = \(eta), \(scheme)") {
                    _ = try ChainLaw.stationary(scheme, eta: eta, drift: good)
                }
                let start = try! ChainMoments(pointMass: scheme.isUnderdamped ? [0, 0, 0, 0] : [0, 0])
                expect({ if case .invalidStep = $0 { return true } else { return false } }, "afterSteps η = \(eta), \(scheme)") {
                    _ = try ChainLaw.afterSteps(3, scheme, eta: eta, drift: good, from: start)
                }
                expect({ if case .invalidStep = $0 { return true } else { return false } }, "stabilityMargin η = \(eta), \(scheme)") {
                    _ = try ChainLaw.stabilityMargin(scheme, eta: eta, drift: good)
                }
            }
        }
    }

    func testInvalidMidpointCountAndFriction() {
        for k in [0, -1, Int.min] {
            expect({ $0 == .invalidMidpointCount(k) }, "K = \(k)") { _ = try ChainLaw.stationary(.plmc(.finite(k)), eta: 0.1, drift: good) }
            expect({ $0 == .invalidMidpointCount(k) }, "PLMC-ULMC K = \(k)") {
                _ = try ChainLaw.stationary(.plmcULMC(friction: 1, .finite(k)), eta: 0.1, drift: good)
            }
            expect({ $0 == .invalidMidpointCount(k) }, "scalar K = \(k)") {
                _ = try ScalarChainLaw.stationaryVarianceRatio(.plmc(.finite(k)), x: 0.1)
            }
        }
        expect({ if case .unsupported = $0 { return true } else { return false } }, "PLMC-ULMC huge K") {
            _ = try ChainLaw.stationary(.plmcULMC(friction: 1, .finite(Int.max)), eta: 0.1, drift: good)
        }
        for gamma in [0.0, -1, .nan, .infinity] {
            expect({ if case .invalidFriction = $0 { return true } else { return false } }, "γ = \(gamma)") {
                _ = try ChainLaw.stationary(.ulmc(friction: gamma), eta: 0.1, drift: good)
            }
            expect({ if case .invalidFriction = $0 { return true } else { return false } }, "PLMC-ULMC γ = \(gamma)") {
                _ = try ChainLaw.stationary(.plmcULMC(friction: gamma, .finite(2)), eta: 0.1, drift: good)
            }
        }
    }

    func testInvalidDrift() {
        let isInput: (ChainLawError) -> Bool = { if case .invalidInput = $0 { return true } else { return false } }
        expect(isInput, "non-symmetric A") { _ = try LinearDrift(precision: Matrix([[2, 0.3], [0.1, 1]]), mean: [0, 0]) }
        expect(isInput, "indefinite A") { _ = try LinearDrift(precision: Matrix([[1, 2], [2, 1]]), mean: [0, 0]) }
        expect(isInput, "singular A") { _ = try LinearDrift(precision: Matrix([[1, 1], [1, 1]]), mean: [0, 0]) }
        expect(isInput, "negative definite A") { _ = try LinearDrift(precision: Matrix([[-1.0]]), mean: [0]) }
        expect(isInput, "NaN in A") { _ = try LinearDrift(precision: Matrix([[1, .nan], [.nan, 1]]), mean: [0, 0]) }
        expect(isInput, "∞ in A") { _ = try LinearDrift(precision: Matrix([[.infinity]]), mean: [0]) }
        expect(isInput, "non-square A") { _ = try LinearDrift(precision: Matrix([[1, 0, 0], [0, 1, 0]]), mean: [0, 0]) }
        expect(isInput, "empty A") { _ = try LinearDrift(precision: Matrix(rows: 0, cols: 0), mean: []) }
        expect(isInput, "mean of wrong dimension") { _ = try LinearDrift(precision: Matrix([[1, 0], [0, 1]]), mean: [0]) }
        expect(isInput, "NaN in mean") { _ = try LinearDrift(precision: Matrix([[1, 0], [0, 1]]), mean: [0, .nan]) }
    }

    func testInvalidInitialLaw() {
        let isInput: (ChainLawError) -> Bool = { if case .invalidInput = $0 { return true } else { return false } }
        expect(isInput, "overdamped initial law of the underdamped size") {
            _ = try ChainLaw.afterSteps(2, .lmc, eta: 0.1, drift: good, from: try ChainMoments(pointMass: [0, 0, 0, 0]))
        }
        expect(isInput, "underdamped initial law of the overdamped size") {
            _ = try ChainLaw.afterSteps(2, .ulmc(friction: 1), eta: 0.1, drift: good, from: try ChainMoments(pointMass: [0, 0]))
        }
        expect(isInput, "indefinite initial covariance") {
            _ = try ChainLaw.afterSteps(2, .lmc, eta: 0.1, drift: good,
                                        from: try ChainMoments(mean: [0, 0], covariance: Matrix([[1, 2], [2, 1]])))
        }
        expect(isInput, "non-symmetric initial covariance") { _ = try ChainMoments(mean: [0, 0], covariance: Matrix([[1, 0.5], [0, 1]])) }
        expect(isInput, "NaN initial mean") { _ = try ChainMoments(mean: [0, .nan], covariance: .identity(2)) }
        expect(isInput, "mismatched initial mean") { _ = try ChainMoments(mean: [0], covariance: .identity(2)) }
        expect(isInput, "empty point mass") { _ = try ChainMoments(pointMass: []) }
        expect({ $0 == .invalidStepCount(-1) }, "n = −1") {
            _ = try ChainLaw.afterSteps(-1, .lmc, eta: 0.1, drift: self.good, from: try ChainMoments(pointMass: [0, 0]))
        }
    }

    func testScalarClosedFormArguments() {
        for x in [0.0, -0.5, .nan, .infinity] {
            expect({ if case .invalidParameter = $0 { return true } else { return false } }, "x = \(x)") {
                _ = try ScalarChainLaw.stationaryVarianceRatio(.lmc, x: x)
            }
        }
        expect({ if case .unsupported = $0 { return true } else { return false } }, "underdamped closed form") {
            _ = try ScalarChainLaw.stationaryVarianceRatio(.ulmc(friction: 1), x: 0.1)
        }
        expect({ if case .unstable = $0 { return true } else { return false } }, "x beyond x*") {
            _ = try ScalarChainLaw.stationaryVarianceRatio(.plmc(.infinite), x: 1.3)
        }
        expect({ if case .unsupported = $0 { return true } else { return false } }, "quadrature panels 0") {
            _ = try ChainQuadrature(panels: 0, nodesPerPanel: 10)
        }
        expect({ if case .unsupported = $0 { return true } else { return false } }, "quadrature nodes 1") {
            _ = try ChainQuadrature(panels: 2, nodesPerPanel: 1)
        }
    }

    /// Outside the stability region the stationary law is refused with a message naming the failed condition,
    /// the offending value and the stable range.
    func testUnstableMessagesNameTheCondition() throws {
        let drift = try LinearDrift(precision: Matrix([[1.6]]), mean: [0])      // η = 1 → ηλ_max = 1.6
        do {
            _ = try ChainLaw.stationary(.plmc(.finite(4)), eta: 1, drift: drift)
            XCTFail("PLMC(K=4) at ηλ = 1.6 must be unstable")
        } catch {
            guard case let .unstable(scheme, condition) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(scheme, "PLMC(K=4)")
            let text = error.description
            for piece in ["PLMC(K=4)", "E[β²] < 1", "ηλ_max = 1.6", "it is 1.2048", "stable iff ηλ_max < 1.52177", "η < 0.951104"] {
                XCTAssertTrue(text.contains(piece), "message lacks “\(piece)”: \(text)")
            }
            XCTAssertTrue(condition.contains("every eigenvalue"))
        }
        let unit = try LinearDrift(precision: Matrix([[1.0]]), mean: [0])
        do {
            _ = try ChainLaw.stationary(.ulmc(friction: 1), eta: 5, drift: unit)
            XCTFail("ULMC(γ=1) at η = 5 must be unstable")
        } catch {
            let text = error.description
            for piece in ["ULMC(γ=1.0)", "spectral radius ρ < 1", "at η = 5, λ = 1", "stable for η < 3.9223"] {
                XCTAssertTrue(text.contains(piece), "message lacks “\(piece)”: \(text)")
            }
        }
        let report = try ChainLaw.stabilityMargin(.plmc(.infinite), eta: 0.5, drift: drift)
        XCTAssertTrue(report.isStable)
        XCTAssertEqual(report.maxRadius, try ScalarChainLaw.secondMomentFactor(.plmc(.infinite), x: 0.8), accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(report.stableStepBound), try ScalarChainLaw.stabilityThreshold(.plmc(.infinite)) / 1.6, accuracy: 1e-15)
    }
}

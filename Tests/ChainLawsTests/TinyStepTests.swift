// Exact laws at tiny steps (PN-C10): the underdamped stationary laws used to solve (I − T)X = Q with T formed first,
// so I − T kept only ε/η of its digits (η = 1e-15: Var_x 0.571886 for A⁻¹'s 0.571429), and stability was decided by
// ρ < 1 with ρ rounding to 1 (tiny steps called unstable). Deterministic: no statistical level.
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import XCTest

final class TinyStepTests: XCTestCase {
    let matrix = try! Matrix([[2, 0.5], [0.5, 1]])
    let underdamped: [Scheme] = [.ulmc(friction: 1), .plmcULMC(friction: 1, .finite(4)), .plmcULMC(friction: 1.5, .infinite),
                                 .rlmcULMC(friction: 1)]
    let overdamped: [Scheme] = [.lmc, .plmc(.finite(4)), .plmc(.infinite), .rlmc]

    private func drift() throws -> LinearDrift { try LinearDrift(precision: matrix, mean: [1, -1]) }

    /// As η → 0 every chain's stationary law is the target: x-block A⁻¹, v-block I, cross terms 0 (the bias is O(η)).
    func testStationaryLawsTendToTheTargetAtTinySteps() throws {
        let inverse = try CholeskyFactor(matrix, what: "A").inverse
        for scheme in underdamped + overdamped {
            for eta in [1e-15, 1e-100, 1e-300] {
                let law = try ChainLaw.stationary(scheme, eta: eta, drift: try drift())
                let d = 2
                for i in 0..<d { for j in 0..<d {
                    XCTAssertEqual(law.covariance[i, j], inverse[i, j], accuracy: 1e-12, "\(scheme) η = \(eta): (\(i), \(j))")
                    if scheme.isUnderdamped {
                        XCTAssertEqual(law.covariance[d + i, d + j], i == j ? 1 : 0, accuracy: 1e-12, "\(scheme) η = \(eta): v")
                        XCTAssertEqual(law.covariance[i, d + j], 0, accuracy: 1e-12, "\(scheme) η = \(eta): x–v")
                    }
                } }
                XCTAssertEqual(Array(law.mean.prefix(2)), [1, -1])
            }
        }
    }

    /// ULMC's first-order bias, (Σ(η) − A⁻¹)/η, is the same at η = 10⁻⁷ and 10⁻⁹ (to O(η)) and agrees with the value at
    /// η = 10⁻⁴, where forming T first was still accurate to ~10⁻¹²; the cancelling solve gave a relative error ε/η², i.e.
    /// noise of order 1 in this quotient already at η = 10⁻⁸. PLMC-ULMC(∞)'s bias is O(η³): at η ≤ 10⁻⁵ its law is A⁻¹
    /// to 10⁻¹³; PLMC-ULMC(K) is ULMC(η/K)'s law to O(η³).
    func testFirstOrderBiasIsResolvedAtSmallSteps() throws {
        let inverse = try CholeskyFactor(matrix, what: "A").inverse
        func quotient(_ eta: Double) throws -> Double {
            let law = try ChainLaw.stationary(.ulmc(friction: 1), eta: eta, drift: try drift())
            return (law.covariance[0, 0] - inverse[0, 0]) / eta
        }
        let coarse = try quotient(1e-4), fine = try quotient(1e-7), finest = try quotient(1e-9)
        XCTAssertGreaterThan(abs(coarse), 1e-3, "ULMC has a first-order bias")
        XCTAssertEqual(fine, coarse, accuracy: 1e-3 * abs(coarse), "O(η) apart")
        XCTAssertEqual(finest, fine, accuracy: 1e-5 * abs(coarse), "O(η) apart, no ε/η noise")
        for eta in [1e-5, 1e-7, 1e-10] {
            let law = try ChainLaw.stationary(.plmcULMC(friction: 1, .infinite), eta: eta, drift: try drift())
            for i in 0..<2 { for j in 0..<2 {
                XCTAssertEqual(law.covariance[i, j], inverse[i, j], accuracy: 1e-13, "PLMC-ULMC(∞) η = \(eta)")
            } }
            // finite K approximates the fine chain ULMC(η/K) to O(η³), whose own bias is first order in η/K
            let finite = try ChainLaw.stationary(.plmcULMC(friction: 1, .finite(16)), eta: eta, drift: try drift())
            let fine = try ChainLaw.stationary(.ulmc(friction: 1), eta: eta / 16, drift: try drift())
            for i in 0..<4 { for j in 0..<4 {
                XCTAssertEqual(finite.covariance[i, j], fine.covariance[i, j], accuracy: 1e-13, "PLMC-ULMC(16) η = \(eta)")
            } }
        }
    }

    /// Tiny steps are stable (ρ rounds to 1 there, the margins do not); and wherever ρ is not within 10⁻⁹ of 1 the
    /// margins' decision agrees with ρ < 1, on a grid through each scheme's threshold.
    func testStabilityMarginsAgreeWithTheRadiusAndHoldAtTinySteps() throws {
        let drift = try drift()
        for scheme in underdamped + overdamped {
            for eta in [1e-17, 1e-200, 1e-307] {
                let report = try ChainLaw.stabilityMargin(scheme, eta: eta, drift: drift)
                XCTAssertTrue(report.isStable, "\(scheme) at η = \(eta): \(report)")
            }
            var agreed = 0
            for step in 1...60 {
                let eta = Double(step) * 0.05
                let report = try ChainLaw.stabilityMargin(scheme, eta: eta, drift: drift)
                let rho = report.maxRadius
                guard rho.isFinite, abs(rho - 1) > 1e-9 else { continue }
                XCTAssertEqual(report.isStable, rho < 1, "\(scheme) at η = \(eta): ρ = \(rho), margins \(report.margins)")
                agreed += 1
            }
            XCTAssertGreaterThan(agreed, 50, "\(scheme): most grid points are decided")
        }
    }

    /// Products ηλ that underflow (even to a subnormal or 0) are stable, with the right law; a subnormal η is refused,
    /// naming it; an overflowing ηλ is reported as overflow, never as "it is nan".
    func testExtremeScalesGiveRightLawsOrClearRefusals() throws {
        let tiny = try LinearDrift(precision: Matrix([[1e-23]]), mean: [0])
        for scheme in overdamped {
            let law = try ChainLaw.stationary(scheme, eta: 1e-300, drift: tiny)
            XCTAssertEqual(law.covariance[0, 0] / 1e23, 1, accuracy: 1e-12, "\(scheme)")
        }
        XCTAssertThrowsError(try ChainLaw.stationary(.ulmc(friction: 1), eta: Double.leastNormalMagnitude / 2, drift: tiny)) {
            XCTAssertTrue("\($0)".contains("subnormal"), "\($0)")
        }
        let huge = try LinearDrift(precision: Matrix([[1e300]]), mean: [0])
        XCTAssertThrowsError(try ChainLaw.stationary(.lmc, eta: 1e300, drift: huge)) {
            let text = "\($0)"
            XCTAssertTrue(text.contains("overflows"), text)
            XCTAssertFalse(text.lowercased().contains("nan") || text.contains(" inf"), text)
        }
        let report = try ChainLaw.stabilityMargin(.plmc(.infinite), eta: 2, drift: try drift())
        XCTAssertFalse(report.isStable)
        XCTAssertTrue(report.description.contains("stable iff ηλ_max < 1.21"), report.description)
    }
}

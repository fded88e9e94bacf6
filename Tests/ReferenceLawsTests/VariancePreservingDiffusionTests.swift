import DenseLinearAlgebra
import ReferenceLaws
import XCTest

/// PN-L06: VP diffusion marginals N(αμ₀, α²Σ₀ + (1 − α²)I) for Song et al.'s continuous and Ho et al.'s
/// discrete linear schedules, against mpmath (processes.json: α² by quadrature of β, ᾱ_n by the product).
final class VariancePreservingDiffusionTests: XCTestCase {
    private let data = { () -> GaussianLaw in
        try! GaussianLaw(mean: [2, -1], covariance: Matrix([[0.5, 0.2], [0.2, 3]]))
    }()

    private func assertMarginal(_ law: GaussianLaw, alphaSquared: Double, oneMinus: Double, _ tol: Double, _ label: String) {
        let alpha = alphaSquared.squareRoot()
        for i in 0..<2 {
            assertAbsolute(law.mean[i], alpha * data.mean[i], tol * 3, label + " mean[\(i)]")
            for j in 0..<2 {
                let expected = alphaSquared * data.covariance[i, j] + (i == j ? oneMinus : 0)
                assertAbsolute(law.covariance[i, j], expected, tol * 4, label + " Σ[\(i),\(j)]")
            }
        }
    }

    func testPN_L06_ContinuousScheduleAgainstMpmath() throws {
        let vp = VariancePreservingDiffusion.songContinuous
        for row in try ReferenceData.rows("processes.json", "vp_continuous") {
            let t = row.double("t")
            let alphaSquared = row.double("alpha_squared"), oneMinus = row.double("one_minus_alpha_squared")
            // log α² = −(β_min t + ½t²(β_max − β_min)) to a few ε relative; exp/expm1 add ε: 16ε.
            assertRelative(exp(try vp.logAlphaSquared(time: t)), alphaSquared, 16 * eps, "α²(\(t))")
            if oneMinus > 0 { assertRelative(-expm1(try vp.logAlphaSquared(time: t)), oneMinus, 16 * eps, "1 − α²(\(t))") }
            assertMarginal(try vp.marginal(from: data, time: t), alphaSquared: alphaSquared, oneMinus: oneMinus, 16 * eps,
                           "VP t = \(t)")
        }
        XCTAssertEqual(try vp.beta(at: 0.5), 0.1 + 0.5 * 19.9)
    }

    func testPN_L06_DiscreteScheduleAgainstMpmath() throws {
        let ddpm = VariancePreservingDiffusion.hoDiscrete
        for row in try ReferenceData.rows("processes.json", "vp_discrete") {
            let n = row.int("n")
            let alphaBar = row.double("alpha_bar"), oneMinus = row.double("one_minus_alpha_bar")
            // Σ log1p(−βᵢ) over ≤ 1000 terms: rounding ≤ n·ε in log ᾱ ≈ O(10) → absolute ≤ 1000·ε·|log ᾱ|
            // worst case; in practice errors cancel. Allow 1e-12 relative.
            assertRelative(exp(try ddpm.logAlphaBar(step: n)), alphaBar, 1e-12, "ᾱ_\(n)")
            if n >= 1 { assertRelative(try ddpm.beta(at: Double(n)), row.double("beta_n"), 2 * eps, "β_\(n)") }
            assertMarginal(try ddpm.marginal(from: data, step: n), alphaSquared: alphaBar, oneMinus: oneMinus, 1e-12, "DDPM n = \(n)")
        }
        XCTAssertEqual(try ddpm.beta(at: 1), 1e-4)
        XCTAssertEqual(try ddpm.beta(at: 1000), 0.02)
    }

    func testStartAndEndOfTheForwardProcess() throws {
        // t = 0 / n = 0: the data law itself, exactly.
        let start = try VariancePreservingDiffusion.songContinuous.marginal(from: data, time: 0)
        XCTAssertEqual(start.mean, data.mean)
        XCTAssertEqual(start.covariance, data.covariance)
        let start0 = try VariancePreservingDiffusion.hoDiscrete.marginal(from: data, step: 0)
        XCTAssertEqual(start0.covariance, data.covariance)
        // t = 1: α² = e^{−10.05} ≈ 4.3e-5, so the marginal is within KL ≈ α²·(…) of N(0, I); check KL < 1e-3.
        let end = try VariancePreservingDiffusion.songContinuous.marginal(from: data, time: 1)
        let standard = try GaussianLaw.standard(dimension: 2)
        let kl = try GaussianDistance.kullbackLeibler(end, standard)
        XCTAssertLessThan(kl, 1e-3)
        XCTAssertGreaterThan(kl, 0)
    }

    func testBadInputsAreTypedErrors() throws {
        func expectParameterError(_ body: @autoclosure () throws -> Any, _ label: String) {
            XCTAssertThrowsError(try body(), label) { error in
                guard case GaussianLawError.invalidParameter = error else { return XCTFail("\(label): \(error)") }
            }
        }
        let vp = VariancePreservingDiffusion.songContinuous, ddpm = VariancePreservingDiffusion.hoDiscrete
        for t in [-1e-9, 1.0000001, .nan, .infinity] {
            expectParameterError(try vp.marginal(from: data, time: t), "t = \(t)")
        }
        for n in [-1, 1001] { expectParameterError(try ddpm.marginal(from: data, step: n), "n = \(n)") }
        expectParameterError(try vp.logAlphaBar(step: 3), "step on a continuous schedule")
        expectParameterError(try ddpm.logAlphaSquared(time: 0.5), "time on a discrete schedule")
        expectParameterError(try ddpm.beta(at: 2.5), "fractional step")
        expectParameterError(try VariancePreservingDiffusion(schedule: .continuousLinear(betaMin: -0.1, betaMax: 20)), "βmin < 0")
        expectParameterError(try VariancePreservingDiffusion(schedule: .continuousLinear(betaMin: 5, betaMax: 1)), "βmax < βmin")
        expectParameterError(try VariancePreservingDiffusion(schedule: .continuousLinear(betaMin: 0.1, betaMax: .nan)), "βmax NaN")
        expectParameterError(try VariancePreservingDiffusion(schedule: .discreteLinear(first: 0, last: 0.02, steps: 10)), "β₁ = 0")
        expectParameterError(try VariancePreservingDiffusion(schedule: .discreteLinear(first: 1e-4, last: 1, steps: 10)), "β_N = 1")
        expectParameterError(try VariancePreservingDiffusion(schedule: .discreteLinear(first: 1e-4, last: 0.02, steps: 1)), "N = 1")
    }
}

import ReferenceLaws
import XCTest

/// Weighted least squares (gsl_fit_wlinear): exact data, the closed-form estimates and covariance
/// (normal equations written out here independently), interval quantiles, and bad inputs.
final class WeightedLinearFitTests: XCTestCase {
    func testExactLineIsRecovered() throws {
        let x = [0.5, 1, 2, 4, 8], w = [1, 2, 0.5, 4, 1.0]
        let y = x.map { 2 - 3 * $0 }
        let fit = try WeightedLinearFit(x: x, y: y, weights: w)
        // Exact data: the only error is round-off in the weighted sums (≈ nε·|y|max): 64ε·24.
        assertAbsolute(fit.intercept, 2, 64 * eps * 24, "intercept")
        assertAbsolute(fit.slope, -3, 64 * eps * 24, "slope")
        XCTAssertLessThanOrEqual(fit.chiSquared, 1e-25)
        XCTAssertEqual(fit.effectiveCount, 5)
        assertAbsolute(fit.predict(10), -28, 64 * eps * 240, "prediction")
    }

    func testEstimatesAndCovarianceMatchTheClosedForm() throws {
        let x = [-1.0, 0, 1.5, 2, 3.5, 5], w = [0.5, 1, 2, 1, 0.25, 3]
        let y = [1.2, 0.1, -2.9, -3.3, -6.8, -9.4]
        let fit = try WeightedLinearFit(x: x, y: y, weights: w)
        // W = Σw, x̄ = Σwx/W, ȳ = Σwy/W, D = Σw(x − x̄)²: c₁ = Σw(x − x̄)(y − ȳ)/D, c₀ = ȳ − c₁x̄,
        // var c₁ = 1/D, var c₀ = 1/W + x̄²/D, cov = −x̄/D, χ² = Σw(y − c₀ − c₁x)².
        let sw = w.reduce(0, +)
        let xbar = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } / sw
        let ybar = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / sw
        var dxx = 0.0, dxy = 0.0
        for i in x.indices { dxx += w[i] * (x[i] - xbar) * (x[i] - xbar); dxy += w[i] * (x[i] - xbar) * (y[i] - ybar) }
        let c1 = dxy / dxx, c0 = ybar - c1 * xbar
        var chi = 0.0
        for i in x.indices { chi += w[i] * (y[i] - c0 - c1 * x[i]) * (y[i] - c0 - c1 * x[i]) }
        // Same centred algorithm in both: agreement to a few ε of the largest term (the intercept ȳ − c₁x̄ is a
        // difference of terms ≈ 3 giving ≈ −0.06, so its error is bounded relative to |ȳ| + |c₁x̄|).
        assertRelative(fit.slope, c1, 64 * eps, "slope")
        assertAbsolute(fit.intercept, c0, 64 * eps * (abs(ybar) + abs(c1 * xbar)), "intercept")
        assertRelative(fit.cov11, 1 / dxx, 64 * eps, "cov11")
        assertRelative(fit.cov00, 1 / sw + xbar * xbar / dxx, 64 * eps, "cov00")
        assertRelative(fit.cov01, -xbar / dxx, 64 * eps, "cov01")
        assertRelative(fit.chiSquared, chi, 1e-12, "χ² (a small difference of residuals)")
    }

    func testSlopeIntervalsUseTheNormalOrStudentQuantile() throws {
        let x = [1.0, 2, 3, 4, 5], y = [1.1, 1.9, 3.2, 3.9, 5.05], w = [1.0, 1, 1, 1, 1]
        let fit = try WeightedLinearFit(x: x, y: y, weights: w)
        // Known variances: half-width z_{0.975}·√cov11, z_{0.975} = 1.959963984540054 (Φ⁻¹ table value).
        let known = try fit.slopeInterval(level: 0.95)
        assertRelative(known.upper - fit.slope, 1.959963984540054 * fit.cov11.squareRoot(), 1e-14, "normal half-width")
        assertRelative(fit.slope - known.lower, 1.959963984540054 * fit.cov11.squareRoot(), 1e-14, "symmetric")
        // Scaled by residuals: t_{0.975, 3} = 3.182446305284263 (Student t table), cov × χ²/(n − 2). The χ² of
        // these nearly linear data (≈ 0.03 against Σy² ≈ 56) carries relative round-off ≈ 2000ε, halved by √: 1e-12.
        let scaled = try fit.slopeInterval(level: 0.95, errorModel: .scaledByResiduals)
        assertRelative(scaled.upper - fit.slope, 3.182446305284263 * (fit.cov11 * fit.chiSquared / 3).squareRoot(), 1e-12,
                       "t half-width")
        XCTAssertTrue(scaled.contains(fit.slope))
        let byAlpha = try fit.slopeInterval(alpha: 0.05)
        assertRelative(byAlpha.width, known.width, 1e-14, "alpha vs level")
        let intercept = try fit.interceptInterval(alpha: 0.05)
        assertRelative(intercept.width, 2 * 1.959963984540054 * fit.cov00.squareRoot(), 1e-14, "intercept interval")
    }

    func testBadInputsAreTypedErrors() throws {
        func expectInvalid(_ body: @autoclosure () throws -> Any, _ label: String) {
            XCTAssertThrowsError(try body(), label) { error in
                guard case LinearFitError.invalidInput = error else { return XCTFail("\(label): \(error)") }
            }
        }
        func expectDegenerate(_ body: @autoclosure () throws -> Any, _ label: String) {
            XCTAssertThrowsError(try body(), label) { error in
                guard case LinearFitError.degenerate = error else { return XCTFail("\(label): \(error)") }
            }
        }
        expectInvalid(try WeightedLinearFit(x: [1, 2, 3], y: [1, 2], weights: [1, 1, 1]), "y length")
        expectInvalid(try WeightedLinearFit(x: [1, 2, 3], y: [1, 2, 3], weights: [1, 1]), "weights length")
        expectInvalid(try WeightedLinearFit(x: [1, .nan, 3], y: [1, 2, 3]), "NaN x")
        expectInvalid(try WeightedLinearFit(x: [1, 2, 3], y: [1, .infinity, 3]), "∞ y")
        expectInvalid(try WeightedLinearFit(x: [1, 2, 3], y: [1, 2, 3], weights: [1, -1, 1]), "negative weight")
        expectInvalid(try WeightedLinearFit(x: [1, 2, 3], y: [1, 2, 3], weights: [1, .nan, 1]), "NaN weight")
        expectDegenerate(try WeightedLinearFit(x: [1], y: [1]), "one point")
        expectDegenerate(try WeightedLinearFit(x: [2, 2, 2], y: [1, 2, 3]), "equal x")
        expectDegenerate(try WeightedLinearFit(x: [1, 2, 3], y: [1, 2, 3], weights: [1, 0, 0]), "one weighted point")
        let fit = try WeightedLinearFit(x: [1, 2], y: [1, 3])
        for bad in [0.0, 1, -0.1, .nan] {
            expectInvalid(try fit.slopeInterval(level: bad), "level \(bad)")
            expectInvalid(try fit.slopeInterval(alpha: bad), "alpha \(bad)")
        }
        expectInvalid(try fit.slopeInterval(alpha: 0.05, errorModel: .scaledByResiduals), "scaled with n = 2")
    }
}

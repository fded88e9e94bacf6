import DenseLinearAlgebra
import Randomness
import ReferenceLaws
import VerificationTestSupport
import XCTest

/// `GaussianLaw`: validation (each rejection a typed error), log-density against the explicit 2×2 formula,
/// sampling through the Cholesky factor, marginals.
final class GaussianLawTests: XCTestCase {
    private func assertMatrixError(_ body: @autoclosure () throws -> Any, _ label: String,
                                   file: StaticString = #filePath, line: UInt = #line,
                                   _ check: (MatrixError) -> Bool) {
        XCTAssertThrowsError(try body(), label, file: file, line: line) { error in
            guard case GaussianLawError.matrix(let inner) = error, check(inner) else {
                return XCTFail("\(label): unexpected error \(error)", file: file, line: line)
            }
        }
    }

    func testValidationRejectsEveryBadCovarianceWithATypedError() throws {
        assertMatrixError(try GaussianLaw(mean: [0, 0], covariance: Matrix([[1, .nan], [.nan, 1]])), "NaN entry") {
            if case .nonFinite = $0 { return true } else { return false }
        }
        assertMatrixError(try GaussianLaw(mean: [0, 0], covariance: Matrix([[.infinity, 0], [0, 1]])), "∞ entry") {
            if case .nonFinite = $0 { return true } else { return false }
        }
        assertMatrixError(try GaussianLaw(mean: [0, 0], covariance: Matrix([[1, 0.5], [0.4, 1]])), "non-symmetric") {
            if case .notSymmetric(_, 0, 1, _, _) = $0 { return true } else { return false }
        }
        assertMatrixError(try GaussianLaw(mean: [0, 0], covariance: Matrix([[1, 2], [2, 1]])), "indefinite") {
            if case .notPositiveDefinite(let what, _) = $0 { return what == "covariance" } else { return false }
        }
        assertMatrixError(try GaussianLaw(mean: [0, 0], covariance: Matrix([[1, 1], [1, 1]])), "singular") {
            if case .notPositiveDefinite = $0 { return true } else { return false }
        }
        assertMatrixError(try GaussianLaw(mean: [0, 0, 0], covariance: .identity(2)), "mean dimension") {
            $0 == .dimensionMismatch(what: "mean", expected: 2, got: 3)
        }
        assertMatrixError(try GaussianLaw(mean: [0, .nan], covariance: .identity(2)), "NaN mean") {
            if case .nonFinite(let what, 1, _, _) = $0 { return what == "mean" } else { return false }
        }
        assertMatrixError(try GaussianLaw(mean: [0, 0], covariance: Matrix(rows: 2, cols: 3)), "not square") {
            if case .notSquare = $0 { return true } else { return false }
        }
        assertMatrixError(try GaussianLaw(mean: [], covariance: Matrix(rows: 0, cols: 0)), "empty") {
            if case .empty = $0 { return true } else { return false }
        }
        XCTAssertThrowsError(try GaussianLaw.standard(dimension: 0)) { error in
            guard case GaussianLawError.invalidParameter = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try GaussianLaw(mean: 0, variance: -1))
    }

    func testAsymmetryWithinToleranceIsAcceptedAndSymmetrised() throws {
        // |Σ₁₂ − Σ₂₁| = 1e-12 ≤ symmetryTolerance (1e-10) × max(1, 2).
        let law = try GaussianLaw(mean: [0, 0], covariance: Matrix([[2, 0.3 + 1e-12], [0.3, 1]]))
        XCTAssertEqual(law.covariance[0, 1], law.covariance[1, 0])
    }

    func testLogDensityMatchesTheExplicitTwoByTwoFormula() throws {
        let (s11, s12, s22) = (2.0, 0.6, 0.5)
        let mean = [1.0, -2.0]
        let law = try GaussianLaw(mean: mean, covariance: Matrix([[s11, s12], [s12, s22]]))
        let det = s11 * s22 - s12 * s12
        for x in [[1.0, -2.0], [0.0, 0.0], [3.5, -1.25], [-4, 7]] {
            let (u, v) = (x[0] - mean[0], x[1] - mean[1])
            let quadratic = (s22 * u * u - 2 * s12 * u * v + s11 * v * v) / det
            let expected = -0.5 * quadratic - 0.5 * log(det) - log(2 * Double.pi)
            // Cholesky solve vs explicit inverse: both O(κε) with κ = cond(Σ) ≈ 11; 64ε relative on |log p| ≥ 1.
            assertRelative(try law.logDensity(x), expected, 64 * eps, "log p(\(x))")
            assertRelative(try law.density(x), exp(expected), 64 * eps * max(1, abs(expected)), "p(\(x))")
        }
        let standard = try GaussianLaw.standard(dimension: 4)
        assertRelative(try standard.density([0, 0, 0, 0]), 1 / (4 * Double.pi * Double.pi), 4 * eps, "(2π)^{-2}")
        XCTAssertThrowsError(try law.logDensity([1, 2, 3]))
        XCTAssertThrowsError(try law.logDensity([1, .nan]))
    }

    func testSampleIsMeanPlusCholeskyFactorTimesTheGeneratorsNormals() throws {
        // Textbook factorisation: [[4,12,−16],[12,37,−43],[−16,−43,98]] = L Lᵀ, L = [[2,0,0],[6,1,0],[−8,5,3]].
        let law = try GaussianLaw(mean: [1, 2, 3], covariance: Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]]))
        let seed = testSeed("GaussianLawTests.testSampleIsMeanPlusCholeskyFactorTimesTheGeneratorsNormals")
        var generator = Xoshiro256StarStar(seed: seed)
        var replica = Xoshiro256StarStar(seed: seed)
        for _ in 0..<20 {
            let x = law.sample(using: &generator)
            let z = (0..<3).map { _ in replica.nextStandardNormal() }
            let expected = [1 + 2 * z[0], 2 + 6 * z[0] + z[1], 3 - 8 * z[0] + 5 * z[1] + 3 * z[2]]
            for i in 0..<3 { assertAbsolute(x[i], expected[i], 64 * eps * (1 + abs(expected[i])), "coordinate \(i), seed \(seed)") }
        }
    }

    func testSampledProjectionPassesADKWBandAtLevel1e9() throws {
        // Statistical check (ledger "RL.gaussian.sample-dkw", α = 1e-9, DKW–Massart: guaranteed level for every n):
        // the standardised projection wᵀ(X − μ)/√(wᵀΣw) of n = 20 000 draws must have sup|Fₙ − Φ| ≤ ε_DKW =
        // √(ln(2/α)/(2n)) ≈ 0.0231, i.e. the DKW interval at the point of the largest deviation contains Φ there.
        // Power: a wrong factor (e.g. Lᵀ instead of L) changes the projection's variance by far more than the band.
        // (The method name keeps its historical "1e9": it is the test id, which seeds the test.)
        let budgetID = "RL.gaussian.sample-dkw"
        let context = try TestContext(self)
        let law = try GaussianLaw(mean: [0.5, -1, 2], covariance: Matrix([[2, 0.8, -0.3], [0.8, 1, 0.2], [-0.3, 0.2, 0.5]]))
        let w = [0.3, -1.1, 0.7]
        var sd = 0.0
        for i in 0..<3 { for j in 0..<3 { sd += w[i] * law.covariance[i, j] * w[j] } }
        sd = sd.squareRoot()
        var generator = context.makeGenerator()
        let n = 20_000, alpha = StatisticalBudget.level(of: budgetID)
        var values = (0..<n).map { _ -> Double in
            let x = law.sample(using: &generator)
            return (0..<3).reduce(0) { $0 + w[$1] * (x[$1] - law.mean[$1]) } / sd
        }
        values.sort()
        // The largest |Fₙ − Φ| over the jump points (Fₙ just after and just before each order statistic).
        var worst = (sup: -1.0, x: 0.0, empirical: 0.0, exact: 0.0)
        for (k, v) in values.enumerated() {
            let f = try StandardNormal.cdf(v)
            for empirical in [Double(k + 1) / Double(n), Double(k) / Double(n)] where abs(empirical - f) > worst.sup {
                worst = (abs(empirical - f), v, empirical, f)
            }
        }
        let interval = try StatisticalInterval.dkw(
            statistic: "Fₙ at x = \(worst.x), the point of sup|Fₙ − Φ| = \(worst.sup)", empiricalCDF: worst.empirical,
            n: n, alpha: alpha)
        assertInterval(interval, contains: worst.exact, budgetID: budgetID, context: context)
        // The band is ReferenceLaws' DKW–Massart ε = √(ln(2/α)/(2n)) at the same level.
        XCTAssertEqual(try dkwHalfWidth(n: n, alpha: alpha), try Kolmogorov.dkwEpsilon(n: n, alpha: alpha), accuracy: 1e-15)
    }

    func testMarginals() throws {
        let law = try GaussianLaw(mean: [1, -2], covariance: Matrix([[4, 1], [1, 9]]))
        XCTAssertEqual(try law.marginal(1), try Normal(mean: -2, standardDeviation: 3))
        assertRelative(try law.marginalCDF(coordinate: 0, at: 3), try StandardNormal.cdf(1), 2 * eps, "P(X₁ ≤ μ₁ + σ₁)")
        XCTAssertEqual(try law.marginalCDF(coordinate: 1, at: -2), 0.5)
        XCTAssertThrowsError(try law.marginalCDF(coordinate: 2, at: 0)) { error in
            guard case GaussianLawError.invalidParameter(let name, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "coordinate")
        }
        XCTAssertThrowsError(try law.marginalCDF(coordinate: -1, at: 0))
        XCTAssertThrowsError(try law.marginalCDF(coordinate: 0, at: .nan))
    }
}

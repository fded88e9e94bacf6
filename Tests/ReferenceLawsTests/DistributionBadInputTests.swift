import ReferenceLaws
import XCTest

/// Every rejection class of the distribution wrappers is a thrown `GSLError` with code GSL_EDOM (1),
/// never a trap or a silent NaN.
final class DistributionBadInputTests: XCTestCase {
    private let edom: Int32 = 1

    private func assertDomainError<T>(_ body: @autoclosure () throws -> T, _ label: String,
                                      file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), label, file: file, line: line) { error in
            guard let gsl = error as? GSLError else { return XCTFail("\(label): expected GSLError, got \(error)", file: file, line: line) }
            XCTAssertEqual(gsl.code, self.edom, "\(label): \(gsl)", file: file, line: line)
        }
    }

    func testNaNArgumentsThrow() {
        assertDomainError(try StandardNormal.cdf(.nan), "Φ(NaN)")
        assertDomainError(try StandardNormal.survival(.nan), "Q(NaN)")
        assertDomainError(try StandardNormal.pdf(.nan), "φ(NaN)")
        assertDomainError(try StandardNormal.logPDF(.nan), "log φ(NaN)")
        assertDomainError(try StandardNormal.quantile(.nan), "Φ⁻¹(NaN)")
        assertDomainError(try StandardNormal.mass(from: .nan, to: 1), "mass(NaN, 1)")
        assertDomainError(try StandardNormal.centralMass(.nan), "centralMass(NaN)")
        assertDomainError(try ChiSquared(degreesOfFreedom: 3).cdf(.nan), "χ² cdf(NaN)")
        assertDomainError(try StudentT(degreesOfFreedom: 3).cdf(.nan), "t cdf(NaN)")
        assertDomainError(try BetaDistribution(a: 2, b: 2).cdf(.nan), "Beta cdf(NaN)")
        assertDomainError(try Kolmogorov.survival(.nan), "Q_K(NaN)")
        assertDomainError(try Kolmogorov.cdf(.nan), "K(NaN)")
    }

    func testProbabilitiesOutsideTheUnitIntervalThrow() {
        for p in [-0.1, 1.5, .nan, .infinity, -.infinity] {
            assertDomainError(try StandardNormal.quantile(p), "Φ⁻¹(\(p))")
            assertDomainError(try StandardNormal.upperQuantile(p), "upper Φ⁻¹(\(p))")
            assertDomainError(try ChiSquared(degreesOfFreedom: 2).quantile(p), "χ² quantile(\(p))")
            assertDomainError(try ChiSquared(degreesOfFreedom: 2).upperQuantile(p), "χ² upper quantile(\(p))")
            assertDomainError(try StudentT(degreesOfFreedom: 2).quantile(p), "t quantile(\(p))")
            assertDomainError(try BetaDistribution(a: 1, b: 2).quantile(p), "Beta quantile(\(p))")
            assertDomainError(try Kolmogorov.quantile(p), "Kolmogorov quantile(\(p))")
            assertDomainError(try Kolmogorov.upperQuantile(p), "Kolmogorov upper quantile(\(p))")
            assertDomainError(try Normal(mean: 0, standardDeviation: 1).quantile(p), "N quantile(\(p))")
        }
    }

    func testBadParametersThrow() {
        for bad in [0.0, -1.0, .nan, .infinity] {
            assertDomainError(try Normal(mean: 0, standardDeviation: bad), "σ = \(bad)")
            assertDomainError(try Normal(mean: 0, variance: bad), "σ² = \(bad)")
            assertDomainError(try ChiSquared(degreesOfFreedom: bad), "k = \(bad)")
            assertDomainError(try StudentT(degreesOfFreedom: bad), "ν = \(bad)")
            assertDomainError(try BetaDistribution(a: bad, b: 1), "a = \(bad)")
            assertDomainError(try BetaDistribution(a: 1, b: bad), "b = \(bad)")
        }
        for mean in [Double.nan, .infinity, -.infinity] {
            assertDomainError(try Normal(mean: mean, standardDeviation: 1), "μ = \(mean)")
        }
    }

    func testBadClopperPearsonAndDKWInputsThrow() {
        assertDomainError(try BetaDistribution.clopperPearson(successes: 1, trials: 0, alpha: 0.05), "n = 0")
        assertDomainError(try BetaDistribution.clopperPearson(successes: -1, trials: 5, alpha: 0.05), "x = −1")
        assertDomainError(try BetaDistribution.clopperPearson(successes: 6, trials: 5, alpha: 0.05), "x > n")
        for alpha in [0.0, 1.0, -0.5, .nan] {
            assertDomainError(try BetaDistribution.clopperPearson(successes: 2, trials: 5, alpha: alpha), "α = \(alpha)")
            assertDomainError(try clopperPearson(successes: 2, trials: 5, level: alpha), "level = \(alpha)")
        }
        assertDomainError(try Kolmogorov.dkwEpsilon(n: 0, alpha: 0.05), "DKW n = 0")
        for alpha in [0.0, -1, 1.5, .nan] {
            assertDomainError(try Kolmogorov.dkwEpsilon(n: 10, alpha: alpha), "DKW α = \(alpha)")
        }
    }

    func testInfiniteArgumentsAreLimitsNotErrors() throws {
        XCTAssertEqual(try StandardNormal.cdf(.infinity), 1)
        XCTAssertEqual(try StandardNormal.cdf(-.infinity), 0)
        XCTAssertEqual(try StandardNormal.pdf(.infinity), 0)
        XCTAssertEqual(try StandardNormal.pdf(1e200), 0, "x² overflows: density underflows, no NaN")
        XCTAssertEqual(try StandardNormal.pdf(-40), 0, "underflow is quiet (GSL's erf_Z would report it)")
        XCTAssertEqual(try StandardNormal.quantile(0), -.infinity)
        XCTAssertEqual(try StandardNormal.quantile(1), .infinity)
        XCTAssertEqual(try ChiSquared(degreesOfFreedom: 4).quantile(1), .infinity)
        XCTAssertEqual(try BetaDistribution(a: 2, b: 5).quantile(0), 0)
        XCTAssertEqual(try BetaDistribution(a: 2, b: 5).quantile(1), 1)
    }
}

import ReferenceLaws
import XCTest

/// The Kolmogorov limit law and the DKW–Massart envelope against mpmath (`distributions.json`) and
/// closed forms.
final class KolmogorovTests: XCTestCase {
    func testSurvivalAndCDFAgainstMpmath() throws {
        var worst = 0.0
        for row in try ReferenceData.rows("distributions.json", "kolmogorov") {
            let lambda = row.double("lambda")
            let survival = try Kolmogorov.survival(lambda), cdf = try Kolmogorov.cdf(lambda)
            // Both series are summed to a 1e-17 relative truncation and each term is exp of a rounded argument
            // (argument rounding ≈ |2k²λ²|ε, up to ≈ 72ε at λ = 6, where Q ≈ 1e-31; measured worst 23ε):
            // 128ε relative on the small side. The large side (1 − small) inherits absolute error ≤ 2ε.
            let smallSide = min(row.double("survival"), row.double("cdf"))
            let computedSmall = row.double("survival") <= row.double("cdf") ? survival : cdf
            let relative = abs(computedSmall - smallSide) / smallSide
            worst = max(worst, relative)
            XCTAssertLessThanOrEqual(relative, 128 * eps, "small side at λ = \(lambda)")
            assertAbsolute(survival + cdf, 1, 4 * eps, "Q + K = 1 at λ = \(lambda)")
            assertAbsolute(survival, row.double("survival"), 4 * eps, "survival at λ = \(lambda)")
        }
        print("Kolmogorov: worst small-side relative error \(worst / eps)ε")
    }

    func testQuantilesAgainstMpmath() throws {
        for row in try ReferenceData.rows("distributions.json", "kolmogorov_quantile") {
            let p = row.double("p")
            // Newton on K to 2ε in λ; the CDF error (≤ 128ε relative on the small side) moves λ by
            // δK/(λ K′) — at most a few hundred ε for these p: 1024ε relative.
            assertRelative(try Kolmogorov.quantile(p), row.double("quantile"), 1024 * eps, "quantile(\(p))")
        }
        for row in try ReferenceData.rows("distributions.json", "kolmogorov_upper_quantile") {
            let q = row.double("q")
            assertRelative(try Kolmogorov.upperQuantile(q), row.double("upper_quantile"), 1024 * eps, "upperQuantile(\(q))")
        }
        // Classical table value: the 95% point of the Kolmogorov law is 1.3580986 (Smirnov 1948, 7 digits).
        assertAbsolute(try Kolmogorov.quantile(0.95), 1.3580986, 1e-7, "K_0.95")
        XCTAssertEqual(try Kolmogorov.quantile(0), 0)
        XCTAssertEqual(try Kolmogorov.quantile(1), .infinity)
        XCTAssertEqual(try Kolmogorov.upperQuantile(0), .infinity)
    }

    func testSurvivalEdgesAndDensity() throws {
        XCTAssertEqual(try Kolmogorov.survival(0), 1)
        XCTAssertEqual(try Kolmogorov.survival(-3), 1)
        XCTAssertEqual(try Kolmogorov.cdf(-1), 0)
        XCTAssertEqual(try Kolmogorov.survival(.infinity), 0)
        // K′ by central differences at a few points (step 1e-5: truncation ~1e-10·|K‴|, round-off ~1e-11).
        for lambda in [0.4, 0.8, 0.99, 1.01, 1.5] {
            let h = 1e-5
            let numeric = (try Kolmogorov.cdf(lambda + h) - Kolmogorov.cdf(lambda - h)) / (2 * h)
            assertAbsolute(try Kolmogorov.pdf(lambda), numeric, 1e-8, "pdf at \(lambda)")
        }
    }

    func testDKWEpsilonIsTheMassartFormula() throws {
        // ε = √(ln(2/α)/(2n)): hand values. n = 1, α = 2/e → ε = √(1/2); n = 50, α = 2e^{-1} → √(1/100) = 0.1.
        assertRelative(try Kolmogorov.dkwEpsilon(n: 1, alpha: 2 / M_E), 0.5.squareRoot(), 2 * eps, "n=1")
        assertRelative(try Kolmogorov.dkwEpsilon(n: 50, alpha: 2 / M_E), 0.1, 4 * eps, "n=50")
        assertRelative(try Kolmogorov.dkwEpsilon(n: 10_000, alpha: 1e-9), (log(2e9) / 20_000).squareRoot(), 4 * eps, "α=1e-9")
        // The envelope dominates the asymptotic Kolmogorov quantile: √n·ε ≥ Q⁻¹(α) since 2e^{−2λ²} ≥ Q(λ).
        for alpha in [0.5, 0.05, 1e-9] {
            let n = 400
            XCTAssertGreaterThanOrEqual(try Kolmogorov.dkwEpsilon(n: n, alpha: alpha) * Double(n).squareRoot(),
                                        try Kolmogorov.upperQuantile(alpha), "α = \(alpha)")
        }
    }
}

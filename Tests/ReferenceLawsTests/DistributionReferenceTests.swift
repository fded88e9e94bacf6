import ReferenceLaws
import XCTest

/// GSL-backed distribution functions against mpmath values (50 digits, rounded to double) in
/// `data/reference/laws/distributions.json`.
///
/// Tolerances are relative, in multiples of ε = 2⁻⁵². GSL's normal functions are built from the
/// Cody rational approximations (documented ≈ 1e-16 relative) and its incomplete gamma/beta from
/// continued fractions; quantiles are polished by Newton steps on those CDFs, so their relative error is
/// the CDF error divided by the local elasticity |x f(x)/F(x)|. The bounds below are the measured worst
/// case (printed by each test; at the time of writing: normal ≤ 4.3ε, χ² ≤ 25ε, t ≤ 30ε, Beta ≤ 58ε)
/// rounded up to a power of two with at least 2× margin.
final class DistributionReferenceTests: XCTestCase {
    private func worst(_ pairs: [(Double, Double, String)]) -> (Double, String) {
        var worst = (0.0, "")
        for (actual, expected, label) in pairs {
            // Relative error; absolute where the reference is ≈ 0 (the median quantile Φ⁻¹(½) = 0).
            let error = abs(expected) < 1e-15 ? abs(actual - expected) : abs(actual - expected) / abs(expected)
            if !(error <= worst.0) { worst = (error, label) }
        }
        return worst
    }

    func testStandardNormalAgainstMpmath() throws {
        var pdf: [(Double, Double, String)] = [], cdf = pdf, survival = pdf, central = pdf
        for row in try ReferenceData.rows("distributions.json", "normal") {
            let x = row.double("x")
            // Below 2.2e-308 the reference is subnormal and relative accuracy is meaningless: skip x = −38.
            if row.double("cdf") < Double.leastNormalMagnitude { continue }
            pdf.append((try StandardNormal.pdf(x), row.double("pdf"), "pdf(\(x))"))
            cdf.append((try StandardNormal.cdf(x), row.double("cdf"), "cdf(\(x))"))
            survival.append((try StandardNormal.survival(-x), row.double("cdf"), "survival(\(-x))"))
            central.append((try StandardNormal.centralMass(abs(x)), row.double("central_mass"), "centralMass(\(abs(x)))"))
        }
        let (pdfError, pdfAt) = worst(pdf), (cdfError, cdfAt) = worst(cdf)
        let (survivalError, survivalAt) = worst(survival), (centralError, centralAt) = worst(central)
        print("normal: worst relative error pdf \(pdfError / eps)ε at \(pdfAt), cdf \(cdfError / eps)ε at \(cdfAt), "
              + "survival \(survivalError / eps)ε at \(survivalAt), centralMass \(centralError / eps)ε at \(centralAt)")
        // pdf: x² is split exactly (FMA), so exp(−x²/2) carries no argument-rounding error even at |x| = 30.
        XCTAssertLessThanOrEqual(pdfError, 16 * eps, "pdf worst at \(pdfAt)")
        XCTAssertLessThanOrEqual(cdfError, 16 * eps, "cdf worst at \(cdfAt)")
        XCTAssertLessThanOrEqual(survivalError, 16 * eps, "survival worst at \(survivalAt)")
        XCTAssertLessThanOrEqual(centralError, 16 * eps, "centralMass worst at \(centralAt)")
    }

    func testStandardNormalQuantileAgainstMpmath() throws {
        var lower: [(Double, Double, String)] = [], upper = lower
        for row in try ReferenceData.rows("distributions.json", "normal_quantile") {
            let p = row.double("p")
            lower.append((try StandardNormal.quantile(p), row.double("quantile"), "quantile(\(p))"))
            upper.append((try StandardNormal.upperQuantile(p), row.double("upper_quantile_of_p"), "upperQuantile(\(p))"))
        }
        let (e1, at1) = worst(lower), (e2, at2) = worst(upper)
        print("normal quantile: worst relative error \(e1 / eps)ε at \(at1); upper \(e2 / eps)ε at \(at2)")
        // Near p = ½ the quantile is ≈ 0 and the relative error is amplified (none of the table's points is
        // within 0.2 of ½ except ½ itself, where both are exactly 0).
        XCTAssertLessThanOrEqual(e1, 16 * eps, "worst at \(at1)")
        XCTAssertLessThanOrEqual(e2, 16 * eps, "worst at \(at2)")
    }

    func testNormalLawIsTheShiftedStandardNormal() throws {
        let law = try Normal(mean: 2, standardDeviation: 3)
        // Exact textbook facts: median, symmetric quantiles, and the density at the mean 1/(σ√(2π)).
        XCTAssertEqual(try law.cdf(2), 0.5)
        XCTAssertEqual(try law.quantile(0.5), 2)
        assertRelative(try law.pdf(2), 1 / (3 * (2 * Double.pi).squareRoot()), 2 * eps, "pdf at the mean")
        assertRelative(try law.logPDF(5), -0.5 - log(3) - 0.5 * log(2 * Double.pi), 4 * eps, "logPDF one σ out")
        assertRelative(try law.cdf(2 + 3 * 1.959963984540054), 0.975, 4 * eps, "97.5% point")
        assertRelative(try law.survival(-1), try StandardNormal.cdf(1), 0, "survival symmetric")
        assertRelative(try law.probability(from: -1, to: 5), try StandardNormal.cdf(1) - StandardNormal.cdf(-1), 2 * eps,
                       "mass within one σ")
        let byVariance = try Normal(mean: 2, variance: 9)
        XCTAssertEqual(byVariance, law)
    }

    func testChiSquaredAgainstMpmath() throws {
        var cdf: [(Double, Double, String)] = [], survival = cdf, quantile = cdf, upper = cdf
        for row in try ReferenceData.rows("distributions.json", "chi_squared") {
            let law = try ChiSquared(degreesOfFreedom: row.double("k"))
            let x = row.double("x")
            cdf.append((try law.cdf(x), row.double("cdf"), "k=\(law.degreesOfFreedom) cdf(\(x))"))
            survival.append((try law.survival(x), row.double("survival"), "k=\(law.degreesOfFreedom) survival(\(x))"))
        }
        for row in try ReferenceData.rows("distributions.json", "chi_squared_quantile") {
            let law = try ChiSquared(degreesOfFreedom: row.double("k"))
            quantile.append((try law.quantile(row.double("p")), row.double("quantile"), "k=\(law.degreesOfFreedom) p=\(row.double("p"))"))
            upper.append((try law.upperQuantile(row.double("upper_q")), row.double("upper_quantile"),
                          "k=\(law.degreesOfFreedom) upper q=\(row.double("upper_q"))"))
        }
        let (e1, a1) = worst(cdf), (e2, a2) = worst(survival), (e3, a3) = worst(quantile), (e4, a4) = worst(upper)
        print("chi2: cdf \(e1 / eps)ε at \(a1); survival \(e2 / eps)ε at \(a2); quantile \(e3 / eps)ε at \(a3); upper \(e4 / eps)ε at \(a4)")
        XCTAssertLessThanOrEqual(e1, 256 * eps, "cdf worst at \(a1)")
        XCTAssertLessThanOrEqual(e2, 256 * eps, "survival worst at \(a2)")
        XCTAssertLessThanOrEqual(e3, 256 * eps, "quantile worst at \(a3)")
        XCTAssertLessThanOrEqual(e4, 256 * eps, "upper quantile worst at \(a4)")
    }

    func testStudentTAgainstMpmath() throws {
        var cdf: [(Double, Double, String)] = [], survival = cdf, quantile = cdf
        for row in try ReferenceData.rows("distributions.json", "student_t") {
            let law = try StudentT(degreesOfFreedom: row.double("nu"))
            let x = row.double("x")
            cdf.append((try law.cdf(x), row.double("cdf"), "ν=\(law.degreesOfFreedom) cdf(\(x))"))
            survival.append((try law.survival(x), row.double("survival"), "ν=\(law.degreesOfFreedom) survival(\(x))"))
        }
        for row in try ReferenceData.rows("distributions.json", "student_t_quantile") {
            let law = try StudentT(degreesOfFreedom: row.double("nu"))
            quantile.append((try law.quantile(row.double("p")), row.double("quantile"),
                             "ν=\(law.degreesOfFreedom) p=\(row.double("p"))"))
        }
        let (e1, a1) = worst(cdf), (e2, a2) = worst(survival), (e3, a3) = worst(quantile)
        print("t: cdf \(e1 / eps)ε at \(a1); survival \(e2 / eps)ε at \(a2); quantile \(e3 / eps)ε at \(a3)")
        XCTAssertLessThanOrEqual(e1, 256 * eps, "cdf worst at \(a1)")
        XCTAssertLessThanOrEqual(e2, 256 * eps, "survival worst at \(a2)")
        XCTAssertLessThanOrEqual(e3, 256 * eps, "quantile worst at \(a3)")
        XCTAssertEqual(try StudentT(degreesOfFreedom: 7).cdf(0), 0.5, "symmetry")
    }

    func testBetaAgainstMpmath() throws {
        var cdf: [(Double, Double, String)] = [], survival = cdf, quantile = cdf
        for row in try ReferenceData.rows("distributions.json", "beta") {
            let law = try BetaDistribution(a: row.double("a"), b: row.double("b"))
            let x = row.double("x")
            cdf.append((try law.cdf(x), row.double("cdf"), "Beta(\(law.a),\(law.b)) cdf(\(x))"))
            survival.append((try law.survival(x), row.double("survival"), "Beta(\(law.a),\(law.b)) survival(\(x))"))
        }
        for row in try ReferenceData.rows("distributions.json", "beta_quantile") {
            let law = try BetaDistribution(a: row.double("a"), b: row.double("b"))
            quantile.append((try law.quantile(row.double("p")), row.double("quantile"),
                             "Beta(\(law.a),\(law.b)) p=\(row.double("p"))"))
        }
        let (e1, a1) = worst(cdf), (e2, a2) = worst(survival), (e3, a3) = worst(quantile)
        print("beta: cdf \(e1 / eps)ε at \(a1); survival \(e2 / eps)ε at \(a2); quantile \(e3 / eps)ε at \(a3)")
        XCTAssertLessThanOrEqual(e1, 256 * eps, "cdf worst at \(a1)")
        XCTAssertLessThanOrEqual(e2, 256 * eps, "survival worst at \(a2)")
        XCTAssertLessThanOrEqual(e3, 256 * eps, "quantile worst at \(a3)")
    }

    /// n = 10⁶ … 1.5·10⁷ at α = 10⁻⁹, where GSL's Beta inversion does not converge: `clopperPearson` falls back to
    /// solving the binomial tails (`clopperPearsonByTails`), which must match the SciPy/mpmath reference
    /// (data/reference/laws/clopper_pearson_large_n.json) to 1e-8 relative — the tails' log-masses carry the
    /// rounding of lgamma(n) ≈ 10⁸ (about 10⁻⁸ relative in a mass, 1.3·10⁻⁹ in the worst bound here) — and the
    /// bounds must bracket x/n.
    func testClopperPearsonAtLargeTrialCounts() throws {
        for row in try ReferenceData.rows("clopper_pearson_large_n.json", "clopper_pearson_large_n") {
            let (x, n, alpha) = (row.int("successes"), row.int("trials"), row.double("alpha"))
            let label = "Clopper–Pearson x=\(x) n=\(n) α=\(alpha)"
            let interval = try BetaDistribution.clopperPearson(successes: x, trials: n, alpha: alpha)
            let byTails = BetaDistribution.clopperPearsonByTails(successes: x, trials: n, alpha: alpha)
            for (got, name) in [(interval.lower, "lower"), (interval.upper, "upper"), (byTails.lower, "tails lower"),
                                (byTails.upper, "tails upper")] {
                let expected = row.double(name.hasSuffix("lower") ? "lower" : "upper")
                assertRelative(got, expected, 1e-8, label + " " + name)
            }
            let pHat = Double(x) / Double(n)
            XCTAssertTrue(interval.lower <= pHat && pHat <= interval.upper, label)
        }
    }

    func testClopperPearsonAgainstMpmath() throws {
        for row in try ReferenceData.rows("distributions.json", "clopper_pearson") {
            let (x, n, alpha) = (row.int("successes"), row.int("trials"), row.double("alpha"))
            let interval = try BetaDistribution.clopperPearson(successes: x, trials: n, alpha: alpha)
            let label = "Clopper–Pearson x=\(x) n=\(n) α=\(alpha)"
            // Beta quantiles: same 256ε relative bound as above (absolute 0 at the exact ends 0 and 1).
            if row.double("lower") == 0 { XCTAssertEqual(interval.lower, 0, label) }
            else { assertRelative(interval.lower, row.double("lower"), 256 * eps, label + " lower") }
            if row.double("upper") == 1 { XCTAssertEqual(interval.upper, 1, label) }
            else { assertRelative(interval.upper, row.double("upper"), 256 * eps, label + " upper") }
            XCTAssertEqual(interval.alpha, alpha)
        }
        // The free function with a level gives the same interval.
        let byLevel = try clopperPearson(successes: 3, trials: 10, level: 0.95)
        let byAlpha = try BetaDistribution.clopperPearson(successes: 3, trials: 10, alpha: 0.05)
        assertRelative(byLevel.lower, byAlpha.lower, 8 * eps, "level vs alpha (1 − 0.95 ≠ 0.05 exactly)")
        assertRelative(byLevel.upper, byAlpha.upper, 8 * eps, "level vs alpha")
    }
}

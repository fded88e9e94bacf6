import Foundation
import XCTest

/// `langevin-verify exact` against closed forms computed here independently (2×2 algebra by hand), and
/// its refusal of bad input: one line on stderr, non-zero exit, nothing on stdout.
final class ExactCommandTests: XCTestCase {
    private func moments(_ object: [String: Any]) throws -> (mean: [Double], covariance: [[Double]]) {
        let mean = try XCTUnwrap(object["mean"] as? [Double])
        let covariance = try XCTUnwrap(object["covariance"] as? [[Double]])
        return (mean, covariance)
    }

    /// LMC's stationary covariance is A⁻¹(I − ηA/2)⁻¹ = (A − ηA²/2)⁻¹ (PN-C01); for 2×2 the inverse is explicit.
    func testLMCStationaryLawMatchesClosedFormIn2D() throws {
        let (a11, a12, a22, eta) = (2.0, 0.5, 1.0, 0.1)
        // M = A − η A²/2, A² = [[a11²+a12², a12(a11+a22)], [·, a12²+a22²]].
        let m11 = a11 - eta / 2 * (a11 * a11 + a12 * a12)
        let m12 = a12 - eta / 2 * (a12 * (a11 + a22))
        let m22 = a22 - eta / 2 * (a12 * a12 + a22 * a22)
        let det = m11 * m22 - m12 * m12
        let expected = [[m22 / det, -m12 / det], [-m12 / det, m11 / det]]
        let law = try moments(ToolRunner.json(
            ["exact", "--scheme", "lmc", "--eta", "0.1", "--matrix", "2,0.5;0.5,1", "--mean=1,-2", "--json"]))
        XCTAssertEqual(law.mean, [1, -2])
        for i in 0..<2 { for j in 0..<2 {
            XCTAssertEqual(law.covariance[i][j], expected[i][j], accuracy: 1e-12, "entry (\(i),\(j))")
        } }
    }

    /// docs/theory.md §4.2 (1-D, a = 1, ηa = 0.2): PLMC K = ∞ → 1.0192, K = 4 → 1.0372, RLMC → 1.0016 (4 digits),
    /// and the PLMC(K=∞) rational function 4(6 − 6x + 5x²)/(24 − 24x + 12x² − 7x³).
    /// Claim C4 (PN-P04).
    func testC04_oneDimensionalStationaryVariancesMatchTheTheory() throws {
        let x = 0.2
        let plmcInfinity = 4 * (6 - 6 * x + 5 * x * x) / (24 - 24 * x + 12 * x * x - 7 * x * x * x)
        let cases: [([String], Double, Double)] = [
            (["--scheme", "plmc", "--K", "inf"], plmcInfinity, 1e-12),
            (["--scheme", "plmc", "--K", "4"], 1.0372, 5e-5),
            (["--scheme", "rlmc"], 1.0016, 5e-5),
            (["--scheme", "plmc", "--K", "1"], 1 / (1 - x / 2), 1e-12),
        ]
        for (arguments, expected, tolerance) in cases {
            let law = try moments(ToolRunner.json(["exact"] + arguments + ["--eta", "0.2", "--matrix", "1", "--json"]))
            XCTAssertEqual(law.covariance[0][0], expected, accuracy: tolerance, "\(arguments)")
        }
    }

    /// Underdamped: state (x, v); the covariance is 2d×2d ordered [x; v] (docs/theory.md §4.5: γ = 1, η = 0.2,
    /// ULMC Var_x − 1 ≈ 0.111).
    func testUnderdampedOutputIsJointPositionVelocityLaw() throws {
        let law = try moments(ToolRunner.json(
            ["exact", "--scheme", "ulmc", "--eta", "0.2", "--gamma", "1", "--matrix", "1", "--json"]))
        XCTAssertEqual(law.mean.count, 2)
        XCTAssertEqual(law.covariance.count, 2)
        XCTAssertEqual(law.covariance[0][0] - 1, 0.111, accuracy: 5e-4)
        let twoD = try moments(ToolRunner.json(
            ["exact", "--scheme", "plmc-ulmc", "--K", "inf", "--eta", "0.1", "--matrix", "2,0.3;0.3,1", "--json"]))
        XCTAssertEqual(twoD.covariance.count, 4)
        XCTAssertEqual(twoD.covariance.map(\.count), [4, 4, 4, 4])
    }

    func testBadInputGivesOneLineAndNonZeroExit() throws {
        let bad: [([String], String)] = [
            (["--scheme", "lmc", "--eta", "0", "--matrix", "1"], "--eta"),
            (["--scheme", "lmc", "--eta", "-0.1", "--matrix", "1"], "--eta"),
            (["--scheme", "lmc", "--eta", "nan", "--matrix", "1"], "--eta"),
            (["--scheme", "lmc", "--eta", "0.1", "--matrix", "1,2;3"], "row 2"),
            (["--scheme", "lmc", "--eta", "0.1", "--matrix", "1,x;0,1"], "not a number"),
            (["--scheme", "lmc", "--eta", "0.1", "--matrix", "1,2;0,1"], "symmetric"),
            (["--scheme", "lmc", "--eta", "0.1", "--matrix", "1,2;2,1"], "positive definite"),
            (["--scheme", "lmc", "--eta", "0.1", "--matrix", "1,0;0,1", "--mean", "1,2,3"], "--mean"),
            (["--scheme", "plmc", "--K", "0", "--eta", "0.1", "--matrix", "1"], "--K"),
            (["--scheme", "plmc", "--eta", "0.1", "--matrix", "1"], "--K"),
            (["--scheme", "lmc", "--K", "4", "--eta", "0.1", "--matrix", "1"], "--K"),
            (["--scheme", "ulmc", "--gamma", "-1", "--eta", "0.1", "--matrix", "1"], "--gamma"),
            (["--scheme", "lmc", "--eta", "2.5", "--matrix", "1"], "stab"),
            (["--scheme", "plmc", "--K", "inf", "--eta", "1.3", "--matrix", "1"], "stab"),
            (["--scheme", "euler", "--eta", "0.1", "--matrix", "1"], "scheme"),
        ]
        for (arguments, needle) in bad {
            let result = try ToolRunner.run(["exact"] + arguments + ["--json"])
            XCTAssertNotEqual(result.status, 0, "\(arguments) should fail")
            XCTAssertEqual(result.stdout, "", "\(arguments) wrote to stdout")
            XCTAssertEqual(result.stderrLines.count, 1, "\(arguments): expected one line, got: \(result.stderr)")
            XCTAssertTrue(result.stderr.lowercased().contains(needle.lowercased()),
                          "\(arguments): message should mention \(needle): \(result.stderr)")
        }
    }
}

/// `exact --steps n` (finite-horizon laws from a Gaussian initial law) and `--distance kl|w2|tv`, against closed
/// forms written here: 1-D LMC from x₀ = 0 has variance 2η Σ_{k<n} (1 − ηa)^{2k} (PN-C01), and the KL between
/// N(0, r/a) and N(0, 1/a) is ½(r − 1 − log r) (PN-L01).
final class ExactFiniteHorizonAndDistanceTests: XCTestCase {
    func testFiniteHorizonLMCLawMatchesTheGeometricSum() throws {
        let (a, eta, n) = (1.5, 0.1, 7)
        var expected = 0.0
        for k in 0..<n { expected += 2 * eta * pow(1 - eta * a, Double(2 * k)) }
        let law = try ToolRunner.json(["exact", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1.5", "--steps", "7",
                                       "--initial-mean", "2", "--json"])
        let covariance = try XCTUnwrap(law["covariance"] as? [[Double]])
        let mean = try XCTUnwrap(law["mean"] as? [Double])
        XCTAssertEqual(covariance[0][0], expected, accuracy: 1e-14)
        XCTAssertEqual(mean[0], 2 * pow(1 - eta * a, Double(n)), accuracy: 1e-14)
    }

    func testStationaryKLOfLMCMatchesTheOneDimensionalFormula() throws {
        let (a, eta) = (2.0, 0.05)
        let r = 1 / (1 - eta * a / 2)
        let law = try ToolRunner.json(["exact", "--scheme", "lmc", "--eta", "0.05", "--matrix", "2", "--distance", "kl", "--json"])
        let distance = try XCTUnwrap(law["distance"] as? [String: Any])
        XCTAssertEqual(distance["metric"] as? String, "kl")
        XCTAssertEqual(try XCTUnwrap(distance["value"] as? Double), 0.5 * (r - 1 - log(r)), accuracy: 1e-15)
        let tv = try XCTUnwrap(try ToolRunner.json(["exact", "--scheme", "plmc", "--K", "inf", "--eta", "0.1", "--matrix",
                                                    "2,0.3;0.3,1", "--distance", "tv", "--json"])["distance"] as? [String: Any])
        let lower = try XCTUnwrap(tv["lower"] as? Double), upper = try XCTUnwrap(tv["upper"] as? Double)
        XCTAssertTrue(lower >= 0 && lower <= upper && upper <= 1, "TV interval [\(lower), \(upper)]")
    }

    func testBadFiniteHorizonInputGivesOneLine() throws {
        let bad: [([String], String)] = [
            (["--initial-mean", "1"], "--steps"),
            (["--steps", "-1"], "--steps"),
            (["--steps", "3", "--initial-mean", "1,2"], "--initial-mean"),
            (["--steps", "3", "--initial-covariance", "1,2;2,1"], "--initial-covariance"),
            (["--steps", "3", "--initial-covariance=-1"], "positive semi-definite"),
            (["--distance", "hellinger"], "distance"),
            (["--steps", "0", "--distance", "kl"], "non-degenerate"),
        ]
        for (arguments, needle) in bad {
            let result = try ToolRunner.run(["exact", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1"] + arguments + ["--json"])
            XCTAssertNotEqual(result.status, 0, "\(arguments) should fail")
            XCTAssertEqual(result.stdout, "", "\(arguments) wrote to stdout")
            XCTAssertEqual(result.stderrLines.count, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(needle), "\(arguments): should mention \(needle): \(result.stderr)")
        }
    }
}

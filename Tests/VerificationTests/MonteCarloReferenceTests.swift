import DenseLinearAlgebra
import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary
import Verification
import XCTest

/// The exact references of the Monte Carlo claims, against independent implementations and closed forms (no
/// Monte Carlo): kernel quadrature of stationary laws (C10), coupled OU moments (C12), exact count intervals (C2).
final class MonteCarloReferenceTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent(path))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: kernel quadrature (C10)

    /// Swift kernel quadrature = the independent numpy implementation (scripts/reference/mixture-stationary), same
    /// grid (N = 300 on [−10, 10]) and Gauss–Hermite rule (10 points), for LMC, fine LMC and PLMC(η, 4), η = 0.8…0.05.
    func testKernelQuadratureMatchesTheNumpyReference() throws {
        let document = try Self.json("data/reference/mixture-stationary/mixture-stationary.json")
        let rows = try XCTUnwrap(document["values"] as? [[String: Double]])
        let grid = try KernelGrid(lower: -10, upper: 10, points: 300)
        let b: (Double) -> Double = { -$0 + tanh($0) }
        let phi: (Double) -> Double = { cos(0.5 * $0) }
        for row in rows {
            let eta = try XCTUnwrap(row["eta"])
            let lmc = try StationaryKernelQuadrature.stationaryLaw(scheme: .lmc(stepSize: eta), drift: b, grid: grid).expectation(phi)
            let fine = try StationaryKernelQuadrature.stationaryLaw(scheme: .lmc(stepSize: eta / 4), drift: b, grid: grid).expectation(phi)
            let plmc = try StationaryKernelQuadrature.stationaryLaw(scheme: .plmc(stepSize: eta, substeps: 4, mutation: .none), drift: b,
                                                                    grid: grid, hermitePoints: 10).expectation(phi)
            XCTAssertEqual(lmc, try XCTUnwrap(row["E_lmc"]), accuracy: 1e-11, "η = \(eta)")
            XCTAssertEqual(fine, try XCTUnwrap(row["E_fine"]), accuracy: 1e-11, "η = \(eta)")
            XCTAssertEqual(plmc, try XCTUnwrap(row["E_plmc"]), accuracy: 1e-10, "η = \(eta)")
            XCTAssertEqual(plmc - fine, try XCTUnwrap(row["plmc_minus_fine"]), accuracy: 1e-10 + 1e-6 * abs(plmc - fine), "η = \(eta)")
        }
        // the default claim grid (N = 401 on [−15, 15], 8 points) agrees with the reference to far below the
        // Monte Carlo resolution (η ≤ 0.4; at η = 0.8 the 8-point rule is 2e-6 off)
        let claimGrid = try KernelGrid(lower: -15, upper: 15, points: 401)
        for row in rows where row["eta"]! <= 0.4 {
            let eta = row["eta"]!
            let plmc = try StationaryKernelQuadrature.stationaryLaw(scheme: .plmc(stepSize: eta, substeps: 4, mutation: .none), drift: b,
                                                                    grid: claimGrid, hermitePoints: 8).expectation(phi)
            XCTAssertEqual(plmc, row["E_plmc"]!, accuracy: 5e-8, "η = \(eta)")
        }
        // E_π φ: ReferenceLaws quadrature = the mpmath value of the reference file
        let reference = try Quadrature.gibbsExpectation(of: phi, potential: { $0 * $0 / 2 - log(cosh($0)) }, from: -30, to: 30).value
        XCTAssertEqual(reference, try XCTUnwrap(document["E_pi"] as? Double), accuracy: 1e-12)
    }

    /// Closed forms on the OU target N(0, 1/a): LMC's stationary law is N(0, 1/(a(1 − ηa/2))), so
    /// E cos(ωx) = exp(−ω²σ²/2); PLMC's stationary variance is ChainLaw's f_K(ηa)/a (PN-C04).
    func testKernelQuadratureMatchesGaussianClosedForms() throws {
        let grid = try KernelGrid(lower: -12, upper: 12, points: 401)
        for a in [0.7, 1.6] {
            let b: (Double) -> Double = { -a * $0 }
            for eta in [0.05, 0.5] {
                let sigma2 = 1 / (a * (1 - eta * a / 2))
                let law = try StationaryKernelQuadrature.stationaryLaw(scheme: .lmc(stepSize: eta), drift: b, grid: grid)
                XCTAssertEqual(law.expectation { cos(0.8 * $0) }, exp(-0.32 * sigma2), accuracy: 1e-12, "a = \(a), η = \(eta)")
                XCTAssertEqual(law.expectation { $0 * $0 }, sigma2, accuracy: 1e-10)
                for k in [2, 4] {
                    let drift = try LinearDrift(precision: Matrix.diagonal([a]), mean: [0])
                    let exact = try ChainLaw.stationary(.plmc(.finite(k)), eta: eta, drift: drift).covariance[0, 0]
                    let plmc = try StationaryKernelQuadrature.stationaryLaw(scheme: .plmc(stepSize: eta, substeps: k, mutation: .none),
                                                                            drift: b, grid: grid, hermitePoints: 12)
                    XCTAssertEqual(plmc.expectation { $0 * $0 }, exact, accuracy: 1e-8 * exact, "PLMC K = \(k), a = \(a), η = \(eta)")
                    XCTAssertLessThan(plmc.expectedLeakage, 1e-10)
                }
            }
        }
        XCTAssertThrowsError(try KernelGrid(lower: 1, upper: 0, points: 100))
        XCTAssertThrowsError(try KernelGrid(lower: 0, upper: 1, points: 10))
        XCTAssertThrowsError(try StationaryKernelQuadrature.stationaryLaw(scheme: .lmc(stepSize: .nan), drift: { -$0 }, grid: grid))
        XCTAssertThrowsError(try StationaryKernelQuadrature.stationaryLaw(scheme: .plmc(stepSize: 0.1, substeps: 9, mutation: .none),
                                                                          drift: { -$0 }, grid: grid))
        XCTAssertThrowsError(try StationaryKernelQuadrature.stationaryLaw(scheme: .lmc(stepSize: 0.1), drift: { _ in .nan }, grid: grid))
    }

    // MARK: coupled OU moments (C12)

    /// `CoupledGaussianMoments` = the independent tensor propagation of scripts/reference/coupled-strong-error
    /// (literal scheme steps on coefficient vectors, Isserlis fourth moments).
    func testCoupledMomentsMatchTheTensorReference() throws {
        let document = try Self.json("data/reference/coupled-strong-error/values.json")
        let cases = try XCTUnwrap(document["cases"] as? [[String: Any]])
        for c in cases {
            let eta = try XCTUnwrap(c["eta"] as? Double), k = try XCTUnwrap(c["K"] as? Int)
            let plmc = try XCTUnwrap(c["plmc"] as? Bool), steps = try XCTUnwrap(c["steps"] as? Int)
            let m = try CoupledGaussianMoments(precision: 1, stepSize: eta, substeps: k, plmc: plmc, steps: steps)
            for (key, value) in [("second_after_1", m.secondMoments[0]), ("fourth_after_1", m.fourthMoments[0]),
                                 ("second_after_steps", m.secondMoments[steps - 1]), ("fourth_after_steps", m.fourthMoments[steps - 1])] {
                let expected = try XCTUnwrap(c[key] as? Double)
                XCTAssertEqual(value, expected, accuracy: 1e-12 * max(1, abs(expected)) + 1e-15, "\(key), η = \(eta), K = \(k), PLMC \(plmc)")
            }
        }
        let stationary = try XCTUnwrap(document["stationary"] as? [[String: Double]])
        for row in stationary {
            let eta = row["eta"]!, k = Int(row["K"]!)
            let steps = Int(60 / eta)
            let p = try CoupledGaussianMoments(precision: 1, stepSize: eta, substeps: k, plmc: true, steps: steps)
            let l = try CoupledGaussianMoments(precision: 1, stepSize: eta, substeps: k, plmc: false, steps: steps)
            XCTAssertEqual(p.secondMoments.last!.squareRoot(), row["plmc_rms"]!, accuracy: 1e-12)
            XCTAssertEqual(l.secondMoments.last!.squareRoot(), row["lmc_rms"]!, accuracy: 1e-12)
        }
        // docs/theory.md §4.7: OU, K = 4 stationary RMS 0.269 (PLMC) vs 0.184 (LMC) at η = 0.4
        XCTAssertEqual(stationary[0]["plmc_rms"]!, 0.269, accuracy: 5e-4)
    }

    /// Identities: for LMC the distance is exactly Gaussian (E Δ⁴ = 3 (E Δ²)²); PLMC's and the fine chain's own
    /// stationary variances are ChainLaw's (PN-C04) — read off m₂₀ + m₀₂ − E Δ² = 2 m₁₁ consistency via K = 1 (PLMC
    /// with K = 1 is LMC and the fine chain is LMC(η): Δ ≡ 0).
    func testCoupledMomentIdentities() throws {
        for eta in [0.1, 0.3] {
            let l = try CoupledGaussianMoments(precision: 1.3, stepSize: eta, substeps: 5, plmc: false, steps: 50)
            for t in [0, 10, 49] {
                // (E Δ⁴ is a cancelling sum of O(1/a²) moments: relative rounding ≈ 1e-16/E Δ²)
                XCTAssertEqual(l.fourthMoments[t], 3 * l.secondMoments[t] * l.secondMoments[t], accuracy: 1e-8 * l.fourthMoments[t])
            }
            let one = try CoupledGaussianMoments(precision: 1.3, stepSize: eta, substeps: 1, plmc: true, steps: 20)
            XCTAssertEqual(one.secondMoments.last!, 0, accuracy: 1e-15)
            let p = try CoupledGaussianMoments(precision: 1, stepSize: eta, substeps: 4, plmc: true, steps: 40)
            let window = p.windowAverages(burnIn: 10, window: 20, stride: 2)
            XCTAssertEqual(window.second, (stride(from: 12, through: 30, by: 2).map { p.secondMoments[$0 - 1] }.reduce(0, +)) / 10, accuracy: 1e-15)
        }
        XCTAssertThrowsError(try CoupledGaussianMoments(precision: 0, stepSize: 0.1, substeps: 2, plmc: true, steps: 1))
        XCTAssertThrowsError(try CoupledGaussianMoments(precision: 1, stepSize: 0.1, substeps: 13, plmc: true, steps: 1))
        XCTAssertThrowsError(try CoupledGaussianMoments(precision: 1, stepSize: .nan, substeps: 2, plmc: true, steps: 1))
    }

    // MARK: count intervals (C2)

    /// The exact Clopper–Pearson and Garwood ends at n ≈ 10⁶–10⁷ and α = 1e-9 against SciPy/Boost (mpmath for the
    /// small cases), scripts/reference/count-intervals.
    func testCountIntervalsMatchTheReference() throws {
        let document = try Self.json("data/reference/count-intervals/count-intervals.json")
        for row in try XCTUnwrap(document["clopper_pearson"] as? [[String: Double]]) {
            let x = Int(row["successes"]!), n = Int(row["trials"]!), alpha = row["alpha"]!
            let cp = try DriftCallCountInterval.clopperPearson(successes: x, trials: n, alpha: alpha)
            // agreement to 1e-9 relative (SciPy's own inverse has a 1e-7 relative residual in the tail probability)
            XCTAssertEqual(cp.lower, row["lower"]!, accuracy: 1e-9 * max(row["lower"]!, 1e-300) + 1e-15, "\(x)/\(n)")
            XCTAssertEqual(cp.upper, row["upper"]!, accuracy: 1e-9 * row["upper"]!, "\(x)/\(n)")
        }
        for row in try XCTUnwrap(document["garwood"] as? [[String: Double]]) {
            let m = Int(row["count"]!), alpha = row["alpha"]!
            let (lo, hi) = try DriftCallCountInterval.garwood(count: m, alpha: alpha)
            XCTAssertEqual(lo, row["lower"]!, accuracy: 1e-9 * max(row["lower"]!, 1), "m = \(m)")
            XCTAssertEqual(hi, row["upper"]!, accuracy: 1e-9 * row["upper"]!, "m = \(m)")
        }
        // closed forms: x = 0 ⇒ upper = 1 − (α/2)^{1/n}
        let zero = try DriftCallCountInterval.clopperPearson(successes: 0, trials: 50, alpha: 0.02)
        XCTAssertEqual(zero.lower, 0)
        XCTAssertEqual(zero.upper, 1 - pow(0.01, 1.0 / 50), accuracy: 1e-13)
    }

    func testCountIntervalCases() throws {
        let one = try DriftCallCountInterval(substeps: .finite(1), chainSteps: 100, midpointCount: 0, alpha: 1e-9)
        XCTAssertEqual(one.lower, 1); XCTAssertEqual(one.upper, 1); XCTAssertTrue(one.contains(one.claimed))
        let impossible = try DriftCallCountInterval(substeps: .finite(3), chainSteps: 10, midpointCount: 21, alpha: 1e-9)
        XCTAssertFalse(impossible.contains(impossible.claimed), "more midpoints than trials is impossible under the claim")
        let k4 = try DriftCallCountInterval(substeps: .finite(4), chainSteps: 1_000_000, midpointCount: 750_076, alpha: 1e-9)
        XCTAssertEqual(k4.claimed, 1.75)
        XCTAssertEqual(k4.lower, 1 + 3 * 0.24849986816728428, accuracy: 1e-11)
        XCTAssertThrowsError(try DriftCallCountInterval(substeps: .finite(4), chainSteps: 0, midpointCount: 0, alpha: 1e-9))
        XCTAssertThrowsError(try DriftCallCountInterval(substeps: .finite(4), chainSteps: 10, midpointCount: -1, alpha: 1e-9))
        XCTAssertThrowsError(try DriftCallCountInterval(substeps: .infinite, chainSteps: 10, midpointCount: 1, alpha: .nan))
        // the designed mutant bound: large effect ⇒ tiny β; no effect ⇒ 1
        XCTAssertLessThan(driftCallMutantFalsePassBound(claimed: 1.75, mutantMean: 1.6, substeps: 4, chainSteps: 1_000_000,
                                                        mutantTrials: 3_000_000, alpha: 1e-9), 1e-100)
        XCTAssertEqual(driftCallMutantFalsePassBound(claimed: 1.75, mutantMean: 1.75, substeps: 4, chainSteps: 1_000,
                                                     mutantTrials: 3_000, alpha: 1e-9), 1)
    }
}

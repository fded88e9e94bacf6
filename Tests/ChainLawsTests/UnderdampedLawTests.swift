// Underdamped laws (ULMC, PLMC-ULMC): docs/theory.md §4.5 table, mpmath reference values (literal flag
// enumeration for K ≤ 4, direct double sums for K = 16, 64, tanh-sinh quadrature for K = ∞), the ULMC
// stability threshold, and the convergence of the K = ∞ Gauss–Legendre rule (PN-C07 … PN-C10).
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import XCTest

final class UnderdampedLawTests: XCTestCase {
    private func oneDimensional(_ lambda: Double = 1) throws -> LinearDrift {
        try LinearDrift(precision: Matrix([[lambda]]), mean: [0])
    }

    /// docs/theory.md §4.5: stationary Var_x − 1 (a = 1) at the printed precision.
    /// Claim C9 (PN-P09).
    func testC09_underdampedReferenceTable() throws {
        let drift = try oneDimensional()
        let etas = [0.4, 0.2, 0.1, 0.05]
        let ulmc: [Double: [Double]] = [1: [0.246, 0.111, 0.053, 0.026], 2: [0.110, 0.052, 0.026, 0.013]]
        let poisson: [Double: [(Double, Double)]] = [   // (printed, unit of the last printed digit)
            1: [(7.7e-3, 1e-4), (9.6e-4, 1e-5), (1.22e-4, 1e-6), (1.54e-5, 1e-7)],
            2: [(3.5e-3, 1e-4), (4.6e-4, 1e-5), (6.0e-5, 1e-6), (7.6e-6, 1e-7)],
        ]
        for gamma in [1.0, 2.0] {
            for (index, eta) in etas.enumerated() {
                let u = try ChainLaw.stationary(.ulmc(friction: gamma), eta: eta, drift: drift).covariance[0, 0] - 1
                XCTAssertEqual((u * 1000).rounded() / 1000, ulmc[gamma]![index], accuracy: 1e-12, "ULMC γ = \(gamma), η = \(eta): \(u)")
                let p = try ChainLaw.stationary(.plmcULMC(friction: gamma, .infinite), eta: eta, drift: drift).covariance[0, 0] - 1
                let (printed, unit) = poisson[gamma]![index]
                XCTAssertEqual((p / unit).rounded() * unit, printed, accuracy: 1e-3 * unit,
                               "PLMC-ULMC(∞) γ = \(gamma), η = \(eta): \(p)")
            }
        }
    }

    /// Slopes claimed in docs/theory.md §4.5/§7.9: ULMC bias ∝ η, PLMC-ULMC(∞) bias ∝ η³ (≈ 0.12 η³ at γ = 1).
    func testBiasOrders() throws {
        let drift = try oneDimensional()
        func bias(_ s: Scheme, _ eta: Double) throws -> Double {
            try ChainLaw.stationary(s, eta: eta, drift: drift).covariance[0, 0] - 1
        }
        let ulmcSlope = log(try bias(.ulmc(friction: 1), 0.01) / bias(.ulmc(friction: 1), 0.005)) / log(2)
        XCTAssertEqual(ulmcSlope, 1, accuracy: 0.01)
        let pSlope = log(try bias(.plmcULMC(friction: 1, .infinite), 0.02) / bias(.plmcULMC(friction: 1, .infinite), 0.01)) / log(2)
        XCTAssertEqual(pSlope, 3, accuracy: 0.02)
        XCTAssertEqual(try bias(.plmcULMC(friction: 1, .infinite), 0.01) / 1e-6, 0.12, accuracy: 0.01)
    }

    /// Full stationary 2×2 (x, v) covariances against the mpmath reference values.
    func testStationaryCovariancesAgreeWithMpmathReference() throws {
        let doc = try ChainReference.document()
        let entries = try XCTUnwrap(doc["underdamped_1d"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(entries.count, 30)
        for entry in entries {
            let gamma = try ChainReference.number(entry["gamma"])
            let eta = try ChainReference.number(entry["eta"])
            let lambda = try ChainReference.number(entry["lambda"])
            let expected = try ChainReference.matrix(entry["covariance"])
            let scheme: Scheme
            switch (entry["scheme"] as? String, entry["K"]) {
            case ("ulmc", _): scheme = .ulmc(friction: gamma)
            case ("plmc-ulmc", let k as Int): scheme = .plmcULMC(friction: gamma, .finite(k))
            case ("plmc-ulmc", let k as String) where k == "inf": scheme = .plmcULMC(friction: gamma, .infinite)
            default: XCTFail("unknown entry \(entry)"); continue
            }
            let law = try ChainLaw.stationary(scheme, eta: eta, drift: try oneDimensional(lambda))
            XCTAssertLessThan(maxRelativeDifference(law.covariance, expected), 1e-12,
                              "\(scheme) η = \(eta) λ = \(lambda): \(law.covariance) vs \(expected)")
        }
    }

    /// ULMC(γ = 1), λ = 1 loses mean-square stability at η = 3.92236 (mpmath bisection on the spectral radius).
    func testULMCStabilityBoundAgreesWithReference() throws {
        let doc = try ChainReference.document()
        let entry = try XCTUnwrap(doc["underdamped_stability"] as? [String: Any])
        let expected = try ChainReference.number(entry["first_unstable_eta"])
        let report = try ChainLaw.stabilityMargin(.ulmc(friction: 1), eta: 1, drift: try oneDimensional())
        XCTAssertTrue(report.isStable)
        let bound = try XCTUnwrap(report.stableStepBound)
        XCTAssertEqual(bound, expected, accuracy: 2e-6 * expected)
        XCTAssertNoThrow(try ChainLaw.stationary(.ulmc(friction: 1), eta: expected * (1 - 1e-6), drift: try oneDimensional()))
        XCTAssertThrowsError(try ChainLaw.stationary(.ulmc(friction: 1), eta: expected * (1 + 1e-6), drift: try oneDimensional()))
    }

    /// The default K = ∞ rule against a rule with twice the panels and twice the nodes, from small to large
    /// γη, in d = 3 (the quadrature enters the mean map, the fluctuation tensors and the noise). Measured on
    /// the part of the law that the midpoints change, Δ = Σ_PLMC-ULMC(∞) − Σ_ULMC: agreement ≤ 1e-11 of |Δ|
    /// (and ≤ 1e-13 of |Σ|), while a 2-node rule is visibly off when γη ≥ 0.4 (power of the check).
    func testPoissonQuadratureIsConverged() throws {
        let (a, _) = ChainTestMatrices.spd(eigenvalues: [0.2, 0.9, 2.0], seed: chainTestSeed(#function))
        let drift = try LinearDrift(precision: a, mean: [0, 1, 0])
        for (gamma, eta) in [(1.0, 0.05), (1.0, 0.4), (0.2, 0.15), (5.0, 0.5), (20.0, 0.3), (40.0, 0.5)] {
            let scheme = Scheme.plmcULMC(friction: gamma, .infinite)
            let standard = try ChainLaw.stationary(scheme, eta: eta, drift: drift)
            let base = try ChainLaw.stationary(.ulmc(friction: gamma), eta: eta, drift: drift).covariance
            let panels = max(4, Int((gamma * eta / 2).rounded(.up)))
            let fine = try ChainQuadrature(panels: 2 * panels, nodesPerPanel: 2 * ChainQuadrature.standard.nodesPerPanel)
            let refined = try ChainLaw.stationary(scheme, eta: eta, drift: drift, quadrature: fine).covariance
            let delta = (refined - base).maxAbs
            XCTAssertGreaterThan(delta, 0)
            XCTAssertLessThan((standard.covariance - refined).maxAbs, 1e-11 * delta, "γ = \(gamma), η = \(eta), |Δ| = \(delta)")
            XCTAssertLessThan(maxRelativeDifference(standard.covariance, refined), 1e-13, "γ = \(gamma), η = \(eta)")
            if gamma * eta >= 0.4 {
                let coarse = try ChainQuadrature(panels: 1, nodesPerPanel: 2)
                let poor = try ChainLaw.stationary(scheme, eta: eta, drift: drift, quadrature: coarse).covariance
                XCTAssertGreaterThan((poor - refined).maxAbs, 1e-9 * delta, "γ = \(gamma), η = \(eta)")
            }
        }
    }

    /// In the continuous-time limit η → 0 the ULMC law tends to N(m, A⁻¹) ⊗ N(0, I) with bias O(η).
    func testSmallStepLimitIsTheTarget() throws {
        let (a, _) = ChainTestMatrices.spd(eigenvalues: [0.5, 2.0], seed: 5)
        let drift = try LinearDrift(precision: a, mean: [1, -1])
        let inverse = try CholeskyFactor(a).inverse
        for scheme in [Scheme.ulmc(friction: 0.7), .plmcULMC(friction: 0.7, .infinite), .plmcULMC(friction: 0.7, .finite(8))] {
            let law = try ChainLaw.stationary(scheme, eta: 1e-4, drift: drift)
            var target = Matrix(rows: 4, cols: 4)
            for i in 0..<2 { for j in 0..<2 { target[i, j] = inverse[i, j] } }
            target[2, 2] = 1; target[3, 3] = 1
            XCTAssertLessThan(maxRelativeDifference(law.covariance, target), 1e-3, "\(scheme)")
            XCTAssertEqual(law.mean, [1, -1, 0, 0])
        }
    }
}

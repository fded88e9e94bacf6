// (c) Finite-horizon laws: agreement with full-matrix mpmath references in d = 2 (no eigen-decomposition,
// flag enumeration), convergence to the stationary law, invariance of the stationary law, semigroup
// property, n = 0 (PN-C11).
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import XCTest

final class FiniteHorizonTests: XCTestCase {
    static let allSchemes: [Scheme] = [
        .lmc, .plmc(.finite(3)), .plmc(.infinite), .rlmc, .ulmc(friction: 1.3),
        .plmcULMC(friction: 1.3, .finite(3)), .plmcULMC(friction: 1.3, .infinite),
    ]

    /// d = 2, A non-diagonal, initial covariance not commuting with A, m₀ ≠ m, n = 3 steps: the mpmath
    /// full-matrix computation (enumeration of all 2³ flag patterns for K = 3; Poisson series in N for K = ∞;
    /// quadrature in u for RLMC) agrees with `ChainLaw.afterSteps` to 1e-12.
    func testAfterStepsAgreesWithFullMatrixReference() throws {
        let doc = try ChainReference.document()
        let section = try XCTUnwrap(doc["finite_horizon_2d"] as? [String: Any])
        let drift = try LinearDrift(precision: try ChainReference.matrix(section["precision"]),
                                    mean: try ChainReference.vector(section["target_mean"]))
        let eta = try ChainReference.number(section["eta"])
        let gamma = try ChainReference.number(section["gamma"])
        let steps = try XCTUnwrap(section["steps"] as? Int)
        let over = try XCTUnwrap(section["initial_overdamped"] as? [String: Any])
        let under = try XCTUnwrap(section["initial_underdamped"] as? [String: Any])
        let initialX = try ChainMoments(mean: try ChainReference.vector(over["mean"]), covariance: try ChainReference.matrix(over["covariance"]))
        let initialZ = try ChainMoments(mean: try ChainReference.vector(under["mean"]), covariance: try ChainReference.matrix(under["covariance"]))
        let results = try XCTUnwrap(section["results"] as? [String: Any])
        let cases: [(String, Scheme)] = [
            ("lmc", .lmc), ("plmc-K3", .plmc(.finite(3))), ("plmc-inf", .plmc(.infinite)), ("rlmc", .rlmc),
            ("ulmc", .ulmc(friction: gamma)), ("plmc-ulmc-K3", .plmcULMC(friction: gamma, .finite(3))),
            ("plmc-ulmc-inf", .plmcULMC(friction: gamma, .infinite)),
        ]
        for (key, scheme) in cases {
            let expected = try XCTUnwrap(results[key] as? [String: Any], key)
            let law = try ChainLaw.afterSteps(steps, scheme, eta: eta, drift: drift, from: scheme.isUnderdamped ? initialZ : initialX)
            XCTAssertLessThan(maxRelativeDifference(law.mean, try ChainReference.vector(expected["mean"])), 1e-12, "mean of \(scheme)")
            XCTAssertLessThan(maxRelativeDifference(law.covariance, try ChainReference.matrix(expected["covariance"])), 1e-12,
                              "covariance of \(scheme): \(law.covariance)")
        }
    }

    private func setting(underdamped: Bool) throws -> (LinearDrift, ChainMoments) {
        let (a, _) = ChainTestMatrices.spd(eigenvalues: [0.25, 0.8, 2.5], seed: chainTestSeed("FiniteHorizonTests.setting"))
        let drift = try LinearDrift(precision: a, mean: [1, -2, 0.5])
        let s0 = ChainTestMatrices.initialCovariance(dimension: underdamped ? 6 : 3, seed: 21)
        let mean = underdamped ? [3, 1, -1, 0.5, -0.5, 2] : [3.0, 1, -1]
        return (drift, try ChainMoments(mean: mean, covariance: s0))
    }

    /// The law after n steps converges to the stationary law (geometrically), from a non-stationary,
    /// non-commuting initial law; after 0 steps it is the initial law.
    func testConvergesToTheStationaryLaw() throws {
        for scheme in Self.allSchemes {
            let (drift, initial) = try setting(underdamped: scheme.isUnderdamped)
            let eta = 0.3
            let stationary = try ChainLaw.stationary(scheme, eta: eta, drift: drift)
            let zero = try ChainLaw.afterSteps(0, scheme, eta: eta, drift: drift, from: initial)
            XCTAssertLessThan(maxRelativeDifference(zero.covariance, initial.covariance), 1e-13, "\(scheme) n = 0")
            XCTAssertLessThan(maxRelativeDifference(zero.mean, initial.mean), 1e-13, "\(scheme) n = 0")
            var previous = Double.infinity
            for n in [10, 40, 160, 640] {
                let law = try ChainLaw.afterSteps(n, scheme, eta: eta, drift: drift, from: initial)
                let gap = max(maxRelativeDifference(law.covariance, stationary.covariance), maxRelativeDifference(law.mean, stationary.mean))
                XCTAssertLessThan(gap, previous, "\(scheme): not decreasing at n = \(n)")
                previous = gap
            }
            let far = try ChainLaw.afterSteps(4000, scheme, eta: eta, drift: drift, from: initial)
            XCTAssertLessThan(maxRelativeDifference(far.covariance, stationary.covariance), 1e-12, "\(scheme) n = 4000")
            XCTAssertLessThan(maxRelativeDifference(far.mean, stationary.mean), 1e-12, "\(scheme) n = 4000")
        }
    }

    /// The stationary law is invariant, and n + m steps equal m steps after n steps (the first two moments
    /// are Markov under these recursions).
    func testInvarianceAndSemigroup() throws {
        for scheme in Self.allSchemes {
            let (drift, initial) = try setting(underdamped: scheme.isUnderdamped)
            let eta = 0.2
            let stationary = try ChainLaw.stationary(scheme, eta: eta, drift: drift)
            let kept = try ChainLaw.afterSteps(17, scheme, eta: eta, drift: drift, from: stationary)
            XCTAssertLessThan(maxRelativeDifference(kept.covariance, stationary.covariance), 1e-13, "\(scheme) invariance")
            XCTAssertLessThan(maxRelativeDifference(kept.mean, stationary.mean), 1e-13, "\(scheme) invariance")
            let direct = try ChainLaw.afterSteps(12, scheme, eta: eta, drift: drift, from: initial)
            let half = try ChainLaw.afterSteps(5, scheme, eta: eta, drift: drift, from: initial)
            let composed = try ChainLaw.afterSteps(7, scheme, eta: eta, drift: drift, from: half)
            XCTAssertLessThan(maxRelativeDifference(direct.covariance, composed.covariance), 1e-13, "\(scheme) semigroup")
            XCTAssertLessThan(maxRelativeDifference(direct.mean, composed.mean), 1e-13, "\(scheme) semigroup")
        }
    }

    /// One LMC step by hand in the original coordinates: μ′ = m + (I − ηA)(μ − m), Σ′ = (I − ηA)Σ(I − ηA) + 2ηI.
    func testOneLMCStepByHand() throws {
        let (drift, initial) = try setting(underdamped: false)
        let eta = 0.3
        let b = Matrix.identity(3) - eta * drift.precision
        let y = zip(initial.mean, drift.mean).map { $0 - $1 }
        let mean = zip(b * y, drift.mean).map { $0 + $1 }
        let cov = b * initial.covariance * b.transposed + (2 * eta) * Matrix.identity(3)
        let law = try ChainLaw.afterSteps(1, .lmc, eta: eta, drift: drift, from: initial)
        XCTAssertLessThan(maxRelativeDifference(law.mean, mean), 1e-14)
        XCTAssertLessThan(maxRelativeDifference(law.covariance, cov), 1e-14)
    }

    /// Point-mass initial laws are allowed; the mean of an unstable scheme simply grows (no error for finite n).
    func testPointMassAndUnstableFiniteHorizon() throws {
        let (drift, _) = try setting(underdamped: false)
        let start = try ChainMoments(pointMass: [0, 0, 0])
        let law = try ChainLaw.afterSteps(5, .plmc(.finite(4)), eta: 0.2, drift: drift, from: start)
        XCTAssertTrue(law.covariance.storage.allSatisfy(\.isFinite))
        let unstable = try ChainLaw.afterSteps(20, .lmc, eta: 1.0, drift: drift, from: start)   // ηλ_max = 2.5 > 2
        XCTAssertGreaterThan(unstable.covariance.maxAbs, 1e3)
    }
}

// (a) PLMC with K = 1 is LMC exactly; PLMC-ULMC with K = 1 is ULMC exactly (PN-C02, PN-C08).
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import XCTest

final class ReductionTests: XCTestCase {
    private func case3D() throws -> (LinearDrift, ChainMoments, ChainMoments) {
        let (a, _) = ChainTestMatrices.spd(eigenvalues: [0.3, 1.1, 2.6], seed: chainTestSeed("ReductionTests.case3D"))
        let drift = try LinearDrift(precision: a, mean: [0.4, -1.0, 2.0])
        let s0 = ChainTestMatrices.initialCovariance(dimension: 3, seed: 11)
        let initial = try ChainMoments(mean: [1.5, 0.2, -0.7], covariance: s0)
        var big = Matrix(rows: 6, cols: 6)
        for i in 0..<3 { for j in 0..<3 { big[i, j] = s0[i, j]; big[i + 3, j + 3] = 0.5 * s0[i, j] } }
        big[0, 4] = 0.1; big[4, 0] = 0.1
        let initialKinetic = try ChainMoments(mean: [1.5, 0.2, -0.7, 0.3, 0, -0.4], covariance: big)
        return (drift, initial, initialKinetic)
    }

    /// Stationary and finite-horizon laws of PLMC(K=1) equal those of LMC bit for bit.
    /// Claim C1 (PN-P01).
    func testC01_plmcLawWithOneSubStepIsLMC() throws {
        let (drift, initial, _) = try case3D()
        for eta in [0.05, 0.3, 0.7] {
            let plmc = try ChainLaw.stationary(.plmc(.finite(1)), eta: eta, drift: drift)
            let lmc = try ChainLaw.stationary(.lmc, eta: eta, drift: drift)
            XCTAssertEqual(plmc, lmc, "stationary PLMC(K=1) ≠ LMC at η = \(eta)")
            for n in [1, 7, 40] {
                let p = try ChainLaw.afterSteps(n, .plmc(.finite(1)), eta: eta, drift: drift, from: initial)
                let l = try ChainLaw.afterSteps(n, .lmc, eta: eta, drift: drift, from: initial)
                XCTAssertEqual(p, l, "PLMC(K=1) ≠ LMC after \(n) steps at η = \(eta)")
            }
        }
    }

    /// The 1-D closed form of PLMC(K) at K = 1 is 1/(1 − x/2) (docs/theory.md §4.2, "K=1 reduces to LMC").
    /// Claim C1 (PN-P01).
    func testC01_closedFormWithOneSubStepIsLMC() throws {
        for x in stride(from: 0.05, through: 1.95, by: 0.1) {
            let k1 = try ScalarChainLaw.stationaryVarianceRatio(.plmc(.finite(1)), x: x)
            XCTAssertEqual(k1, 1 / (1 - x / 2), accuracy: 1e-14 * k1, "x = \(x)")
            XCTAssertEqual(try ScalarChainLaw.secondMomentFactor(.plmc(.finite(1)), x: x), (1 - x) * (1 - x),
                           accuracy: 1e-15, "x = \(x)")
        }
    }

    /// PLMC-ULMC(K=1) equals ULMC bit for bit (the only midpoint, i = 0, contributes nothing).
    /// Claim C1 (PN-P01).
    func testC01_plmcULMCLawWithOneSubStepIsULMC() throws {
        let (drift, _, initial) = try case3D()
        for gamma in [0.5, 2.0] { for eta in [0.1, 0.3] {
            let p = try ChainLaw.stationary(.plmcULMC(friction: gamma, .finite(1)), eta: eta, drift: drift)
            let u = try ChainLaw.stationary(.ulmc(friction: gamma), eta: eta, drift: drift)
            XCTAssertEqual(p, u, "stationary PLMC-ULMC(K=1) ≠ ULMC at γ = \(gamma), η = \(eta)")
            let pn = try ChainLaw.afterSteps(9, .plmcULMC(friction: gamma, .finite(1)), eta: eta, drift: drift, from: initial)
            let un = try ChainLaw.afterSteps(9, .ulmc(friction: gamma), eta: eta, drift: drift, from: initial)
            XCTAssertEqual(pn, un, "PLMC-ULMC(K=1) ≠ ULMC after 9 steps at γ = \(gamma), η = \(eta)")
        } }
    }

    /// The stationary mean is m (and v-mean 0): PLMC is unbiased in the mean (docs/theory.md §7.3).
    /// Claim C3 (PN-P03).
    func testC03_stationaryMeanIsTheTargetMean() throws {
        let (drift, _, _) = try case3D()
        let schemes: [Scheme] = [.lmc, .plmc(.finite(4)), .plmc(.infinite), .rlmc, .ulmc(friction: 1),
                                      .plmcULMC(friction: 1, .finite(4)), .plmcULMC(friction: 1, .infinite)]
        for scheme in schemes {
            let law = try ChainLaw.stationary(scheme, eta: 0.25, drift: drift)
            let expected = scheme.isUnderdamped ? drift.mean + [0, 0, 0] : drift.mean
            XCTAssertEqual(law.mean, expected, "\(scheme)")
        }
    }
}

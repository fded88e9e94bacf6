// (d) K → ∞: the finite-K laws approach the K = ∞ (Poisson) law with a gap of order η/K
// (overdamped: PN-C03/PN-C04; underdamped: PN-C08/PN-C09).
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import XCTest

final class LargeKTests: XCTestCase {
    /// Overdamped, d = 3: K·(Σ_K − Σ_∞) converges at rate 1/K (so the gap is exactly of order 1/K); its limit in eigen-direction k is
    /// c(xₖ)/λₖ with c(x) = ∂r_K/∂(1/K) at 1/K = 0, which the test takes from the closed form by a
    /// symmetric difference in 1/K.
    /// Claim C5 (PN-P05).
    func testC05_overdampedFiniteKGapIsOrderOneOverK() throws {
        let lambdas = [0.3, 1.0, 2.2]
        let (a, q) = ChainTestMatrices.spd(eigenvalues: lambdas, seed: chainTestSeed(#function))
        let drift = try LinearDrift(precision: a, mean: [0, 0, 0])
        let eta = 0.4
        let limit = try ChainLaw.stationary(.plmc(.infinite), eta: eta, drift: drift).covariance
        var scaled: [Matrix] = []
        for k in [100, 1000, 10_000, 100_000] {
            let cov = try ChainLaw.stationary(.plmc(.finite(k)), eta: eta, drift: drift).covariance
            scaled.append(Double(k) * (cov - limit))
        }
        // successive scaled gaps differ by O(1/K): each difference is ≈ 10× smaller than the previous one
        let d1 = (scaled[1] - scaled[0]).maxAbs, d2 = (scaled[2] - scaled[1]).maxAbs, d3 = (scaled[3] - scaled[2]).maxAbs
        XCTAssertEqual(d1 / d2, 10, accuracy: 1, "scaled-gap differences \([d1, d2, d3])")
        XCTAssertEqual(d2 / d3, 10, accuracy: 1, "scaled-gap differences \([d1, d2, d3])")
        let extrapolated = (1.0 / 9.0) * (10 * scaled[3] - scaled[2])     // Richardson in 1/K
        // the limit from the closed form: r_K as a function of ε = 1/K, derivative at 0
        func derivative(_ x: Double) throws -> Double {
            let big = 1_000_000, small = 500_000
            let r1 = try ScalarChainLaw.stationaryVarianceRatio(.plmc(.finite(big)), x: x)
            let r2 = try ScalarChainLaw.stationaryVarianceRatio(.plmc(.finite(small)), x: x)
            let rInf = try ScalarChainLaw.stationaryVarianceRatio(.plmc(.infinite), x: x)
            // Richardson on (r_K − r_∞)·K
            return 2 * (r1 - rInf) * Double(big) - (r2 - rInf) * Double(small)
        }
        let expected = ChainTestMatrices.spd(eigenvalues: try lambdas.map { try derivative(eta * $0) / $0 }, rotation: q)
        XCTAssertLessThan(maxRelativeDifference(extrapolated, expected, floor: 1e-2), 1e-6)
        // leading order c(x) ≈ x/2 − x²/2 + O(x³) (series of docs/theory.md §4.2: x/(2K) − x²/(2K) + …)
        let x = 1e-3
        XCTAssertEqual(try derivative(x) / x, 0.5 - x / 2, accuracy: 1e-5)
    }

    /// Underdamped, d = 2: |Σ_K − Σ_∞| shrinks like 1/K (gap ratios between K and 4K tend to 4), and for
    /// γ = 1, a = 1 the position-variance gap is ≈ 0.5 η/K at small η (an earlier estimate said "roughly 0.6 η/K"; docs/theory.md §4.5, §9).
    /// Claim C9 (PN-P09).
    func testC09_underdampedFiniteKGapIsOrderOneOverK() throws {
        let (a, _) = ChainTestMatrices.spd(eigenvalues: [0.5, 1.6], seed: chainTestSeed(#function))
        let drift = try LinearDrift(precision: a, mean: [1, 2])
        let eta = 0.3
        let scheme = { (k: MidpointCount) in Scheme.plmcULMC(friction: 1.2, k) }
        let limit = try ChainLaw.stationary(scheme(.infinite), eta: eta, drift: drift).covariance
        var gaps: [Double] = []
        for k in [64, 256, 1024, 4096] {
            gaps.append((try ChainLaw.stationary(scheme(.finite(k)), eta: eta, drift: drift).covariance - limit).maxAbs)
        }
        for i in 1..<gaps.count {
            XCTAssertEqual(gaps[i - 1] / gaps[i], 4, accuracy: 0.05, "gap ratio K = \(64 << (2 * (i - 1))) vs 4K: \(gaps)")
        }
        let one = try LinearDrift(precision: Matrix([[1.0]]), mean: [0])
        for eta in [0.05, 0.02] {
            let k = 4096
            let gap = try ChainLaw.stationary(.plmcULMC(friction: 1, .finite(k)), eta: eta, drift: one).covariance[0, 0]
                - ChainLaw.stationary(.plmcULMC(friction: 1, .infinite), eta: eta, drift: one).covariance[0, 0]
            XCTAssertEqual(gap * Double(k) / eta, 0.5, accuracy: 0.02, "η = \(eta)")
        }
    }
}

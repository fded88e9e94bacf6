import DenseLinearAlgebra
import Foundation
import Randomness
import ReferenceLaws
import SchemeVocabulary
@testable import Verification
import VerificationTestSupport
import XCTest

/// C15's unbounded metrics on the clipped law (PN-D06 items 5, 6): the Fréchet distance of the Gaussian fit through a
/// moment box and convexity bounds, and sliced W₂² through DKW bands on each projected CDF. Expected values come from
/// independent routes: W₂² between Gaussians by the SVD (PN-L02) and 1-D W₂² by a midpoint rule on quantiles found by
/// bisection on GSL's normal CDF.
final class C15ClippedMetricTests: XCTestCase {
    static let p = C15MetricTests.p
    static let q = C15MetricTests.q

    /// Moment-matched Gaussian of a mixture.
    static func fit(_ law: GaussianMixtureLaw) throws -> GaussianLaw {
        try GaussianLaw(mean: law.mean, covariance: law.covariance)
    }

    /// A box with exact moments and the given half-widths (deterministic).
    static func box(_ law: GaussianMixtureLaw, meanHalf: Double, secondHalf: Double) -> MomentBox {
        let d = law.dimension, m = law.mean
        var second = law.covariance
        for i in 0..<d { for j in 0..<d { second[i, j] += m[i] * m[j] } }
        var h = Matrix(rows: d, cols: d)
        for i in 0..<d { for j in 0..<d { h[i, j] = secondHalf } }
        return MomentBox(mean: m, meanHalfWidth: [Double](repeating: meanHalf, count: d), second: second,
                         secondHalfWidth: h, n: 2)
    }

    // MARK: Exact checks (no sampling)

    /// With zero half-widths the range collapses to W₂² of the moment-matched Gaussians (SVD route, PN-L02); with positive
    /// half-widths, every (m, M₂) drawn inside the box (seeded) has its FD inside the range.
    func testC15_clippedFDRangeIsExactAtAPointAndHoldsOverTheBox() throws {
        for (law, data) in [(Self.p, Self.q), (Self.q, Self.q), (try DiffusionDataCase.ring8.law(), try DiffusionDataCase.ring8.law())] {
            let fd = try ClippedFrechetDistance(data: data)
            let exact = try GaussianDistance.wasserstein2Squared(Self.fit(law), Self.fit(data))
            let point = try fd.range(Self.box(law, meanHalf: 0, secondHalf: 0))
            XCTAssertEqual(point.lower, exact, accuracy: 1e-10 + 1e-9 * exact)
            XCTAssertEqual(point.upper, exact, accuracy: 1e-10 + 1e-9 * exact)
            XCTAssertEqual(point.centre, exact, accuracy: 1e-10 + 1e-9 * exact)
            var g = Xoshiro256StarStar(seed: 0xC15F)
            for (meanHalf, secondHalf) in [(0.01, 0.02), (0.05, 0.1)] {
                let b = Self.box(law, meanHalf: meanHalf, secondHalf: secondHalf)
                let r = try fd.range(b)
                XCTAssertLessThanOrEqual(r.lower, exact + 1e-12)
                XCTAssertGreaterThanOrEqual(r.upper, exact - 1e-12)
                let d = law.dimension
                for _ in 0..<200 {
                    let m = (0..<d).map { b.mean[$0] + meanHalf * (2 * g.nextUniform() - 1) }
                    var second = b.second
                    for i in 0..<d {
                        for j in i..<d {
                            let t = second[i, j] + secondHalf * (2 * g.nextUniform() - 1)
                            second[i, j] = t; second[j, i] = t
                        }
                    }
                    var s = second
                    for i in 0..<d { for j in 0..<d { s[i, j] -= m[i] * m[j] } }
                    guard let e = try? SymmetricEigen(s.symmetrized), e.values[0] > 0 else { continue }
                    let value = try GaussianDistance.wasserstein2Squared(try GaussianLaw(mean: m, covariance: s.symmetrized),
                                                                          Self.fit(data))
                    XCTAssertGreaterThanOrEqual(value, r.lower - 1e-10, "inside the box, below the range")
                    XCTAssertLessThanOrEqual(value, r.upper + 1e-10, "inside the box, above the range")
                }
            }
        }
    }

    /// The clip box holds the data law up to 2d Φ̄(8), and clipping moves the exact moments of the test laws by < 10⁻⁶.
    func testC15_clipBoxSlackIsNegligibleAndBadInputIsRefused() throws {
        for law in [Self.q, try DiffusionDataCase.ring8.law(), try DiffusionDataCase.twoMode1D.law()] {
            let box = try ClipBox(data: law)
            XCTAssertLessThanOrEqual(box.outsideMassBound(of: law), 2 * Double(law.dimension) * 6.3e-16 * 1.01)
            XCTAssertLessThan(box.momentSlack(of: law).second, 1e-6)
        }
        XCTAssertLessThan(try ClipBox(data: Self.q).momentSlack(of: Self.p).second, 1e-4)
        XCTAssertThrowsError(try ClipBox(data: Self.q, standardScores: 0))
        XCTAssertThrowsError(try ClipBox(data: Self.q, standardScores: .nan))
        let fd = try ClippedFrechetDistance(data: Self.q)
        XCTAssertThrowsError(try fd.estimate([1, 2, .nan, 4, 5, 6], alpha: 0.01))
        XCTAssertThrowsError(try fd.estimate([1, 2], alpha: 0.01))
        XCTAssertThrowsError(try fd.pairedDifference([1, 2, 3, 4], [1, 2], alpha: 0.01))
        XCTAssertThrowsError(try fd.estimate([1, 2, 3, 4], alpha: 0))
        let sw = try ClippedSlicedWasserstein(data: Self.q)
        XCTAssertEqual(sw.directions.count, ClippedSlicedWasserstein.directionCount)
        XCTAssertThrowsError(try sw.estimate([1, 2, .infinity, 4], alpha: 0.01))
        XCTAssertThrowsError(try sw.estimate([1, 2, 3], alpha: 0.01))
        XCTAssertThrowsError(try ClippedFrechetDistance(data: Self.q, box: try ClipBox(data: DiffusionDataCase.twoMode1D.law())))
    }

    // MARK: Monte Carlo on exact samples

    /// The interval widened by how far clipping can move FD of a law with these exact moments: the range of FD over the
    /// box of half-widths `ClipBox.momentSlack` around them (the bound checked exactly above).
    static func widened(_ interval: StatisticalInterval, exact: Double, sampleLaw: GaussianMixtureLaw,
                        fd: ClippedFrechetDistance) throws -> StatisticalInterval {
        let slack = fd.box.momentSlack(of: sampleLaw)
        let r = try fd.range(box(sampleLaw, meanHalf: slack.mean, secondHalf: slack.second))
        return try StatisticalInterval(statistic: interval.statistic, estimate: interval.estimate,
                                       lower: interval.lower - max(0, r.upper - exact),
                                       upper: interval.upper + max(0, exact - r.lower), n: interval.n,
                                       alpha: interval.alpha, method: interval.method)
    }

    /// Exact samples: FD of the clipped fit contains the exact FD (single Gaussian data, where FD is the W₂² of the two
    /// Gaussians; the sample law is a mixture, FD reads its moments) and, for exact ring-8 samples against ring-8, 0.
    func testC15_clippedFDOfExactSamplesContainsTheExactValue() throws {
        let context = try TestContext(self)
        let budgetID = "C15.mc.fd-clipped"
        let alpha = StatisticalBudget.level(of: budgetID, splitAcross: 2)
        let gaussian = try GaussianMixtureLaw(mean: [0.2, -0.1], covariance: try Matrix([[0.8, 0.2], [0.2, 0.6]]))
        let nearby = try GaussianMixtureLaw(mean: [0.3, -0.2], covariance: try Matrix([[0.9, 0.25], [0.25, 0.5]]))
        let ring = try DiffusionDataCase.ring8.law()
        for (sampleLaw, data) in [(nearby, gaussian), (ring, ring)] {
            let fd = try ClippedFrechetDistance(data: data)
            let exact = try GaussianDistance.wasserstein2Squared(Self.fit(sampleLaw), Self.fit(data))
            let samples = try C15MetricTests.exactSamples(sampleLaw, n: 20_000, seed: context.seed)
            let interval = try fd.estimate(samples, alpha: alpha)
            assertInterval(try Self.widened(interval, exact: exact, sampleLaw: sampleLaw, fd: fd), contains: exact,
                           budgetID: budgetID, splitAcross: 2, context: context)
            print("C15 clipped FD: exact \(exact), \(interval)")
        }
    }

    /// Paired samples (x from P, y from Q, row by row) against data R: the interval of FD(P) − FD(Q) contains the exact
    /// difference of the Gaussian W₂² values.
    func testC15_pairedClippedFDContainsTheExactDifference() throws {
        let context = try TestContext(self)
        let budgetID = "C15.mc.fd-paired"
        let alpha = StatisticalBudget.level(of: budgetID)
        let r = try GaussianMixtureLaw(weights: [0.4, 0.6], means: [[-1.0, 0.0], [1.0, 1.0]],
                                       covariances: [Matrix.diagonal([0.25, 0.25]), Matrix.diagonal([0.35, 0.35])])
        let fd = try ClippedFrechetDistance(data: r)
        let x = try C15MetricTests.exactSamples(Self.p, n: 20_000, seed: context.seed)
        let y = try C15MetricTests.exactSamples(Self.q, n: 20_000, seed: context.seed &+ 1)
        let exact = try GaussianDistance.wasserstein2Squared(Self.fit(Self.p), Self.fit(r))
            - GaussianDistance.wasserstein2Squared(Self.fit(Self.q), Self.fit(r))
        let interval = try fd.pairedDifference(x, y, alpha: alpha)
        // Clipping moves each FD by at most its slack range (two one-law widenings, added).
        let fp = try GaussianDistance.wasserstein2Squared(Self.fit(Self.p), Self.fit(r))
        let fq = try GaussianDistance.wasserstein2Squared(Self.fit(Self.q), Self.fit(r))
        let unit = try StatisticalInterval(statistic: "", estimate: 0, lower: 0, upper: 0, n: 1, alpha: alpha,
                                           method: .empiricalBernstein)
        let wp = try Self.widened(unit, exact: fp, sampleLaw: Self.p, fd: fd)
        let wq = try Self.widened(unit, exact: fq, sampleLaw: Self.q, fd: fd)
        let widened = try StatisticalInterval(statistic: interval.statistic, estimate: interval.estimate,
                                              lower: interval.lower + wp.lower - wq.upper,
                                              upper: interval.upper + wp.upper - wq.lower, n: interval.n,
                                              alpha: interval.alpha, method: interval.method)
        assertInterval(widened, contains: exact, budgetID: budgetID, context: context)
        print("C15 paired clipped ΔFD: exact \(exact), \(interval)")
    }

    /// 1-D W₂² between clipped laws by an independent midpoint rule (quantiles by bisection on GSL's Φ).
    static func quadratureW2(_ p: GaussianMixtureLaw, _ q: GaussianMixtureLaw, lower a: Double, upper b: Double) throws -> Double {
        func quantile(_ law: GaussianMixtureLaw, _ u: Double) throws -> Double {
            var lo = a - 1, hi = b + 1
            for _ in 0..<100 {
                let x = 0.5 * (lo + hi)
                var f = 0.0
                for k in 0..<law.componentCount {
                    f += law.weights[k] * (try StandardNormal.cdf((x - law.means[k][0]) / law.covariances[k][0, 0].squareRoot()))
                }
                if f < u { lo = x } else { hi = x }
            }
            return min(b, max(a, 0.5 * (lo + hi)))
        }
        let m = 20_000
        var total = 0.0
        for j in 0..<m {
            let u = (Double(j) + 0.5) / Double(m)
            let t = try quantile(p, u) - quantile(q, u)
            total += t * t / Double(m)
        }
        return total
    }

    /// Exact ring-8 samples against ring-8: the sliced W₂² interval contains 0. Exact samples of a 1-D mixture P against
    /// two-mode-1d: it contains the quadrature value of W₂²(clip P, clip Q) (midpoint rule, error < 10⁻⁵, widened by that).
    func testC15_slicedW2OfExactSamplesContainsZeroAndTheQuadratureValue() throws {
        let context = try TestContext(self)
        let budgetID = "C15.mc.sliced-w2"
        let alpha = StatisticalBudget.level(of: budgetID, splitAcross: 2)
        let ring = try DiffusionDataCase.ring8.law()
        let ringSamples = try C15MetricTests.exactSamples(ring, n: 20_000, seed: context.seed)
        let ringInterval = try ClippedSlicedWasserstein(data: ring).estimate(ringSamples, alpha: alpha)
        assertInterval(ringInterval, contains: 0, budgetID: budgetID, splitAcross: 2, context: context)

        let data = try DiffusionDataCase.twoMode1D.law()
        let other = try GaussianMixtureLaw(weights: [0.5, 0.5], means: [[-1.2], [1.1]],
                                           covariances: [Matrix.diagonal([0.2]), Matrix.diagonal([0.25])])
        let sw = try ClippedSlicedWasserstein(data: data)
        XCTAssertEqual(sw.directions, [[1]])
        // The box from the data law, recomputed here: minₖ(μₖ − 8σₖ), maxₖ(μₖ + 8σₖ).
        let a = min(-1.5 - 8 * 0.1.squareRoot(), 1 - 8 * 0.3.squareRoot()), b = max(-1.5 + 8 * 0.1.squareRoot(), 1 + 8 * 0.3.squareRoot())
        XCTAssertEqual(sw.lower[0], a, accuracy: 1e-12)
        XCTAssertEqual(sw.upper[0], b, accuracy: 1e-12)
        let exact = try Self.quadratureW2(other, data, lower: a, upper: b)
        XCTAssertGreaterThan(exact, 0.02)
        let samples = try C15MetricTests.exactSamples(other, n: 20_000, seed: context.seed &+ 7)
        let interval = try sw.estimate(samples, alpha: alpha)
        let widened = try StatisticalInterval(statistic: interval.statistic, estimate: interval.estimate,
                                              lower: interval.lower - 1e-5, upper: interval.upper + 1e-5, n: interval.n,
                                              alpha: interval.alpha, method: interval.method)
        assertInterval(widened, contains: exact, budgetID: budgetID, splitAcross: 2, context: context)
        XCTAssertGreaterThan(interval.lower, 0, "W₂² ≈ \(exact) must be resolved from 0 at n = 20 000: \(interval)")
    }
}

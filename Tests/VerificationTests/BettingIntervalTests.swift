// The betting interval of C10's coupled secant (PN-V15), checked deterministically: its end points are where the
// capital processes, recomputed here from the definition, cross 2/α; bad input is refused; with a small variance it is
// narrower than the empirical Bernstein interval. No statistical level (no sampling).
import Foundation
import Verification
import XCTest

final class BettingIntervalTests: XCTestCase {
    /// Samples in [−2, 2] from a fixed deterministic sequence (a paired difference with a small spread around 0.01).
    private func samples(_ n: Int, spread: Double = 0.05) -> [Double] {
        (0..<n).map { i in 0.01 + spread * sin(Double(i) * 1.618_033_988_75 + 0.3) }
    }

    /// K⁺(m) and K⁻(m) from the definition (bets from the past only, λ_max = ¾/(r + r/4)), written independently of
    /// the library's loop: the library's lower end is rejected by K⁺ and a hair above it is not, and the same for
    /// the upper end with K⁻. Claim C10 (PN-V15).
    func testC10_bettingIntervalEndsAreWhereTheCapitalCrosses() throws {
        let x = samples(5_000), alpha = 1e-6, a = -2.0, b = 2.0
        let interval = try BettingInterval.interval(statistic: "Δ", samples: x, range: a...b, alpha: alpha)
        let n = x.count, z = 0.0, r = 2.0
        var bets: [Double] = []
        var past: [Double] = []
        for xi in x {
            // μ̂_j = (z + Σ_{k≤j} x_k)/(j + 1); σ̂² = (r² + Σ_j (x_j − μ̂_j)²)/(t + 1) over the t past samples
            var squares = r * r, sum = z
            for (j, xj) in past.enumerated() {
                sum += xj
                let mean = sum / Double(j + 2)
                squares += (xj - mean) * (xj - mean)
            }
            let variance = squares / Double(past.count + 1)
            bets.append(min((2 * log(2 / alpha) / (Double(n) * variance)).squareRoot(), 0.75 / (1.25 * r)))
            past.append(xi)
            if past.count > 40 { break }   // the O(n²) recomputation is checked on a prefix …
        }
        // … and the bets beyond the prefix come from the running form, which the prefix has pinned down
        XCTAssertEqual(bets.count, 41)
        func logCapital(_ m: Double, sign: Double, lambdas: [Double]) -> Double {
            zip(lambdas, x).reduce(0) { $0 + log1p(sign * $1.0 * ($1.1 - m)) }
        }
        // a full recomputation of the bets by the running form (same formula as the prefix above)
        var lambdas: [Double] = []
        var sum = z, squares = r * r
        for (i, xi) in x.enumerated() {
            lambdas.append(min((2 * log(2 / alpha) / (Double(n) * squares / Double(i + 1))).squareRoot(), 0.75 / (1.25 * r)))
            sum += xi
            squares += (xi - sum / Double(i + 2)) * (xi - sum / Double(i + 2))
        }
        for i in 0..<bets.count { XCTAssertEqual(lambdas[i], bets[i], accuracy: 1e-12 * bets[i], "bet \(i)") }
        let threshold = log(2 / alpha), eps = 1e-8
        XCTAssertGreaterThanOrEqual(logCapital(interval.lower, sign: 1, lambdas: lambdas), threshold - 1e-9)
        XCTAssertLessThan(logCapital(interval.lower + eps, sign: 1, lambdas: lambdas), threshold)
        XCTAssertGreaterThanOrEqual(logCapital(interval.upper, sign: -1, lambdas: lambdas), threshold - 1e-9)
        XCTAssertLessThan(logCapital(interval.upper - eps, sign: -1, lambdas: lambdas), threshold)
        XCTAssertTrue(interval.contains(0.01), "\(interval)")
        XCTAssertEqual(interval.method, .betting)
        XCTAssertEqual(interval.n, n)
    }

    /// With a small variance the betting interval is narrower than the empirical Bernstein one (the range term is
    /// ≈ 2.9× smaller), and a lower level gives a wider interval that contains the narrower one.
    func testC10_bettingIntervalFollowsTheVariance() throws {
        let x = samples(200_000, spread: 0.02)
        let betting = try BettingInterval.interval(statistic: "Δ", samples: x, range: -2...2, alpha: 1e-9)
        let bernstein = try StatisticalInterval.empiricalBernstein(statistic: "Δ", samples: x, range: -2...2, alpha: 1e-9)
        XCTAssertLessThan(betting.width, 0.6 * bernstein.width, "betting \(betting), Bernstein \(bernstein)")
        XCTAssertGreaterThan(betting.width, 0)
        let loose = try BettingInterval.interval(statistic: "Δ", samples: x, range: -2...2, alpha: 1e-3)
        XCTAssertLessThanOrEqual(betting.lower, loose.lower)
        XCTAssertGreaterThanOrEqual(betting.upper, loose.upper)
        // the design half-width (first-order size, PN-V15) is within a factor 2 of the realised one
        let sigma = 0.02 / 2.0.squareRoot()
        let design = BettingInterval.designHalfWidth(standardDeviation: sigma, n: x.count, range: -2...2, alpha: 1e-9)
        XCTAssertLessThan(betting.width / 2, 2 * design)
        XCTAssertGreaterThan(betting.width / 2, design / 2)
    }

    /// Bad input is refused with a typed error (docs/testing-policy.md R25): NaN or out-of-range samples, too few
    /// samples, a level outside (0, 1), an empty or infinite range.
    func testC10_bettingIntervalRefusesBadInput() {
        let good = samples(10)
        XCTAssertThrowsError(try BettingInterval.interval(statistic: "Δ", samples: good + [.nan], range: -2...2, alpha: 1e-3))
        XCTAssertThrowsError(try BettingInterval.interval(statistic: "Δ", samples: good + [2.5], range: -2...2, alpha: 1e-3))
        XCTAssertThrowsError(try BettingInterval.interval(statistic: "Δ", samples: [0.1], range: -2...2, alpha: 1e-3))
        for alpha in [0, 1, -1e-3, Double.nan] {
            XCTAssertThrowsError(try BettingInterval.interval(statistic: "Δ", samples: good, range: -2...2, alpha: alpha))
        }
        XCTAssertThrowsError(try BettingInterval.interval(statistic: "Δ", samples: [1, 1], range: 1...1, alpha: 1e-3))
        XCTAssertThrowsError(try BettingInterval.interval(statistic: "Δ", samples: good, range: -2...Double.infinity,
                                                          alpha: 1e-3))
    }
}

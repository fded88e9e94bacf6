import DenseLinearAlgebra
import ReferenceLaws
import XCTest

/// KL (PN-L01), W2 (PN-L02), Hellinger (PN-L03) and TV (PN-L04) between Gaussians: against independent
/// mpmath values (`gaussian_distances.json`: inverse/determinant KL, `mpmath.sqrtm` Bures W2, determinant
/// Hellinger, quadrature TV), textbook cases, and accuracy for nearly equal laws.
final class GaussianDistanceTests: XCTestCase {
    private struct Pair {
        let name: String
        let p: GaussianLaw
        let q: GaussianLaw
        let row: [String: Any]
    }

    private func pairs() throws -> [Pair] {
        try ReferenceData.rows("gaussian_distances.json", "pairs").map { row in
            Pair(name: row["name"] as? String ?? "?",
                 p: try GaussianLaw(mean: row.vector("mean_p"), covariance: row.matrix("cov_p")),
                 q: try GaussianLaw(mean: row.vector("mean_q"), covariance: row.matrix("cov_q")), row: row)
        }
    }

    // Relative tolerance for a closed form of value v vs mpmath (which used the exact double inputs):
    // 1e-13 (≈ 450ε: eigen-decompositions and Cholesky solves of well-conditioned d ≤ 3 matrices) plus
    // 64ε/√v. The second term is the accuracy of the difference-based forms: the covariance difference is
    // known to absolute round-off ≈ ε, and a divergence of size v ≈ δ² from a difference δ then carries
    // absolute error ≈ ε·δ, i.e. relative ≈ ε/√v. For the "close" pairs (v ≈ 1e-7…1e-6) this is ≈ 3e-11,
    // still far below what the naive "tr − d − log det" or Bures-trace forms give (≈ ε/v ≈ 1e-9).
    private func closedFormTolerance(_ value: Double) -> Double { 1e-13 + 64 * eps / value.squareRoot() }

    func testPN_L01_KLBothDirectionsAgainstMpmath() throws {
        for pair in try pairs() {
            let (forward, reverse) = try GaussianDistance.kullbackLeiblerBothDirections(pair.p, pair.q)
            let (klPQ, klQP) = (pair.row.double("kl_pq"), pair.row.double("kl_qp"))
            assertRelative(forward, klPQ, closedFormTolerance(klPQ), "KL(P‖Q) \(pair.name)")
            assertRelative(reverse, klQP, closedFormTolerance(klQP), "KL(Q‖P) \(pair.name)")
            if pair.row["kl_pq_quadrature"] != nil {   // 1-D: ∫ p log(p/q) by mpmath quadrature, no closed form
                assertRelative(forward, pair.row.double("kl_pq_quadrature"), closedFormTolerance(klPQ), "KL quadrature \(pair.name)")
            }
        }
    }

    func testPN_L02_W2AgainstMpmath() throws {
        for pair in try pairs() {
            let expected = pair.row.double("w2_squared")
            assertRelative(try GaussianDistance.wasserstein2Squared(pair.p, pair.q), expected, closedFormTolerance(expected),
                           "W2² polar form \(pair.name)")
            assertRelative(try GaussianDistance.wasserstein2(pair.p, pair.q), expected.squareRoot(), closedFormTolerance(expected),
                           "W2 \(pair.name)")
            // The trace formula has absolute error ≈ c·ε·(tr Σ_P + tr Σ_Q): allow 64ε·(traces) absolute.
            let traces = pair.p.covariance.trace + pair.q.covariance.trace
            assertAbsolute(try GaussianDistance.wasserstein2SquaredBuresTrace(pair.p, pair.q), expected, 64 * eps * traces,
                           "W2² trace formula \(pair.name)")
        }
    }

    func testPN_L03_HellingerAgainstMpmath() throws {
        for pair in try pairs() {
            let expected = pair.row.double("hellinger_squared")
            let computed = try GaussianDistance.hellingerSquared(pair.p, pair.q)
            assertRelative(computed, expected, closedFormTolerance(expected), "H² \(pair.name)")
            if pair.row["hellinger_squared_quadrature"] != nil {   // 1-D: 1 − ∫√(pq) by mpmath quadrature
                assertRelative(computed, pair.row.double("hellinger_squared_quadrature"), closedFormTolerance(expected),
                               "H² quadrature \(pair.name)")
            }
        }
    }

    func testPN_L04_ExactOneDimensionalTVAgainstQuadrature() throws {
        for pair in try pairs() where pair.p.dimension == 1 {
            // mpmath quadrature of |p − q|/2 at 50 digits; the crossing-point formula loses ≈ ε absolute in each
            // normal mass: 8ε absolute plus 1e-13 relative.
            let expected = pair.row.double("tv")
            let bounds = try GaussianDistance.totalVariation(pair.p, pair.q)
            XCTAssertEqual(bounds.exact, bounds.lower, pair.name)
            XCTAssertEqual(bounds.lower, bounds.upper, pair.name)
            assertAbsolute(bounds.exact ?? .nan, expected, 8 * eps + 1e-13 * expected, "TV \(pair.name)")
            let normalP = try Normal(mean: pair.p.mean[0], variance: pair.p.covariance[0, 0])
            let normalQ = try Normal(mean: pair.q.mean[0], variance: pair.q.covariance[0, 0])
            assertAbsolute(try GaussianDistance.totalVariation(normalQ, normalP), expected, 8 * eps + 1e-13 * expected,
                           "TV swapped \(pair.name)")
        }
    }

    func testPN_L04_TVIntervalContainsTheTwoDimensionalReferenceAndRespectsHellingerAndPinsker() throws {
        for pair in try pairs() where pair.p.dimension >= 2 {
            let bounds = try GaussianDistance.totalVariation(pair.p, pair.q)
            XCTAssertLessThanOrEqual(bounds.lower, bounds.upper, pair.name)
            XCTAssertGreaterThanOrEqual(bounds.lower, 0, pair.name)
            XCTAssertLessThanOrEqual(bounds.upper, 1, pair.name)
            let h2 = try GaussianDistance.hellingerSquared(pair.p, pair.q)
            let (klPQ, klQP) = try GaussianDistance.kullbackLeiblerBothDirections(pair.p, pair.q)
            // The returned interval is at least as tight as each always-valid bound.
            XCTAssertGreaterThanOrEqual(bounds.lower, h2 * (1 - 1e-12), "Hellinger lower \(pair.name)")
            XCTAssertLessThanOrEqual(bounds.upper, (h2 * (2 - h2)).squareRoot() * (1 + 1e-12), "Hellinger upper \(pair.name)")
            XCTAssertLessThanOrEqual(bounds.upper, (min(klPQ, klQP) / 2).squareRoot() * (1 + 1e-12), "Pinsker \(pair.name)")
            if pair.row["tv"] != nil {
                // 2-D reference: inner integral in closed form, outer mpmath quadrature at 30 digits (≈1e-12).
                let tv = pair.row.double("tv")
                XCTAssertTrue(bounds.lower <= tv + 1e-12 && tv - 1e-12 <= bounds.upper,
                              "\(pair.name): TV \(tv) outside [\(bounds.lower), \(bounds.upper)]")
            }
            print("TV \(pair.name): [\(bounds.lower), \(bounds.upper)] from \(bounds.lowerSource)/\(bounds.upperSource)")
        }
    }

    func testPN_L04_RotatedEmbeddingsOfOneDimensionalPairsAreEnclosed() throws {
        // Embed each 1-D reference pair as N((μ,0,0), diag(σ²,1,1)) and rotate both laws by the same fixed
        // orthogonal R (Householder reflection I − 2vvᵀ/|v|² times a coordinate rotation). Every divergence is
        // invariant, so KL/W2²/H² must equal the 1-D mpmath values and the 3-D TV interval (DMR, Pinsker,
        // Bretagnolle–Huber, Hellinger, projections) must contain the exact 1-D TV.
        let v = [1.0, -2.0, 0.5], norm2 = v.reduce(0) { $0 + $1 * $1 }
        var householder = Matrix.identity(3)
        for i in 0..<3 { for j in 0..<3 { householder[i, j] -= 2 * v[i] * v[j] / norm2 } }
        let (c, s) = (cos(0.7), sin(0.7))
        let rotation = householder * (try Matrix([[c, -s, 0], [s, c, 0], [0, 0, 1]]))
        func embed(_ law: GaussianLaw) throws -> GaussianLaw {
            let mean = rotation * [law.mean[0], 0, 0]
            let covariance = rotation * Matrix.diagonal([law.covariance[0, 0], 1, 1]) * rotation.transposed
            return try GaussianLaw(mean: mean, covariance: covariance.symmetrized)
        }
        for pair in try pairs() where pair.p.dimension == 1 {
            let p3 = try embed(pair.p), q3 = try embed(pair.q)
            let tv = pair.row.double("tv")
            let bounds = try GaussianDistance.totalVariation(p3, q3)
            // Rotation round-off perturbs the laws by ≈ 10ε; the exact 1-D projection lower bound then matches
            // TV to ≈ 1e-14 (allow 1e-12).
            XCTAssertTrue(bounds.lower <= tv + 1e-12 && tv - 1e-12 <= bounds.upper,
                          "\(pair.name): TV \(tv) outside [\(bounds.lower), \(bounds.upper)]")
            let kl = pair.row.double("kl_pq"), w2 = pair.row.double("w2_squared"), h2 = pair.row.double("hellinger_squared")
            // Rotated inputs are exact only to ≈ 10ε per entry, amplified by 1/√v as in closedFormTolerance.
            let tol: (Double) -> Double = { 1e-12 + 1024 * eps / $0.squareRoot() }
            assertRelative(try GaussianDistance.kullbackLeibler(p3, q3), kl, tol(kl), "rotated KL \(pair.name)")
            assertRelative(try GaussianDistance.wasserstein2Squared(p3, q3), w2, tol(w2), "rotated W2² \(pair.name)")
            assertRelative(try GaussianDistance.hellingerSquared(p3, q3), h2, tol(h2), "rotated H² \(pair.name)")
        }
    }

    func testIdenticalLawsAreAtDistanceZero() throws {
        let law = try GaussianLaw(mean: [1, -2, 0.5], covariance: Matrix([[3, 1, 0.5], [1, 2, 0.3], [0.5, 0.3, 1]]))
        XCTAssertEqual(try GaussianDistance.kullbackLeibler(law, law), 0)
        XCTAssertEqual(try GaussianDistance.hellingerSquared(law, law), 0)
        // Polar factor of A² is I up to round-off, so W2² is O(ε²·‖Σ‖).
        XCTAssertLessThanOrEqual(try GaussianDistance.wasserstein2(law, law), 64 * eps)
        let tv = try GaussianDistance.totalVariation(law, law)
        XCTAssertEqual(tv.exact, 0)
        XCTAssertEqual(tv.upper, 0)
    }

    func testOneDimensionalW2IsTheDistanceOfMeansAndStandardDeviations() throws {
        for (m1, s1, m2, s2) in [(0.0, 1.0, 1.0, 2.0), (3, 0.1, -1, 0.1), (-2, 5, -2, 0.25), (1e3, 1e-3, 1e3 + 1, 2e-3)] {
            let p = try GaussianLaw(mean: m1, variance: s1 * s1), q = try GaussianLaw(mean: m2, variance: s2 * s2)
            let expected = ((m1 - m2) * (m1 - m2) + (s1 - s2) * (s1 - s2)).squareRoot()
            assertRelative(try GaussianDistance.wasserstein2(p, q), expected, 16 * eps, "W2 1-D (\(m1),\(s1)) vs (\(m2),\(s2))")
        }
    }

    func testCommutingCovariancesMatchCoordinatewiseFormulas() throws {
        // Σ_P = R diag(a) Rᵀ, Σ_Q = R diag(b) Rᵀ with the same rotation R (45° in the first two coordinates):
        // W2² = |Δμ|² + Σ(√aᵢ − √bᵢ)², KL = ½Σ(aᵢ/bᵢ − 1 − log(aᵢ/bᵢ)) + ½ Σ (Rᵀ Δμ)ᵢ²/bᵢ, and
        // BC = Π (aᵢbᵢ)^{1/4}/((aᵢ+bᵢ)/2)^{1/2} · exp(−⅛ Σ (RᵀΔμ)ᵢ²/((aᵢ+bᵢ)/2)).
        let a = [1.0, 2.0, 3.0], b = [2.0, 0.7, 0.5]
        let c = 0.5.squareRoot()
        let r = try Matrix([[c, -c, 0], [c, c, 0], [0, 0, 1]])
        let sp = r * Matrix.diagonal(a) * r.transposed, sq = r * Matrix.diagonal(b) * r.transposed
        let mp = [0.2, -0.4, 1.0], mq = [1.0, 0.5, 0.0]
        let p = try GaussianLaw(mean: mp, covariance: sp.symmetrized), q = try GaussianLaw(mean: mq, covariance: sq.symmetrized)
        let delta = zip(mp, mq).map { $0 - $1 }
        let rotated = r.transposed * delta
        var w2 = delta.reduce(0) { $0 + $1 * $1 }, kl = 0.0, logBC = 0.0
        for i in 0..<3 {
            w2 += (a[i].squareRoot() - b[i].squareRoot()) * (a[i].squareRoot() - b[i].squareRoot())
            kl += 0.5 * (a[i] / b[i] - 1 - log(a[i] / b[i]) + rotated[i] * rotated[i] / b[i])
            let mid = (a[i] + b[i]) / 2
            logBC += 0.25 * log(a[i] * b[i]) - 0.5 * log(mid) - rotated[i] * rotated[i] / (8 * mid)
        }
        assertRelative(try GaussianDistance.wasserstein2Squared(p, q), w2, 1e-14, "W2² commuting")
        assertRelative(try GaussianDistance.kullbackLeibler(p, q), kl, 1e-14, "KL commuting")
        assertRelative(try GaussianDistance.hellingerSquared(p, q), 1 - exp(logBC), 1e-14, "H² commuting")
    }

    func testNearlyEqualLawsKeepRelativeAccuracy() throws {
        // P = N(0, I₃), Q = N(0, (1+δ)I₃), δ = 1e-6. Independent series:
        // KL(P‖Q) = (3/2)Σ_{k≥2} (−1)^k (1 − 1/k) δ^k;  W2² = 3(√(1+δ) − 1)² = 3(δ/(√(1+δ)+1))².
        let delta = 1e-6
        let p = try GaussianLaw.standard(dimension: 3)
        let q = try GaussianLaw(mean: [0, 0, 0], covariance: Matrix.diagonal([1 + delta, 1 + delta, 1 + delta]))
        let actualDelta = q.covariance[0, 0] - 1       // the δ that the double 1 + δ really carries
        var series = 0.0
        for k in 2...8 { series += (k % 2 == 0 ? 1 : -1) * (1 - 1 / Double(k)) * pow(actualDelta, Double(k)) }
        let klExpected = 1.5 * series
        let rootStep = actualDelta / ((1 + actualDelta).squareRoot() + 1)
        let w2Expected = 3 * rootStep * rootStep
        // KL ≈ 7.5e-13: the relative-spectrum form keeps ≈ ε/δ ≈ 2e-10 relative accuracy (naive: ≈ ε/KL ≈ 3e-4).
        assertRelative(try GaussianDistance.kullbackLeibler(p, q), klExpected, 1e-8, "KL for δ = 1e-6")
        // W2² ≈ 7.5e-13: the polar form keeps ≈ ε/√W2² relative accuracy; the trace formula loses ≈ 3ε absolute.
        assertRelative(try GaussianDistance.wasserstein2Squared(p, q), w2Expected, 1e-8, "W2² for δ = 1e-6")
        let trace = try GaussianDistance.wasserstein2SquaredBuresTrace(p, q)
        print("δ = 1e-6: W2² polar \(try GaussianDistance.wasserstein2Squared(p, q)), trace formula \(trace), exact \(w2Expected)")
        // Hellinger: H² = 1 − ((1+δ)^{1/4}/(1+δ/2)^{1/2})³ ≈ 3δ²/32.
        let h2Expected = -expm1(3 * (0.25 * log1p(actualDelta) - 0.5 * log1p(actualDelta / 2)))
        assertRelative(try GaussianDistance.hellingerSquared(p, q), h2Expected, 1e-8, "H² for δ = 1e-6")
    }

    func testEqualCovariancesGiveTheExactMahalanobisTV() throws {
        let sigma = try Matrix([[2, 0.5], [0.5, 1]])
        let p = try GaussianLaw(mean: [0, 0], covariance: sigma), q = try GaussianLaw(mean: [1, -1], covariance: sigma)
        // δ² = ΔᵀΣ⁻¹Δ with Σ⁻¹ = [[1, −0.5], [−0.5, 2]]/1.75: δ² = (1 + 1 + 2)/1.75.
        let mahalanobis = (4 / 1.75).squareRoot()
        let expected = erf(mahalanobis / (2 * 2.0.squareRoot()))
        let bounds = try GaussianDistance.totalVariation(p, q)
        assertRelative(bounds.exact ?? .nan, expected, 8 * eps, "equal-covariance TV")
    }

    func testProductLawWithOneDifferingCoordinateIsEnclosedAndTheProjectionIsExact() throws {
        // P = N(0,1)⊗N(0,1), Q = N(0,1)⊗N(0.3, 2): TV(P,Q) = TV of the second coordinates (exact, 1-D).
        let p = try GaussianLaw.standard(dimension: 2)
        let q = try GaussianLaw(mean: [0, 0.3], covariance: Matrix.diagonal([1, 2]))
        let exact = try GaussianDistance.totalVariation(try Normal(mean: 0, variance: 1), try Normal(mean: 0.3, variance: 2))
        let bounds = try GaussianDistance.totalVariation(p, q)
        XCTAssertTrue(bounds.contains(exact) || abs(bounds.lower - exact) <= 1e-14,
                      "exact \(exact) outside [\(bounds.lower), \(bounds.upper)]")
        assertAbsolute(bounds.lower, exact, 1e-14, "the coordinate projection attains the exact value")
        XCTAssertEqual(bounds.lowerSource, .projection)
    }

    func testDevroyeMehrabianReddadBoundIsUsedForCloseSameMeanLaws() throws {
        // Same mean, Σ_P = I, Σ_Q = diag(1.01, 0.99, 1): the eigenvalues of Σ_P⁻¹Σ_Q − I are ±0.01 and 0, so
        // ‖λ‖₂ = √2·0.01 and DMR Theorem 1.1 gives TV ≤ (3/2)·‖λ‖₂ (the smaller of the two orderings' norms).
        let p = try GaussianLaw.standard(dimension: 3)
        let q = try GaussianLaw(mean: [0, 0, 0], covariance: Matrix.diagonal([1.01, 0.99, 1]))
        let bounds = try GaussianDistance.totalVariation(p, q)
        let dmr = bounds.candidates.first { $0.source == .devroyeMehrabianReddad }
        XCTAssertNotNil(dmr)
        let norm = (0.01 * 0.01 + 0.01 * 0.01).squareRoot()
        assertRelative(dmr?.upper ?? .nan, 1.5 * norm, 1e-12, "DMR upper 3/2·‖λ‖")
        // The lower DMR constant 1/100 applies to the larger of the two orderings' norms.
        let normReverse = ((1 / 1.01 - 1) * (1 / 1.01 - 1) + (1 / 0.99 - 1) * (1 / 0.99 - 1)).squareRoot()
        assertRelative(dmr?.lower ?? .nan, 0.01 * max(norm, normReverse), 1e-12, "DMR lower ‖λ‖/100")
        XCTAssertLessThanOrEqual(bounds.lower, bounds.upper)
    }

    func testDimensionMismatchIsATypedError() throws {
        let p = try GaussianLaw.standard(dimension: 2), q = try GaussianLaw.standard(dimension: 3)
        let calls: [(String, () throws -> Any)] = [
            ("KL", { try GaussianDistance.kullbackLeibler(p, q) }),
            ("W2", { try GaussianDistance.wasserstein2(p, q) }),
            ("W2 trace", { try GaussianDistance.wasserstein2SquaredBuresTrace(p, q) }),
            ("H", { try GaussianDistance.hellinger(p, q) }),
            ("TV", { try GaussianDistance.totalVariation(p, q) }),
        ]
        for (label, call) in calls {
            XCTAssertThrowsError(try call(), label) { error in
                guard case GaussianLawError.matrix(.dimensionMismatch(_, 2, 3)) = error else {
                    return XCTFail("\(label): \(error)")
                }
            }
        }
    }
}

import DenseLinearAlgebra
import ReferenceLaws
import XCTest

/// PN-L05: the OU transition law against mpmath `expm` (processes.json), its t → 0 and t → ∞ limits, and an
/// independent small-t Taylor series; bad inputs.
final class OrnsteinUhlenbeckTests: XCTestCase {
    /// Entrywise |a − b| ≤ tol·max(1, max|b|).
    private func assertMatrix(_ a: Matrix, _ b: Matrix, _ tol: Double, _ label: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.rows, b.rows, label, file: file, line: line)
        let scale = max(1, b.maxAbs)
        let error = (a - b).maxAbs
        XCTAssertLessThanOrEqual(error, tol * scale, "\(label): max error \(error)", file: file, line: line)
    }

    func testPN_L05_TransitionAgainstMpmathExpm() throws {
        var worst = 0.0
        for row in try ReferenceData.rows("processes.json", "ou") {
            let ou = try OrnsteinUhlenbeck(precision: row.matrix("A"), center: row.vector("m"))
            let initial = try GaussianLaw(mean: row.vector("m0"), covariance: row.matrix("S0"))
            let t = row.double("t")
            let law = try ou.transitionLaw(from: initial, time: t)
            let label = "OU \(row["name"] ?? "") t = \(t)"
            // Eigenbasis evaluation vs mpmath expm at 50 digits: eigenvectors orthonormal to ≈ dε, products of
            // d ≤ 3 terms; 16ε relative to the largest entry (measured worst 3.1ε, printed below).
            let expectedCovariance = try row.matrix("covariance")
            let expectedMean = row.vector("mean")
            worst = max(worst, (law.covariance - expectedCovariance).maxAbs / max(1, expectedCovariance.maxAbs))
            assertMatrix(law.covariance, expectedCovariance, 16 * eps, label + " covariance")
            for i in expectedMean.indices {
                assertAbsolute(law.mean[i], expectedMean[i], 16 * eps * max(1, expectedMean.map(abs).max()!), label + " mean[\(i)]")
            }
            assertMatrix(try ou.stationaryLaw().covariance, try row.matrix("stationary_covariance"), 16 * eps, label + " A⁻¹")
        }
        print("OU vs mpmath expm: worst covariance error \(worst / eps)ε (relative to max(1, max entry))")
    }

    func testLimitsAtZeroAndInfinity() throws {
        let a = try Matrix([[1.5, 0.2, -0.3], [0.2, 0.8, 0.1], [-0.3, 0.1, 2.5]])
        let ou = try OrnsteinUhlenbeck(precision: a, center: [0, 1, 2])
        let initial = try GaussianLaw(mean: [-1, 0, 4], covariance: Matrix([[1, 0, 0.2], [0, 2, 0], [0.2, 0, 0.5]]))
        // t = 0: the initial law (Q diag(1) Qᵀ = I up to the eigenvectors' orthonormality error).
        let start = try ou.transitionLaw(from: initial, time: 0)
        assertMatrix(start.covariance, initial.covariance, 16 * eps, "t = 0 covariance")
        for i in 0..<3 { assertAbsolute(start.mean[i], initial.mean[i], 16 * eps * 4, "t = 0 mean[\(i)]") }
        // t = ∞: exactly the stationary law N(m, A⁻¹); A⁻¹ checked against A·A⁻¹ = I.
        let stationary = try ou.stationaryLaw()
        let end = try ou.transitionLaw(from: initial, time: .infinity)
        assertMatrix(end.covariance, stationary.covariance, 4 * eps, "t = ∞")
        XCTAssertEqual(end.mean, [0, 1, 2])
        assertMatrix(a * stationary.covariance, .identity(3), 32 * eps, "A · A⁻¹")
        // Large finite t: the transient e^{−2 λ_min t} with λ_min > 0.6 at t = 40 is < e^{−48} ≈ 1e-21.
        let late = try ou.transitionLaw(from: initial, time: 40)
        assertMatrix(late.covariance, stationary.covariance, 16 * eps, "t = 40")
    }

    func testPN_L05_SmallTimeAgainstAnIndependentTaylorSeries() throws {
        // e^{−At} = Σ_k (−At)^k/k! and A⁻¹(I − e^{−2At}) = Σ_{k≥1} (−1)^{k+1}(2t)^k A^{k−1}/k! — no eigenvectors,
        // no inverse; 25 terms at ‖At‖ ≤ 3e-3 are exact to far below ε.
        let a = try Matrix([[2, 0.5], [0.5, 1]])
        let s0 = try Matrix([[0.5, 0.1], [0.1, 0.2]])
        let m = [1.0, -1.0], m0 = [3.0, 0.5]
        let ou = try OrnsteinUhlenbeck(precision: a, center: m)
        for t in [1e-9, 1e-6, 1e-3] {
            var e = Matrix.identity(2), noise = Matrix(rows: 2, cols: 2)
            var power = Matrix.identity(2)            // (−At)^k/k!
            var powerA = Matrix.identity(2)           // A^{k−1}
            var scalar = 1.0                          // (−1)^{k+1}(2t)^k/k!
            for k in 1...25 {
                power = (-t / Double(k)) * (power * a)
                e = e + power
                scalar *= 2 * t / Double(k) * (k == 1 ? 1 : -1)
                noise = noise + scalar * powerA
                powerA = powerA * a
            }
            let expectedCovariance = (e * s0 * e + noise).symmetrized
            let offset = zip(m0, m).map { $0 - $1 }
            let expectedMean = zip(m, e * offset).map { $0 + $1 }
            let moments = try ou.transitionMoments(initialMean: m0, initialCovariance: s0, time: t)
            assertMatrix(moments.covariance, expectedCovariance, 16 * eps, "series t = \(t)")
            for i in 0..<2 { assertAbsolute(moments.mean[i], expectedMean[i], 16 * eps * 3, "series mean t = \(t)") }
            // From a point: covariance = A⁻¹(I − e^{−2At}) ≈ 2tI, kept to full *relative* accuracy by expm1.
            let fromPoint = try ou.transitionLaw(fromPoint: m0, time: t)
            for i in 0..<2 { for j in 0..<2 {
                assertAbsolute(fromPoint.covariance[i, j], noise[i, j], 16 * eps * noise.maxAbs, "point start t = \(t) (\(i),\(j))")
            } }
        }
    }

    func testBadInputsAreTypedErrors() throws {
        func expectMatrixError(_ body: @autoclosure () throws -> Any, _ label: String) {
            XCTAssertThrowsError(try body(), label) { error in
                guard case GaussianLawError.matrix = error else { return XCTFail("\(label): \(error)") }
            }
        }
        func expectParameterError(_ body: @autoclosure () throws -> Any, _ label: String) {
            XCTAssertThrowsError(try body(), label) { error in
                guard case GaussianLawError.invalidParameter = error else { return XCTFail("\(label): \(error)") }
            }
        }
        expectMatrixError(try OrnsteinUhlenbeck(precision: Matrix([[1, 0.2], [0.3, 1]]), center: [0, 0]), "non-symmetric A")
        expectMatrixError(try OrnsteinUhlenbeck(precision: Matrix([[1, 2], [2, 1]]), center: [0, 0]), "indefinite A")
        expectMatrixError(try OrnsteinUhlenbeck(precision: Matrix([[1, 1], [1, 1]]), center: [0, 0]), "singular A")
        expectMatrixError(try OrnsteinUhlenbeck(precision: Matrix([[1, .nan], [.nan, 1]]), center: [0, 0]), "NaN A")
        expectMatrixError(try OrnsteinUhlenbeck(precision: .identity(2), center: [0, 0, 0]), "center dimension")
        expectMatrixError(try OrnsteinUhlenbeck(precision: .identity(2), center: [0, .infinity]), "center ∞")
        let ou = try OrnsteinUhlenbeck(precision: .identity(2), center: [0, 0])
        let initial = try GaussianLaw.standard(dimension: 2)
        for t in [-1e-12, -1, .nan, -.infinity] {
            expectParameterError(try ou.transitionLaw(from: initial, time: t), "t = \(t)")
        }
        expectParameterError(try ou.transitionLaw(fromPoint: [0, 0], time: 0), "t = 0 from a point")
        expectMatrixError(try ou.transitionLaw(from: try GaussianLaw.standard(dimension: 3), time: 1), "initial dimension")
        expectMatrixError(try ou.transitionMoments(initialMean: [0, 0], initialCovariance: .identity(3), time: 1), "S₀ dimension")
        expectMatrixError(try ou.transitionMoments(initialMean: [0, 0], initialCovariance: Matrix([[1, 0.5], [0, 1]]), time: 1),
                          "S₀ non-symmetric")
        expectMatrixError(try ou.transitionMoments(initialMean: [0], initialCovariance: .identity(2), time: 1), "m₀ dimension")
    }
}

import DenseLinearAlgebra

/// The linear drift b(x) = −A (x − m) with A symmetric positive definite: the Gaussian target N(m, A⁻¹)
/// (overdamped) or N(m, A⁻¹) ⊗ N(0, I) in (x, v) (underdamped). Used by `ChainLaw` (PN-C01 … PN-C12).
///
/// Validation, in order, each a `ChainLawError.invalidInput(…)`: A non-empty, square, finite, symmetric
/// within `Matrix.symmetryTolerance`; m of dimension d with finite entries; A positive definite (smallest
/// eigenvalue > 0, computed by GSL `gsl_eigen_symmv`). The spectral decomposition A = Q diag(λ) Qᵀ
/// (λ ascending) is kept: every exact law is computed in the eigenbasis of A.
///
/// Verified by: BadInputTests.testInvalidDrift.
public struct LinearDrift: Sendable {
    /// A, symmetrised.
    public let precision: Matrix
    /// m.
    public let mean: [Double]
    /// The eigenvalues λ₁ ≤ … ≤ λ_d of A (all > 0).
    public var eigenvalues: [Double] { eigen.values }
    /// d.
    public var dimension: Int { mean.count }

    let eigen: SymmetricEigen

    public init(precision: Matrix, mean: [Double]) throws(ChainLawError) {
        do { try precision.validateSymmetric("precision matrix A") } catch { throw .invalidInput(error) }
        do { try validateVector(mean, "mean m", count: precision.rows) } catch { throw .invalidInput(error) }
        let symmetric = precision.symmetrized
        let eigen: SymmetricEigen
        do { eigen = try SymmetricEigen(symmetric, what: "precision matrix A") } catch {
            throw ChainLawError.wrap(error, "eigen-decomposition of A")
        }
        guard let smallest = eigen.values.first, smallest > 0 else {
            throw .invalidInput(.notPositiveDefinite(
                what: "precision matrix A", detail: "smallest eigenvalue is \(eigen.values.first ?? .nan)"))
        }
        self.precision = symmetric
        self.mean = mean
        self.eigen = eigen
    }

    /// b(x) = −A (x − m).
    public func drift(at x: [Double]) -> [Double] {
        let y = zip(x, mean).map { $0 - $1 }
        return (precision * y).map { -$0 }
    }
}

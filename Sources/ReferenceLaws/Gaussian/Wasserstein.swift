import CGSL
import DenseLinearAlgebra
import Foundation

extension GaussianDistance {
    /// W2(P, Q), the quadratic Wasserstein distance between Gaussians (PN-L02).
    public static func wasserstein2(_ p: GaussianLaw, _ q: GaussianLaw) throws(GaussianLawError) -> Double {
        (try wasserstein2Squared(p, q)).squareRoot()
    }

    /// W2²(P, Q) = |μ_P − μ_Q|² + min over orthogonal U of ‖Σ_P^{1/2} − Σ_Q^{1/2} U‖_F² (PN-L02).
    ///
    /// The minimum equals tr Σ_P + tr Σ_Q − 2 tr(Σ_P^{1/2} Σ_Q Σ_P^{1/2})^{1/2} (the Bures formula) and is
    /// attained at the orthogonal polar factor U = V Wᵀ of Σ_P^{1/2}Σ_Q^{1/2} = W S Vᵀ (SVD, GSL one-sided
    /// Jacobi). Evaluating the Frobenius norm of the *difference* keeps relative accuracy ≈ ε/δ when the
    /// covariances differ by δ, where the trace formula (`wasserstein2SquaredBuresTrace`) loses ε/δ².
    /// Square roots come from symmetric eigen-decompositions with round-off negative eigenvalues
    /// clamped to 0 (Σ is positive definite, so a negative computed eigenvalue is pure round-off).
    public static func wasserstein2Squared(_ p: GaussianLaw, _ q: GaussianLaw) throws(GaussianLawError) -> Double {
        try p.requireSameDimension(q, "second law (W2)")
        let a = try symmetricSquareRoot(p.covariance, "Σ_P")
        let b = try symmetricSquareRoot(q.covariance, "Σ_Q")
        // SVD of A·B = W S Vᵀ; polar factor of A·B is W Vᵀ; we need U maximising tr(A B U) = tr(U · AB),
        // i.e. U = V Wᵀ, the polar factor of (AB)ᵀ = B A.
        let (w, _, v) = try singularValueDecomposition(a * b, "Σ_P^{1/2} Σ_Q^{1/2}")
        let u = v * w.transposed
        let residual = a - b * u
        let covariancePart = residual.storage.reduce(0) { $0 + $1 * $1 }
        let meanPart = zip(p.mean, q.mean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return meanPart + covariancePart
    }

    /// W2² by the textbook trace formula |Δμ|² + tr Σ_P + tr Σ_Q − 2 tr (Σ_P^{1/2} Σ_Q Σ_P^{1/2})^{1/2}
    /// (PN-L02), with Σ_P^{1/2}Σ_QΣ_P^{1/2} symmetrised before its eigen-decomposition and negative
    /// round-off eigenvalues clamped to 0; the result is clamped at 0. Absolute error ≈ c·ε·(tr Σ_P + tr Σ_Q):
    /// kept as an independent cross-check of `wasserstein2Squared`.
    public static func wasserstein2SquaredBuresTrace(_ p: GaussianLaw, _ q: GaussianLaw) throws(GaussianLawError) -> Double {
        try p.requireSameDimension(q, "second law (W2)")
        let a = try symmetricSquareRoot(p.covariance, "Σ_P")
        let middle = (a * q.covariance * a).symmetrized
        let eigen = try GaussianFactor.eigen(middle, "Σ_P^{1/2} Σ_Q Σ_P^{1/2}")
        let cross = eigen.values.reduce(0) { $0 + Swift.max($1, 0).squareRoot() }
        let meanPart = zip(p.mean, q.mean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return Swift.max(0, meanPart + p.covariance.trace + q.covariance.trace - 2 * cross)
    }

    /// The symmetric positive square root Q diag(√max(λ,0)) Qᵀ.
    static func symmetricSquareRoot(_ s: Matrix, _ what: String) throws(GaussianLawError) -> Matrix {
        try GaussianFactor.eigen(s, what).apply { Swift.max($0, 0).squareRoot() }
    }
}

/// M = W diag(s) Vᵀ for a square matrix M by GSL's one-sided Jacobi SVD (`gsl_linalg_SV_decomp_jacobi`).
func singularValueDecomposition(_ m: Matrix, _ what: String) throws(GaussianLawError) -> (w: Matrix, s: [Double], v: Matrix) {
    let n = m.rows
    var a = m.storage
    var v = [Double](repeating: 0, count: n * n)
    var s = [Double](repeating: 0, count: n)
    var status: GSLError?
    a.withUnsafeMutableBufferPointer { ab in
        v.withUnsafeMutableBufferPointer { vb in
            s.withUnsafeMutableBufferPointer { sb in
                var aView = gsl_matrix_view_array(ab.baseAddress, n, n)
                var vView = gsl_matrix_view_array(vb.baseAddress, n, n)
                var sView = gsl_vector_view_array(sb.baseAddress, n)
                do throws(GSLError) {
                    try GSL.check("gsl_linalg_SV_decomp_jacobi on \(what)") {
                        gsl_linalg_SV_decomp_jacobi(&aView.matrix, &vView.matrix, &sView.vector)
                    }
                } catch { status = error }
            }
        }
    }
    if let status { throw .gsl(status) }
    do {
        return (try Matrix(rows: n, cols: n, storage: a), s, try Matrix(rows: n, cols: n, storage: v))
    } catch { throw .matrix(error) }
}

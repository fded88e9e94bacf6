import CGSL
import Foundation

/// The spectral radius of a small real (non-symmetric) square matrix, from GSL `gsl_eigen_nonsymm`
/// (Francis QR). Used for the per-eigenvalue second-moment maps of the underdamped schemes (PN-C10).
enum ChainSpectralRadius {
    static func of(_ matrix: [Double], size n: Int) throws(ChainLawError) -> Double {
        var radius = 0.0
        for (re, im) in try eigenvalues(matrix, size: n) { radius = max(radius, hypot(re, im)) }
        return radius
    }

    /// The eigenvalues (real, imaginary) of a small real square matrix.
    static func eigenvalues(_ matrix: [Double], size n: Int) throws(ChainLawError) -> [(Double, Double)] {
        precondition(matrix.count == n * n, "eigenvalues: matrix has the wrong size")
        guard matrix.allSatisfy(\.isFinite) else {
            throw .numerical("second-moment map has non-finite entries")
        }
        var work = matrix
        var eigen = [Double](repeating: 0, count: 2 * n)      // interleaved (re, im)
        do {
            try work.withUnsafeMutableBufferPointer { a in
                try eigen.withUnsafeMutableBufferPointer { e in
                    var aView = gsl_matrix_view_array(a.baseAddress, n, n)
                    var eView = gsl_vector_complex_view_array(e.baseAddress, n)
                    guard let workspace = gsl_eigen_nonsymm_alloc(n) else {
                        throw ChainLawError.numerical("gsl_eigen_nonsymm_alloc(\(n)) returned NULL")
                    }
                    defer { gsl_eigen_nonsymm_free(workspace) }
                    try GSL.check("gsl_eigen_nonsymm on a \(n)×\(n) second-moment map") {
                        gsl_eigen_nonsymm(&aView.matrix, &eView.vector, workspace)
                    }
                }
            }
        } catch {
            throw ChainLawError.wrap(error, "spectral radius")
        }
        return (0..<n).map { (eigen[2 * $0], eigen[2 * $0 + 1]) }
    }
}

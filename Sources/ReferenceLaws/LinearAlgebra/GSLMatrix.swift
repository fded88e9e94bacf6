// Factorisations of symmetric matrices through GSL. Inputs are validated first (finite, square,
// symmetric within `Matrix.symmetryTolerance`), then symmetrised, so GSL only sees valid data.
import CGSL
import DenseLinearAlgebra
import Foundation

/// The spectral decomposition S = Q diag(λ) Qᵀ of a symmetric matrix, eigenvalues ascending,
/// eigenvectors in the columns of Q (orthonormal). Computed by `gsl_eigen_symmv`.
public struct SymmetricEigen: Sendable {
    public let values: [Double]
    public let vectors: Matrix

    public init(_ matrix: Matrix, what: String = "matrix") throws {
        try matrix.validateSymmetric(what)
        let n = matrix.rows
        var work = matrix.symmetrized.storage    // gsl_eigen_symmv destroys its input
        var values = [Double](repeating: 0, count: n)
        var vectors = [Double](repeating: 0, count: n * n)
        try work.withUnsafeMutableBufferPointer { a in
            try values.withUnsafeMutableBufferPointer { eval in
                try vectors.withUnsafeMutableBufferPointer { evec in
                    var aView = gsl_matrix_view_array(a.baseAddress, n, n)
                    var valueView = gsl_vector_view_array(eval.baseAddress, n)
                    var vectorView = gsl_matrix_view_array(evec.baseAddress, n, n)
                    guard let workspace = gsl_eigen_symmv_alloc(n) else {
                        throw GSLError(code: Int32(GSL_ENOMEM), context: "gsl_eigen_symmv_alloc(\(n))", reason: nil)
                    }
                    defer { gsl_eigen_symmv_free(workspace) }
                    try GSL.check("gsl_eigen_symmv on \(what)") {
                        gsl_eigen_symmv(&aView.matrix, &valueView.vector, &vectorView.matrix, workspace)
                    }
                    try GSL.check("gsl_eigen_symmv_sort") {
                        gsl_eigen_symmv_sort(&valueView.vector, &vectorView.matrix, GSL_EIGEN_SORT_VAL_ASC)
                    }
                }
            }
        }
        self.values = values
        self.vectors = try Matrix(rows: n, cols: n, storage: vectors)
    }

    /// Q diag(f(λ)) Qᵀ: a spectral function of the matrix (symmetric by construction).
    public func apply(_ f: (Double) -> Double) -> Matrix {
        let n = values.count
        var result = Matrix(rows: n, cols: n)
        let mapped = values.map(f)
        for i in 0..<n { for j in i..<n {
            var sum = 0.0
            for k in 0..<n { sum += vectors[i, k] * mapped[k] * vectors[j, k] }
            result[i, j] = sum
            result[j, i] = sum
        } }
        return result
    }

    /// Qᵀ M Q: a matrix expressed in the eigenbasis.
    public func toEigenbasis(_ m: Matrix) -> Matrix { vectors.transposed * m * vectors }

    /// Q M Qᵀ: back from the eigenbasis.
    public func fromEigenbasis(_ m: Matrix) -> Matrix { vectors * m * vectors.transposed }
}

/// The lower-triangular Cholesky factor L of a symmetric positive-definite matrix S = L Lᵀ
/// (`gsl_linalg_cholesky_decomp1`). Throws `MatrixError.notPositiveDefinite` when GSL finds a
/// non-positive pivot.
public struct CholeskyFactor: Sendable {
    public let lower: Matrix

    public init(_ matrix: Matrix, what: String = "matrix") throws {
        try matrix.validateSymmetric(what)
        let n = matrix.rows
        var work = matrix.symmetrized.storage
        do {
            try work.withUnsafeMutableBufferPointer { a in
                var view = gsl_matrix_view_array(a.baseAddress, n, n)
                try GSL.check("gsl_linalg_cholesky_decomp1 on \(what)") {
                    gsl_linalg_cholesky_decomp1(&view.matrix)
                }
            }
        } catch let error as GSLError where error.code == Int32(GSL_EDOM) {
            throw MatrixError.notPositiveDefinite(what: what, detail: error.reason ?? "Cholesky failed")
        }
        var lower = try Matrix(rows: n, cols: n, storage: work)
        for i in 0..<n { for j in (i + 1)..<n { lower[i, j] = 0 } }   // decomp1 leaves Lᵀ above the diagonal
        for i in 0..<n where !(lower[i, i] > 0) {
            throw MatrixError.notPositiveDefinite(what: what, detail: "pivot \(i + 1) is \(lower[i, i])")
        }
        self.lower = lower
    }

    /// log det S = 2 Σ log Lᵢᵢ.
    public var logDeterminant: Double { 2 * lower.diagonalEntries.reduce(0) { $0 + _log($1) } }

    /// Solves L y = b (forward substitution).
    public func solveLower(_ b: [Double]) -> [Double] {
        let n = lower.rows
        var y = b
        for i in 0..<n {
            var sum = y[i]
            for k in 0..<i { sum -= lower[i, k] * y[k] }
            y[i] = sum / lower[i, i]
        }
        return y
    }

    /// Solves S x = b.
    public func solve(_ b: [Double]) -> [Double] {
        let n = lower.rows
        var x = solveLower(b)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[i]
            for k in (i + 1)..<n { sum -= lower[k, i] * x[k] }
            x[i] = sum / lower[i, i]
        }
        return x
    }

    /// S⁻¹, symmetric.
    public var inverse: Matrix {
        let n = lower.rows
        var inv = Matrix(rows: n, cols: n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            let column = solve(e)
            for i in 0..<n { inv[i, j] = column[i] }
        }
        return inv.symmetrized
    }
}

@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }

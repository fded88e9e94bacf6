// Random rotations and SPD matrices with a prescribed spectrum, for building test cases. The Gaussian source
// is a caller-supplied closure so this module stays independent of any generator.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Matrix {
    /// A Haar-distributed random orthogonal n×n matrix (Mezzadri, "How to generate random matrices from the
    /// classical compact groups", Notices AMS 54, 2007, §5): G with iid N(0, 1) entries (row-major, n² calls of
    /// `standardNormal`), G = QR by Householder reflections, then Q·diag(sign(R_ii)) — the sign fix that makes
    /// the law exactly Haar (without it, Householder's Q has a biased diagonal).
    public static func randomOrthogonal(_ n: Int, standardNormal: () -> Double) throws(MatrixError) -> Matrix {
        guard n >= 1 else { throw .empty(what: "random orthogonal matrix") }
        var a = Matrix(rows: n, cols: n)
        for k in 0..<(n * n) { a.storage[k] = standardNormal() }
        try a.validateFinite("Gaussian matrix")
        var q = Matrix.identity(n)
        var signs = [Double](repeating: 1, count: n)
        var v = [Double](repeating: 0, count: n)
        for k in 0..<n {
            // Householder vector for column k below the diagonal
            var norm = 0.0
            for i in k..<n { norm += a[i, k] * a[i, k] }
            norm = norm.squareRoot()
            if k == n - 1 || norm == 0 {
                signs[k] = a[k, k] < 0 ? -1 : 1
                continue
            }
            let alpha = a[k, k] > 0 ? -norm : norm          // R_kk after the reflection
            for i in 0..<n { v[i] = 0 }
            v[k] = a[k, k] - alpha
            for i in (k + 1)..<n { v[i] = a[i, k] }
            var vnorm = 0.0
            for i in k..<n { vnorm += v[i] * v[i] }
            guard vnorm > 0 else { signs[k] = alpha < 0 ? -1 : 1; continue }
            // A ← H A,  H = I − 2vvᵀ/|v|²
            for j in k..<n {
                var dot = 0.0
                for i in k..<n { dot += v[i] * a[i, j] }
                let f = 2 * dot / vnorm
                for i in k..<n { a[i, j] -= f * v[i] }
            }
            // Q ← Q H
            for i in 0..<n {
                var dot = 0.0
                for j in k..<n { dot += q[i, j] * v[j] }
                let f = 2 * dot / vnorm
                for j in k..<n { q[i, j] -= f * v[j] }
            }
            signs[k] = alpha < 0 ? -1 : 1
        }
        for i in 0..<n { for j in 0..<n { q[i, j] *= signs[j] } }
        return q
    }

    /// Q·diag(λ)·Qᵀ, symmetrised. Throws on a non-square Q, a dimension mismatch or non-finite entries.
    public static func symmetric(rotation q: Matrix, eigenvalues lambda: [Double]) throws(MatrixError) -> Matrix {
        guard q.isSquare else { throw .notSquare(what: "rotation", rows: q.rows, cols: q.cols) }
        try validateVector(lambda, "eigenvalues", count: q.rows)
        try q.validateFinite("rotation")
        let n = q.rows
        var s = Matrix(rows: n, cols: n)
        for i in 0..<n { for j in i..<n {
            var sum = 0.0
            for k in 0..<n { sum += q[i, k] * lambda[k] * q[j, k] }
            s[i, j] = sum
            s[j, i] = sum
        } }
        return s
    }

    /// n eigenvalues spaced geometrically from `smallest` to `condition · smallest` (condition number κ ≥ 1).
    public static func geometricSpectrum(count n: Int, condition kappa: Double, smallest: Double = 1) throws(MatrixError)
        -> [Double] {
        guard n >= 1 else { throw .empty(what: "spectrum") }
        guard kappa >= 1, kappa.isFinite else {
            throw .notPositiveDefinite(what: "spectrum", detail: "condition number must be ≥ 1 and finite, got \(kappa)")
        }
        guard smallest > 0, smallest.isFinite else {
            throw .notPositiveDefinite(what: "spectrum", detail: "smallest eigenvalue must be > 0, got \(smallest)")
        }
        if n == 1 { return [smallest] }
        var out: [Double] = []
        var ratio = 1.0
        let step = pow(kappa, 1 / Double(n - 1))
        for _ in 0..<n { out.append(smallest * ratio); ratio *= step }
        out[n - 1] = smallest * kappa
        return out
    }

    /// A Haar-rotated SPD matrix with a geometric spectrum of condition number κ (Q diag(λ) Qᵀ).
    public static func randomSymmetricPositiveDefinite(_ n: Int, condition kappa: Double, smallest: Double = 1,
                                                       standardNormal: () -> Double) throws(MatrixError) -> Matrix {
        let lambda = try geometricSpectrum(count: n, condition: kappa, smallest: smallest)
        let q = try randomOrthogonal(n, standardNormal: standardNormal)
        return try symmetric(rotation: q, eigenvalues: lambda)
    }
}

extension Matrix {
    /// L⁻¹ X for this matrix L, lower triangular with a non-zero diagonal: forward substitution, column by column
    /// (only the lower triangle of L is read).
    public func forwardSubstitution(_ x: Matrix) -> Matrix {
        let n = rows
        var y = x
        for c in 0..<x.cols {
            for i in 0..<n {
                var sum = y[i, c]
                for k in 0..<i { sum -= self[i, k] * y[k, c] }
                y[i, c] = sum / self[i, i]
            }
        }
        return y
    }

    /// L⁻¹ X L⁻ᵀ for this matrix L (lower triangular, e.g. a Cholesky factor) and a symmetric X, symmetrised:
    /// two forward substitutions, L⁻¹ (L⁻¹ X)ᵀ.
    public func inverseCongruence(_ x: Matrix) -> Matrix {
        forwardSubstitution(forwardSubstitution(x).transposed).symmetrized
    }
}

/// Solves a·x = b for a row-major n×n matrix `a` by Gaussian elimination with partial pivoting. Returns nil when a
/// pivot is not finite or below 10⁻³⁰⁰ in magnitude (a singular system) or the solution is not finite.
public func solveByPartialPivoting(_ a: [Double], _ b: [Double], _ n: Int) -> [Double]? {
    var m = a
    var x = b
    for col in 0..<n {
        var pivot = col
        for row in (col + 1)..<n where abs(m[row * n + col]) > abs(m[pivot * n + col]) { pivot = row }
        let p = m[pivot * n + col]
        guard p.isFinite, abs(p) > 1e-300 else { return nil }
        if pivot != col {
            for j in 0..<n { m.swapAt(col * n + j, pivot * n + j) }
            x.swapAt(col, pivot)
        }
        for row in (col + 1)..<n {
            let f = m[row * n + col] / p
            if f == 0 { continue }
            for j in col..<n { m[row * n + j] -= f * m[col * n + j] }
            x[row] -= f * x[col]
        }
    }
    for row in stride(from: n - 1, through: 0, by: -1) {
        var s = x[row]
        for j in (row + 1)..<n { s -= m[row * n + j] * x[j] }
        x[row] = s / m[row * n + row]
    }
    return x.allSatisfy(\.isFinite) ? x : nil
}

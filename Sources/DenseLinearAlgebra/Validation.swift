// Input validation shared by every public entry point that takes a matrix or a vector.
// Guards are written so that NaN fails them (`guard x.isFinite`, never `if x <= 0 { throw }`).

extension Matrix {
    /// Default relative tolerance for symmetry: |aᵢⱼ − aⱼᵢ| ≤ tol · max(1, max|a|).
    public static let symmetryTolerance = 1e-10

    /// Throws unless every entry is finite.
    public func validateFinite(_ what: String) throws(MatrixError) {
        for i in 0..<rows { for j in 0..<cols where !self[i, j].isFinite {
            throw .nonFinite(what: what, row: i, col: j, value: self[i, j])
        } }
    }

    /// Throws unless the matrix is non-empty, square, finite and symmetric within
    /// `relativeTolerance · max(1, max|aᵢⱼ|)`.
    public func validateSymmetric(_ what: String, relativeTolerance: Double = Matrix.symmetryTolerance) throws(MatrixError) {
        guard rows > 0 else { throw .empty(what: what) }
        guard isSquare else { throw .notSquare(what: what, rows: rows, cols: cols) }
        try validateFinite(what)
        let tolerance = relativeTolerance * Swift.max(1, maxAbs)
        for i in 0..<rows { for j in (i + 1)..<cols {
            let difference = abs(self[i, j] - self[j, i])
            if !(difference <= tolerance) {
                throw .notSymmetric(what: what, row: i, col: j, difference: difference, tolerance: tolerance)
            }
        } }
    }

    /// Throws unless this is a `d × d` matrix.
    public func validateDimension(_ what: String, _ d: Int) throws(MatrixError) {
        guard isSquare else { throw .notSquare(what: what, rows: rows, cols: cols) }
        guard rows == d else { throw .dimensionMismatch(what: what, expected: d, got: rows) }
    }
}

/// Throws unless the vector has `count` finite entries.
public func validateVector(_ v: [Double], _ what: String, count: Int) throws(MatrixError) {
    guard v.count == count else { throw .dimensionMismatch(what: what, expected: count, got: v.count) }
    for (i, x) in v.enumerated() where !x.isFinite {
        throw .nonFinite(what: what, row: i, col: 0, value: x)
    }
}

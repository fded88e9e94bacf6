// Small dense row-major matrices of Double, shared by the exact laws (ReferenceLaws) and the
// simulation engine (Langevin). Goals, in order: correct and obvious; validation that reports
// *where* an input is wrong; fast enough for d ≤ a few hundred. Heavy factorisations (Cholesky,
// symmetric eigen-decomposition) live in ReferenceLaws, which calls GSL.

/// A dense `rows × cols` matrix of `Double`, stored row-major: entry (i, j) is `storage[i * cols + j]`.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let cols: Int
    public var storage: [Double]

    /// The zero matrix.
    public init(rows: Int, cols: Int) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = Array(repeating: 0, count: rows * cols)
    }

    /// A matrix from row-major storage; throws if the count does not match.
    public init(rows: Int, cols: Int, storage: [Double]) throws(MatrixError) {
        guard rows >= 0, cols >= 0, storage.count == rows * cols else {
            throw .dimensionMismatch(what: "storage", expected: rows * cols, got: storage.count)
        }
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A matrix from nested rows; throws if the rows are ragged.
    public init(_ nested: [[Double]]) throws(MatrixError) {
        let cols = nested.first?.count ?? 0
        for (index, row) in nested.enumerated() where row.count != cols {
            throw .dimensionMismatch(what: "row \(index + 1)", expected: cols, got: row.count)
        }
        self.rows = nested.count
        self.cols = cols
        self.storage = nested.flatMap { $0 }
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public static func diagonal(_ entries: [Double]) -> Matrix {
        var m = Matrix(rows: entries.count, cols: entries.count)
        for (i, value) in entries.enumerated() { m[i, i] = value }
        return m
    }

    public var isSquare: Bool { rows == cols }

    @inlinable public subscript(i: Int, j: Int) -> Double {
        get { storage[i * cols + j] }
        set { storage[i * cols + j] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(storage[(i * cols)..<((i + 1) * cols)]) }

    /// Nested rows, e.g. for JSON output.
    public var nestedRows: [[Double]] { (0..<rows).map { row($0) } }

    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { t[j, i] = self[i, j] } }
        return t
    }

    public var diagonalEntries: [Double] { (0..<min(rows, cols)).map { self[$0, $0] } }

    public var trace: Double { diagonalEntries.reduce(0, +) }

    /// Frobenius norm √(Σ aᵢⱼ²).
    public var frobeniusNorm: Double { storage.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// Largest absolute entry.
    public var maxAbs: Double { storage.reduce(0) { Swift.max($0, abs($1)) } }

    /// (M + Mᵀ)/2: removes round-off asymmetry from a product that is symmetric in exact arithmetic.
    public var symmetrized: Matrix {
        var s = self
        for i in 0..<rows { for j in (i + 1)..<cols {
            let mean = 0.5 * (self[i, j] + self[j, i])
            s[i, j] = mean
            s[j, i] = mean
        } }
        return s
    }

    public var description: String {
        nestedRows.map { $0.map { String($0) }.joined(separator: ", ") }.joined(separator: "; ")
    }

    // MARK: Arithmetic (dimension mismatches are programming errors here; public entry points validate first)

    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "matrix sum: dimension mismatch")
        var c = a
        for k in c.storage.indices { c.storage[k] += b.storage[k] }
        return c
    }

    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "matrix difference: dimension mismatch")
        var c = a
        for k in c.storage.indices { c.storage[k] -= b.storage[k] }
        return c
    }

    public static func * (s: Double, a: Matrix) -> Matrix {
        var c = a
        for k in c.storage.indices { c.storage[k] *= s }
        return c
    }

    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.cols == b.rows, "matrix product: dimension mismatch")
        var c = Matrix(rows: a.rows, cols: b.cols)
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    for i in 0..<a.rows {
                        for k in 0..<a.cols {
                            let aik = pa[i * a.cols + k]
                            if aik == 0 { continue }
                            let bRow = k * b.cols, cRow = i * b.cols
                            for j in 0..<b.cols { pc[cRow + j] += aik * pb[bRow + j] }
                        }
                    }
                }
            }
        }
        return c
    }

    /// Matrix–vector product M v.
    public static func * (a: Matrix, v: [Double]) -> [Double] {
        precondition(a.cols == v.count, "matrix-vector product: dimension mismatch")
        var out = [Double](repeating: 0, count: a.rows)
        for i in 0..<a.rows {
            var sum = 0.0
            for j in 0..<a.cols { sum += a[i, j] * v[j] }
            out[i] = sum
        }
        return out
    }
}

import DenseLinearAlgebra

/// The linear drift b(x) = −A(x − m) of the Gaussian target N(m, A⁻¹) (A symmetric positive definite),
/// or of any linear SDE when A is merely square.
///
/// Two paths, chosen once at construction: when every off-diagonal entry of A is exactly zero the batch
/// is evaluated coordinate-wise (O(d) per row); otherwise by a dense product with Aᵀ stored row-major so
/// the inner loop runs over contiguous memory (O(d²) per row). The arithmetic of a row does not depend on
/// the batch (bit-identical results for any blocking).
public struct LinearBatchDrift: BatchDrift {
    public let dimension: Int
    /// A, row-major d×d.
    public let matrix: Matrix
    /// m.
    public let mean: [Double]
    /// True when A is diagonal (the O(d) path is used).
    public let isDiagonal: Bool
    /// Aᵀ row-major (dense path) or diag(A) (diagonal path).
    @usableFromInline let coefficients: [Double]

    /// b(x) = −A(x − m). Throws on a non-square or non-finite A, or a mean of the wrong length.
    public init(matrix: Matrix, mean: [Double]? = nil) throws(SimulationError) {
        guard matrix.rows > 0 else { throw .invalidParameter(name: "A", value: "empty", reason: "the matrix is empty") }
        guard matrix.isSquare else {
            throw .dimensionMismatch(what: "A (columns)", expected: matrix.rows, got: matrix.cols)
        }
        let d = matrix.rows
        for k in 0..<(d * d) where !matrix.storage[k].isFinite {
            throw .nonFiniteInput(what: "A", index: k, value: matrix.storage[k])
        }
        let m = mean ?? [Double](repeating: 0, count: d)
        try validateSimulationVector(m, "mean m", count: d)
        var diagonal = true
        for i in 0..<d { for j in 0..<d where i != j && matrix[i, j] != 0 { diagonal = false } }
        self.dimension = d
        self.matrix = matrix
        self.mean = m
        self.isDiagonal = diagonal
        self.coefficients = diagonal ? matrix.diagonalEntries : matrix.transposed.storage
    }

    /// b(x) = −diag(a)(x − m).
    public init(diagonal a: [Double], mean: [Double]? = nil) throws(SimulationError) {
        try self.init(matrix: Matrix.diagonal(a), mean: mean)
    }

    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        let d = dimension
        coefficients.withUnsafeBufferPointer { cb in
            mean.withUnsafeBufferPointer { mb in
                let c = cb.baseAddress!, m = mb.baseAddress!
                if isDiagonal {
                    for r in 0..<count {
                        let x = states + r * d, o = into + r * d
                        for i in 0..<d { o[i] = c[i] * (m[i] - x[i]) }
                    }
                } else {
                    for r in 0..<count {
                        let x = states + r * d, o = into + r * d
                        o.update(repeating: 0, count: d)
                        // o = −A (x − m) = Σ_j (m_j − x_j) · (column j of A) = Σ_j (m_j − x_j) · (row j of Aᵀ)
                        for j in 0..<d {
                            let y = m[j] - x[j]
                            let row = c + j * d
                            for i in 0..<d { o[i] += row[i] * y }
                        }
                    }
                }
            }
        }
    }
}

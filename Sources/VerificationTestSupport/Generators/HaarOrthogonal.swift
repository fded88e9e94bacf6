// A Haar-distributed orthogonal matrix for the case generators, by Householder QR of a Gaussian matrix.
import DenseLinearAlgebra
import Randomness

/// Haar-random orthogonal matrices (Mezzadri, "How to generate random matrices from the classical compact
/// groups", Notices AMS 54(5), 2007, §5): if Z has iid N(0, 1) entries and Z = QR with the diagonal of R made
/// positive, then Q is Haar-distributed on O(d). Here Q comes from Householder reflections, and column j
/// is multiplied by sign(Rⱼⱼ) to fix the sign convention.
enum HaarOrthogonal {
    /// A d × d Haar orthogonal matrix drawn from `rng` (d² normal draws, row-major).
    static func sample<G: RandomNumberGenerator>(dimension d: Int, using rng: inout G) -> Matrix {
        precondition(d >= 1, "dimension must be at least 1")
        var a = Matrix(rows: d, cols: d)
        for k in 0..<(d * d) { a.storage[k] = rng.nextStandardNormal() }
        return orthogonalFactor(of: a)
    }

    /// The orthogonal factor Q of A = QR with Rⱼⱼ ≥ 0 (A square).
    static func orthogonalFactor(of matrix: Matrix) -> Matrix {
        let d = matrix.rows
        var r = matrix
        var reflectors: [[Double]] = []  // v_k (unit), acting on rows k..<d
        for k in 0..<d {
            var v = (k..<d).map { r[$0, k] }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { reflectors.append([]); continue }
            let alpha = v[0] >= 0 ? -norm : norm        // reflect x onto α e₁, avoiding cancellation
            v[0] -= alpha
            let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard vNorm > 0 else { reflectors.append([]); continue }
            for i in v.indices { v[i] /= vNorm }
            applyReflector(v, from: k, to: &r)
            reflectors.append(v)
        }
        // Q = H₀ H₁ ⋯ H_{d−1}: apply the reflectors to the identity in reverse order.
        var q = Matrix.identity(d)
        for k in stride(from: d - 1, through: 0, by: -1) where !reflectors[k].isEmpty {
            applyReflector(reflectors[k], from: k, to: &q)
        }
        for j in 0..<d where r[j, j] < 0 {
            for i in 0..<d { q[i, j] = -q[i, j] }
        }
        return q
    }

    /// M[k..<d, :] ← (I − 2 v vᵀ) M[k..<d, :].
    private static func applyReflector(_ v: [Double], from k: Int, to m: inout Matrix) {
        for j in 0..<m.cols {
            var dot = 0.0
            for (offset, vi) in v.enumerated() { dot += vi * m[k + offset, j] }
            let scale = 2 * dot
            for (offset, vi) in v.enumerated() { m[k + offset, j] -= scale * vi }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Matrix {
    /// The eigenvalues of the symmetric part S = (M + Mᵀ)/2 of a square matrix, ascending, by the cyclic Jacobi
    /// method: rotations G(p, q, θ) with tan 2θ = 2S_pq / (S_qq − S_pp) annihilate the off-diagonal entries one by
    /// one; the off-diagonal Frobenius mass decreases monotonically and the sweep stops when it is below
    /// 1e-15·‖S‖_F (or after 100 sweeps). Each eigenvalue is then within ≈ 1e-15·‖S‖_F of an exact one
    /// (Golub & Van Loan, Matrix Computations, 4th ed., §8.5). Pure Swift, O(d³) per sweep: meant for the small
    /// matrices of the declaration checks (finite-difference Hessians), not for large dense work.
    public func symmetricPartEigenvalues() -> [Double] {
        precondition(rows == cols, "symmetricPartEigenvalues: the matrix must be square")
        let n = rows
        var s = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { s[i * n + j] = 0.5 * (self[i, j] + self[j, i]) } }
        let total = s.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard total > 0, total.isFinite else { return (0..<n).map { s[$0 * n + $0] }.sorted() }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where j != i { off += s[i * n + j] * s[i * n + j] } }
            if off.squareRoot() <= 1e-15 * total { break }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n {
                    let apq = s[p * n + q]
                    if apq == 0 { continue }
                    let app = s[p * n + p], aqq = s[q * n + q]
                    let tau = (aqq - app) / (2 * apq)
                    let t = (tau >= 0 ? 1 : -1) / (abs(tau) + (1 + tau * tau).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), sn = t * c
                    for k in 0..<n {
                        let skp = s[k * n + p], skq = s[k * n + q]
                        s[k * n + p] = c * skp - sn * skq
                        s[k * n + q] = sn * skp + c * skq
                    }
                    for k in 0..<n {
                        let spk = s[p * n + k], sqk = s[q * n + k]
                        s[p * n + k] = c * spk - sn * sqk
                        s[q * n + k] = sn * spk + c * sqk
                    }
                }
            }
        }
        return (0..<n).map { s[$0 * n + $0] }.sorted()
    }
}

import CGSL
import DenseLinearAlgebra
import Foundation

/// The spectrum of one covariance relative to another, the common core of the KL, Hellinger and TV
/// computations (PN-L01, PN-L03, PN-L04).
///
/// For Σ_base = L Lᵀ (Cholesky) and another covariance Σ, the matrix L⁻¹ Σ L⁻ᵀ is similar to Σ_base⁻¹ Σ;
/// its eigenvalues λᵢ > 0 are the generalised eigenvalues of (Σ, Σ_base). We compute
/// xᵢ = λᵢ − 1 as the eigenvalues of L⁻¹ (Σ − Σ_base) L⁻ᵀ: forming Σ − Σ_base first keeps xᵢ accurate
/// to absolute round-off even when the two covariances are close, so divergences of size x² are
/// not lost to cancellation in "tr − d − log det".
struct RelativeSpectrum {
    /// xᵢ = λᵢ − 1, ascending: eigenvalues of Σ_base⁻¹ Σ − I.
    let excess: [Double]
    /// Generalised eigenvectors vᵢ = L⁻ᵀ uᵢ (columns), normalised so vᵢᵀ Σ_base vᵢ = 1 and vᵢᵀ Σ vᵢ = λᵢ.
    let directions: Matrix

    /// Spectrum of `sigma` relative to `base` (its covariance and Cholesky factor).
    init(of sigma: Matrix, relativeTo base: GaussianLaw) throws(GaussianLawError) {
        let l = base.factor.lower
        let difference = sigma - base.covariance
        let whitened = l.inverseCongruence(difference)
        let eigen = try GaussianFactor.eigen(whitened, "whitened covariance difference")
        self.excess = eigen.values
        // vᵢ = L⁻ᵀ uᵢ: back substitution with Lᵀ for each eigenvector column.
        let n = l.rows
        var directions = Matrix(rows: n, cols: n)
        for j in 0..<n {
            var v = (0..<n).map { eigen.vectors[$0, j] }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var sum = v[i]
                for k in (i + 1)..<n { sum -= l[k, i] * v[k] }
                v[i] = sum / l[i, i]
            }
            for i in 0..<n { directions[i, j] = v[i] }
        }
        self.directions = directions
    }

    /// Σᵢ (xᵢ − log(1 + xᵢ)) = tr(Σ_base⁻¹Σ) − d − log det(Σ_base⁻¹Σ), each term without cancellation.
    /// A computed xᵢ ≤ −1 (possible only when λᵢ is below round-off relative to the largest |x|) is
    /// clamped to λᵢ = ε·max(1, max|x|); this is documented in PN-L01.
    var traceMinusLogDet: Double {
        let scale = Swift.max(1, excess.map(abs).max() ?? 0)
        return excess.reduce(0) { $0 + xMinusLog1p($1, floor: Double.ulpOfOne * scale) }
    }
}

/// x − log(1 + x) for x > −1, accurate for small |x| (series) and large x alike.
func xMinusLog1p(_ x: Double, floor: Double = Double.leastNormalMagnitude) -> Double {
    if abs(x) < 1e-2 {
        // x²/2 − x³/3 + x⁴/4 − …; |x| < 0.01 so 12 terms reach 1e-24 relative.
        var term = x * x
        var sum = 0.0
        var k = 2.0
        while k <= 14 {
            sum += term / k * (Int(k) % 2 == 0 ? 1 : -1)
            term *= x
            k += 1
        }
        return sum
    }
    let lambda = Swift.max(1 + x, floor)
    return (lambda - 1) - log(lambda)
}

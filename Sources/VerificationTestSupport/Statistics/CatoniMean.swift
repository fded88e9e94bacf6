#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: Catoni's M-estimator of a mean (guaranteed sub-Gaussian deviations under a variance bound)

/// Catoni's estimator (O. Catoni, "Challenging the empirical mean and empirical variance: a deviation study",
/// Ann. IHP 2012; as stated in Lugosi & Mendelson, arXiv 1906.04280, Thm. 5): for iid Y₁…Y_n with variance
/// ≤ v and δ with n > 2 log(1/δ), the root θ̂ of Σ ψ(α(Yᵢ − θ)) = 0 with ψ(x) = sign(x)·log(1 + |x| + x²/2) and
/// α = √(2 log(1/δ) / (n v (1 + 2 log(1/δ)/(n − 2 log(1/δ))))) satisfies, with probability ≥ 1 − 2δ,
/// |θ̂ − E Y| < √(2 v log(1/δ)/(n − 2 log(1/δ))). Returns (θ̂, that half-width) for a two-sided level 2δ = `alpha`.
public func catoniMean(_ y: [Double], varianceBound v: Double, alpha: Double) -> (estimate: Double, halfWidth: Double) {
    let n = Double(y.count)
    let l = log(2 / alpha)
    precondition(n > 2 * l, "Catoni: sample too small for the level")
    let a = (2 * l / (n * v * (1 + 2 * l / (n - 2 * l)))).squareRoot()
    func psi(_ x: Double) -> Double { x >= 0 ? log1p(x + x * x / 2) : -log1p(-x + x * x / 2) }
    func dpsi(_ x: Double) -> Double { x >= 0 ? (1 + x) / (1 + x + x * x / 2) : (1 - x) / (1 - x + x * x / 2) }
    // The score Σψ(a(yᵢ − θ)) is continuous and strictly decreasing in θ: safeguarded Newton from the sample
    // mean inside the bracket [min y, max y], to a relative step of 1e-15.
    var lo = y.min()!, hi = y.max()!
    var theta = y.reduce(0, +) / n
    for _ in 0..<100 {
        var score = 0.0, slope = 0.0
        for v in y { let x = a * (v - theta); score += psi(x); slope += dpsi(x) }
        if score > 0 { lo = theta } else { hi = theta }
        var next = theta + score / (a * slope)
        if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
        if abs(next - theta) <= 1e-15 * max(1, abs(theta)) { theta = next; break }
        theta = next
    }
    return (theta, (2 * v * l / (n - 2 * l)).squareRoot())
}

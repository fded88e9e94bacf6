import DenseLinearAlgebra
import Foundation
import ReferenceLaws

/// Distances between a scheme's (moment-matched) law N(μ, Σ) and a reference Gaussian N(μ_ref, Σ_ref) — the
/// target π = N(m, A⁻¹) or a fine chain's law — used by the exact rate claims (C4–C6, C9, C11, C13; PN-P05,
/// PN-P06, PN-V02).
///
/// PLMC's stationary law under linear drift is a Gaussian scale mixture (excess kurtosis O((ηλ)³), docs/theory.md
/// §4.2), not a Gaussian: KL, W₂ and TV here are those of the moment-matched Gaussian N(m, Σ_scheme), which
/// carries the whole covariance bias (the leading term of every distance).
///
/// Every metric decomposes over the eigen-blocks of A when Σ and Σ_ref commute with A (all exact laws here):
/// with the variance ratio r = λσ² of a block, the per-block error is g(r) below, the d-dimensional value is a
/// sum (KL, W₂², ‖·‖_F²) or a maximum (relative spectral error) of per-block values, and TV is exact in 1-D.
public enum StationaryMetric: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// ‖Σ − Σ_ref‖_F; per block |r − 1|/λ.
    case covarianceError
    /// max |eig(Σ_ref^{−1/2} Σ Σ_ref^{−1/2}) − 1|; per block |r − 1|.
    case relativeSpectralError
    /// KL(N(μ, Σ) ‖ N(μ_ref, Σ_ref)); per block ½(r − 1 − log r).
    case kullbackLeibler
    /// W₂(N(μ, Σ), N(μ_ref, Σ_ref)); W₂² per block (√r − 1)²/λ.
    case wasserstein2
    /// TV(N(μ, Σ), N(μ_ref, Σ_ref)), exact in d = 1 only (PN-L04).
    case totalVariation

    public var description: String {
        switch self {
        case .covarianceError: return "‖Σ − Σ_ref‖_F"
        case .relativeSpectralError: return "max|eig(Σ_ref^{-1/2} Σ Σ_ref^{-1/2}) − 1|"
        case .kullbackLeibler: return "KL(N(μ,Σ) ‖ N(μ_ref,Σ_ref))"
        case .wasserstein2: return "W2(N(μ,Σ), N(μ_ref,Σ_ref))"
        case .totalVariation: return "TV(N(μ,Σ), N(μ_ref,Σ_ref)) (exact, d = 1)"
        }
    }

    /// The order of the metric when the covariance bias has order q: q for every metric except KL (2q).
    public var orderMultiplier: Double { self == .kullbackLeibler ? 2 : 1 }

    /// The per-block error as a function of δ = r − 1 (up to a λ-power factor that cancels in local slopes).
    public func blockError(ratioMinusOne delta: Double) -> Double {
        switch self {
        case .covarianceError, .relativeSpectralError: return abs(delta)
        case .kullbackLeibler: return 0.5 * xMinusLogOnePlus(delta)
        case .wasserstein2: return abs(delta) / ((1 + delta).squareRoot() + 1)       // |√r − 1|
        case .totalVariation:
            let r = 1 + delta
            return (try? GaussianDistance.totalVariation(Normal(mean: 0, standardDeviation: r.squareRoot()),
                                                         Normal(mean: 0, standardDeviation: 1))) ?? .nan
        }
    }

    /// The metric between N(law.mean, law.covariance) and the reference. TV throws for d > 1 (only bounds exist).
    public func value(of law: ChainMoments, reference: GaussianLaw) throws(VerificationError) -> Double {
        try require(law.dimension == reference.dimension, "law dimension", law.dimension,
                    "must equal the reference dimension \(reference.dimension)")
        switch self {
        case .covarianceError:
            return (law.covariance - reference.covariance).frobeniusNorm
        case .relativeSpectralError:
            let difference = (law.covariance - reference.covariance).symmetrized
            let whitened = reference.factor.lower.inverseCongruence(difference)
            do {
                let eigen = try SymmetricEigen(whitened, what: "whitened covariance difference")
                return eigen.values.map(abs).max() ?? 0
            } catch { throw .law("relative spectral error: \(error)") }
        case .kullbackLeibler, .wasserstein2, .totalVariation:
            let gaussian: GaussianLaw
            do { gaussian = try GaussianLaw(mean: law.mean, covariance: law.covariance) } catch {
                throw .law("moment-matched Gaussian of the scheme's law: \(error)")
            }
            do {
                switch self {
                case .kullbackLeibler: return try GaussianDistance.kullbackLeibler(gaussian, reference)
                case .wasserstein2: return try GaussianDistance.wasserstein2(gaussian, reference)
                default:
                    guard reference.dimension == 1 else {
                        throw VerificationError.invalidParameter(name: "dimension", value: "\(reference.dimension)",
                                                                 requirement: "exact TV between Gaussians needs d = 1")
                    }
                    let bounds = try GaussianDistance.totalVariation(gaussian, reference)
                    guard let exact = bounds.exact else { throw VerificationError.law("TV is not exact here") }
                    return exact
                }
            } catch let error as VerificationError {
                throw error
            } catch {
                throw .law("\(self): \(error)")
            }
        }
    }

    /// The rounding floor of the metric for a reference covariance in dimension d: errors below it are not
    /// resolved by double precision (a guard, far below every ladder used): 10³·d·ε times the metric's natural
    /// scale (‖Σ_ref‖_F; the condition number κ of Σ_ref for relative errors; κ² for KL; √‖Σ_ref‖₂ for W₂; 1 for TV).
    public func roundingFloor(reference: GaussianLaw) throws(VerificationError) -> Double {
        let d = Double(reference.dimension)
        let unit = 1e3 * d * Double.ulpOfOne
        let eigen: SymmetricEigen
        do { eigen = try SymmetricEigen(reference.covariance, what: "reference covariance") } catch {
            throw .law("reference covariance spectrum: \(error)")
        }
        let largest = eigen.values.last ?? 1, smallest = eigen.values.first ?? 1
        let kappa = largest / smallest
        switch self {
        case .covarianceError: return unit * reference.covariance.frobeniusNorm
        case .relativeSpectralError: return unit * kappa
        case .kullbackLeibler: return (unit * kappa) * (unit * kappa)
        case .wasserstein2: return unit * largest.squareRoot()
        case .totalVariation: return unit
        }
    }
}

/// x − log(1 + x) for x > −1 without cancellation (series for |x| < 0.01).
func xMinusLogOnePlus(_ x: Double) -> Double {
    if abs(x) < 1e-2 {
        var term = x * x, sum = 0.0, k = 2.0
        while k <= 14 {
            sum += term / k * (Int(k) % 2 == 0 ? 1 : -1)
            term *= x
            k += 1
        }
        return sum
    }
    return x - log1p(x)
}

import DenseLinearAlgebra
import Foundation

/// Where a total-variation bound comes from (PN-L04).
public enum TotalVariationSource: String, Sendable, Equatable, CaseIterable {
    /// Exact: 1-D crossing-point formula, or equal covariances (TV = erf(δ/(2√2)), δ the Mahalanobis distance).
    case exact
    /// Devroye, Mehrabian & Reddad, arXiv 1810.08693, Theorem 1.1 (same mean), extended to different means
    /// by the triangle inequality through N(μ_P, Σ_Q) or N(μ_Q, Σ_P).
    case devroyeMehrabianReddad
    /// TV ≤ √(KL/2), either direction.
    case pinsker
    /// TV ≤ √(1 − e^{−KL}) (Bretagnolle–Huber), either direction.
    case bretagnolleHuber
    /// H² ≤ TV ≤ H√(2 − H²) with H² = 1 − ∫√(pq).
    case hellinger
    /// TV ≥ TV of the laws of wᵀX (data processing), exact 1-D value, for generalised eigenvectors,
    /// the Fisher direction Σ̄⁻¹Δμ and the coordinate axes.
    case projection
    /// 0 ≤ TV ≤ 1.
    case trivial
}

/// A two-sided enclosure lower ≤ TV(P, Q) ≤ upper, with where each side came from (PN-L04).
/// When TV is known in closed form, `exact` holds it and lower = upper = exact.
public struct TotalVariationBounds: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let exact: Double?
    public let lowerSource: TotalVariationSource
    public let upperSource: TotalVariationSource
    /// Every individual bound that was computed, for reporting: (source, lower, upper).
    public let candidates: [Candidate]

    public struct Candidate: Sendable, Equatable {
        public let source: TotalVariationSource
        public let lower: Double
        public let upper: Double
    }

    public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }
}

extension GaussianDistance {
    /// Exact TV between N(μ₁, σ₁²) and N(μ₂, σ₂²) (PN-L04 §1).
    ///
    /// The densities cross where t² − (rt − d)² = −2 log r, t = (x − μ₁)/σ₁, r = σ₁/σ₂, d = (μ₂ − μ₁)/σ₂:
    /// (1 − r²)t² + 2rd·t + (2 log r − d²) = 0, discriminant 4[d² − 2(1 − r²) log r] ≥ 4d² — two
    /// crossings when σ₁ ≠ σ₂, one (the midpoint) when σ₁ = σ₂ and μ₁ ≠ μ₂, none for identical laws.
    /// TV = |P₁(I) − P₂(I)| for the interval I between the crossings; for σ₁ = σ₂ it is erf(|Δμ|/(2√2 σ)).
    public static func totalVariation(_ p: Normal, _ q: Normal) throws(GSLError) -> Double {
        try totalVariation1D(p.mean, p.standardDeviation, q.mean, q.standardDeviation)
    }

    static func totalVariation1D(_ m1: Double, _ s1: Double, _ m2: Double, _ s2: Double) throws(GSLError) -> Double {
        if s1 == s2 {
            return try StandardNormal.centralMass(abs(m2 - m1) / (2 * s1))
        }
        let rMinusOne = (s1 - s2) / s2
        let r = s1 / s2
        let d = (m2 - m1) / s2
        let a = -rMinusOne * (r + 1)            // 1 − r²
        let b = 2 * r * d
        let c = 2 * log1p(rMinusOne) - d * d
        let root = (b * b - 4 * a * c).squareRoot()
        let qq = -0.5 * (b + (b >= 0 ? root : -root))
        var t1 = qq / a
        var t2 = c / qq
        if t1 > t2 { swap(&t1, &t2) }
        let massP = try StandardNormal.mass(from: t1, to: t2)
        let massQ = try StandardNormal.mass(from: r * t1 - d, to: r * t2 - d)
        return Swift.min(1, abs(massP - massQ))
    }

    /// TV(P, Q) for Gaussians on ℝᵈ (PN-L04): exact for d = 1 and for equal covariances; otherwise the
    /// tightest interval from every valid bound in `TotalVariationSource`. If round-off makes a lower
    /// bound exceed the smallest upper bound, the lower bound is clamped to it.
    public static func totalVariation(_ p: GaussianLaw, _ q: GaussianLaw) throws(GaussianLawError) -> TotalVariationBounds {
        try p.requireSameDimension(q, "second law (TV)")
        let d = p.dimension
        let delta = zip(p.mean, q.mean).map { $0 - $1 }
        do {
            if d == 1 {
                let value = try totalVariation1D(p.mean[0], p.covariance[0, 0].squareRoot(),
                                                 q.mean[0], q.covariance[0, 0].squareRoot())
                return exactBounds(value)
            }
            let mahalanobisP = p.factor.solveLower(delta).reduce(0) { $0 + $1 * $1 }.squareRoot()
            let mahalanobisQ = q.factor.solveLower(delta).reduce(0) { $0 + $1 * $1 }.squareRoot()
            if p.covariance == q.covariance {
                return exactBounds(try StandardNormal.centralMass(0.5 * mahalanobisP))
            }
            var candidates: [TotalVariationBounds.Candidate] = []
            func add(_ source: TotalVariationSource, _ lower: Double, _ upper: Double) {
                candidates.append(.init(source: source, lower: Swift.max(0, lower), upper: Swift.min(1, upper)))
            }
            add(.trivial, 0, 1)

            // Pinsker and Bretagnolle–Huber, with the smaller KL.
            let (klPQ, klQP) = try kullbackLeiblerBothDirections(p, q)
            let kl = Swift.min(klPQ, klQP)
            add(.pinsker, 0, (kl / 2).squareRoot())
            add(.bretagnolleHuber, 0, (-expm1(-kl)).squareRoot())

            // Hellinger.
            let h2 = try hellingerSquared(p, q)
            add(.hellinger, h2, (h2 * (2 - h2)).squareRoot())

            // Devroye–Mehrabian–Reddad, Theorem 1.1: for equal means,
            // 1/100 ≤ TV / min{1, ‖λ‖₂} ≤ 3/2 with λ the eigenvalues of Σ₁⁻¹Σ₂ − I (either order).
            let spectrumQP = try RelativeSpectrum(of: q.covariance, relativeTo: p)   // Σ_P⁻¹Σ_Q − I
            let spectrumPQ = try RelativeSpectrum(of: p.covariance, relativeTo: q)   // Σ_Q⁻¹Σ_P − I
            let normQP = spectrumQP.excess.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let normPQ = spectrumPQ.excess.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let dmrLower = 0.01 * Swift.min(1, Swift.max(normQP, normPQ))
            let dmrUpper = 1.5 * Swift.min(1, Swift.min(normQP, normPQ))
            // Mean part through the intermediate law with the other covariance (exact equal-covariance TV).
            let meanTV = try StandardNormal.centralMass(0.5 * Swift.min(mahalanobisP, mahalanobisQ))
            add(.devroyeMehrabianReddad, dmrLower - meanTV, dmrUpper + meanTV)

            // Projections: exact 1-D TV of wᵀX.
            var directions: [[Double]] = []
            for j in 0..<d { directions.append((0..<d).map { spectrumQP.directions[$0, j] }) }
            for j in 0..<d { directions.append((0..<d).map { $0 == j ? 1 : 0 }) }
            if delta.contains(where: { $0 != 0 }) {
                let average = (0.5 * (p.covariance + q.covariance)).symmetrized
                directions.append(try GaussianFactor.cholesky(average, "(Σ_P + Σ_Q)/2").solve(delta))
            }
            var projectionLower = 0.0
            for w in directions {
                let sp = quadraticForm(p.covariance, w), sq = quadraticForm(q.covariance, w)
                guard sp > 0, sq > 0, sp.isFinite, sq.isFinite else { continue }
                let mp = zip(w, p.mean).reduce(0) { $0 + $1.0 * $1.1 }
                let mq = zip(w, q.mean).reduce(0) { $0 + $1.0 * $1.1 }
                projectionLower = Swift.max(projectionLower,
                                            try totalVariation1D(mp, sp.squareRoot(), mq, sq.squareRoot()))
            }
            add(.projection, projectionLower, 1)

            let best = candidates.min { $0.upper < $1.upper }!
            let bestLower = candidates.max { $0.lower < $1.lower }!
            return TotalVariationBounds(lower: Swift.min(bestLower.lower, best.upper), upper: best.upper, exact: nil,
                                        lowerSource: bestLower.lower > 0 ? bestLower.source : .trivial,
                                        upperSource: best.upper < 1 ? best.source : .trivial,
                                        candidates: candidates)
        } catch let error as GSLError {
            throw .gsl(error)
        } catch let error as GaussianLawError {
            throw error
        } catch {
            throw GaussianLawError.wrap(error)
        }
    }

    private static func exactBounds(_ value: Double) -> TotalVariationBounds {
        TotalVariationBounds(lower: value, upper: value, exact: value, lowerSource: .exact, upperSource: .exact,
                             candidates: [.init(source: .exact, lower: value, upper: value)])
    }

    private static func quadraticForm(_ s: Matrix, _ w: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<w.count { for j in 0..<w.count { sum += w[i] * s[i, j] * w[j] } }
        return sum
    }
}

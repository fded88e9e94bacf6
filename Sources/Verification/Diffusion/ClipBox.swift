import DenseLinearAlgebra
import Foundation
import ReferenceLaws

/// The box [a₁, b₁] × … × [a_d, b_d] the unbounded metrics clip samples to, fixed in advance from the data law
/// q = Σₖ wₖ N(μₖ, Σₖ) (docs/theory.md §8.10; PN-D06 item 5): aᵢ = minₖ(μₖᵢ − z σₖᵢ), bᵢ = maxₖ(μₖᵢ + z σₖᵢ) with
/// σₖᵢ² = (Σₖ)ᵢᵢ and z = 8, so q(X ∉ box) ≤ Σₖ wₖ Σᵢ P(|Xᵢ − μₖᵢ| > z σₖᵢ) = 2d Φ̄(8) ≈ 1.2·10⁻¹⁵ d.
///
/// clip(x)ᵢ = min(bᵢ, max(aᵢ, xᵢ)) is bounded, so means of clip(X) and of clip(X)ᵢ clip(X)ⱼ get guaranteed-level
/// intervals; the metrics built on them are defined on the clipped law. For any law p with finite fourth moments,
/// |E clip(X)ᵢ − E Xᵢ| ≤ √(E Xᵢ² P_out) + Bᵢ P_out and |E clip(X)ᵢclip(X)ⱼ − E XᵢXⱼ| ≤ √(E‖X‖⁴ P_out) + BᵢBⱼ P_out with
/// P_out = p(X ∉ box) and Bᵢ = max(|aᵢ|, |bᵢ|) (Cauchy–Schwarz on the event X ∉ box): `momentSlack(of:)`.
public struct ClipBox: Sendable, Equatable {
    public let lower: [Double]
    public let upper: [Double]

    /// The number of component standard deviations the box extends beyond every component mean.
    public static let standardScores = 8.0

    public init(data law: GaussianMixtureLaw, standardScores z: Double = ClipBox.standardScores) throws {
        guard z.isFinite, z > 0 else {
            throw VerificationError.invalidParameter(name: "standard scores", value: "\(z)", requirement: "must be finite and > 0")
        }
        let d = law.dimension
        var a = [Double](repeating: .infinity, count: d), b = [Double](repeating: -.infinity, count: d)
        for k in 0..<law.componentCount {
            for i in 0..<d {
                let s = law.covariances[k][i, i].squareRoot()
                a[i] = min(a[i], law.means[k][i] - z * s)
                b[i] = max(b[i], law.means[k][i] + z * s)
            }
        }
        lower = a
        upper = b
    }

    public var dimension: Int { lower.count }

    @inline(__always) func clip(_ x: Double, _ i: Int) -> Double { min(upper[i], max(lower[i], x)) }

    /// Bᵢ = max(|aᵢ|, |bᵢ|).
    var magnitudes: [Double] { zip(lower, upper).map { max(abs($0), abs($1)) } }

    /// Exact P(X ∉ box) bound for a Gaussian mixture p by the union over coordinates: Σₖ wₖ Σᵢ P(Xᵢ ∉ [aᵢ, bᵢ]).
    public func outsideMassBound(of p: GaussianMixtureLaw) -> Double {
        var total = 0.0
        for k in 0..<p.componentCount {
            for i in 0..<dimension {
                let s = p.covariances[k][i, i].squareRoot(), m = p.means[k][i]
                let below = 0.5 * erfc((m - lower[i]) / (s * 2.0.squareRoot()))
                let above = 0.5 * erfc((upper[i] - m) / (s * 2.0.squareRoot()))
                total += p.weights[k] * (below + above)
            }
        }
        return min(1, total)
    }

    /// Uniform bounds on how far clipping moves the mean entries and the second-moment entries of a Gaussian mixture p
    /// (the inequalities of the type's comment, with E‖X‖⁴ = Σₖ wₖ[(tr Σₖ + ‖μₖ‖²)² + 2 tr Σₖ² + 4 μₖᵀΣₖμₖ]).
    public func momentSlack(of p: GaussianMixtureLaw) -> (mean: Double, second: Double) {
        let out = outsideMassBound(of: p)
        var second = 0.0, fourth = 0.0
        for k in 0..<p.componentCount {
            let s = p.covariances[k], m = p.means[k]
            let norm2 = m.reduce(0) { $0 + $1 * $1 }
            let sm = s * m
            let quadratic = zip(m, sm).reduce(0) { $0 + $1.0 * $1.1 }
            second += p.weights[k] * (s.trace + norm2)
            fourth += p.weights[k] * ((s.trace + norm2) * (s.trace + norm2) + 2 * (s * s).trace + 4 * quadratic)
        }
        let b = magnitudes.max() ?? 0
        return ((second * out).squareRoot() + b * out, (fourth * out).squareRoot() + b * b * out)
    }
}

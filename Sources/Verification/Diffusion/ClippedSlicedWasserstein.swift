import DenseLinearAlgebra
import Foundation
import Randomness
import ReferenceLaws

/// Sliced W₂² between a sampler's output law and the data law q = Σₖ wₖ N(μₖ, Σₖ) over L fixed directions θ₁ … θ_L
/// (shared by every sampler), each projection clipped to an interval fixed in advance from q, with a guaranteed-level
/// interval (docs/theory.md §8.10; PN-D06 item 6):
///
///   SW₂² = (1/L) Σₗ ∫₀¹ (F_{p,l}⁻¹(u) − F_{q,l}⁻¹(u))² du,
///
/// where F_{·,l} is the CDF of clip_{[a_l, b_l]}(θₗᵀX), a_l = minₖ(θₗᵀμₖ − 8 sₖₗ), b_l = maxₖ(θₗᵀμₖ + 8 sₖₗ),
/// sₖₗ² = θₗᵀΣₖθₗ. θₗᵀX under q is the 1-D mixture Σₖ wₖ N(θₗᵀμₖ, sₖₗ²), so F_{q,l}⁻¹ is exact (bisection on the closed-form
/// CDF). For p only samples exist: the DKW–Massart band (Massart 1990) |F̂ − F| ≤ ε, ε = √(ln(2L/α)/(2n)), at level α/L
/// per direction (union bound), brackets the quantile function: F̂⁻¹(u − ε) ≤ F_p⁻¹(u) ≤ F̂⁻¹(u + ε) (F̂⁻¹ = a_l below 0,
/// b_l above 1). On M cells [uⱼ, uⱼ₊₁] both quantile functions are monotone, so F_p⁻¹ ∈ [F̂⁻¹(uⱼ − ε), F̂⁻¹(uⱼ₊₁ + ε)] and
/// F_q⁻¹ ∈ [F_q⁻¹(uⱼ), F_q⁻¹(uⱼ₊₁)]; the squared gap and the squared largest distance of these two intervals bound the
/// cell's integral from below and above. The interval is therefore guaranteed (no asymptotics); its width is of order
/// ε·(b − a) per direction and does not shrink with pairing, so a difference of two samplers is bounded by the two
/// intervals (each at α/2).
public struct ClippedSlicedWasserstein: Sendable {
    public let directions: [[Double]]
    public let lower: [Double]
    public let upper: [Double]
    /// F_{q,l}⁻¹(j/M), j = 0 … M, per direction (clamped to [a_l, b_l]).
    let quantiles: [[Double]]

    public static let cells = 2048
    public static let directionCount = 8
    public static let directionSeed: UInt64 = 0x5_11CE
    public static let boundMethod = BoundMethod.exact("DKW–Massart band per direction → quantile bounds per cell")

    /// Directions: e₁ for d = 1; otherwise L = 8 seeded unit vectors (`Xoshiro256StarStar(seed: 0x511CE)`).
    public init(data law: GaussianMixtureLaw, standardScores z: Double = ClipBox.standardScores) throws {
        let d = law.dimension
        var dirs: [[Double]] = []
        if d == 1 {
            dirs = [[1]]
        } else {
            var g = Xoshiro256StarStar(seed: Self.directionSeed)
            for _ in 0..<Self.directionCount {
                let v = (0..<d).map { _ in g.nextStandardNormal() }
                let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                dirs.append(v.map { $0 / norm })
            }
        }
        directions = dirs
        var lo: [Double] = [], hi: [Double] = [], qs: [[Double]] = []
        for theta in dirs {
            let (m, s) = Self.projection(law, theta)
            let a = zip(m, s).map { $0 - z * $1 }.min()!, b = zip(m, s).map { $0 + z * $1 }.max()!
            lo.append(a)
            hi.append(b)
            var q = [Double](repeating: 0, count: Self.cells + 1)
            q[0] = a
            q[Self.cells] = b
            for j in 1..<Self.cells {
                q[j] = min(b, max(a, Self.mixtureQuantile(Double(j) / Double(Self.cells), weights: law.weights,
                                                          means: m, sds: s)))
            }
            qs.append(q)
        }
        lower = lo
        upper = hi
        quantiles = qs
    }

    /// Means θᵀμₖ and standard deviations √(θᵀΣₖθ) of the projected components.
    static func projection(_ law: GaussianMixtureLaw, _ theta: [Double]) -> ([Double], [Double]) {
        var means: [Double] = [], sds: [Double] = []
        for k in 0..<law.componentCount {
            means.append(zip(theta, law.means[k]).reduce(0) { $0 + $1.0 * $1.1 })
            let st = law.covariances[k] * theta
            sds.append(zip(theta, st).reduce(0) { $0 + $1.0 * $1.1 }.squareRoot())
        }
        return (means, sds)
    }

    /// The u-quantile of Σₖ wₖ N(mₖ, sₖ²) by bisection on the CDF Σₖ wₖ Φ((x − mₖ)/sₖ) (Φ through erfc).
    public static func mixtureQuantile(_ u: Double, weights: [Double], means: [Double], sds: [Double]) -> Double {
        var a = zip(means, sds).map { $0 - 40 * $1 }.min()!, b = zip(means, sds).map { $0 + 40 * $1 }.max()!
        for _ in 0..<200 {
            let x = 0.5 * (a + b)
            if x <= a || x >= b { break }
            var f = 0.0
            for k in 0..<weights.count { f += weights[k] * 0.5 * erfc(-(x - means[k]) / (sds[k] * 2.0.squareRoot())) }
            if f < u { a = x } else { b = x }
        }
        return 0.5 * (a + b)
    }

    /// One direction's bounds and plug-in value from sorted clipped projections.
    func bounds(_ sorted: [Double], direction l: Int, epsilon: Double) -> (lower: Double, upper: Double, estimate: Double) {
        let n = sorted.count, m = Self.cells, a = lower[l], b = upper[l], q = quantiles[l]
        func empiricalQuantile(_ v: Double) -> Double {
            if v <= 0 { return a }
            if v > 1 { return b }
            let index = min(n, max(1, Int((Double(n) * v).rounded(.up))))
            return sorted[index - 1]
        }
        var lo = 0.0, hi = 0.0, est = 0.0
        let du = 1 / Double(m)
        for j in 0..<m {
            let u0 = Double(j) * du, u1 = Double(j + 1) * du
            let pLo = empiricalQuantile(u0 - epsilon), pHi = empiricalQuantile(u1 + epsilon)
            let qLo = q[j], qHi = q[j + 1]
            let gap = max(0, pLo - qHi, qLo - pHi)
            let far = max(pHi - qLo, qHi - pLo)
            lo += du * gap * gap
            hi += du * far * far
            let t = empiricalQuantile(0.5 * (u0 + u1)) - 0.5 * (qLo + qHi)
            est += du * t * t
        }
        return (lo, hi, est)
    }

    /// SW₂² of the clipped output law with an interval at level α.
    public func estimate(_ x: [Double], alpha: Double) throws -> StatisticalInterval {
        let d = directions[0].count
        guard x.count % d == 0, x.count / d >= 2 else {
            throw VerificationError.invalidParameter(name: "samples", value: "\(x.count) values",
                                                     requirement: "must be ≥ 2 rows of d = \(d)")
        }
        guard x.allSatisfy(\.isFinite) else {
            throw VerificationError.invalidParameter(name: "samples", value: "non-finite", requirement: "must be finite")
        }
        let n = x.count / d, count = directions.count
        let epsilon = try dkwHalfWidth(n: n, alpha: alpha / Double(count))
        var lo = 0.0, hi = 0.0, est = 0.0
        var projected = [Double](repeating: 0, count: n)
        for (l, theta) in directions.enumerated() {
            for r in 0..<n {
                var s = 0.0
                for i in 0..<d { s += theta[i] * x[r * d + i] }
                projected[r] = min(upper[l], max(lower[l], s))
            }
            projected.sort()
            let b = bounds(projected, direction: l, epsilon: epsilon)
            lo += b.lower / Double(count)
            hi += b.upper / Double(count)
            est += b.estimate / Double(count)
        }
        return try StatisticalInterval(statistic: "sliced W₂² of the clipped law (\(count) directions)", estimate: est,
                                       lower: min(lo, est), upper: max(hi, est), n: n, alpha: alpha,
                                       method: Self.boundMethod)
    }

    /// SW₂²(p_x) − SW₂²(p_y) bounded by the two intervals, each at α/2.
    public func difference(_ x: [Double], _ y: [Double], alpha: Double) throws -> StatisticalInterval {
        let a = try estimate(x, alpha: alpha / 2), b = try estimate(y, alpha: alpha / 2)
        return try StatisticalInterval(statistic: "Δ sliced W₂² of the clipped laws (two intervals)",
                                       estimate: a.estimate - b.estimate, lower: a.lower - b.upper,
                                       upper: a.upper - b.lower, n: a.n, alpha: alpha, method: Self.boundMethod)
    }
}

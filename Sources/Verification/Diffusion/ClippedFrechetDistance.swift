import DenseLinearAlgebra
import Foundation
import ReferenceLaws

/// Intervals for the mean m and the second moment M₂ of the clipped law (`ClipBox`): every entry is the mean of a
/// bounded per-sample value (clip(x)ᵢ ∈ [aᵢ, bᵢ], clip(x)ᵢclip(x)ⱼ in the range of the box's corners; paired: the
/// difference of two such values), with a betting interval (`BettingInterval.anyMeanInterval`; Waudby-Smith & Ramdas 2024) at α/E for
/// the E = d + d(d + 1)/2 entries (union bound), so the whole box holds with probability ≥ 1 − α (PN-D06 item 5). Each
/// entry is stored as its mean ± the larger side of its interval.
public struct MomentBox: Sendable {
    public let mean: [Double]
    public let meanHalfWidth: [Double]
    /// Symmetric d × d.
    public let second: Matrix
    public let secondHalfWidth: Matrix
    public let n: Int

    /// S = M₂ − m mᵀ at the centre (the biased sample covariance: positive semi-definite).
    var covariance: Matrix {
        var s = second
        for i in 0..<mean.count { for j in 0..<mean.count { s[i, j] -= mean[i] * mean[j] } }
        return s.symmetrized
    }

    /// Entrywise bound E with |S − Ŝ|ᵢⱼ ≤ Eᵢⱼ for every S = M₂ − m mᵀ in the box:
    /// |mᵢmⱼ − m̂ᵢm̂ⱼ| ≤ hᵢ(|m̂ⱼ| + hⱼ) + |m̂ᵢ| hⱼ.
    var covarianceError: Matrix {
        let d = mean.count, h = meanHalfWidth
        var e = secondHalfWidth
        for i in 0..<d { for j in 0..<d { e[i, j] += h[i] * (abs(mean[j]) + h[j]) + abs(mean[i]) * h[j] } }
        return e
    }
}

/// The Fréchet distance (the FID formula) between the Gaussian fit of a sampler's clipped output law and the data
/// law's exact moments μ, Σ, with a guaranteed-level interval (docs/theory.md §8.10; PN-D06 item 5):
///
///   FD(p) = ‖m − μ‖² + g(S),  g(S) = tr S + tr Σ − 2 tr (Σ^{1/2} S Σ^{1/2})^{1/2},
///
/// m, S the mean and covariance of clip(X), X ~ p. The statistic is unbounded, so the quantity is defined on the clipped
/// law (for the data law itself FD(q_clip) ≤ the propagated `ClipBox.momentSlack`, below 10⁻¹² on the built-in cases).
///
/// Interval: the moment box (`MomentBox`, level α) is pushed through deterministic bounds. ‖m − μ‖² by interval
/// arithmetic per coordinate. g is convex in S (S ↦ tr(Σ^{1/2}SΣ^{1/2})^{1/2} is concave) with ∇g(S) = I − Σ^{1/2}A^{−1/2}Σ^{1/2},
/// A = Σ^{1/2}SΣ^{1/2}, so with e ≥ ‖S − Ŝ‖_F (from the box) and G = ∇g(Ŝ):
///   g(S) ≥ g(Ŝ) − ‖G‖_F e                 (tangent at Ŝ),
///   g(S) ≤ g(Ŝ) + (‖G‖_F + r) e,  r = ‖Σ‖² λ^{−3/2} e/2,  λ = λ_min(Â) − ‖Σ‖ e > 0   (tangent at S),
/// since x ↦ x^{−1/2} is (λ^{−3/2}/2)-Lipschitz on [λ, ∞) and a Lipschitz function of symmetric matrices is Lipschitz with
/// the same constant in the Frobenius norm (eigen-expansion of f(A) − f(B)), and Weyl puts λ_min(A) ≥ λ. Both bounds are
/// second order at Ŝ = Σ (G = 0). Always (and alone when λ ≤ 0): √g(S) is the Bures distance of N(0, S) to N(0, Σ), so
/// by the triangle inequality and Powers–Størmer (‖S^{1/2} − Ŝ^{1/2}‖²_F ≤ ‖S − Ŝ‖₁ ≤ √d e), √g(S) ∈ √g(Ŝ) ± (√d e)^{1/2}.
/// The point estimate is the plug-in value with the mean term's bias
/// tr Ĉ/n removed (the trace-root term keeps an O(d/n) bias; the interval does not depend on it).
///
/// Paired (PLMC x against a reference y on the same starts and noise): boxes for x, y and the per-chain differences (each
/// at α/3), D̂ = Ŝ_x − Ŝ_y from the difference box, and by convexity at S_y and at S_x
///   ⟨∇g(S_y), S_x − S_y⟩ ≤ g(S_x) − g(S_y) ≤ ⟨∇g(S_x), S_x − S_y⟩,
/// each gradient within r of its estimate; the mean term Σᵢ Δmᵢ(Δmᵢ + 2(m_yᵢ − μᵢ)) by interval arithmetic. The width then
/// scales with the paired differences' spread, which common random numbers make small.
public struct ClippedFrechetDistance: Sendable {
    public let box: ClipBox
    public let dataMean: [Double]
    public let dataCovariance: Matrix
    let dataRoot: Matrix
    let dataNorm: Double

    public static let boundMethod = BoundMethod.exact("betting moment box → convexity and Bures-metric bounds of FD")

    public init(data law: GaussianMixtureLaw, box: ClipBox? = nil) throws {
        self.box = try box ?? ClipBox(data: law)
        guard self.box.dimension == law.dimension else {
            throw VerificationError.invalidParameter(name: "clip box", value: "d = \(self.box.dimension)",
                                                     requirement: "must match the data dimension \(law.dimension)")
        }
        dataMean = law.mean
        dataCovariance = law.covariance
        let eigen = try SymmetricEigen(law.covariance, what: "data covariance")
        dataRoot = Self.apply(eigen) { max($0, 0).squareRoot() }
        dataNorm = eigen.values.last ?? 0
    }

    static func apply(_ e: SymmetricEigen, _ f: (Double) -> Double) -> Matrix {
        let d = e.values.count
        var out = Matrix(rows: d, cols: d)
        for i in 0..<d {
            for j in 0..<d {
                var s = 0.0
                for k in 0..<d { s += e.vectors[i, k] * f(e.values[k]) * e.vectors[j, k] }
                out[i, j] = s
            }
        }
        return out
    }

    // MARK: Moment boxes

    /// The moment box of clip(x) (or, with `paired`, of clip(x) − clip(y) entrywise and of the product differences).
    public func momentBox(_ x: [Double], paired y: [Double]? = nil, alpha: Double) throws -> MomentBox {
        let d = box.dimension
        if let y, y.count != x.count {
            throw VerificationError.invalidParameter(name: "paired samples", value: "\(x.count), \(y.count) values",
                                                     requirement: "must have the same size")
        }
        guard x.count % d == 0, x.count / d >= 2 else {
            throw VerificationError.invalidParameter(name: "samples", value: "\(x.count) values",
                                                     requirement: "must be ≥ 2 rows of d = \(d)")
        }
        guard x.allSatisfy(\.isFinite), y?.allSatisfy(\.isFinite) ?? true else {
            throw VerificationError.invalidParameter(name: "samples", value: "non-finite", requirement: "must be finite")
        }
        let n = x.count / d
        let entries = d + d * (d + 1) / 2
        let level = alpha / Double(entries)
        // Per-entry running sums (Welford-free two-pass over clipped values is cheap: recompute per entry).
        var cx = [Double](repeating: 0, count: n * d), cy = [Double](repeating: 0, count: y == nil ? 0 : n * d)
        for r in 0..<n { for i in 0..<d { cx[r * d + i] = box.clip(x[r * d + i], i) } }
        if let y { for r in 0..<n { for i in 0..<d { cy[r * d + i] = box.clip(y[r * d + i], i) } } }
        // Each entry: the betting interval (`BettingInterval.anyMeanInterval`), stored as centre ± half-width of its hull around the mean.
        func interval(_ value: (Int) -> Double, range: ClosedRange<Double>) throws -> (Double, Double) {
            let values = (0..<n).map(value)
            let b = try BettingInterval.anyMeanInterval(values, range: range, alpha: level)
            return (b.mean, max(b.mean - b.lower, b.upper - b.mean))
        }
        var mean = [Double](repeating: 0, count: d), meanHalf = mean
        var second = Matrix(rows: d, cols: d), secondHalf = Matrix(rows: d, cols: d)
        for i in 0..<d {
            let width = box.upper[i] - box.lower[i]
            let range = y == nil ? box.lower[i]...box.upper[i] : (-width)...width
            (mean[i], meanHalf[i]) = try interval({ r in cx[r * d + i] - (y == nil ? 0 : cy[r * d + i]) }, range: range)
        }
        for i in 0..<d {
            for j in i..<d {
                let corners = [box.lower[i] * box.lower[j], box.lower[i] * box.upper[j], box.upper[i] * box.lower[j],
                               box.upper[i] * box.upper[j]]
                var lo = corners.min()!, hi = corners.max()!
                if i == j { lo = (box.lower[i] <= 0 && box.upper[i] >= 0) ? 0 : min(lo, hi) }
                let range = y == nil ? lo...hi : (lo - hi)...(hi - lo)
                let (m, h) = try interval({ r in
                    cx[r * d + i] * cx[r * d + j] - (y == nil ? 0 : cy[r * d + i] * cy[r * d + j])
                }, range: range)
                second[i, j] = m; second[j, i] = m
                secondHalf[i, j] = h; secondHalf[j, i] = h
            }
        }
        return MomentBox(mean: mean, meanHalfWidth: meanHalf, second: second, secondHalfWidth: secondHalf, n: n)
    }

    // MARK: Deterministic bounds over a box

    /// g(Ŝ), ∇g(Ŝ) and λ_min(Σ^{1/2}ŜΣ^{1/2}), or nil gradient when Â is singular.
    func bures(_ s: Matrix) throws -> (value: Double, gradient: Matrix?, smallest: Double) {
        let d = s.rows
        let a = (dataRoot * s * dataRoot).symmetrized
        let e = try SymmetricEigen(a, what: "Σ^{1/2} S Σ^{1/2}")
        let root = e.values.reduce(0) { $0 + max($1, 0).squareRoot() }
        let value = max(0, s.trace + dataCovariance.trace - 2 * root)
        let smallest = e.values.first ?? 0
        guard smallest > 0 else { return (value, nil, smallest) }
        let inverseRoot = Self.apply(e) { 1 / $0.squareRoot() }
        var g = Matrix.identity(d) - dataRoot * inverseRoot * dataRoot
        g = g.symmetrized
        return (value, g, smallest)
    }

    /// The ‖m − μ‖² range for m in mean ± half.
    func meanTermRange(_ mean: [Double], _ half: [Double]) -> (Double, Double) {
        var lo = 0.0, hi = 0.0
        for i in 0..<mean.count {
            let a = mean[i] - half[i] - dataMean[i], b = mean[i] + half[i] - dataMean[i]
            let gap = a > 0 ? a : (b < 0 ? -b : 0)
            lo += gap * gap
            hi += max(a * a, b * b)
        }
        return (lo, hi)
    }

    /// The range of FD over every (m, M₂) in the box (PN-D06 item 5), and the box centre's plug-in value.
    public func range(_ b: MomentBox) throws -> (lower: Double, upper: Double, centre: Double) {
        let d = b.mean.count
        let sHat = b.covariance
        let e = b.covarianceError.frobeniusNorm
        let (meanLo, meanHi) = meanTermRange(b.mean, b.meanHalfWidth)
        let centreMean = zip(b.mean, dataMean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let (gHat, gradient, smallest) = try bures(sHat)
        let lambda = smallest - dataNorm * e
        // Always: √g is the Bures (W₂) distance of N(0, S) to N(0, Σ), and W₂(N(0, S), N(0, Ŝ)) ≤ ‖S^{1/2} − Ŝ^{1/2}‖_F
        // ≤ ‖S − Ŝ‖₁^{1/2} ≤ (√d e)^{1/2} (Powers–Størmer), so by the triangle inequality √g(S) ∈ √g(Ŝ) ± (√d e)^{1/2}.
        let metric = (Double(d).squareRoot() * e).squareRoot()
        var gLo = pow(max(0, gHat.squareRoot() - metric), 2), gHi = pow(gHat.squareRoot() + metric, 2)
        if let gradient, lambda > 0 {
            let gNorm = gradient.frobeniusNorm
            let r = dataNorm * dataNorm * pow(lambda, -1.5) * e / 2
            gLo = max(gLo, gHat - gNorm * e)
            gHi = min(gHi, gHat + (gNorm + r) * e)
        }
        gLo = max(0, gLo)
        return (max(0, meanLo + gLo), meanHi + gHi, centreMean + gHat)
    }

    // MARK: Estimates

    /// FD of the clipped output law with an interval at level α.
    public func estimate(_ x: [Double], alpha: Double) throws -> StatisticalInterval {
        try estimate(box: try momentBox(x, alpha: alpha), alpha: alpha)
    }

    /// The same from a moment box that holds with probability ≥ 1 − α.
    public func estimate(box b: MomentBox, alpha: Double) throws -> StatisticalInterval {
        let (lo, hi, centre) = try range(b)
        // Bias correction of the mean term: E‖m̂ − μ‖² = ‖m − μ‖² + tr C/n.
        let traceC = b.covariance.trace * Double(b.n) / Double(b.n - 1)
        let estimate = max(0, centre - traceC / Double(b.n))
        return try StatisticalInterval(statistic: "FD of the clipped law", estimate: estimate, lower: min(lo, estimate),
                                       upper: max(hi, estimate), n: b.n, alpha: alpha, method: Self.boundMethod)
    }

    /// FD(p_x) − FD(p_y) for paired samples (row i of both from the same start and noise), interval at level α.
    /// `boxes` may carry the two samples' own moment boxes at α/3, computed once (the sweep reuses them across partners).
    public func pairedDifference(_ x: [Double], _ y: [Double], alpha: Double, boxes: (MomentBox, MomentBox)? = nil) throws
        -> StatisticalInterval {
        let bx = try boxes?.0 ?? momentBox(x, alpha: alpha / 3), by = try boxes?.1 ?? momentBox(y, alpha: alpha / 3)
        let bd = try momentBox(x, paired: y, alpha: alpha / 3)
        let d = bx.mean.count
        // D̂ = ΔM̂₂ − (Δm̂ m̂_yᵀ + m̂_y Δm̂ᵀ + Δm̂ Δm̂ᵀ) and its entrywise error bound.
        let dm = bd.mean, hd = bd.meanHalfWidth, my = by.mean, hy = by.meanHalfWidth
        var dHat = bd.second, error = bd.secondHalfWidth
        for i in 0..<d {
            for j in 0..<d {
                dHat[i, j] -= dm[i] * my[j] + my[i] * dm[j] + dm[i] * dm[j]
                error[i, j] += hd[i] * (abs(my[j]) + hy[j]) + abs(dm[i]) * hy[j]
                    + hd[j] * (abs(my[i]) + hy[i]) + abs(dm[j]) * hy[i]
                    + hd[i] * (abs(dm[j]) + hd[j]) + abs(dm[i]) * hd[j]
            }
        }
        let eD = error.frobeniusNorm, dNorm = dHat.frobeniusNorm
        // Mean term: Σᵢ Δmᵢ (Δmᵢ + 2(m_yᵢ − μᵢ)).
        var meanLo = 0.0, meanHi = 0.0
        for i in 0..<d {
            let a = (dm[i] - hd[i], dm[i] + hd[i])
            let c = (a.0 + 2 * (my[i] - hy[i] - dataMean[i]), a.1 + 2 * (my[i] + hy[i] - dataMean[i]))
            let products = [a.0 * c.0, a.0 * c.1, a.1 * c.0, a.1 * c.1]
            meanLo += products.min()!
            meanHi += products.max()!
        }
        func gradientBound(_ b: MomentBox) throws -> (Matrix, Double)? {
            let e = b.covarianceError.frobeniusNorm
            let (_, gradient, smallest) = try bures(b.covariance)
            let lambda = smallest - dataNorm * e
            guard let gradient, lambda > 0 else { return nil }
            return (gradient, dataNorm * dataNorm * pow(lambda, -1.5) * e / 2)
        }
        func inner(_ a: Matrix, _ b: Matrix) -> Double { zip(a.storage, b.storage).reduce(0) { $0 + $1.0 * $1.1 } }
        let rx = try range(bx), ry = try range(by)
        let estimate = rx.centre - ry.centre
        // Always valid (the two unpaired ranges); intersected with the paired convexity bounds when both fits allow.
        var lower = rx.lower - ry.upper, upper = rx.upper - ry.lower
        if let (gy, ay) = try gradientBound(by), let (gx, ax) = try gradientBound(bx) {
            lower = max(lower, meanLo + inner(gy, dHat) - gy.frobeniusNorm * eD - ay * (dNorm + eD))
            upper = min(upper, meanHi + inner(gx, dHat) + gx.frobeniusNorm * eD + ax * (dNorm + eD))
        }
        return try StatisticalInterval(statistic: "ΔFD of the clipped laws, paired", estimate: estimate,
                                       lower: min(lower, estimate), upper: max(upper, estimate), n: bx.n, alpha: alpha,
                                       method: Self.boundMethod)
    }
}

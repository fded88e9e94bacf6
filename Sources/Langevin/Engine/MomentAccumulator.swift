import DenseLinearAlgebra

/// Count, mean and centred second moments M2 = Σ (y − ȳ)(y − ȳ)ᵀ of a set of vectors, mergeable by Chan,
/// Golub & LeVeque's pairwise update:
///
///     n = nₐ + n_b,  δ = ȳ_b − ȳₐ,  ȳ = ȳₐ + δ·n_b/n,  M2 = M2ₐ + M2_b + δδᵀ·nₐn_b/n
///
/// Merging in a fixed (block) order makes the result independent of how blocks were scheduled.
public struct MomentAccumulator: Sendable, Equatable {
    public private(set) var count: Int
    public private(set) var mean: [Double]
    /// Row-major D×D (empty when covariance is not tracked).
    public private(set) var m2: [Double]
    public let dimension: Int
    public let tracksCovariance: Bool

    public init(dimension: Int, tracksCovariance: Bool) {
        self.dimension = dimension
        self.tracksCovariance = tracksCovariance
        count = 0
        mean = [Double](repeating: 0, count: dimension)
        m2 = tracksCovariance ? [Double](repeating: 0, count: dimension * dimension) : []
    }

    /// Exact two-pass moments of `n` rows of `values` (row stride `dimension`).
    init(rows values: UnsafePointer<Double>, count n: Int, dimension: Int, tracksCovariance: Bool) {
        self.init(dimension: dimension, tracksCovariance: tracksCovariance)
        count = n
        guard n > 0 else { return }
        let D = dimension
        mean.withUnsafeMutableBufferPointer { mb in
            let m = mb.baseAddress!
            for r in 0..<n { let y = values + r * D; for i in 0..<D { m[i] += y[i] } }
            let inv = 1 / Double(n)
            for i in 0..<D { m[i] *= inv }
            guard tracksCovariance else { return }
            m2.withUnsafeMutableBufferPointer { sb in
                let s = sb.baseAddress!
                let centred = UnsafeMutablePointer<Double>.allocate(capacity: D)
                defer { centred.deallocate() }
                for r in 0..<n {
                    let y = values + r * D
                    for i in 0..<D { centred[i] = y[i] - m[i] }
                    for i in 0..<D {
                        let ci = centred[i], row = s + i * D
                        for j in i..<D { row[j] += ci * centred[j] }
                    }
                }
                for i in 0..<D { for j in 0..<i { s[i * D + j] = s[j * D + i] } }
            }
        }
    }

    /// Merges `other` into `self` (Chan et al.).
    public mutating func merge(_ other: MomentAccumulator) {
        precondition(other.dimension == dimension, "MomentAccumulator.merge: dimension mismatch")
        if other.count == 0 { return }
        if count == 0 { self = other; return }
        let na = Double(count), nb = Double(other.count), n = na + nb
        let D = dimension
        var delta = [Double](repeating: 0, count: D)
        for i in 0..<D { delta[i] = other.mean[i] - mean[i] }
        for i in 0..<D { mean[i] += delta[i] * (nb / n) }
        if tracksCovariance {
            let w = na * nb / n
            for i in 0..<D { for j in 0..<D { m2[i * D + j] += other.m2[i * D + j] + delta[i] * delta[j] * w } }
        }
        count += other.count
    }

    /// The unbiased sample covariance M2/(n − 1) (zero matrix when n < 2 or covariance is not tracked).
    public var covariance: Matrix {
        var c = Matrix(rows: dimension, cols: dimension)
        guard tracksCovariance, count >= 2 else { return c }
        let inv = 1 / Double(count - 1)
        for k in 0..<(dimension * dimension) { c.storage[k] = m2[k] * inv }
        return c
    }
}

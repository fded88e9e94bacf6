// Fixed-size 2-vectors and 2×2 matrices for the per-eigenvalue blocks of the underdamped laws, and a tiny
// dense helper for the (≤ 9)×(≤ 9) affine maps of the moment recursions. Internal; names carry the
// `Chain` prefix because other folders share the module.

/// (a, b)ᵀ.
struct ChainVec2: Equatable {
    var a: Double
    var b: Double

    static let zero = ChainVec2(a: 0, b: 0)

    static func + (u: ChainVec2, v: ChainVec2) -> ChainVec2 { ChainVec2(a: u.a + v.a, b: u.b + v.b) }
    static func * (s: Double, v: ChainVec2) -> ChainVec2 { ChainVec2(a: s * v.a, b: s * v.b) }

    /// u vᵀ.
    func outer(_ v: ChainVec2) -> ChainMat2 { ChainMat2(a11: a * v.a, a12: a * v.b, a21: b * v.a, a22: b * v.b) }
}

/// [[a11, a12], [a21, a22]].
struct ChainMat2: Equatable {
    var a11: Double, a12: Double, a21: Double, a22: Double

    static let zero = ChainMat2(a11: 0, a12: 0, a21: 0, a22: 0)
    static let identity = ChainMat2(a11: 1, a12: 0, a21: 0, a22: 1)

    static func + (x: ChainMat2, y: ChainMat2) -> ChainMat2 {
        ChainMat2(a11: x.a11 + y.a11, a12: x.a12 + y.a12, a21: x.a21 + y.a21, a22: x.a22 + y.a22)
    }

    static func - (x: ChainMat2, y: ChainMat2) -> ChainMat2 {
        ChainMat2(a11: x.a11 - y.a11, a12: x.a12 - y.a12, a21: x.a21 - y.a21, a22: x.a22 - y.a22)
    }

    static func * (s: Double, x: ChainMat2) -> ChainMat2 {
        ChainMat2(a11: s * x.a11, a12: s * x.a12, a21: s * x.a21, a22: s * x.a22)
    }

    static func * (x: ChainMat2, y: ChainMat2) -> ChainMat2 {
        ChainMat2(a11: x.a11 * y.a11 + x.a12 * y.a21, a12: x.a11 * y.a12 + x.a12 * y.a22,
                  a21: x.a21 * y.a11 + x.a22 * y.a21, a22: x.a21 * y.a12 + x.a22 * y.a22)
    }

    static func * (x: ChainMat2, v: ChainVec2) -> ChainVec2 {
        ChainVec2(a: x.a11 * v.a + x.a12 * v.b, b: x.a21 * v.a + x.a22 * v.b)
    }

    var transposed: ChainMat2 { ChainMat2(a11: a11, a12: a21, a21: a12, a22: a22) }

    /// First column (M e₁).
    var column1: ChainVec2 { ChainVec2(a: a11, b: a21) }

    /// Row-major vec: (a11, a12, a21, a22).
    var vec: [Double] { [a11, a12, a21, a22] }

    init(a11: Double, a12: Double, a21: Double, a22: Double) {
        self.a11 = a11; self.a12 = a12; self.a21 = a21; self.a22 = a22
    }

    init(vec v: ArraySlice<Double>) {
        let s = v.startIndex
        self.init(a11: v[s], a12: v[s + 1], a21: v[s + 2], a22: v[s + 3])
    }

    /// Row-major Kronecker product X ⊗ Y (4×4): vec(X C Yᵀ) = (X ⊗ Y) vec(C) for row-major vec.
    func kronecker(_ y: ChainMat2) -> [Double] {
        let x = [[a11, a12], [a21, a22]]
        let z = [[y.a11, y.a12], [y.a21, y.a22]]
        var out = [Double](repeating: 0, count: 16)
        for i in 0..<2 { for j in 0..<2 { for k in 0..<2 { for l in 0..<2 {
            out[(2 * i + k) * 4 + (2 * j + l)] = x[i][j] * z[k][l]
        } } } }
        return out
    }
}

/// Square row-major matrices of small size n (≤ 9) for the affine moment maps.
enum ChainSmallDense {
    static func identity(_ n: Int) -> [Double] {
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { m[i * n + i] = 1 }
        return m
    }

    static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for k in 0..<n {
            let aik = a[i * n + k]
            if aik == 0 { continue }
            for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
        } }
        return c
    }

    static func apply(_ a: [Double], _ v: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for j in 0..<n { s += a[i * n + j] * v[j] }
            out[i] = s
        }
        return out
    }

    /// aᵖ by binary exponentiation (p ≥ 0).
    static func power(_ a: [Double], _ p: Int, _ n: Int) -> [Double] {
        var result = identity(n)
        var base = a
        var e = p
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, base, n) }
            e >>= 1
            if e > 0 { base = multiply(base, base, n) }
        }
        return result
    }
}

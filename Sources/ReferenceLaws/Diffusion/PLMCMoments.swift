import SchemeVocabulary

/// The exact first moment vector and d × d second moment of PLMC on the DDPM chain with Gaussian data, in the data
/// covariance's eigenbasis, advanced one block at a time (PN-D04).
///
/// One block of n fine steps from X (fine step x′ = Aᵢx + Bᵢε(x, tᵢ) + Sᵢzᵢ, ε(y, t) = κ_t(y − √ᾱ_t m) per coordinate):
/// e₀ = κ₀(X − √ᾱ₀ m); cheap path Ỹ₀ = X, Ỹᵢ₊₁ = AᵢỸᵢ + Bᵢe₀ + Sᵢzᵢ; X′ = Ỹₙ + Σ_{i=1}^{n−1} Hᵢ wᵢ (ε(Ỹᵢ, tᵢ) − e₀) with
/// wᵢ = n (Π_{l>i} A_l) Bᵢ and Hᵢ ~ Bernoulli(1/n). Writing Ỹᵢ = yxᵢ X + ycᵢ + Σ_{l<i} g_{l,i} z_l, every term is affine in
/// (X, 1, z), and the moments follow from the flag moments (see `DiffusionOutputMoments`).
/// Mutants: `midpointAtStart` evaluates ε(Ỹᵢ, t₀); `independentCheapPath` feeds the midpoints a path driven by
/// independent z′ while the endpoint Ỹₙ keeps z. The score sign multiplies every B.
struct PLMCMoments {
    let dimension: Int
    /// E[X] (eigen-coordinates).
    var first: [Double]
    /// E[X Xᵀ], row-major.
    var second: [Double]

    init(dimension d: Int) {
        dimension = d
        first = [Double](repeating: 0, count: d)
        second = [Double](repeating: 0, count: d * d)
        for j in 0..<d { second[j * d + j] = 1 }
    }

    mutating func advance(block steps: ArraySlice<AncestralStep>, sign: Double, lambda: [Double], mean m: [Double],
                          midpointAtStart: Bool, independentCheapPath: Bool) {
        advance(block: steps, sign: sign, midpointAtStart: midpointAtStart, independentCheapPath: independentCheapPath) {
            let k = ScalarAffineForm.kappa($0, lambda[$1])
            return (k, -k * $0.squareRoot() * m[$1])
        }
    }

    /// The same with any affine noise prediction per eigen-coordinate, ε_j(y, ᾱ) = slope·y + intercept
    /// (`score(ᾱ, j)`), e.g. the exact one perturbed by `ScorePerturbation`.
    mutating func advance(block steps: ArraySlice<AncestralStep>, sign: Double, midpointAtStart: Bool,
                          independentCheapPath: Bool, score: (Double, Int) -> (slope: Double, intercept: Double)) {
        let d = dimension
        let fine = Array(steps)
        let n = fine.count
        let p = 1 / Double(n), q = p * (1 - p)
        // Suffix products P_i = Π_{l>i} A_l.
        var suffix = [Double](repeating: 1, count: n)
        if n >= 2 { for i in stride(from: n - 2, through: 0, by: -1) { suffix[i] = suffix[i + 1] * fine[i + 1].stateFactor } }
        let start = fine[0]
        // Per coordinate: u₀, v₀ (the cheap endpoint), uᵢ, vᵢ (the flagged terms, i = 1 … n − 1), and the noise sum N.
        var u0 = [Double](repeating: 0, count: d), v0 = [Double](repeating: 0, count: d)
        var u = [Double](repeating: 0, count: n * d), v = [Double](repeating: 0, count: n * d)
        var noise = [Double](repeating: 0, count: d)
        var g = [Double](repeating: 0, count: n)          // g_{l,i} for the current i, l < i
        var coefficientSum = [Double](repeating: 0, count: n), coefficientSquares = [Double](repeating: 0, count: n)
        for j in 0..<d {
            let (e0x, e0c) = score(start.alphaBar, j)
            var yx = 1.0, yc = 0.0
            for l in 0..<n { g[l] = 0; coefficientSum[l] = 0; coefficientSquares[l] = 0 }
            for i in 0..<n {
                if i >= 1 {
                    let level = midpointAtStart ? start.alphaBar : fine[i].alphaBar
                    let (k, intercept) = score(level, j)
                    let w = Double(n) * suffix[i] * sign * fine[i].scoreFactor
                    u[i * d + j] = w * (k * yx - e0x)
                    v[i * d + j] = w * (k * yc + intercept - e0c)
                    for l in 0..<i {
                        let c = w * k * g[l]
                        coefficientSum[l] += c
                        coefficientSquares[l] += c * c
                    }
                }
                // Ỹᵢ₊₁ = AᵢỸᵢ + sBᵢe₀ + Sᵢzᵢ.
                let a = fine[i].stateFactor, b = sign * fine[i].scoreFactor
                yx = a * yx + b * e0x
                yc = a * yc + b * e0c
                for l in 0..<i { g[l] *= a }
                g[i] = fine[i].noiseScale
            }
            u0[j] = yx
            v0[j] = yc
            var total = 0.0
            for l in 0..<n {
                let endpoint = g[l], mid = p * coefficientSum[l]
                if independentCheapPath {
                    total += endpoint * endpoint + mid * mid + q * coefficientSquares[l]
                } else {
                    total += (endpoint + mid) * (endpoint + mid) + q * coefficientSquares[l]
                }
            }
            noise[j] = total
        }
        // ū, v̄ and the flag-variance cross sums.
        var uBar = u0, vBar = v0
        for i in 1..<max(n, 1) { for j in 0..<d { uBar[j] += p * u[i * d + j]; vBar[j] += p * v[i * d + j] } }
        var newSecond = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            for l in j..<d {
                var uu = 0.0, uv = 0.0, vu = 0.0, vv = 0.0
                for i in 1..<max(n, 1) {
                    let uj = u[i * d + j], ul = u[i * d + l], vj = v[i * d + j], vl = v[i * d + l]
                    uu += uj * ul; uv += uj * vl; vu += vj * ul; vv += vj * vl
                }
                var value = (uBar[j] * uBar[l] + q * uu) * second[j * d + l]
                    + (uBar[j] * vBar[l] + q * uv) * first[j]
                    + (vBar[j] * uBar[l] + q * vu) * first[l]
                    + (vBar[j] * vBar[l] + q * vv)
                if j == l { value += noise[j] }
                newSecond[j * d + l] = value
                newSecond[l * d + j] = value
            }
        }
        for j in 0..<d { first[j] = uBar[j] * first[j] + vBar[j] }
        second = newSecond
    }
}

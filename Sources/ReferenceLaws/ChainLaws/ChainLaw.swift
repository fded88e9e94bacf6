import DenseLinearAlgebra
import SchemeVocabulary

/// Exact first two moments of the discrete Langevin chains under the linear drift b(x) = −A(x − m)
/// (A symmetric positive definite, any d ≥ 1): LMC, PLMC (finite K and K = ∞), RLMC, ULMC, PLMC-ULMC and RLMC-ULMC.
///
/// Paper: Kandasamy & Nagaraj, arXiv 2405.17068 (PLMC, §2; general (A, G, Γ) form as restated in
/// arXiv 2506.07614); RLMC: Shen & Lee, arXiv 1909.05503. Closed forms and tables checked: docs/theory.md §4.2
/// and §4.5. Derivations: proofs-notes PN-C01 (structure), PN-C02…PN-C06 (overdamped), PN-C07…PN-C09
/// (underdamped), PN-C10 (stationary law and stability), PN-C11 (finite horizon), PN-C12 (1-D closed forms),
/// PN-C13 (RLMC-ULMC).
///
/// Method. In the eigenbasis A = Q diag(λ) Qᵀ every step acts block-wise (1×1 blocks overdamped, 2×2 blocks
/// (y, v) underdamped) with auxiliary randomness shared across blocks, so (`ChainStepModel`)
///   μₖ′ = E[𝔹ₖ] μₖ,   C′ₖₗ = E[𝔹ₖ Cₖₗ 𝔹ₗᵀ] + Cov-term(μₖ, μₗ) + δₖₗ E[ωₖωₖᵀ],
/// which needs the cross moments E[𝔹ₖ ⊗ 𝔹ₗ] for k ≠ l (the initial covariance need not commute with A).
/// The stationary law (when the second-moment map of every block is a contraction) has mean m (v-mean 0)
/// and covariance Q diag(Xₖ) Qᵀ with Xₖ = E[𝔹ₖ Xₖ 𝔹ₖᵀ] + E[ωₖωₖᵀ].
///
/// States are x (overdamped) or [x; v] (underdamped, 2d coordinates).
///
/// Verified by: FiniteHorizonTests (full-matrix mpmath references, convergence, semigroup), ScalarClosedFormTests,
/// UnderdampedLawTests (docs/theory.md §4.5 table, mpmath references), LargeKTests, MonteCarloLawTests, BadInputTests.
public enum ChainLaw {
    /// The stationary mean and covariance. Throws `.unstable` (naming the failed condition and the stable
    /// range) when some eigen-block's second-moment map has spectral radius ≥ 1.
    public static func stationary(_ scheme: Scheme, eta: Double, drift: LinearDrift,
                                  quadrature: ChainQuadrature = .standard) throws(ChainLawError) -> ChainMoments {
        let model = try ChainStepModel(scheme, eta: eta, eigenvalues: drift.eigenvalues, quadrature: quadrature)
        let margins = try (0..<drift.dimension).map { (k: Int) throws(ChainLawError) -> Double in
            try model.stabilityMargin(k)
        }
        if margins.contains(where: { !($0 > 0) }) {
            let radii = try (0..<drift.dimension).map { (k: Int) throws(ChainLawError) -> Double in
                try model.secondMomentRadius(k)
            }
            let report = try ChainStability.report(model: model, radii: radii, margins: margins, drift: drift,
                                                   quadrature: quadrature)
            throw .unstable(scheme: scheme.description, condition: report.failureDetail)
        }
        let s = model.stateSize
        let d = drift.dimension
        var blocks = [[Double]](repeating: [], count: d)
        for k in 0..<d { blocks[k] = try model.stationaryBlock(k) }
        var eigenCovariance = Matrix(rows: s * d, cols: s * d)
        for k in 0..<d { for a in 0..<s { for b in 0..<s {
            eigenCovariance[a * d + k, b * d + k] = blocks[k][a * s + b]
        } } }
        let covariance = ChainEigenFrame.fromEigen(eigenCovariance, drift: drift, stateSize: s)
        let mean = drift.mean + [Double](repeating: 0, count: (s - 1) * d)
        return try checkedResult(mean: mean, covariance: covariance, what: "the stationary law of \(scheme)")
    }

    /// The mean and covariance after `n` steps from an initial law with the given first two moments
    /// (x-moments for overdamped schemes, [x; v]-moments for underdamped ones; the initial covariance must
    /// be positive semi-definite). Exact for every n ≥ 0, stable or not (throws `.numerical` on overflow).
    public static func afterSteps(_ n: Int, _ scheme: Scheme, eta: Double, drift: LinearDrift,
                                  from initial: ChainMoments,
                                  quadrature: ChainQuadrature = .standard) throws(ChainLawError) -> ChainMoments {
        guard n >= 0 else { throw .invalidStepCount(n) }
        let model = try ChainStepModel(scheme, eta: eta, eigenvalues: drift.eigenvalues, quadrature: quadrature)
        let s = model.stateSize
        let d = drift.dimension
        guard initial.dimension == s * d else {
            throw .invalidInput(.dimensionMismatch(what: "initial law of \(scheme) (state \(s == 1 ? "x" : "[x; v]"))",
                                                   expected: s * d, got: initial.dimension))
        }
        try ChainEigenFrame.validatePositiveSemidefinite(initial.covariance)
        let (mu, cov) = ChainEigenFrame.toEigen(initial, drift: drift, stateSize: s)
        func block(_ vector: [Double], _ k: Int) -> [Double] { (0..<s).map { vector[$0 * d + k] } }
        // Means: μₖ(n) = E[𝔹ₖ]ⁿ μₖ(0).
        var meanMaps: [[Double]] = []
        var newMu = [Double](repeating: 0, count: s * d)
        for k in 0..<d {
            let e = model.meanMap(k)
            meanMaps.append(e)
            let muK = ChainSmallDense.apply(ChainSmallDense.power(e, n, s), block(mu, k), s)
            for a in 0..<s { newMu[a * d + k] = muK[a] }
        }
        // Covariance blocks: the affine map on (vec Cₖₗ, vec μₖμₗᵀ, 1), raised to the n-th power.
        let s2 = s * s
        let size = 2 * s2 + 1
        var newCov = Matrix(rows: s * d, cols: s * d)
        for k in 0..<d { for l in k..<d {
            let second = model.pairMap(k, l)
            let meanPair = kronecker(meanMaps[k], meanMaps[l], s)
            var t = [Double](repeating: 0, count: size * size)
            for i in 0..<s2 { for j in 0..<s2 {
                t[i * size + j] = second[i * s2 + j]
                t[i * size + s2 + j] = second[i * s2 + j] - meanPair[i * s2 + j]
                t[(s2 + i) * size + s2 + j] = meanPair[i * s2 + j]
            } }
            if k == l {
                let noise = model.noise(k)
                for i in 0..<s2 { t[i * size + 2 * s2] = noise[i] }
            }
            t[(size - 1) * size + size - 1] = 1
            var start = [Double](repeating: 0, count: size)
            let muK = block(mu, k), muL = block(mu, l)
            for a in 0..<s { for b in 0..<s {
                start[a * s + b] = cov[a * d + k, b * d + l]
                start[s2 + a * s + b] = muK[a] * muL[b]
            } }
            start[size - 1] = 1
            let end = ChainSmallDense.apply(ChainSmallDense.power(t, n, size), start, size)
            for a in 0..<s { for b in 0..<s {
                newCov[a * d + k, b * d + l] = end[a * s + b]
                newCov[b * d + l, a * d + k] = end[a * s + b]
            } }
        } }
        let covariance = ChainEigenFrame.fromEigen(newCov, drift: drift, stateSize: s)
        let mean = ChainEigenFrame.fromEigenMean(newMu, drift: drift, stateSize: s)
        return try checkedResult(mean: mean, covariance: covariance, what: "the law of \(scheme) after \(n) steps")
    }

    /// Per-eigenvalue mean-square stability of the scheme at step η for this A, with the stable range.
    public static func stabilityMargin(_ scheme: Scheme, eta: Double, drift: LinearDrift,
                                       quadrature: ChainQuadrature = .standard) throws(ChainLawError) -> ChainStability {
        let model = try ChainStepModel(scheme, eta: eta, eigenvalues: drift.eigenvalues, quadrature: quadrature)
        let radii = try (0..<drift.dimension).map { (k: Int) throws(ChainLawError) -> Double in
            try model.secondMomentRadius(k)
        }
        let margins = try (0..<drift.dimension).map { (k: Int) throws(ChainLawError) -> Double in
            try model.stabilityMargin(k)
        }
        return try ChainStability.report(model: model, radii: radii, margins: margins, drift: drift, quadrature: quadrature)
    }

    private static func kronecker(_ x: [Double], _ y: [Double], _ s: Int) -> [Double] {
        var out = [Double](repeating: 0, count: s * s * s * s)
        let n = s * s
        for i in 0..<s { for j in 0..<s { for k in 0..<s { for l in 0..<s {
            out[(s * i + k) * n + (s * j + l)] = x[i * s + j] * y[k * s + l]
        } } } }
        return out
    }

    static func checkedResult(mean: [Double], covariance: Matrix, what: String) throws(ChainLawError) -> ChainMoments {
        guard mean.allSatisfy(\.isFinite), covariance.storage.allSatisfy(\.isFinite) else {
            throw .numerical("\(what) overflowed (non-finite moments); the step is probably mean-square unstable")
        }
        return ChainMoments(trustedMean: mean, covariance: covariance.symmetrized)
    }
}

/// Changes of frame between original coordinates (x, or [x; v]) and the eigen-coordinates of A:
/// ỹ = Qᵀ(x − m), ṽ = Qᵀ v; eigen-state index a·d + k for component a ∈ {y, v} of eigen-block k.
enum ChainEigenFrame {
    static func toEigen(_ law: ChainMoments, drift: LinearDrift, stateSize s: Int) -> ([Double], Matrix) {
        let d = drift.dimension
        let q = drift.eigen.vectors
        let qt = q.transposed
        var mu = [Double](repeating: 0, count: s * d)
        for a in 0..<s {
            let part = (0..<d).map { law.mean[a * d + $0] - (a == 0 ? drift.mean[$0] : 0) }
            let rotated = qt * part
            for k in 0..<d { mu[a * d + k] = rotated[k] }
        }
        let big = blockDiagonal(q, copies: s)
        return (mu, big.transposed * law.covariance * big)
    }

    static func fromEigen(_ covariance: Matrix, drift: LinearDrift, stateSize s: Int) -> Matrix {
        let big = blockDiagonal(drift.eigen.vectors, copies: s)
        return (big * covariance * big.transposed).symmetrized
    }

    static func fromEigenMean(_ mu: [Double], drift: LinearDrift, stateSize s: Int) -> [Double] {
        let d = drift.dimension
        var out = [Double](repeating: 0, count: s * d)
        for a in 0..<s {
            let rotated = drift.eigen.vectors * Array(mu[(a * d)..<((a + 1) * d)])
            for k in 0..<d { out[a * d + k] = rotated[k] + (a == 0 ? drift.mean[k] : 0) }
        }
        return out
    }

    private static func blockDiagonal(_ q: Matrix, copies s: Int) -> Matrix {
        if s == 1 { return q }
        let d = q.rows
        var big = Matrix(rows: s * d, cols: s * d)
        for a in 0..<s { for i in 0..<d { for j in 0..<d { big[a * d + i, a * d + j] = q[i, j] } } }
        return big
    }

    /// Throws unless the (validated, symmetric) covariance has smallest eigenvalue ≥ −1e-10·max(1, max|Cᵢⱼ|).
    static func validatePositiveSemidefinite(_ covariance: Matrix) throws(ChainLawError) {
        let eigen: SymmetricEigen
        do { eigen = try SymmetricEigen(covariance, what: "initial covariance") } catch {
            throw ChainLawError.wrap(error, "eigen-decomposition of the initial covariance")
        }
        let floor = -1e-10 * Swift.max(1, covariance.maxAbs)
        if let smallest = eigen.values.first, !(smallest >= floor) {
            throw .invalidInput(.notPositiveDefinite(
                what: "initial covariance", detail: "smallest eigenvalue \(smallest) < 0 (not positive semi-definite)"))
        }
    }
}

import DenseLinearAlgebra
import SchemeVocabulary

/// One step of a scheme in the eigenbasis of A, as the exact first- and second-moment maps of each
/// eigen-block (state size s = 1 for the overdamped schemes, s = 2 for (y, v) in the underdamped ones).
///
/// For every scheme, given the step's auxiliary randomness ξ (flags, Poisson count and times, u), the
/// eigen-block k evolves as zₖ′ = 𝔹ₖ(ξ) zₖ + ωₖ with ξ shared by all k, E[ωₖ | ξ, z] = 0, ωₖ independent
/// of z, and E[ωₖ ω_lᵀ] = 0 for k ≠ l (the Brownian motion is isotropic). Hence, with μ the mean and C the
/// covariance of the eigen-coordinates (PN-C01, PN-C10):
///   μₖ′ = E[𝔹ₖ] μₖ,
///   C′ₖₗ = E[𝔹ₖ Cₖₗ 𝔹ₗᵀ] + (E[𝔹ₖ μₖμₗᵀ 𝔹ₗᵀ] − E𝔹ₖ μₖμₗᵀ E𝔹ₗᵀ) + δₖₗ E[ωₖωₖᵀ].
struct ChainStepModel {
    let scheme: Scheme
    let eta: Double
    let eigenvalues: [Double]
    let stateSize: Int
    private let overdamped: [OverdampedStepMoments]
    private let pieces: (any UnderdampedBlockMoments)?

    init(_ scheme: Scheme, eta: Double, eigenvalues: [Double], quadrature: ChainQuadrature) throws(ChainLawError) {
        guard eta > 0, eta.isFinite else { throw .invalidStep(eta) }
        // a subnormal step carries fewer than 52 significant bits: the law would be computed from a rounded η
        guard eta.isNormal else {
            throw .invalidParameter(name: "step η", value: eta, requirement: "is subnormal (below \(Double.leastNormalMagnitude)); "
                                    + "its exact law cannot be computed to double precision")
        }
        try scheme.validateForLaw()
        self.scheme = scheme
        self.eta = eta
        self.eigenvalues = eigenvalues
        switch scheme {
        case .lmc, .plmc, .rlmc:
            stateSize = 1
            overdamped = eigenvalues.map { OverdampedStepMoments(scheme, eta: eta, eigenvalue: $0) }
            pieces = nil
        case .ulmc(let gamma):
            stateSize = 2
            overdamped = []
            pieces = UnderdampedStepPieces(ulmcEta: eta, friction: gamma)
        case let .plmcULMC(gamma, .finite(k)):
            stateSize = 2
            overdamped = []
            pieces = UnderdampedStepPieces(finiteEta: eta, friction: gamma, subSteps: k)
        case let .plmcULMC(gamma, .infinite):
            stateSize = 2
            overdamped = []
            pieces = try UnderdampedStepPieces(poissonEta: eta, friction: gamma, quadrature: quadrature)
        case .rlmcULMC(let gamma):
            stateSize = 2
            overdamped = []
            pieces = try RandomizedMidpointUnderdampedPieces(eta: eta, friction: gamma, quadrature: quadrature)
        }
    }

    /// E[𝔹ₖ] (s×s, row-major).
    func meanMap(_ k: Int) -> [Double] {
        if let pieces { return pieces.meanMap(eigenvalues[k]).vec }
        return [overdamped[k].meanFactor]
    }

    /// The s²×s² matrix of C ↦ E[𝔹ₖ C 𝔹ₗᵀ] on row-major vec(C).
    func pairMap(_ k: Int, _ l: Int) -> [Double] {
        if let pieces { return pieces.secondMomentMap(eigenvalues[k], eigenvalues[l]) }
        let a = overdamped[k], b = overdamped[l]
        return [a.meanFactor * b.meanFactor + a.fluctuation * b.fluctuation]
    }

    /// E[ωₖωₖᵀ] (s×s).
    func noise(_ k: Int) -> [Double] {
        if let pieces { return pieces.noise(eigenvalues[k]).vec }
        return [overdamped[k].noiseVariance]
    }

    /// The restriction of a 4×4 map on row-major vec(C) to symmetric C, as a 3×3 matrix on (X₁₁, X₁₂, X₂₂): columns
    /// are the images of E₁₁, E₁₂ + E₂₁, E₂₂; rows (·)₁₁, ((·)₁₂ + (·)₂₁)/2, (·)₂₂. The identity restricts to I₃.
    private static func symmetricPart(_ m: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: 9)
        let inputs: [[Int]] = [[0], [1, 2], [3]]
        for (column, sources) in inputs.enumerated() {
            var image = [Double](repeating: 0, count: 4)
            for source in sources { for row in 0..<4 { image[row] += m[row * 4 + source] } }
            out[0 * 3 + column] = image[0]
            out[1 * 3 + column] = 0.5 * (image[1] + image[2])
            out[2 * 3 + column] = image[3]
        }
        return out
    }

    /// The symmetric-part second-moment map of block k: 3×3 on (X₁₁, X₁₂, X₂₂).
    private func symmetricMap(_ k: Int) -> [Double] { Self.symmetricPart(pairMap(k, k)) }

    /// I₃ − the symmetric-part map of block k, formed without cancellation (`identityMinusSecondMomentMap`).
    private func symmetricSystem(_ k: Int) -> [Double] {
        Self.symmetricPart(pieces!.identityMinusSecondMomentMap(eigenvalues[k]))
    }

    /// The spectral radius of X ↦ E[𝔹ₖ X 𝔹ₖᵀ] on symmetric X: E[βₖ²] (overdamped) or the 3×3 map's radius.
    func secondMomentRadius(_ k: Int) throws(ChainLawError) -> Double {
        if pieces == nil { return overdamped[k].secondMoment }
        return try ChainSpectralRadius.of(symmetricMap(k), size: 3)
    }

    /// A number that is positive iff block k's second-moment map is a contraction (ρₖ < 1), computed without
    /// cancellation or underflow so that tiny steps are not called unstable because ρₖ rounds to 1 (PN-C10). It is a
    /// sign, scaled to be O(1), not 1 − ρₖ itself:
    /// * overdamped: (1 − E[β²])/x = 2 − x − 2(1 − x)x E[M] − x³ E[M²] (x = ηλ > 0);
    /// * underdamped: with N = I − T (T the 3×3 map, N formed without cancellation) scaled by s = max|Nᵢⱼ|, and μ = sμ′
    ///   its eigenvalues, T's eigenvalue 1 − μ lies inside the unit circle iff 1 − |1 − μ|² = s(2 Re μ′ − s|μ′|²) > 0;
    ///   the minimum over μ′ of (2 Re μ′ − s|μ′|²)/(1 + |1 − μ|).
    func stabilityMargin(_ k: Int) throws(ChainLawError) -> Double {
        if pieces == nil { return overdamped[k].stabilityFactor }
        let (system, scale) = Self.scaled(symmetricSystem(k))
        guard scale > 0 else { return 0 }
        let eigen = try ChainSpectralRadius.eigenvalues(system, size: 3)
        var margin = Double.infinity
        for (re, im) in eigen {
            let (muRe, muIm) = (scale * re, scale * im)
            let distance = ((1 - muRe) * (1 - muRe) + muIm * muIm).squareRoot()
            margin = min(margin, (2 * re - scale * (re * re + im * im)) / (1 + distance))
        }
        return margin
    }

    /// `m / s` with s = max|mᵢ| (s = 0 for a zero or non-finite m): the small systems of tiny steps have entries
    /// O(η), which a fixed pivot threshold or an eigen-solver would treat as zero.
    private static func scaled(_ m: [Double]) -> ([Double], Double) {
        let s = m.reduce(0) { max($0, abs($1)) }
        guard s > 0, s.isFinite else { return (m, 0) }
        return (m.map { $0 / s }, s)
    }

    /// The stationary covariance block of eigen-block k (s×s): X = E[𝔹ₖ X 𝔹ₖᵀ] + E[ωₖωₖᵀ], i.e. (I − T) X = Q with
    /// I − T formed without cancellation (accurate for every η, PN-C10). Assumes `stabilityMargin(k) > 0` (checked by
    /// the caller).
    func stationaryBlock(_ k: Int) throws(ChainLawError) -> [Double] {
        if pieces == nil {
            return [overdamped[k].stationaryVariance]
        }
        // each row scaled by its largest entry: the rows of tiny steps are O(η)
        var system = symmetricSystem(k)
        let n = noise(k)
        var rhs = [n[0], 0.5 * (n[1] + n[2]), n[3]]
        for row in 0..<3 {
            let s = (0..<3).reduce(0.0) { max($0, abs(system[row * 3 + $1])) }
            guard s > 0, s.isFinite else { continue }
            for j in 0..<3 { system[row * 3 + j] /= s }
            rhs[row] /= s
        }
        guard let x = solveByPartialPivoting(system, rhs, 3) else {
            throw .numerical("the stationary 3×3 Lyapunov system of eigenvalue \(eigenvalues[k]) is singular")
        }
        return [x[0], x[1], x[1], x[2]]
    }
}

/// The per-eigenvalue moment maps of one underdamped step (2×2 blocks z = (y, v)): E[𝔹], E[ωωᵀ] and
/// C ↦ E[𝔹_k C 𝔹_lᵀ] on row-major vec(C). Implemented by `UnderdampedStepPieces` (ULMC, PLMC-ULMC; PN-C07 …
/// PN-C09) and `RandomizedMidpointUnderdampedPieces` (RLMC-ULMC; PN-C13).
protocol UnderdampedBlockMoments {
    /// A_η, A_η − I (without cancellation), G_η and Q_η of the frozen-force step.
    var transition: ChainMat2 { get }
    var transitionMinusIdentity: ChainMat2 { get }
    var forceGain: ChainVec2 { get }
    var endNoise: ChainMat2 { get }
    /// V_φ, V_g of the mean map and R, S of the noise (PN-C08, PN-C09, PN-C13).
    var vPhi: ChainVec2 { get }
    var vG: ChainVec2 { get }
    var r: ChainMat2 { get }
    var s: ChainMat2 { get }
    /// The part of C ↦ E[𝔹_k C 𝔹_lᵀ] beyond E𝔹_k C E𝔹_lᵀ (the variance of 𝔹 over the step's auxiliary randomness).
    func varianceMap(_ lk: Double, _ ll: Double) -> [Double]
}

extension UnderdampedBlockMoments {
    /// E[𝔹] for eigenvalue λ: A_η − λ G_η e₁ᵀ − λ V_φ e₂ᵀ + λ² V_g e₁ᵀ.
    func meanMap(_ lambda: Double) -> ChainMat2 {
        let e1 = ChainVec2(a: 1, b: 0)
        let e2 = ChainVec2(a: 0, b: 1)
        return transition - lambda * forceGain.outer(e1) - lambda * vPhi.outer(e2) + (lambda * lambda) * vG.outer(e1)
    }

    /// Δ = E[𝔹] − I, each term formed without cancellation (A_η − I from expm1): Δ = O(η) holds the whole step for
    /// tiny η, where E[𝔹] itself rounds to I.
    func meanMapMinusIdentity(_ lambda: Double) -> ChainMat2 {
        let e1 = ChainVec2(a: 1, b: 0)
        let e2 = ChainVec2(a: 0, b: 1)
        return transitionMinusIdentity - lambda * forceGain.outer(e1) - lambda * vPhi.outer(e2)
            + (lambda * lambda) * vG.outer(e1)
    }

    /// The 4×4 matrix of C ↦ E[𝔹_k C 𝔹_lᵀ]: E𝔹_k ⊗ E𝔹_l plus the variance part.
    func secondMomentMap(_ lk: Double, _ ll: Double) -> [Double] {
        var m = meanMap(lk).kronecker(meanMap(ll))
        let v = varianceMap(lk, ll)
        for i in 0..<16 { m[i] += v[i] }
        return m
    }

    /// I − (C ↦ E[𝔹 C 𝔹ᵀ]) for one eigenvalue, without cancellation: with E𝔹 = I + Δ,
    /// I − E𝔹 ⊗ E𝔹 − V = −(Δ ⊗ I + I ⊗ Δ + Δ ⊗ Δ) − V (V the variance part, itself small and formed from products).
    /// Its entries are O(η) with relative accuracy ~ε for every η, where forming the map and subtracting it from I
    /// would leave only ε/η (PN-C10).
    func identityMinusSecondMomentMap(_ lambda: Double) -> [Double] {
        let delta = meanMapMinusIdentity(lambda)
        let dd = delta.kronecker(delta)
        let di = delta.kronecker(.identity)
        let id = ChainMat2.identity.kronecker(delta)
        let v = varianceMap(lambda, lambda)
        var out = [Double](repeating: 0, count: 16)
        for i in 0..<16 { out[i] = -(di[i] + id[i] + dd[i]) - v[i] }
        return out
    }

    /// E[ωωᵀ] for eigenvalue λ: Q_η − λ (R + Rᵀ) + λ² S.
    func noise(_ lambda: Double) -> ChainMat2 {
        endNoise - lambda * (r + r.transposed) + (lambda * lambda) * s
    }
}

extension UnderdampedStepPieces: UnderdampedBlockMoments {}

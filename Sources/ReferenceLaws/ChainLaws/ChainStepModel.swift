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

    /// The symmetric-part second-moment map of block k: 1×1 (E[β²]) or 3×3 on (X₁₁, X₁₂, X₂₂).
    private func symmetricMap(_ k: Int) -> [Double] {
        let m = pairMap(k, k)
        // columns: images of E₁₁, E₁₂ + E₂₁, E₂₂; rows: (·)₁₁, ((·)₁₂ + (·)₂₁)/2, (·)₂₂.
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

    /// The spectral radius of X ↦ E[𝔹ₖ X 𝔹ₖᵀ] on symmetric X: E[βₖ²] (overdamped) or the 3×3 map's radius.
    func secondMomentRadius(_ k: Int) throws(ChainLawError) -> Double {
        if pieces == nil { return overdamped[k].secondMoment }
        return try ChainSpectralRadius.of(symmetricMap(k), size: 3)
    }

    /// The stationary covariance block of eigen-block k (s×s): X = E[𝔹ₖ X 𝔹ₖᵀ] + E[ωₖωₖᵀ]. Assumes
    /// `secondMomentRadius(k) < 1` (checked by the caller).
    func stationaryBlock(_ k: Int) throws(ChainLawError) -> [Double] {
        if pieces == nil {
            return [overdamped[k].noiseVariance / overdamped[k].oneMinusSecondMoment]
        }
        let m = symmetricMap(k)
        var system = ChainSmallDense.identity(3)
        for i in 0..<9 { system[i] -= m[i] }
        let n = noise(k)
        guard let x = solveByPartialPivoting(system, [n[0], 0.5 * (n[1] + n[2]), n[3]], 3) else {
            throw .numerical("the stationary 3×3 Lyapunov system of eigenvalue \(eigenvalues[k]) is singular")
        }
        return [x[0], x[1], x[1], x[2]]
    }
}

/// The per-eigenvalue moment maps of one underdamped step (2×2 blocks z = (y, v)): E[𝔹], E[ωωᵀ] and
/// C ↦ E[𝔹_k C 𝔹_lᵀ] on row-major vec(C). Implemented by `UnderdampedStepPieces` (ULMC, PLMC-ULMC; PN-C07 …
/// PN-C09) and `RandomizedMidpointUnderdampedPieces` (RLMC-ULMC; PN-C13).
protocol UnderdampedBlockMoments {
    /// A_η, G_η and Q_η of the frozen-force step.
    var transition: ChainMat2 { get }
    var forceGain: ChainVec2 { get }
    var endNoise: ChainMat2 { get }
    /// V_φ, V_g of the mean map and R, S of the noise (PN-C08, PN-C09, PN-C13).
    var vPhi: ChainVec2 { get }
    var vG: ChainVec2 { get }
    var r: ChainMat2 { get }
    var s: ChainMat2 { get }
    func secondMomentMap(_ lk: Double, _ ll: Double) -> [Double]
}

extension UnderdampedBlockMoments {
    /// E[𝔹] for eigenvalue λ: A_η − λ G_η e₁ᵀ − λ V_φ e₂ᵀ + λ² V_g e₁ᵀ (the same form for PLMC-ULMC and RLMC-ULMC).
    func meanMap(_ lambda: Double) -> ChainMat2 {
        let e1 = ChainVec2(a: 1, b: 0)
        let e2 = ChainVec2(a: 0, b: 1)
        return transition - lambda * forceGain.outer(e1) - lambda * vPhi.outer(e2) + (lambda * lambda) * vG.outer(e1)
    }

    /// E[ωωᵀ] for eigenvalue λ: Q_η − λ (R + Rᵀ) + λ² S.
    func noise(_ lambda: Double) -> ChainMat2 {
        endNoise - lambda * (r + r.transposed) + (lambda * lambda) * s
    }
}

extension UnderdampedStepPieces: UnderdampedBlockMoments {}

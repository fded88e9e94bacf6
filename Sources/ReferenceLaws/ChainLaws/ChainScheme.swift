// The discrete Langevin chains whose exact laws under linear drift this folder computes.
// Definitions: /work/shared/paper-notes.md §1–§2 (Kandasamy & Nagaraj, arXiv 2405.17068, §2 and the
// general (A, G, Γ) form restated in arXiv 2506.07614); derivations in proofs-notes PN-C01 … PN-C12.

/// The number K of fine sub-steps of one PLMC step (midpoint candidates i = 0, …, K − 1, each flagged with
/// probability 1/K), or the Poisson limit K = ∞ (a Poisson(1) number of midpoints at i.i.d. U[0, 1) times).
///
/// `.finite(K)` requires K ≥ 1; `.finite(1)` is plain LMC (PN-C02); `.infinite` is PN-C05 / PN-C09.
public enum MidpointCount: Sendable, Equatable, Hashable, CustomStringConvertible {
    case finite(Int)
    case infinite

    public var description: String {
        switch self {
        case .finite(let k): return "K=\(k)"
        case .infinite: return "K=∞"
        }
    }
}

/// A discretisation of Langevin dynamics, as far as its law under linear drift b(x) = −A(x − m) is concerned.
///
/// With y = x − m, Z's standard normal, W one Brownian motion, η the (coarse) step and h = η/K:
/// * `.lmc`: y′ = (I − ηA) y + √(2η) Z (PN-C02).
/// * `.plmc(K)`: y′ = B y + W, B = I − ηA + η² M A², M = Σ_{i<K} Hᵢ i/K, Hᵢ ~ Bernoulli(1/K) i.i.d.,
///   W = √(2h)(S_K − ηA Σᵢ Hᵢ Sᵢ), Sᵢ = Σ_{j<i} Z_j (midpoints on the same Brownian path as the endpoint);
///   K = ∞: B = I − ηA + η² (Σ_{j≤N} U_j) A², W = √2 (W_η − ηA Σ_j W_{U_j η}), N ~ Poisson(1), U_j ~ U[0, 1)
///   (paper-notes §2.1; PN-C03, PN-C04, PN-C05).
/// * `.rlmc`: Shen–Lee randomized midpoint on one Brownian path (arXiv 1909.05503):
///   Y = X + uη b(X) + √2 W_{uη}, X′ = X + η b(Y) + √2 W_η, u ~ U[0, 1] (PN-C06).
/// * `.ulmc(friction: γ)`: state (x, v), dx = v dt, dv = −γ v dt + b(x) dt + √(2γ) dB, one step of size η with
///   the force frozen at the start and the linear part integrated exactly: z′ = A_η z + G_η b(x) + Γ_η ξ
///   (paper-notes §1; PN-C07).
/// * `.plmcULMC(friction: γ, K)`: the PLMC construction of paper-notes §2.2 on the ULMC fine chain
///   (A_h, G_h, Γ_h): X_K = A^K X₀ + Σᵢ A^{K−1−i} G [b(X₀) + K Hᵢ (b(X̃ᵢ) − b(X₀))] + Σᵢ A^{K−1−i} Γ Zᵢ;
///   K = ∞ uses Poisson midpoints at continuous uniform times and the continuous OU noise (PN-C08, PN-C09).
/// * `.rlmcULMC(friction: γ)`: Shen–Lee randomized midpoint for underdamped Langevin (arXiv 1909.05503, Alg. 1,
///   there with γ = 2 and a time rescaling), two drift evaluations per step; u ~ U[0, 1) per step, t = uη,
///   φ(s) = (1 − e^{−γs})/γ, g(s) = (γs − 1 + e^{−γs})/γ², ν_s the OU noise of ONE Brownian motion on [0, s]:
///   x_mid = x + φ(t) v + g(t) b(x) + ν_{t,x},
///   x′ = x + φ(η) v + η φ(η − t) b(x_mid) + ν_{η,x},   v′ = e^{−γη} v + η e^{−γ(η−t)} b(x_mid) + ν_{η,v}
///   (PN-C13).
///
/// Verified by: Tests/ChainLawsTests (MonteCarloLawTests and RLMCULMCLawTests simulate each scheme literally;
/// ReductionTests: K = 1).
public enum ChainScheme: Sendable, Equatable, Hashable, CustomStringConvertible {
    case lmc
    case plmc(MidpointCount)
    case rlmc
    case ulmc(friction: Double)
    case plmcULMC(friction: Double, MidpointCount)
    case rlmcULMC(friction: Double)

    /// True for the kinetic schemes whose state is (x, v).
    public var isUnderdamped: Bool {
        switch self {
        case .lmc, .plmc, .rlmc: return false
        case .ulmc, .plmcULMC, .rlmcULMC: return true
        }
    }

    /// A short name such as "PLMC(K=4)", "PLMC-ULMC(γ=1.0, K=∞)" or "RLMC-ULMC(γ=1.0)".
    public var description: String {
        switch self {
        case .lmc: return "LMC"
        case .plmc(let count): return "PLMC(\(count))"
        case .rlmc: return "RLMC"
        case .ulmc(let gamma): return "ULMC(γ=\(gamma))"
        case let .plmcULMC(gamma, count): return "PLMC-ULMC(γ=\(gamma), \(count))"
        case .rlmcULMC(let gamma): return "RLMC-ULMC(γ=\(gamma))"
        }
    }

    /// Throws unless K ≥ 1 and γ > 0 is finite. Guards are written so that NaN fails them.
    func validate() throws(ChainLawError) {
        switch self {
        case .lmc, .rlmc: return
        case .plmc(let count): try Self.validate(count)
        case .ulmc(let gamma), .rlmcULMC(let gamma): try Self.validate(friction: gamma)
        case let .plmcULMC(gamma, count):
            try Self.validate(friction: gamma)
            try Self.validate(count)
            if case .finite(let k) = count, k > ChainScheme.maximumUnderdampedMidpointCount {
                throw .unsupported("PLMC-ULMC with K = \(k) sub-steps: the exact law sums over K terms; "
                    + "K ≤ \(ChainScheme.maximumUnderdampedMidpointCount) is supported, use .infinite for the Poisson limit")
            }
        }
    }

    /// Largest finite K accepted for PLMC-ULMC (its law is an O(K) sum).
    public static let maximumUnderdampedMidpointCount = 10_000_000

    private static func validate(_ count: MidpointCount) throws(ChainLawError) {
        if case .finite(let k) = count {
            guard k >= 1 else { throw .invalidMidpointCount(k) }
        }
    }

    private static func validate(friction gamma: Double) throws(ChainLawError) {
        guard gamma > 0, gamma.isFinite else { throw .invalidFriction(gamma) }
    }
}

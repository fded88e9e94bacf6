/// A discretisation of Langevin dynamics: the one name every layer of the suite uses for it.
///
/// Overdamped schemes discretise dX = b(X, t) dt + √2 dB; with η the (coarse) step, h = η/K and W one Brownian
/// motion over the step:
/// * `.lmc`: X′ = X + η b(X) + √2 W(η) (Euler–Maruyama; PN-C02).
/// * `.plmc(K)`: X̃ᵢ = X + i h b(X) + √2 W(ih), X′ = X + η b(X) + η Σᵢ Hᵢ [b(X̃ᵢ) − b(X)] + √2 W(η) with
///   Hᵢ ~ Bernoulli(1/K) i.i.d. (i = 0 … K−1); K = ∞: a Poisson(1) number of midpoints at i.i.d. U[0, 1)·η
///   (Kandasamy & Nagaraj, arXiv 2405.17068, §2; docs/theory.md §2.1; PN-S01, PN-S02).
/// * `.rlmc`: Y = X + uη b(X) + √2 W(uη), X′ = X + η b(Y) + √2 W(η), u ~ U[0, 1) (Shen & Lee, arXiv 1909.05503;
///   PN-C06).
///
/// Underdamped (kinetic) schemes discretise dx = v dt, dv = −γ v dt + b(x, t) dt + √(2γ) dB with state (x, v):
/// * `.ulmc(friction: γ)`: the force frozen at the start of the step, the linear part and the noise integrated
///   exactly: z′ = A_η z + G_η b(x) + Γ_η ξ (docs/theory.md §1; PN-S03, PN-C07).
/// * `.plmcULMC(friction: γ, K)`: the Poisson midpoint construction on the ULMC fine chain (A_h, G_h, Γ_h)
///   (docs/theory.md §2.2; PN-S04, PN-C08, PN-C09).
/// * `.rlmcULMC(friction: γ)`: Shen & Lee's randomized midpoint method for kinetic Langevin (arXiv 1909.05503,
///   Alg. 1; PN-S08, PN-C13).
///
/// What theory says about each (drift calls, orders, stability, sources) is data on the scheme: `theory`.
public enum Scheme: Sendable, Equatable, Hashable, CustomStringConvertible {
    case lmc
    case plmc(MidpointCount)
    case rlmc
    case ulmc(friction: Double)
    case plmcULMC(friction: Double, MidpointCount)
    case rlmcULMC(friction: Double)

    /// True for the kinetic schemes, whose state is (x, v).
    public var isUnderdamped: Bool {
        switch self {
        case .lmc, .plmc, .rlmc: return false
        case .ulmc, .plmcULMC, .rlmcULMC: return true
        }
    }

    /// K for the Poisson-midpoint schemes, nil otherwise.
    public var midpointCount: MidpointCount? {
        switch self {
        case .plmc(let k), .plmcULMC(_, let k): return k
        case .lmc, .rlmc, .ulmc, .rlmcULMC: return nil
        }
    }

    /// γ for the kinetic schemes, nil otherwise.
    public var friction: Double? {
        switch self {
        case .ulmc(let gamma), .plmcULMC(let gamma, _), .rlmcULMC(let gamma): return gamma
        case .lmc, .plmc, .rlmc: return nil
        }
    }

    /// The scheme whose fine steps a Poisson-midpoint scheme approximates: LMC for PLMC, ULMC(γ) for PLMC-ULMC;
    /// the scheme itself otherwise.
    public var fineChain: Scheme {
        switch self {
        case .plmc: return .lmc
        case .plmcULMC(let gamma, _): return .ulmc(friction: gamma)
        default: return self
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

    /// The name of a run at step η, e.g. "PLMC(η=0.2, K=4)" or "ULMC(η=0.1, γ=1.0)".
    public func label(stepSize eta: Double) -> String {
        switch self {
        case .lmc: return "LMC(η=\(eta))"
        case .plmc(let count): return "PLMC(η=\(eta), K=\(count.valueText))"
        case .rlmc: return "RLMC(η=\(eta))"
        case .ulmc(let gamma): return "ULMC(η=\(eta), γ=\(gamma))"
        case let .plmcULMC(gamma, count): return "PLMC-ULMC(η=\(eta), γ=\(gamma), K=\(count.valueText))"
        case .rlmcULMC(let gamma): return "RLMC-ULMC(η=\(eta), γ=\(gamma))"
        }
    }

    /// Throws unless K is valid and γ is finite and > 0. Guards are written so that NaN fails them.
    public func validate() throws(SchemeError) {
        if let k = midpointCount { try k.validate() }
        if let gamma = friction { guard gamma > 0, gamma.isFinite else { throw .invalidFriction(gamma) } }
    }
}

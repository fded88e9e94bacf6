import Foundation
import ReferenceLaws
import SchemeVocabulary

/// This suite's block schedule for PLMC on the DDPM chain (not the paper's, which uses a uniform K): blocks of at most K
/// fine steps that shrink where the block's step·Lipschitz estimate exceeds a stability margin (docs/theory.md §8.8;
/// PN-D07).
///
/// The fine DDPM step is x′ = (x + β_t ∇log p_t(x))/√α_t + σ_t z (Ho et al. 2020, Eq. 11 with ε = −√(1 − ᾱ_t)∇log p_t),
/// so the drift of step t is β_t ∇log p_t with Lipschitz constant β_t‖∇²log p_t‖. For Gaussian-mixture data the estimate
/// used is L_t = maxₖ 1/(ᾱ_t λ_min(Σₖ) + 1 − ᾱ_t), the largest curvature of a component's noisy marginal (exact for one
/// Gaussian; for a mixture it omits the between-component term, so it is an estimate, not a bound). Greedily from
/// t = T − 1 down, a block grows while it has fewer than K steps and Σ_{t∈block} β_t L_t ≤ `margin`; a single step whose
/// β_t L_t exceeds the margin is a block of one (a plain DDPM step: flags Bernoulli(1) and weight 1 give the fine step).
public struct PLMCBlockSchedule: Sendable, Equatable {
    /// The margins the checks report: 0.1 (fixed before any result was seen), then 0.3 and 1 (added after seeing that
    /// 0.1 is too strict at the high-noise end, where β_t is largest but L_t ≈ 1/λ is small; PN-D07).
    public static let margins = [0.1, 0.3, 1.0]

    /// Block sizes from t = T − 1 down; they sum to T.
    public let blocks: [Int]
    public let maximumBlock: Int
    public let margin: Double
    /// Σ_{t∈block} β_t L_t of each block.
    public let blockLoads: [Double]

    /// Throws unless 1 ≤ K ≤ T and the margin is finite and positive.
    public init(schedule: NoiseSchedule, data: GaussianMixtureLaw, maximumBlock k: Int, margin: Double)
        throws(DiffusionError) {
        let t = schedule.count
        guard k >= 1, k <= t else { throw .invalidSampler("the largest block must be 1 … \(t), got \(k)") }
        guard margin.isFinite, margin > 0 else { throw .invalidSampler("the margin must be finite and > 0, got \(margin)") }
        let smallest = data.eigenvalues.map { $0[0] }
        let loads = (0..<t).map { step -> Double in
            let ab = schedule.alphaBars[step]
            let curvature = smallest.map { 1 / (ab * $0 + 1 - ab) }.max() ?? 0
            return schedule.betas[step] * curvature
        }
        var blocks: [Int] = [], sums: [Double] = []
        var step = t - 1
        while step >= 0 {
            var n = 1, sum = loads[step]
            while n < k, step - n >= 0, sum + loads[step - n] <= margin {
                sum += loads[step - n]
                n += 1
            }
            blocks.append(n)
            sums.append(sum)
            step -= n
        }
        self.blocks = blocks
        maximumBlock = k
        self.margin = margin
        blockLoads = sums
    }

    /// Expected network evaluations: Σ (2 − 1/n) over the blocks.
    public var networkEvaluations: Double { blocks.reduce(0.0) { $0 + 2 - 1 / Double($1) } }

    /// "PLMC-DDPM(K≤25, load≤0.2, σ²=β̃) [suite's block schedule]".
    public func label(_ variance: DDPMVariance) -> String {
        "PLMC-DDPM(K≤\(maximumBlock), load≤\(margin), \(variance)) [suite's block schedule]"
    }

    public func plan(_ variance: DDPMVariance, schedule: NoiseSchedule) throws(DiffusionError) -> SamplerPlan {
        try SamplerVariant.plmcPlan(variance, blocks: blocks, schedule: schedule)
    }
}

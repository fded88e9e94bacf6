import DenseLinearAlgebra
import Foundation

/// The variance-preserving (VP) forward diffusion dX = −½β(t)X dt + √β(t) dB (Song et al. 2021,
/// arXiv 2011.13456, eq. (11), linear schedule of its Appendix B) and its discrete counterpart, the DDPM
/// forward chain x_n = √(1−β_n) x_{n−1} + √β_n ε_n (Ho et al. 2020, arXiv 2006.11239, eq. (2), with the
/// closed form q(x_n | x_0) = N(√ᾱ_n x_0, (1 − ᾱ_n) I) of its eq. (4) and the linear schedule of §4) (PN-L06).
///
/// From X₀ ~ N(μ₀, Σ₀) the marginal at time t (or step n) is N(α μ₀, α² Σ₀ + (1 − α²) I) with
///   continuous: α_t = exp(−½ ∫₀ᵗ β(s) ds),  ∫₀ᵗ β = β_min t + ½ t² (β_max − β_min),  t ∈ [0, 1];
///   discrete:   α_n² = ᾱ_n = Πᵢ₌₁ⁿ (1 − βᵢ),  βᵢ = β_first + (i − 1)(β_last − β_first)/(N − 1),  n ∈ 0…N.
/// 1 − α² is computed as −expm1(log α²) and log ᾱ_n as Σ log1p(−βᵢ), so both stay accurate near t = 0.
public struct VariancePreservingDiffusion: Sendable, Equatable {
    public enum Schedule: Sendable, Equatable {
        /// β(t) = βmin + t(βmax − βmin) on t ∈ [0, 1] (Song et al. 2021: βmin = 0.1, βmax = 20).
        case continuousLinear(betaMin: Double, betaMax: Double)
        /// βᵢ linear from `first` to `last` over i = 1…steps (Ho et al. 2020: 1e-4, 0.02, 1000).
        case discreteLinear(first: Double, last: Double, steps: Int)
    }

    public let schedule: Schedule

    /// Validates the schedule: 0 ≤ βmin ≤ βmax < ∞ with βmax > 0; 0 < first ≤ last < 1, steps ≥ 2.
    public init(schedule: Schedule) throws(GaussianLawError) {
        switch schedule {
        case let .continuousLinear(lo, hi):
            guard lo >= 0, lo.isFinite else {
                throw .invalidParameter(name: "betaMin", value: lo, requirement: "must be finite and ≥ 0")
            }
            guard hi >= lo, hi > 0, hi.isFinite else {
                throw .invalidParameter(name: "betaMax", value: hi, requirement: "must be finite, > 0 and ≥ betaMin")
            }
        case let .discreteLinear(first, last, steps):
            guard first > 0, first < 1 else {
                throw .invalidParameter(name: "first beta", value: first, requirement: "must lie in (0, 1)")
            }
            guard last >= first, last < 1 else {
                throw .invalidParameter(name: "last beta", value: last, requirement: "must lie in [first beta, 1)")
            }
            guard steps >= 2 else {
                throw .invalidParameter(name: "steps", value: Double(steps), requirement: "must be ≥ 2")
            }
        }
        self.schedule = schedule
    }

    /// Song et al. (2021) VP SDE: β(t) = 0.1 + 19.9 t on [0, 1].
    public static let songContinuous = try! VariancePreservingDiffusion(schedule: .continuousLinear(betaMin: 0.1, betaMax: 20))
    /// Ho et al. (2020) DDPM: βᵢ = linspace(1e-4, 0.02, 1000).
    public static let hoDiscrete = try! VariancePreservingDiffusion(schedule: .discreteLinear(first: 1e-4, last: 0.02, steps: 1000))

    /// β(t) for the continuous schedule, or βₙ (1-based) for the discrete one.
    public func beta(at tOrStep: Double) throws(GaussianLawError) -> Double {
        switch schedule {
        case let .continuousLinear(lo, hi):
            try requireUnitTime(tOrStep)
            return lo + tOrStep * (hi - lo)
        case let .discreteLinear(first, last, steps):
            guard tOrStep >= 1, tOrStep <= Double(steps), tOrStep.rounded() == tOrStep else {
                throw .invalidParameter(name: "step", value: tOrStep, requirement: "must be an integer in 1…\(steps)")
            }
            return first + (tOrStep - 1) * (last - first) / Double(steps - 1)
        }
    }

    /// log α² at continuous time t ∈ [0, 1]: −∫₀ᵗ β.
    public func logAlphaSquared(time t: Double) throws(GaussianLawError) -> Double {
        guard case let .continuousLinear(lo, hi) = schedule else {
            throw .invalidParameter(name: "time", value: t, requirement: "the discrete schedule takes a step index")
        }
        try requireUnitTime(t)
        return -(lo * t + 0.5 * t * t * (hi - lo))
    }

    /// log ᾱ_n = Σᵢ₌₁ⁿ log(1 − βᵢ) at step n ∈ 0…N.
    public func logAlphaBar(step n: Int) throws(GaussianLawError) -> Double {
        guard case let .discreteLinear(_, _, steps) = schedule else {
            throw .invalidParameter(name: "step", value: Double(n), requirement: "the continuous schedule takes a time")
        }
        guard n >= 0, n <= steps else {
            throw .invalidParameter(name: "step", value: Double(n), requirement: "must lie in 0…\(steps)")
        }
        var sum = 0.0
        if n >= 1 { for i in 1...n { sum += log1p(-(try beta(at: Double(i)))) } }
        return sum
    }

    /// The marginal law of X_t (continuous schedule) from X₀ ~ `data`.
    public func marginal(from data: GaussianLaw, time t: Double) throws(GaussianLawError) -> GaussianLaw {
        try Self.marginal(from: data, logAlphaSquared: try logAlphaSquared(time: t))
    }

    /// The marginal law of x_n (discrete schedule) from x₀ ~ `data`.
    public func marginal(from data: GaussianLaw, step n: Int) throws(GaussianLawError) -> GaussianLaw {
        try Self.marginal(from: data, logAlphaSquared: try logAlphaBar(step: n))
    }

    /// N(α μ₀, α² Σ₀ + (1 − α²) I) from log α².
    static func marginal(from data: GaussianLaw, logAlphaSquared l: Double) throws(GaussianLawError) -> GaussianLaw {
        let alphaSquared = exp(l)
        let alpha = exp(0.5 * l)
        let noise = -expm1(l)
        let d = data.dimension
        var covariance = alphaSquared * data.covariance
        for i in 0..<d { covariance[i, i] += noise }
        return try GaussianLaw(mean: data.mean.map { alpha * $0 }, covariance: covariance)
    }

    private func requireUnitTime(_ t: Double) throws(GaussianLawError) {
        guard t >= 0, t <= 1 else {
            throw .invalidParameter(name: "time", value: t, requirement: "must lie in [0, 1]")
        }
    }
}

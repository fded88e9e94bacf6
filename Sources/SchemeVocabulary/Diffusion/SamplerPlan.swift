#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One ancestral step x′ = a·x + b·ε(x, ᾱ) + s·z (z ~ N(0, I)): DDPM (s = σ_t) and DDIM (s = 0) on any grid, and the
/// fine steps of the T-step chain PLMC coarsens.
public struct AncestralStep: Sendable, Equatable {
    /// The timestep t the step starts from (for reports); −1 is the clean data.
    public let timestep: Int
    /// ᾱ at which the noise prediction is evaluated.
    public let alphaBar: Double
    /// a: the state factor.
    public let stateFactor: Double
    /// b: the noise-prediction factor.
    public let scoreFactor: Double
    /// s: the noise factor (0 for a deterministic step).
    public let noiseScale: Double
}

/// One DPM-Solver-2 step s → t with its λ-midpoint m: u = aₘ x + bₘ ε(x, ᾱ_s), x′ = a_t x + b_t ε(u, ᾱₘ).
public struct MidpointStep: Sendable, Equatable {
    public let alphaBarStart: Double
    public let alphaBarMidpoint: Double
    public let midpointStateFactor: Double
    public let midpointScoreFactor: Double
    public let endStateFactor: Double
    public let endScoreFactor: Double
}

/// One DPM-Solver++(2M) step i: x̂₀⁽ⁱ⁾ = (x − σᵢ ε(x, ᾱᵢ))/αᵢ, then x′ = ratio·x + c·D with D = x̂₀⁽ⁱ⁾ (first step) or
/// (1 + 1/(2r)) x̂₀⁽ⁱ⁾ − x̂₀⁽ⁱ⁻¹⁾/(2r); the last step returns x̂₀⁽ᴺ⁻¹⁾.
public struct MultistepStep: Sendable, Equatable {
    public let alphaBar: Double
    public let alpha: Double
    public let sigma: Double
    /// σᵢ₊₁/σᵢ (unused on the last step).
    public let ratio: Double
    /// c = −αᵢ₊₁ (e^{−hᵢ} − 1) (unused on the last step).
    public let dataFactor: Double
    /// r = hᵢ₋₁/hᵢ, nil on the first step (first order).
    public let stepRatio: Double?
    public let isLast: Bool
}

/// A sampler as the sequence of linear operations it applies: the one definition of every sampler's coefficients,
/// read by the engine (which draws the noise and evaluates the model) and by the exact laws on Gaussian data
/// (which propagate means and covariances through the same numbers). `scoreSign` is −1 for the wrong-sign mutant.
public enum SamplerPlan: Sendable, Equatable {
    case ancestral([AncestralStep], scoreSign: Double)
    /// The T fine ancestral steps and the block sizes (first block from t = T − 1).
    case plmc(fine: [AncestralStep], blocks: [Int], scoreSign: Double)
    /// The DPM-Solver-2 steps and the final first-order step to ᾱ = 1.
    case dpmSolver2([MidpointStep], final: AncestralStep, scoreSign: Double)
    case dpmSolverPP2M([MultistepStep], scoreSign: Double)
    /// VE noise levels σ̂₀ > … > σ̂_{N−1} > σ̂_N = 0; start x̂ = x·√(1 + σ̂₀²).
    case heun(sigmas: [Double], scoreSign: Double)

    /// The number of network evaluations the plan makes on one sample (for PLMC, the expected number).
    public var networkEvaluations: Double {
        switch self {
        case .ancestral(let steps, _): return Double(steps.count)
        case let .plmc(_, blocks, _): return blocks.reduce(0.0) { $0 + 2 - 1 / Double($1) }
        case .dpmSolver2(let steps, _, _): return Double(2 * steps.count + 1)
        case .dpmSolverPP2M(let steps, _): return Double(steps.count)
        case .heun(let sigmas, _): return Double(2 * (sigmas.count - 1) - 1)
        }
    }
}

extension SamplerVariant {
    /// The plan of the (possibly mutated) sampler on a schedule (docs/theory.md §8.2–§8.8; PN-D02 … PN-D04). The
    /// coefficient mutants change the plan (score sign; σ_t × √2); the PLMC-only mutants (midpoint time, cheap-path
    /// noise) are applied by whoever runs the plan.
    public func plan(schedule: NoiseSchedule) throws(DiffusionError) -> SamplerPlan {
        let t = schedule.count
        try sampler.validate(scheduleLength: t)
        let sign: Double = mutation == .scoreSignFlipped ? -1 : 1
        let noiseFactor: Double = mutation == .noiseVarianceDoubled ? 2.0.squareRoot() : 1
        let ab = schedule.alphaBars
        switch sampler {
        case let .ddpm(variance, n):
            return .ancestral(SamplerVariant.ddpmSteps(ab, grid: Self.leadingGrid(steps: n, length: t), variance: variance,
                                                       noiseFactor: noiseFactor), scoreSign: sign)
        case .ddim(let n):
            let grid = Self.leadingGrid(steps: n, length: t)
            let steps = grid.indices.map { i -> AncestralStep in
                let abT = ab[grid[i]], abP = i + 1 < grid.count ? ab[grid[i + 1]] : 1
                // x̂₀ = (x − √(1−ᾱ_t) ε)/√ᾱ_t, x′ = √ᾱ_prev x̂₀ + √(1−ᾱ_prev) ε
                let a = abP.squareRoot() / abT.squareRoot()
                let b = (1 - abP).squareRoot() - abP.squareRoot() * (1 - abT).squareRoot() / abT.squareRoot()
                return AncestralStep(timestep: grid[i], alphaBar: abT, stateFactor: a, scoreFactor: b, noiseScale: 0)
            }
            return .ancestral(steps, scoreSign: sign)
        case .dpmSolver2(let n):
            let grid = Self.leadingGrid(steps: n, length: t)
            var steps: [MidpointStep] = []
            for i in 0..<(grid.count - 1) {
                let abS = ab[grid[i]], abT = ab[grid[i + 1]]
                let lambdaS = NoiseSchedule.halfLogSNR(abS), lambdaT = NoiseSchedule.halfLogSNR(abT)
                let h = lambdaT - lambdaS
                let abM = NoiseSchedule.alphaBar(halfLogSNR: lambdaS + 0.5 * h)
                let aS = abS.squareRoot(), aM = abM.squareRoot(), sM = (1 - abM).squareRoot()
                let aT = abT.squareRoot(), sT = (1 - abT).squareRoot()
                steps.append(MidpointStep(alphaBarStart: abS, alphaBarMidpoint: abM, midpointStateFactor: aM / aS,
                                          midpointScoreFactor: -sM * expm1(0.5 * h), endStateFactor: aT / aS,
                                          endScoreFactor: -sT * expm1(h)))
            }
            let ab0 = ab[grid[grid.count - 1]]
            let final = AncestralStep(timestep: grid[grid.count - 1], alphaBar: ab0, stateFactor: 1 / ab0.squareRoot(),
                                      scoreFactor: -(1 - ab0).squareRoot() / ab0.squareRoot(), noiseScale: 0)
            return .dpmSolver2(steps, final: final, scoreSign: sign)
        case .dpmSolverPP2M(let n):
            let grid = Self.dpmSolverGrid(steps: n, length: t)
            let alphas = grid.map { ab[$0].squareRoot() }, sigmas = grid.map { (1 - ab[$0]).squareRoot() }
            let lambdas = zip(alphas, sigmas).map { log($0) - log($1) }
            let steps = grid.indices.map { i -> MultistepStep in
                let last = i == grid.count - 1
                let h = last ? .nan : lambdas[i + 1] - lambdas[i]
                return MultistepStep(alphaBar: ab[grid[i]], alpha: alphas[i], sigma: sigmas[i],
                                     ratio: last ? .nan : sigmas[i + 1] / sigmas[i],
                                     dataFactor: last ? .nan : -alphas[i + 1] * expm1(-h),
                                     stepRatio: i == 0 || last ? nil : (lambdas[i] - lambdas[i - 1]) / h, isLast: last)
            }
            return .dpmSolverPP2M(steps, scoreSign: sign)
        case .heun(let n):
            return .heun(sigmas: Self.heunSigmas(steps: n, alphaBars: ab), scoreSign: sign)
        case let .plmc(variance, k):
            let fine = SamplerVariant.ddpmSteps(ab, grid: Array((0..<t).reversed()), variance: variance,
                                                noiseFactor: noiseFactor)
            return .plmc(fine: fine, blocks: DiffusionSampler.blockSizes(blockSize: k, scheduleLength: t), scoreSign: sign)
        }
    }

    /// PLMC on the T-step DDPM chain with explicit block sizes (first block from t = T − 1; they must be ≥ 1 and sum to
    /// T): the plan of a block schedule such as `PLMCBlockSchedule` (this suite's variant, not the paper's uniform K).
    public static func plmcPlan(_ variance: DDPMVariance, blocks: [Int], schedule: NoiseSchedule) throws(DiffusionError)
        -> SamplerPlan {
        let t = schedule.count
        guard !blocks.isEmpty, blocks.allSatisfy({ $0 >= 1 }), blocks.reduce(0, +) == t else {
            throw .invalidSampler("PLMC blocks must be ≥ 1 and sum to T = \(t)")
        }
        let fine = ddpmSteps(schedule.alphaBars, grid: Array((0..<t).reversed()), variance: variance, noiseFactor: 1)
        return .plmc(fine: fine, blocks: blocks, scoreSign: 1)
    }

    /// Ancestral DDPM on a decreasing grid (Ho et al. 2020, Alg. 2, Eqs. 6–7, 11 on a sub-grid): with ᾱ_prev the next
    /// grid point's (1 after the last), α′ = ᾱ_t/ᾱ_prev, β′ = 1 − α′,
    ///   x′ = (x − β′/√(1−ᾱ_t)·ε)/√α′ + σ z,   σ² = β′(1 − ᾱ_prev)/(1 − ᾱ_t) (posterior) or β′ (forward),
    /// and no noise on the last step.
    static func ddpmSteps(_ ab: [Double], grid: [Int], variance: DDPMVariance, noiseFactor: Double) -> [AncestralStep] {
        grid.indices.map { i in
            let abT = ab[grid[i]]
            let abP = i + 1 < grid.count ? ab[grid[i + 1]] : 1
            let a1 = abT / abP, b1 = 1 - a1
            let last = i + 1 == grid.count
            let variance = last ? 0 : (variance == .posterior ? b1 * (1 - abP) / (1 - abT) : b1)
            let rootA1 = a1.squareRoot()
            return AncestralStep(timestep: grid[i], alphaBar: abT, stateFactor: 1 / rootA1,
                                 scoreFactor: -(b1 / (1 - abT).squareRoot()) / rootA1,
                                 noiseScale: noiseFactor * variance.squareRoot())
        }
    }

    /// diffusers' "leading" grid {(N − 1)r, …, r, 0}, r = T/N, decreasing.
    public static func leadingGrid(steps n: Int, length t: Int) -> [Int] {
        let r = t / n
        return (0..<n).reversed().map { $0 * r }
    }

    /// DPM-Solver++'s default grid: round(linspace(0, T − 1, N + 1)) decreasing without its last point (0), ties to
    /// even as numpy rounds.
    public static func dpmSolverGrid(steps n: Int, length t: Int) -> [Int] {
        let points = NoiseSchedule.linspace(0, Double(t - 1), n + 1).map { Int($0.rounded(.toNearestOrEven)) }
        return Array(points.reversed().dropLast())
    }

    /// HeunDiscrete's VE noise levels: the N times linspace(0, T − 1, N) rounded to binary32 (as diffusers stores them),
    /// decreasing; σ̂(t) = √((1 − ᾱ_t)/ᾱ_t) at integer t, linearly interpolated in t in between; then σ̂ = 0.
    public static func heunSigmas(steps n: Int, alphaBars ab: [Double]) -> [Double] {
        let t = ab.count
        let table = ab.map { ((1 - $0) / $0).squareRoot() }
        let times = NoiseSchedule.linspace(0, Double(t - 1), n).map { Double(Float($0)) }.reversed()
        var sigmas = times.map { time -> Double in
            let lo = Int(time.rounded(.down)), hi = min(lo + 1, t - 1)
            let frac = time - Double(lo)
            return (1 - frac) * table[lo] + frac * table[hi]
        }
        sigmas.append(0)
        return sigmas
    }
}

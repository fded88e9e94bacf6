import DenseLinearAlgebra
import Foundation
import SchemeVocabulary

/// The exact first two moments of a diffusion sampler's output x₀ when the data law is one Gaussian N(μ, Σ) and the
/// start is x ~ N(0, I) at the sampler's first grid time (docs/theory.md §8.9; PN-D04 for PLMC, PN-D02/PN-D03 for the
/// others).
///
/// For Gaussian data the exact noise prediction is affine, ε(y, ᾱ) = κ(ᾱ)(y − √ᾱ μ) with κ = √(1 − ᾱ) C⁻¹,
/// C = ᾱΣ + (1 − ᾱ)I, and every C commutes with Σ. In Σ's eigenbasis the coordinates decouple:
/// * DDPM, DDIM, DPM-Solver-2, DPM-Solver++(2M) and Heun are affine maps of the start plus independent Gaussian noise,
///   y = a·x_T + c + N(0, v) per coordinate (a multistep method also carries its previous data prediction as an affine
///   form), so the output is exactly Gaussian with mean c and variance a² + v per coordinate.
/// * PLMC is affine given its flags, the flags are independent of the state and shared by all coordinates: per block
///   X′ = (u₀ + Σ Hᵢuᵢ) X + (v₀ + Σ Hᵢvᵢ) + Σ_l (c_{0l} + Σᵢ Hᵢc_{il}) z_l, and with E[Hᵢ] = p = 1/n, E[HᵢHⱼ] = p² (i ≠ j),
///   E[Hᵢ²] = p the first moment vector and the full d × d second moment propagate exactly
///   (E_H[(u₀ + ΣHᵢuᵢ)(v₀ + ΣHᵢvᵢ)] = ūv̄ + p(1 − p) Σ uᵢvᵢ). The output is a Gaussian mixture, so only its moments are
///   exact; `isGaussian` says which.
public struct DiffusionOutputMoments: Sendable {
    public let mean: [Double]
    public let covariance: Matrix
    /// The expected number of network evaluations per sample.
    public let networkEvaluations: Double
    /// True when the output law is exactly N(mean, covariance) (every sampler but PLMC with K ≥ 2).
    public let isGaussian: Bool

    /// N(mean, covariance): the output law itself when `isGaussian`, else its moment-matched Gaussian.
    public func gaussian() throws(GaussianLawError) -> GaussianLaw {
        try GaussianLaw(mean: mean, covariance: covariance)
    }
}

public enum DiffusionOutputLaw {
    /// The exact output moments of `variant` on `schedule` for data N(mean, covariance). Throws for an invalid
    /// sampler or data law (non-SPD covariance, dimension mismatch) and for a mutation the exact law does not model.
    public static func moments(of variant: SamplerVariant, schedule: NoiseSchedule, dataMean: [Double],
                               dataCovariance: Matrix) throws(DiffusionError) -> DiffusionOutputMoments {
        try moments(of: variant.plan(schedule: schedule), mutation: variant.mutation, dataMean: dataMean,
                    dataCovariance: dataCovariance)
    }

    /// The exact output moments of a plan (e.g. PLMC with explicit blocks, `SamplerVariant.plmcPlan(_:blocks:schedule:)`) for
    /// data N(mean, covariance); `mutation` selects the PLMC-only mutants the plan itself does not carry.
    ///
    /// With `perturbation`, every noise prediction is ε̂ = ε* + δ (`ScorePerturbation`, affine in the state on Gaussian
    /// data), so the output moments stay exact.
    public static func moments(of plan: SamplerPlan, mutation: SchemeMutation? = nil, dataMean: [Double],
                               dataCovariance: Matrix, perturbation: ScorePerturbation? = nil) throws(DiffusionError)
        -> DiffusionOutputMoments {
        let data = try GaussianMixtureLaw(mean: dataMean, covariance: dataCovariance)
        let d = data.dimension
        let lambda = data.eigenvalues[0]
        let q = data.eigenvectors[0]
        // μ in the eigenbasis: m = Qᵀμ.
        let m = (0..<d).map { l in (0..<d).reduce(0.0) { $0 + q[$1 * d + l] * dataMean[$1] } }
        // The noise prediction per eigen-coordinate: ε_j(y, ᾱ) = slope·y + intercept (exact: κ_j(y − √ᾱ m_j)).
        let rotated = perturbation.map { p in
            let u = p.direction(dimension: d)
            return (0..<d).map { l in (0..<d).reduce(0.0) { $0 + q[$1 * d + l] * u[$1] } }
        }
        let score: (Double, Int) -> (slope: Double, intercept: Double) = { alphaBar, j in
            let k = ScalarAffineForm.kappa(alphaBar, lambda[j])
            guard let p = perturbation, let rotated else { return (k, -k * alphaBar.squareRoot() * m[j]) }
            let rms = ((1 - alphaBar) * lambda.reduce(0.0) { $0 + 1 / (alphaBar * $1 + 1 - alphaBar) }).squareRoot()
            let (scale, offset) = p.coefficients(alphaBar: alphaBar)
            return (scale * k, -scale * k * alphaBar.squareRoot() * m[j] + offset * rms * rotated[j])
        }
        var eigenMean = [Double](repeating: 0, count: d)
        var eigenSecond = [Double](repeating: 0, count: d * d)
        var gaussian = true
        switch plan {
        case let .plmc(fine, blocks, sign):
            var moments = PLMCMoments(dimension: d)
            var first = 0
            for n in blocks {
                moments.advance(block: fine[first..<(first + n)], sign: sign,
                                midpointAtStart: mutation == .midpointAtBlockStartTime,
                                independentCheapPath: mutation == .independentCheapPathNoise, score: score)
                first += n
            }
            eigenMean = moments.first
            eigenSecond = moments.second
            gaussian = blocks.allSatisfy { $0 == 1 }
        default:
            // Independent coordinates: E[y_j y_l] = c_j c_l (j ≠ l), E[y_j²] = a_j² + v_j + c_j².
            var variances = [Double](repeating: 0, count: d)
            for j in 0..<d {
                let form = ScalarAffineForm.output(of: plan) { score($0, j) }
                eigenMean[j] = form.constant
                variances[j] = form.stateCoefficient * form.stateCoefficient + form.noiseVariance
            }
            for j in 0..<d {
                for l in 0..<d { eigenSecond[j * d + l] = eigenMean[j] * eigenMean[l] }
                eigenSecond[j * d + j] += variances[j]
            }
        }
        // Back to the original basis: mean Q m′, covariance Q (M₂ − m′m′ᵀ) Qᵀ.
        var centred = eigenSecond
        for i in 0..<d { for j in 0..<d { centred[i * d + j] -= eigenMean[i] * eigenMean[j] } }
        let mean = (0..<d).map { i in (0..<d).reduce(0.0) { $0 + q[i * d + $1] * eigenMean[$1] } }
        var covariance = Matrix(rows: d, cols: d)
        for i in 0..<d {
            for j in i..<d {
                var sum = 0.0
                for a in 0..<d {
                    var row = 0.0
                    for b in 0..<d { row += centred[a * d + b] * q[j * d + b] }
                    sum += q[i * d + a] * row
                }
                covariance[i, j] = sum
                covariance[j, i] = sum
            }
        }
        return DiffusionOutputMoments(mean: mean, covariance: covariance, networkEvaluations: plan.networkEvaluations,
                                      isGaussian: gaussian)
    }
}

/// y = a·x_T + c + N(0, v) in one eigen-coordinate of Gaussian data (variance λ, mean m); x_T ~ N(0, 1).
struct ScalarAffineForm {
    var stateCoefficient: Double
    var constant: Double
    var noiseVariance: Double

    static let start = ScalarAffineForm(stateCoefficient: 1, constant: 0, noiseVariance: 0)

    /// κ(ᾱ) = √(1 − ᾱ)/(ᾱλ + 1 − ᾱ): ε(y) = κ (y − √ᾱ m).
    static func kappa(_ alphaBar: Double, _ lambda: Double) -> Double {
        (1 - alphaBar).squareRoot() / (alphaBar * lambda + (1 - alphaBar))
    }

    /// a·y + b·ε(y) with ε(y) = k·y + c (the exact prediction: k = κ, c = −κ√ᾱ m).
    func combined(stateFactor a: Double, scoreFactor b: Double, _ score: (slope: Double, intercept: Double))
        -> ScalarAffineForm {
        let k = score.slope
        return ScalarAffineForm(stateCoefficient: (a + b * k) * stateCoefficient,
                                constant: (a + b * k) * constant + b * score.intercept,
                                noiseVariance: (a + b * k) * (a + b * k) * noiseVariance)
    }

    func scaled(_ s: Double) -> ScalarAffineForm {
        ScalarAffineForm(stateCoefficient: s * stateCoefficient, constant: s * constant, noiseVariance: s * s * noiseVariance)
    }

    /// Linear combination of two deterministic forms (noise variances must be 0).
    static func sum(_ x: ScalarAffineForm, _ sx: Double, _ y: ScalarAffineForm, _ sy: Double) -> ScalarAffineForm {
        ScalarAffineForm(stateCoefficient: sx * x.stateCoefficient + sy * y.stateCoefficient,
                         constant: sx * x.constant + sy * y.constant, noiseVariance: 0)
    }

    /// The output form of a non-PLMC plan on data N(m, λ) in one coordinate.
    static func output(of plan: SamplerPlan, dataVariance lambda: Double, dataMean m: Double) -> ScalarAffineForm {
        output(of: plan) { alphaBar in
            let k = kappa(alphaBar, lambda)
            return (k, -k * alphaBar.squareRoot() * m)
        }
    }

    /// The output form of a non-PLMC plan with an affine noise prediction ε(y, ᾱ) = slope·y + intercept (`score(ᾱ)`).
    static func output(of plan: SamplerPlan, score: (Double) -> (slope: Double, intercept: Double)) -> ScalarAffineForm {
        var y = ScalarAffineForm.start
        switch plan {
        case let .ancestral(steps, sign):
            for step in steps {
                y = y.combined(stateFactor: step.stateFactor, scoreFactor: sign * step.scoreFactor, score(step.alphaBar))
                y.noiseVariance += step.noiseScale * step.noiseScale
            }
        case let .dpmSolver2(steps, final, sign):
            for step in steps {
                // u = a_m y + b_m ε(y, s); y′ = a_t y + b_t ε(u, m).
                let u = y.combined(stateFactor: step.midpointStateFactor, scoreFactor: sign * step.midpointScoreFactor,
                                   score(step.alphaBarStart))
                let (k, intercept) = score(step.alphaBarMidpoint)
                let b = sign * step.endScoreFactor * k
                y = ScalarAffineForm(stateCoefficient: step.endStateFactor * y.stateCoefficient + b * u.stateCoefficient,
                                     constant: step.endStateFactor * y.constant + b * u.constant
                                         + sign * step.endScoreFactor * intercept,
                                     noiseVariance: 0)
            }
            y = y.combined(stateFactor: final.stateFactor, scoreFactor: sign * final.scoreFactor, score(final.alphaBar))
        case let .dpmSolverPP2M(steps, sign):
            var previous = ScalarAffineForm.start
            for (i, step) in steps.enumerated() {
                // x̂₀ = (y − σ ε(y))/α.
                let x0 = y.combined(stateFactor: 1 / step.alpha, scoreFactor: -sign * step.sigma / step.alpha,
                                    score(step.alphaBar))
                if step.isLast { y = x0; break }
                let data: ScalarAffineForm
                if let r = step.stepRatio, i > 0 {
                    data = sum(x0, 1 + 1 / (2 * r), previous, -1 / (2 * r))
                } else {
                    data = x0
                }
                y = sum(y, step.ratio, data, step.dataFactor)
                previous = x0
            }
        case let .heun(sigmas, sign):
            // VE variables x̂ = x√(1 + σ̂₀²); d = ε(x̂/√(1 + σ̂²), 1/(1 + σ̂²)).
            y = y.scaled((1 + sigmas[0] * sigmas[0]).squareRoot())
            func slope(_ x: ScalarAffineForm, _ s: Double) -> ScalarAffineForm {
                let alphaBar = 1 / (1 + s * s)
                let (k, intercept) = score(alphaBar)
                let scale = 1 / (1 + s * s).squareRoot()
                return ScalarAffineForm(stateCoefficient: sign * k * scale * x.stateCoefficient,
                                        constant: sign * (k * scale * x.constant + intercept), noiseVariance: 0)
            }
            for i in 0..<(sigmas.count - 1) {
                let s = sigmas[i], next = sigmas[i + 1]
                let d1 = slope(y, s)
                let euler = sum(y, 1, d1, next - s)
                if next == 0 { y = euler } else {
                    let d2 = slope(euler, next)
                    y = sum(y, 1, sum(d1, 0.5, d2, 0.5), next - s)
                }
            }
        case .plmc:
            preconditionFailure("PLMC moments are propagated by PLMCMoments")
        }
        return y
    }
}

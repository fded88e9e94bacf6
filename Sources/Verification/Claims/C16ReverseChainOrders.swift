import DenseLinearAlgebra
import Foundation
import ReferenceLaws
import SchemeVocabulary

/// C16 — time-varying drift: on the reverse (sampling) chain of a variance-preserving diffusion with the exact score of
/// Gaussian data, the output law's W₂ to the fine T-step DDPM chain's has slope 1 for DDPM respaced to N = T/h steps and
/// slope 2 for PLMC with blocks of K fine steps, in the fine steps each coarse step skips (h − 1, K − 1).
///
/// Exact: every sampler is affine given its flags, so the output moments are exact (`DiffusionOutputLaw`,
/// docs/theory.md §8.9); DDPM's output is Gaussian (W₂ exact), PLMC's is a Gaussian mixture and its W₂ is taken between
/// the moment-matched Gaussians (the Gelbrich bound, a lower bound on the true W₂ that depends on the exact first two
/// moments only). docs/theory.md §7.16 [R]; PN-D05. Mutants through the same check: midpoints at the block's start
/// time, independent noise on the cheap path, σ_t × √2 and the wrong sign of the score term.
enum ClaimC16 {
    /// The declared orders (`SamplerErrorMeasure.outputAgainstFineChain`).
    static let ddpmOrder = DiffusionSampler.ddpm(.posterior, steps: 500).theory(scheduleLength: 1000)
        .order(.outputAgainstFineChain) ?? .nan
    static let plmcOrder = DiffusionSampler.plmc(.posterior, blockSize: 2).theory(scheduleLength: 1000)
        .order(.outputAgainstFineChain) ?? .nan

    /// The ladders in fine steps per coarse step: h = T/N for DDPM and K for PLMC (all dividing T = 1000, so every block
    /// and every respaced step has the same length). On them the correct samplers' local slopes stay within δ/2 of the
    /// declared order on the default cases (PN-D05 table), i.e. they are in the asymptotic range.
    static let fineStepsPerCoarseStep = [8, 5, 4, 2]

    static let claim = Claim(
        id: .c16, title: "time-varying drift: reverse diffusion chain",
        statement: "With the exact score of Gaussian data, the output law's W₂ to the fine \(NoiseSchedule.linear.count)-step "
            + "DDPM chain's has slope \(DeclaredOrder.text(ddpmOrder)) for DDPM respaced to T/h steps and slope "
            + "\(DeclaredOrder.text(plmcOrder)) for PLMC with blocks of K fine steps, in the fine steps each coarse step "
            + "skips (h − 1, K − 1), for both DDPM variances.",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "W₂(output, fine DDPM-T output) (moment-matched for PLMC) against the fine steps skipped per coarse step",
        expectedRelation: "slope \(DeclaredOrder.text(ddpmOrder)) ± \(DeclaredOrder.text(ddpmOrder / 10)) (DDPM), "
            + "\(DeclaredOrder.text(plmcOrder)) ± \(DeclaredOrder.text(plmcOrder / 10)) (PLMC)",
        proofsNote: "PN-D05", kind: .exact,
        defaultCases: { options in
            var cases = [
                try dataCase("gaussian-data-d2-linear", mean: [0.3, -0.5], covariance: [[1.0, 0.3], [0.3, 0.5]]),
                try dataCase("gaussian-data-d3-linear", mean: [0.2, 0.1, -0.3],
                             covariance: [[0.8, 0.2, 0.0], [0.2, 1.2, -0.3], [0.0, -0.3, 0.6]]),
            ]
            if options.tier == .full { cases.append(try dataCase("gaussian-data-d1-linear", mean: [0.5], covariance: [[1.0]])) }
            return cases
        },
        check: { try check($0, $1) })

    static func dataCase(_ name: String, mean: [Double], covariance: [[Double]]) throws -> ClaimCase {
        try ClaimCase.gaussianData(name: name, mean: mean, covariance: covariance)
    }

    /// Rounding floor of W₂ between two d ≤ 16 Gaussians computed from exact moments: the Bures trace loses about
    /// √(ε tr Σ) ≈ 10⁻⁸ absolute; levels below 10⁻⁶ are not resolved and are dropped (`ExactRateRule`).
    static let floor = 1e-6

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let schedule = claimCase.settings.schedule ?? .linear
        let t = schedule.count
        let mean = target.mean, covariance = target.covariance
        var verdicts: [ClaimVerdict] = []
        for variance in DDPMVariance.allCases {
            let fine = try DiffusionOutputLaw.moments(of: SamplerVariant(.ddpm(variance, steps: t)), schedule: schedule,
                                                      dataMean: mean, dataCovariance: covariance).gaussian()
            func error(_ sampler: DiffusionSampler, _ mutation: SchemeMutation?) throws -> Double {
                let moments = try DiffusionOutputLaw.moments(of: SamplerVariant(sampler, mutation: mutation), schedule: schedule,
                                                             dataMean: mean, dataCovariance: covariance)
                return try GaussianDistance.wasserstein2(moments.gaussian(), fine)
            }
            let steps = fineStepsPerCoarseStep.map { Double($0 - 1) }
            func plan(_ order: Double) -> ExactRatePlan {
                var plan = ExactRatePlan(claimID: .c16, caseName: "\(claimCase.name) \(variance)",
                                         metricText: "W₂ to fine DDPM-\(t) (\(variance)) against fine steps skipped",
                                         expectedOrder: order, tolerance: ExactRateCheck.tolerance(forOrder: order),
                                         steps: steps, scale: Double(fineStepsPerCoarseStep[0]), seriesDeviation: nil,
                                         floor: floor, predictedConstant: nil)
                plan.scaleLabel = "largest fine steps per coarse step"
                return plan
            }
            let ddpm = plan(ddpmOrder), plmc = plan(plmcOrder)
            for mutation in [nil, SchemeMutation.noiseVarianceDoubled, .scoreSignFlipped] {
                verdicts.append(ExactRateCheck.verdict(ddpm, subject: "DDPM respaced (\(variance))",
                                                       role: mutation.map { .mutant($0.description) } ?? .subject) { s in
                    try error(.ddpm(variance, steps: t / (Int(s) + 1)), mutation)
                })
            }
            for mutation in [nil, SchemeMutation.midpointAtBlockStartTime, .independentCheapPathNoise, .noiseVarianceDoubled,
                             .scoreSignFlipped] {
                verdicts.append(ExactRateCheck.verdict(plmc, subject: "PLMC-DDPM (\(variance))",
                                                       role: mutation.map { .mutant($0.description) } ?? .subject) { s in
                    try error(.plmc(variance, blockSize: Int(s) + 1), mutation)
                })
            }
        }
        return verdicts
    }
}

extension ClaimCase {
    /// A diffusion case: the data law N(mean, covariance), as the exact Gaussian target N(m, A⁻¹) with A = covariance⁻¹,
    /// and the noise schedule the samplers use (C16).
    public static func gaussianData(name: String, mean: [Double], covariance: [[Double]],
                                    schedule: NoiseSchedule = .linear) throws -> ClaimCase {
        let sigma = try Matrix(covariance)
        let precision = try CholeskyFactor(sigma, what: "data covariance").inverse
        return try ClaimCase(name: name, precision: precision, mean: mean, settings: ClaimCaseSettings(schedule: schedule))
    }
}

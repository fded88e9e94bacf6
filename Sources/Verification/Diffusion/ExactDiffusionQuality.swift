import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary

/// A sampler's output quality against Gaussian data N(μ, Σ), exact (no sampling): the Fréchet distance and the KL
/// divergence of the output law to the data law (docs/theory.md §8.10; PN-D06).
///
/// * Fréchet distance (the FID formula on exact moments): FD = ‖m − μ‖² + tr(S + Σ − 2(Σ^{1/2} S Σ^{1/2})^{1/2}) with m, S
///   the output's exact mean and covariance (`DiffusionOutputLaw`, PN-D04). It depends on the first two moments only, so
///   it is exact for every sampler, PLMC included.
/// * KL(output ‖ data) (PN-L01): exact when the output is Gaussian (every sampler but PLMC with K ≥ 2). PLMC's output is a
///   Gaussian mixture; for Gaussian data q, KL(p ‖ q) = KL(p ‖ p_G) + KL(p_G ‖ q) with p_G the moment-matched Gaussian
///   (log q is quadratic), so the KL of p_G is a lower bound (`klIsExact` = false).
public struct ExactSamplerQuality: Sendable, Equatable {
    public let sampler: String
    /// Expected network evaluations per sample.
    public let networkEvaluations: Double
    public let frechetDistance: Double
    public let kullbackLeibler: Double
    /// False when `kullbackLeibler` is the moment-matched lower bound (PLMC with blocks ≥ 2).
    public let klIsExact: Bool
}

/// Which exact metric a comparison reads.
public enum ExactQualityMetric: String, Sendable, CaseIterable, CustomStringConvertible {
    case frechet = "FD"
    case kullbackLeibler = "KL"

    public var description: String { rawValue }

    public func value(_ q: ExactSamplerQuality) -> Double {
        self == .frechet ? q.frechetDistance : q.kullbackLeibler
    }

    /// True when the value is the metric itself (not only a lower bound on it).
    public func isExact(_ q: ExactSamplerQuality) -> Bool { self == .frechet || q.klIsExact }
}

public enum ExactDiffusionQuality {
    /// The exact quality of `variant` on `schedule` for data N(mean, covariance). Throws `DiffusionError` for invalid
    /// input and `GaussianLawError` if an output covariance is not positive definite (a diverged sampler).
    /// With `perturbation`, every noise prediction carries the seeded smooth error ε̂ = ε* + δ (`ScorePerturbation`).
    public static func quality(of variant: SamplerVariant, schedule: NoiseSchedule, data: GaussianLaw,
                               perturbation: ScorePerturbation? = nil) throws -> ExactSamplerQuality {
        try quality(of: variant.plan(schedule: schedule), mutation: variant.mutation, label: variant.description,
                    data: data, perturbation: perturbation)
    }

    /// The exact quality of a plan (e.g. PLMC with a block schedule).
    public static func quality(of plan: SamplerPlan, mutation: SchemeMutation? = nil, label: String,
                               data: GaussianLaw, perturbation: ScorePerturbation? = nil) throws -> ExactSamplerQuality {
        let moments = try DiffusionOutputLaw.moments(of: plan, mutation: mutation, dataMean: data.mean,
                                                     dataCovariance: data.covariance, perturbation: perturbation)
        let output = try moments.gaussian()
        return ExactSamplerQuality(sampler: label, networkEvaluations: moments.networkEvaluations,
                                   frechetDistance: try GaussianDistance.wasserstein2Squared(output, data),
                                   kullbackLeibler: try GaussianDistance.kullbackLeibler(output, data),
                                   klIsExact: moments.isGaussian)
    }
}

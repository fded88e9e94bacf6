import ArgumentParser
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import Verification

/// `langevin-verify diffusion exact`: the exact law of a sampler's output x₀ when the data law is N(mean, covariance)
/// and the start is x ~ N(0, I) at the first grid time (PN-D02, PN-D04). Fixed interface.
struct DiffusionExactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exact",
        abstract: "Exact output mean and covariance of DDPM, DDIM or PLMC on Gaussian data N(mean, covariance).",
        discussion: """
        ddpm / ddpm-large: DDPM with σ² = β̃ / σ² = β on the leading grid (N−1−i)·1000/N, N dividing 1000 (default 1000).
        ddim: deterministic DDIM (η = 0) on the same grid (default N = 50). No noise is added at t = 0 and ᾱ = 1 after it.
        plmc / plmc-large: PLMC on the 1000-step DDPM chain (σ² = β̃ / β) in blocks of K fine steps from t = 999 down
        (a shorter last block of n steps uses Bernoulli(1/n) flags and weight n; default K = 25); its law is a Gaussian
        mixture, of which the first two moments are exact. "nfe" is the (expected) number of network calls per sample.
        """
    )

    @Option(help: "ddpm, ddpm-large, ddim, plmc or plmc-large.")
    var sampler: ExactSamplerName

    @Option(help: "Steps N of ddpm, ddpm-large, ddim (N must divide 1000).")
    var steps: Int?

    @Option(name: .customLong("K"), help: "Fine steps per block of plmc, plmc-large (1 … 1000).")
    var blockSize: Int?

    @Option(help: "Noise schedule: linear (Ho et al.) or ldm (latent diffusion).")
    var schedule: ScheduleName

    @Option(help: "Data mean, e.g. \"0.3,-0.5\".")
    var mean: String

    @Option(help: "Data covariance, rows separated by ';', e.g. \"1,0.3;0.3,0.5\".")
    var covariance: String

    @Flag(help: "Print one JSON object {\"mean\": [...], \"covariance\": [[...]], \"nfe\": e}.")
    var json = false

    func run() throws {
        let sampler = try resolvedSampler()
        let dataMean = try ArgumentParsing.vector(mean, option: "--mean")
        let dataCovariance = try ArgumentParsing.matrix(covariance, option: "--covariance")
        guard dataMean.count == dataCovariance.rows else {
            throw ValidationError("--mean has \(dataMean.count) entries but --covariance is \(dataCovariance.rows)×\(dataCovariance.rows)")
        }
        guard dataMean.count <= 512 else { throw ValidationError("the dimension must be at most 512, got \(dataMean.count)") }
        let moments: DiffusionOutputMoments
        do {
            moments = try DiffusionOutputLaw.moments(of: SamplerVariant(sampler), schedule: schedule.schedule,
                                                     dataMean: dataMean, dataCovariance: dataCovariance)
        } catch { throw ValidationError(error.description) }
        try printLaw(mean: moments.mean, covariance: moments.covariance, json: json,
                     extra: [("nfe", JSON.number(moments.networkEvaluations))])
    }

    func resolvedSampler() throws -> DiffusionSampler {
        let t = 1000
        let sampler: DiffusionSampler
        switch self.sampler {
        case .ddpm, .ddpmLarge, .ddim:
            guard blockSize == nil else { throw ValidationError("--K applies only to plmc and plmc-large") }
            let n = steps ?? (self.sampler == .ddim ? 50 : t)
            guard n >= 1, n <= t, t % n == 0 else {
                throw ValidationError("--steps must divide 1000 (1 ≤ N ≤ 1000), got \(n)")
            }
            switch self.sampler {
            case .ddpm: sampler = .ddpm(.posterior, steps: n)
            case .ddpmLarge: sampler = .ddpm(.forward, steps: n)
            default: sampler = .ddim(steps: n)
            }
        case .plmc, .plmcLarge:
            guard steps == nil else { throw ValidationError("--steps does not apply to plmc (use --K)") }
            let k = blockSize ?? 25
            guard k >= 1, k <= t else { throw ValidationError("--K must be 1 … 1000, got \(k)") }
            sampler = .plmc(self.sampler == .plmc ? .posterior : .forward, blockSize: k)
        }
        return sampler
    }
}

enum ExactSamplerName: String, ExpressibleByArgument, CaseIterable {
    case ddpm
    case ddpmLarge = "ddpm-large"
    case ddim
    case plmc
    case plmcLarge = "plmc-large"
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A discrete variance-preserving noise schedule β₀, …, β_{T−1} (diffusers' indexing: t = 0 … T − 1, Ho et al.'s t is
/// ours + 1) with ᾱ_t = ∏_{s ≤ t}(1 − β_s): x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε (Ho et al. 2020, Eq. 4; docs/theory.md §8.1).
/// ᾱ is accumulated left to right in binary64 (the same numbers as `numpy.cumprod`).
public struct NoiseSchedule: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A short name: "linear", "ldm" or "custom".
    public let name: String
    public let betas: [Double]
    public let alphaBars: [Double]

    /// Throws unless there are 2 … 100 000 values, each finite with 0 < β < 1.
    public init(name: String = "custom", betas: [Double]) throws(DiffusionError) {
        guard betas.count >= 2, betas.count <= NoiseSchedule.maximumLength else {
            throw .invalidSchedule("needs 2 … \(NoiseSchedule.maximumLength) values of β, got \(betas.count)")
        }
        for (t, b) in betas.enumerated() where !(b > 0 && b < 1) {
            throw .invalidSchedule("β_\(t) = \(b) is not in (0, 1)")
        }
        self.name = name
        self.betas = betas
        var product = 1.0
        alphaBars = betas.map { product *= (1 - $0); return product }
    }

    public static let maximumLength = 100_000

    /// Ho et al.'s linear schedule: β_t = linspace(10⁻⁴, 0.02, 1000)[t] (ᾱ_0 = 0.9999, ᾱ_999 = 4.04·10⁻⁵).
    public static let linear = try! NoiseSchedule(name: "linear", betas: linspace(1e-4, 0.02, 1000))

    /// The latent-diffusion schedule: β_t = linspace(√0.0015, √0.0195, 1000)[t]² (diffusers' "scaled_linear"; Rombach et
    /// al. 2022) (ᾱ_0 = 0.9985, ᾱ_999 = 1.42·10⁻⁴).
    public static let ldm = try! NoiseSchedule(name: "ldm", betas: linspace(0.0015.squareRoot(), 0.0195.squareRoot(), 1000)
        .map { $0 * $0 })

    /// T, the number of training timesteps.
    public var count: Int { betas.count }

    /// ᾱ_t for an integer timestep; ᾱ = 1 (clean data) for t = −1.
    public func alphaBar(_ t: Int) -> Double { t < 0 ? 1 : alphaBars[t] }

    /// λ = log(α/σ) = ½ log(ᾱ/(1 − ᾱ)), the half log signal-to-noise ratio (Lu et al. 2022a).
    public static func halfLogSNR(_ alphaBar: Double) -> Double { 0.5 * (log(alphaBar) - log1p(-alphaBar)) }

    /// ᾱ(λ) = 1/(1 + e^{−2λ}), the continuous level at a half log-SNR λ.
    public static func alphaBar(halfLogSNR lambda: Double) -> Double { 1 / (1 + exp(-2 * lambda)) }

    public var description: String { name }

    /// numpy.linspace(a, b, n): a + i·(b − a)/(n − 1), the last point exactly b.
    static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        let step = (b - a) / Double(n - 1)
        return (0..<n).map { $0 == n - 1 ? b : a + Double($0) * step }
    }
}

/// Why a diffusion sampler, schedule or data law was rejected.
public enum DiffusionError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidSchedule(String)
    case invalidSampler(String)
    case invalidData(String)
    /// A run configuration that cannot run (counts, limits, starts, replayed noise).
    case invalidRun(String)
    /// A chain's state became non-finite: the first chain (smallest index) at the first step where it happened.
    case diverged(chain: Int, step: Int, sampler: String)

    public var description: String {
        switch self {
        case .invalidSchedule(let why): return "invalid noise schedule: \(why)"
        case .invalidSampler(let why): return "invalid sampler: \(why)"
        case .invalidData(let why): return "invalid data law: \(why)"
        case .invalidRun(let why): return "invalid run: \(why)"
        case let .diverged(chain, step, sampler):
            return "\(sampler) diverged: chain \(chain) has a non-finite state after step \(step)"
        }
    }
}

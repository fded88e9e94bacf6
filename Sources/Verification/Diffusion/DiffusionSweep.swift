import DenseLinearAlgebra
import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary
import Synchronization

/// A sampler family of the quality-against-NFE sweep: for a budget B the family runs its largest configuration with
/// (expected) NFE ≤ B (docs/theory.md §8.10; PN-D07).
public enum SweepFamily: String, Sendable, CaseIterable, CustomStringConvertible {
    case ddpm
    case ddpmLarge = "ddpm-large"
    case ddim
    case dpmSolver2 = "dpm-solver-2"
    case dpmSolverPP2M = "dpm-solver++2m"
    case heun
    case plmc
    case plmcLarge = "plmc-large"
    /// This suite's block schedule (σ² = β̃, load margin 0.3; `PLMCBlockSchedule`), not the paper's sampler.
    case plmcSchedule = "plmc-schedule"

    public var description: String { rawValue }

    /// The load margin of `plmcSchedule`.
    public static let scheduleMargin = 0.3

    /// For `plmcSchedule`: the block schedule with the smallest largest block K whose expected NFE is ≤ the budget.
    public func blockSchedule(budget: Int, schedule: NoiseSchedule, data: GaussianMixtureLaw) throws -> PLMCBlockSchedule? {
        guard self == .plmcSchedule else { return nil }
        for k in 1...schedule.count {
            let plan = try PLMCBlockSchedule(schedule: schedule, data: data, maximumBlock: k, margin: Self.scheduleMargin)
            if plan.networkEvaluations <= Double(budget) { return plan }
        }
        return nil
    }

    /// The configuration for a budget on a schedule of length T (nil when the family has none within the budget).
    public func sampler(budget: Int, scheduleLength t: Int) -> DiffusionSampler? {
        guard budget >= 1 else { return nil }
        switch self {
        case .ddpm, .ddpmLarge:
            let n = (1...min(budget, t)).reversed().first { t % $0 == 0 } ?? 1
            return .ddpm(self == .ddpm ? .posterior : .forward, steps: n)
        case .ddim: return C15ExactComparison.configuration(.ddim, budget: budget, scheduleLength: t)
        case .dpmSolver2: return C15ExactComparison.configuration(.dpmSolver2, budget: budget, scheduleLength: t)
        case .dpmSolverPP2M: return C15ExactComparison.configuration(.dpmSolverPP2M, budget: budget, scheduleLength: t)
        case .heun: return C15ExactComparison.configuration(.heun, budget: budget, scheduleLength: t)
        case .plmc, .plmcLarge:
            let k = C15ExactComparison.plmcBlockSize(budget: budget, scheduleLength: t)
            let sampler = DiffusionSampler.plmc(self == .plmc ? .posterior : .forward, blockSize: k)
            return sampler.theory(scheduleLength: t).networkEvaluations <= Double(budget) ? sampler : nil
        case .plmcSchedule:
            return nil   // not a uniform-K sampler: see `blockSchedule(budget:schedule:data:)`
        }
    }

    /// The 1000-step DDPM chain a stochastic family is paired with (same starts and fine noise): its own variance.
    public var pairedReference: DDPMVariance? {
        switch self {
        case .ddpm, .plmc, .plmcSchedule: return .posterior
        case .ddpmLarge, .plmcLarge: return .forward
        default: return nil
        }
    }

    public var isPLMC: Bool { self == .plmc || self == .plmcLarge || self == .plmcSchedule }
}

/// A data law of the sweep: the built-in cases (`DiffusionDataCase`) and two 1-D Gaussians, N(0.5, 1) and the sharp
/// N(0.5, 0.1²) where uniform PLMC blocks are unstable near t = 0.
public enum SweepData: Sendable, Hashable, CustomStringConvertible {
    case builtin(DiffusionDataCase)
    case gaussian1D
    case sharp1D

    public static let all: [SweepData] = [.gaussian1D, .sharp1D] + DiffusionDataCase.allCases.map { .builtin($0) }
    /// The default sweep: the exact Gaussian cases and the two cheap mixtures (mixture-d16/-d64 on request).
    public static let defaults: [SweepData] = [.gaussian1D, .sharp1D, .builtin(.gaussian2D), .builtin(.twoMode1D),
                                               .builtin(.ring8)]

    public init?(name: String) {
        guard let match = Self.all.first(where: { $0.description == name }) else { return nil }
        self = match
    }

    public var description: String {
        switch self {
        case .builtin(let c): return c.rawValue
        case .gaussian1D: return "gaussian-1d"
        case .sharp1D: return "sharp-1d"
        }
    }

    public func law() throws(DiffusionError) -> GaussianMixtureLaw {
        switch self {
        case .builtin(let c): return try c.law()
        case .gaussian1D: return try GaussianMixtureLaw(mean: [0.5], covariance: Matrix.diagonal([1]))
        case .sharp1D: return try GaussianMixtureLaw(mean: [0.5], covariance: Matrix.diagonal([0.01]))
        }
    }
}

/// What the sweep runs.
public struct SweepSettings: Sendable {
    public var data: [SweepData] = SweepData.defaults
    public var schedules: [NoiseSchedule] = [.linear, .ldm]
    public var families: [SweepFamily] = SweepFamily.allCases
    public var budgets: [Int] = [10, 25, 50, 80, 100, 200, 500, 1000]
    public var samples = 20_000
    public var seed: UInt64 = 20_240_527
    public var threads = 2
    /// The level of every Monte Carlo interval (each on its own, not simultaneous).
    public var alpha = 1e-3

    public init() {}

    public static let maximumSamples = 1_000_000
}

/// One unit: a family at a budget on one data law and schedule.
public struct SweepUnit: Sendable {
    public let index: Int
    public let data: SweepData
    public let schedule: NoiseSchedule
    public let family: SweepFamily
    public let budget: Int
}

/// One measured number of the sweep. Exact rows have lower = upper = estimate and α = 0.
public struct SweepRow: Sendable, Equatable {
    public let unit: Int
    public let data: String
    public let schedule: String
    public let family: String
    public let budget: Int
    public let sampler: String
    public let nfe: Double
    /// "FD", "KL", "KL (lower bound)", "MMD²", "mode-weight error", "ΔMMD² vs …", "max|Δ mode weight| vs …".
    public let metric: String
    public let kind: String
    public let estimate: Double
    public let lower: Double
    public let upper: Double
    public let alpha: Double
    public let method: String
    public let samples: Int
}

/// Samples of one configuration, cached within a run (references and equal-NFE partners are reused).
final class SweepSampleCache: Sendable {
    private let store = Mutex<[String: [Double]]>([:])

    func samples(_ sampler: DiffusionSampler, data: SweepData, law: GaussianMixtureLaw, schedule: NoiseSchedule,
                 settings: SweepSettings) throws -> [Double] {
        let key = "\(data)|\(schedule)|\(sampler)"
        if let hit = store.withLock({ $0[key] }) { return hit }
        let run = try DiffusionSampling.run(SamplerVariant(sampler), schedule: schedule, model: law,
                                            configuration: DiffusionRunConfiguration(chains: settings.samples,
                                                                                     seed: settings.seed,
                                                                                     threads: settings.threads))
        store.withLock { $0[key] = run.samples }
        return run.samples
    }

    /// Samples of a plan (a block schedule), cached under its label.
    func samples(plan: SamplerPlan, label: String, variant: SamplerVariant, data: SweepData, law: GaussianMixtureLaw,
                 schedule: NoiseSchedule, settings: SweepSettings) throws -> [Double] {
        let key = "\(data)|\(schedule)|\(label)"
        if let hit = store.withLock({ $0[key] }) { return hit }
        let run = try DiffusionSampling.run(plan: plan, variant: variant, model: law,
                                            configuration: DiffusionRunConfiguration(chains: settings.samples,
                                                                                     seed: settings.seed,
                                                                                     threads: settings.threads))
        store.withLock { $0[key] = run.samples }
        return run.samples
    }
}

public enum DiffusionSweep {
    /// The units in a fixed order (data, schedule, family, budget), numbered for `--shard`.
    public static func units(_ settings: SweepSettings) -> [SweepUnit] {
        var units: [SweepUnit] = []
        for data in settings.data {
            for schedule in settings.schedules {
                for family in settings.families {
                    for budget in settings.budgets {
                        units.append(SweepUnit(index: units.count, data: data, schedule: schedule, family: family,
                                               budget: budget))
                    }
                }
            }
        }
        return units
    }

    /// A run's state: the sample cache (reuse across units).
    public final class Runner: Sendable {
        let cache = SweepSampleCache()
        let settings: SweepSettings

        public init(settings: SweepSettings) { self.settings = settings }

        /// The rows of one unit (none when the family has no configuration within the budget). Throws for invalid
        /// settings; a diverged sampler gives rows with infinite estimates (never a trap).
        public func rows(_ unit: SweepUnit) throws -> [SweepRow] {
            let t = unit.schedule.count
            let law = try unit.data.law()
            // The configuration: a uniform sampler, or (plmc-schedule) a block schedule run through its plan.
            let sampler: DiffusionSampler, label: String, nfe: Double, plan: SamplerPlan
            if let blocks = try unit.family.blockSchedule(budget: unit.budget, schedule: unit.schedule, data: law) {
                sampler = .plmc(.posterior, blockSize: blocks.maximumBlock)
                label = blocks.label(.posterior)
                nfe = blocks.networkEvaluations
                plan = try blocks.plan(.posterior, schedule: unit.schedule)
            } else if let uniform = unit.family.sampler(budget: unit.budget, scheduleLength: t) {
                sampler = uniform
                label = uniform.description
                nfe = uniform.theory(scheduleLength: t).networkEvaluations
                plan = try SamplerVariant(uniform).plan(schedule: unit.schedule)
            } else {
                return []
            }
            func row(_ metric: String, _ kind: String, _ estimate: Double, _ lower: Double, _ upper: Double,
                     _ alpha: Double, _ method: String, samples: Int) -> SweepRow {
                SweepRow(unit: unit.index, data: unit.data.description, schedule: unit.schedule.name,
                         family: unit.family.rawValue, budget: unit.budget, sampler: label, nfe: nfe,
                         metric: metric, kind: kind, estimate: estimate, lower: lower, upper: upper, alpha: alpha,
                         method: method, samples: samples)
            }
            if law.componentCount == 1 {
                let data = try GaussianLaw(mean: law.means[0], covariance: law.covariances[0])
                guard let q = try? ExactDiffusionQuality.quality(of: plan, label: label, data: data) else {
                    return [row("FD", "exact", .infinity, .infinity, .infinity, 0, "diverged", samples: 0)]
                }
                return [row("FD", "exact", q.frechetDistance, q.frechetDistance, q.frechetDistance, 0, "exact moments",
                            samples: 0),
                        row(q.klIsExact ? "KL" : "KL (lower bound)", "exact", q.kullbackLeibler, q.kullbackLeibler,
                            q.kullbackLeibler, 0, "exact moments", samples: 0)]
            }
            let alpha = settings.alpha
            let h = GaussianKernelMMD.defaultBandwidth(for: law)
            let mmd = try GaussianKernelMMD(data: law, bandwidth: h)
            let modes = try ModeWeights(data: law)
            let x: [Double]
            do {
                x = unit.family == .plmcSchedule
                    ? try cache.samples(plan: plan, label: label, variant: SamplerVariant(sampler), data: unit.data, law: law,
                                        schedule: unit.schedule, settings: settings)
                    : try cache.samples(sampler, data: unit.data, law: law, schedule: unit.schedule, settings: settings)
            } catch DiffusionError.diverged {
                return [row("MMD²", "mc", .infinity, .infinity, .infinity, alpha, "diverged", samples: settings.samples)]
            }
            var rows: [SweepRow] = []
            let m = try mmd.estimate(x, alpha: alpha)
            rows.append(row("MMD²", "mc", m.estimate, m.lower, m.upper, alpha, m.method.name, samples: m.n))
            let w = try modes.estimate(x, alpha: alpha)
            rows.append(row("mode-weight error", "mc", w.error, w.errorLower, w.errorUpper, alpha, "empirical Bernstein",
                            samples: m.n))
            func paired(_ partner: DiffusionSampler) throws {
                let y = try cache.samples(partner, data: unit.data, law: law, schedule: unit.schedule, settings: settings)
                let d = try mmd.pairedDifference(x, y, alpha: alpha)
                rows.append(row("ΔMMD² vs \(partner)", "mc paired", d.estimate, d.lower, d.upper, alpha, d.method.name,
                                samples: d.n))
                let dw = try modes.pairedDifference(x, y, alpha: alpha)
                let lower = dw.modes.map { $0.lower > 0 ? $0.lower : ($0.upper < 0 ? -$0.upper : 0) }.max() ?? 0
                let upper = dw.modes.map { max(abs($0.lower), abs($0.upper)) }.max() ?? 0
                let estimate = dw.modes.map { abs($0.estimate) }.max() ?? 0
                rows.append(row("max|Δ mode weight| vs \(partner)", "mc paired", estimate, lower, upper, alpha,
                                "empirical Bernstein", samples: d.n))
            }
            var partners: [DiffusionSampler] = []
            // E[NFE] = T: DDPM-T itself, or PLMC with blocks of one step, which is DDPM-T pathwise (PN-D04): no pairing.
            if let variance = unit.family.pairedReference, nfe < Double(t) {
                partners.append(.ddpm(variance, steps: t))
            }
            if unit.family.isPLMC {
                partners += C15ExactComparison.Competitor.allCases.compactMap {
                    C15ExactComparison.configuration($0, budget: unit.budget, scheduleLength: t)
                }
            }
            for partner in partners {
                do { try paired(partner) } catch DiffusionError.diverged {
                    rows.append(row("ΔMMD² vs \(partner)", "mc paired", .nan, -.infinity, .infinity, alpha,
                                    "partner diverged", samples: 0))
                }
            }
            return rows
        }
    }
}

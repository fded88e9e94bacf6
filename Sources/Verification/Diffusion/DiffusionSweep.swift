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
    /// Also run the uniform PLMC families at every K of the claim's ladder (`C15ExactComparison.ladder`) whose E[NFE]
    /// lies within the budgets' range, so NFE* is resolved as finely as in the exact claim (PN-D07).
    public var plmcLadder = true
    /// Relative L² size r of the seeded smooth score error every sampler sees (0: the exact score; PN-D07).
    public var scoreError = 0.0
    /// A PLMC mutant run in place of the uniform PLMC families (the sampler mutants of PN-D04), or nil.
    public var mutation: SchemeMutation? = nil
    public var samples = 20_000
    public var seed: UInt64 = 20_240_527
    public var threads = 2
    /// The level of every Monte Carlo interval (each on its own, not simultaneous).
    public var alpha = 1e-3

    public init() {}

    public static let maximumSamples = 1_000_000

    /// The PLMC sampler mutants the sweep can run in place of PLMC (PN-D04), by their command-line names.
    public static let mutations: [(name: String, mutation: SchemeMutation)] = [
        ("midpoint-time", .midpointAtBlockStartTime), ("cheap-path-noise", .independentCheapPathNoise),
        ("noise-sqrt2", .noiseVarianceDoubled), ("score-sign", .scoreSignFlipped),
    ]
}

/// One unit: a family at a budget on one data law and schedule; for the uniform PLMC families also a point of the claim's
/// K ladder (`blockSize`), whose budget is then ⌈E[NFE]⌉.
public struct SweepUnit: Sendable {
    public let index: Int
    public let data: SweepData
    public let schedule: NoiseSchedule
    public let family: SweepFamily
    public let budget: Int
    /// A fixed uniform block size K (a ladder point), or nil (the family's largest configuration within the budget).
    public var blockSize: Int? = nil
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
        try samples(SamplerVariant(sampler), data: data, law: law, schedule: schedule, settings: settings)
    }

    /// The model every sampler evaluates: ε* or, with a score error, the perturbed ε̂ (`PerturbedMixturePredictor`).
    static func run(_ settings: SweepSettings, law: GaussianMixtureLaw,
                    _ body: (any NoisePredictor) throws -> DiffusionRunResult) throws -> DiffusionRunResult {
        guard settings.scoreError > 0 else { return try body(law) }
        return try body(PerturbedMixturePredictor(law: law, perturbation: ScorePerturbation(relativeSize: settings.scoreError)))
    }

    func samples(_ variant: SamplerVariant, data: SweepData, law: GaussianMixtureLaw, schedule: NoiseSchedule,
                 settings: SweepSettings) throws -> [Double] {
        let key = "\(data)|\(schedule)|\(variant)"
        if let hit = store.withLock({ $0[key] }) { return hit }
        let configuration = DiffusionRunConfiguration(chains: settings.samples, seed: settings.seed, threads: settings.threads)
        let run = try Self.run(settings, law: law) { model in
            try Self.open(model) { try DiffusionSampling.run(variant, schedule: schedule, model: $0, configuration: configuration) }
        }
        store.withLock { $0[key] = run.samples }
        return run.samples
    }

    /// Opens an existential model for the generic engine.
    static func open<M: NoisePredictor>(_ model: M, _ body: (M) throws -> DiffusionRunResult) rethrows -> DiffusionRunResult {
        try body(model)
    }

    /// Samples of a plan (a block schedule), cached under its label.
    func samples(plan: SamplerPlan, label: String, variant: SamplerVariant, data: SweepData, law: GaussianMixtureLaw,
                 schedule: NoiseSchedule, settings: SweepSettings) throws -> [Double] {
        let key = "\(data)|\(schedule)|\(label)"
        if let hit = store.withLock({ $0[key] }) { return hit }
        let configuration = DiffusionRunConfiguration(chains: settings.samples, seed: settings.seed, threads: settings.threads)
        let run = try Self.run(settings, law: law) { model in
            try Self.open(model) { try DiffusionSampling.run(plan: plan, variant: variant, model: $0, configuration: configuration) }
        }
        store.withLock { $0[key] = run.samples }
        return run.samples
    }
}

public enum DiffusionSweep {
    /// Metric names of the clipped metrics in the rows (PN-D06 items 5, 6).
    public static let fdMetric = "FD (clipped)"
    public static let slicedMetric = "sliced W₂² (clipped)"
    public static let outsideMetric = "mass outside the clip box"

    /// P(X ∉ box) from the indicator's mean: empirical Bernstein at α on values in [0, 1].
    static func outsideMass(_ x: [Double], box: ClipBox, alpha: Double) throws -> StatisticalInterval {
        let d = box.dimension, n = x.count / d
        let indicators = (0..<n).map { r -> Double in
            for i in 0..<d where !(x[r * d + i] >= box.lower[i] && x[r * d + i] <= box.upper[i]) { return 1 }
            return 0
        }
        return try StatisticalInterval.empiricalBernstein(statistic: "P(X outside the clip box)", samples: indicators,
                                                          range: 0...1, alpha: alpha)
    }

    /// The units in a fixed order (data, schedule, family, budget), numbered for `--shard`.
    public static func units(_ settings: SweepSettings) -> [SweepUnit] {
        var units: [SweepUnit] = []
        for data in settings.data {
            for schedule in settings.schedules {
                let t = schedule.count
                for family in settings.families {
                    for budget in settings.budgets {
                        units.append(SweepUnit(index: units.count, data: data, schedule: schedule, family: family,
                                               budget: budget))
                    }
                    guard settings.plmcLadder, family == .plmc || family == .plmcLarge,
                          let least = settings.budgets.min(), let most = settings.budgets.max() else { continue }
                    let selected = Set(settings.budgets.map { C15ExactComparison.plmcBlockSize(budget: $0, scheduleLength: t) })
                    for k in C15ExactComparison.ladder(scheduleLength: t) where !selected.contains(k) {
                        let nfe = DiffusionSampler.plmc(.posterior, blockSize: k).theory(scheduleLength: t).networkEvaluations
                        guard nfe >= Double(least), nfe <= Double(most) else { continue }
                        units.append(SweepUnit(index: units.count, data: data, schedule: schedule, family: family,
                                               budget: Int(nfe.rounded(.up)), blockSize: k))
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
        /// The clipped metrics of each data law (their construction tabulates the projected quantiles once).
        private let clippedMetrics = Mutex<[String: (ClippedFrechetDistance, ClippedSlicedWasserstein)]>([:])
        /// Each sample set's own moment box at α/3 (the FD row and every pairing read it).
        private let boxes = Mutex<[String: MomentBox]>([:])

        func box(_ key: String, _ samples: [Double], _ fd: ClippedFrechetDistance) throws -> MomentBox {
            if let hit = boxes.withLock({ $0[key] }) { return hit }
            let made = try fd.momentBox(samples, alpha: settings.alpha / 3)
            boxes.withLock { $0[key] = made }
            return made
        }

        public init(settings: SweepSettings) { self.settings = settings }

        func clipped(_ data: SweepData, _ law: GaussianMixtureLaw) throws -> (ClippedFrechetDistance, ClippedSlicedWasserstein) {
            if let hit = clippedMetrics.withLock({ $0[data.description] }) { return hit }
            let made = (try ClippedFrechetDistance(data: law), try ClippedSlicedWasserstein(data: law))
            clippedMetrics.withLock { $0[data.description] = made }
            return made
        }

        /// The rows of one unit (none when the family has no configuration within the budget). Throws for invalid
        /// settings; a diverged sampler gives rows with infinite estimates (never a trap).
        public func rows(_ unit: SweepUnit) throws -> [SweepRow] {
            let t = unit.schedule.count
            let law = try unit.data.law()
            // The configuration: a uniform sampler, or (plmc-schedule) a block schedule run through its plan.
            let sampler: DiffusionSampler, nfe: Double
            var label: String, plan: SamplerPlan
            if let blocks = try unit.family.blockSchedule(budget: unit.budget, schedule: unit.schedule, data: law) {
                sampler = .plmc(.posterior, blockSize: blocks.maximumBlock)
                label = blocks.label(.posterior)
                nfe = blocks.networkEvaluations
                plan = try blocks.plan(.posterior, schedule: unit.schedule)
            } else if let k = unit.blockSize, unit.family == .plmc || unit.family == .plmcLarge {
                sampler = .plmc(unit.family == .plmc ? .posterior : .forward, blockSize: k)
                label = sampler.description
                nfe = sampler.theory(scheduleLength: t).networkEvaluations
                plan = try SamplerVariant(sampler).plan(schedule: unit.schedule)
            } else if let uniform = unit.family.sampler(budget: unit.budget, scheduleLength: t) {
                sampler = uniform
                label = uniform.description
                nfe = uniform.theory(scheduleLength: t).networkEvaluations
                plan = try SamplerVariant(uniform).plan(schedule: unit.schedule)
            } else {
                return []
            }
            // A PLMC mutant in place of the uniform PLMC families (not at K = 1, the fine chain itself).
            var variant = SamplerVariant(sampler)
            if let mutation = settings.mutation, unit.family == .plmc || unit.family == .plmcLarge {
                guard mutation.applies(to: sampler) else { return [] }
                variant = try SamplerVariant(sampler, mutation: mutation)
                label = variant.description
                plan = try variant.plan(schedule: unit.schedule)
            }
            let perturbation = settings.scoreError > 0 ? try ScorePerturbation(relativeSize: settings.scoreError) : nil
            func row(_ metric: String, _ kind: String, _ estimate: Double, _ lower: Double, _ upper: Double,
                     _ alpha: Double, _ method: String, samples: Int) -> SweepRow {
                SweepRow(unit: unit.index, data: unit.data.description, schedule: unit.schedule.name,
                         family: unit.family.rawValue, budget: unit.budget, sampler: label, nfe: nfe,
                         metric: metric, kind: kind, estimate: estimate, lower: lower, upper: upper, alpha: alpha,
                         method: method, samples: samples)
            }
            if law.componentCount == 1 {
                let data = try GaussianLaw(mean: law.means[0], covariance: law.covariances[0])
                guard let q = try? ExactDiffusionQuality.quality(of: plan, mutation: variant.mutation, label: label, data: data,
                                                                 perturbation: perturbation) else {
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
                    : try cache.samples(variant, data: unit.data, law: law, schedule: unit.schedule, settings: settings)
            } catch DiffusionError.diverged {
                return [row("MMD²", "mc", .infinity, .infinity, .infinity, alpha, "diverged", samples: settings.samples)]
            }
            var rows: [SweepRow] = []
            let m = try mmd.estimate(x, alpha: alpha)
            rows.append(row("MMD²", "mc", m.estimate, m.lower, m.upper, alpha, m.method.name, samples: m.n))
            let w = try modes.estimate(x, alpha: alpha)
            rows.append(row("mode-weight error", "mc", w.error, w.errorLower, w.errorUpper, alpha, "empirical Bernstein",
                            samples: m.n))
            // The unbounded metrics on the law clipped to a box fixed from the data law (PN-D06 item 5, 6), and the
            // sampler's mass outside that box (a bounded statistic: the indicator's empirical Bernstein interval).
            let (fd, sw) = try clipped(unit.data, law)
            let key = "\(unit.data)|\(unit.schedule)|\(label)"
            let ownBox = try box(key, x, fd)
            let f = try fd.estimate(box: ownBox, alpha: alpha)   // the box holds at α/3 ≤ α
            rows.append(row(DiffusionSweep.fdMetric, "mc", f.estimate, f.lower, f.upper, alpha, f.method.description, samples: f.n))
            let s = try sw.estimate(x, alpha: alpha)
            rows.append(row(DiffusionSweep.slicedMetric, "mc", s.estimate, s.lower, s.upper, alpha, s.method.description,
                            samples: s.n))
            let outside = try DiffusionSweep.outsideMass(x, box: fd.box, alpha: alpha)
            rows.append(row(DiffusionSweep.outsideMetric, "mc", outside.estimate, outside.lower, outside.upper, alpha,
                            "empirical Bernstein", samples: outside.n))
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
                let partnerBox = try box("\(unit.data)|\(unit.schedule)|\(SamplerVariant(partner))", y, fd)
                let df = try fd.pairedDifference(x, y, alpha: alpha, boxes: (ownBox, partnerBox))
                rows.append(row("Δ\(DiffusionSweep.fdMetric) vs \(partner)", "mc paired", df.estimate, df.lower, df.upper, alpha,
                                df.method.description, samples: df.n))
                let ds = try sw.difference(x, y, alpha: alpha)
                rows.append(row("Δ\(DiffusionSweep.slicedMetric) vs \(partner)", "mc paired", ds.estimate, ds.lower, ds.upper, alpha,
                                ds.method.description, samples: ds.n))
            }
            var partners: [DiffusionSampler] = []
            // E[NFE] = T: DDPM-T itself, or PLMC with blocks of one step, which is DDPM-T pathwise (PN-D04): no pairing.
            // (A mutant at E[NFE] = T is not DDPM-T: it is paired too.)
            if let variance = unit.family.pairedReference, nfe < Double(t) || variant.mutation != nil {
                partners.append(.ddpm(variance, steps: t))
            }
            // The ODE samplers at the equal-NFE budgets (the decisions read no other); ladder points: DDPM-1000 only.
            if unit.family.isPLMC, unit.blockSize == nil, C15ExactComparison.budgets.contains(unit.budget) {
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

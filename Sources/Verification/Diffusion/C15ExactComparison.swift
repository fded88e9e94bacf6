import Foundation
import ReferenceLaws
import SchemeVocabulary

/// The C15 decision rule on Gaussian data, where every number is exact (docs/theory.md §7.15; PN-D07). Fixed in advance:
///
/// * Margin: PLMC is "within δ of 1000-step DDPM" when metric(PLMC) ≤ (1 + δ)·metric(DDPM-T) + floor, δ = 0.1
///   (`relativeMargin`), floor = 10⁻¹⁰·tr Σ (the rounding floor of the exact distances).
/// * NFE* = the smallest expected NFE on the PLMC ladder (uniform K) from which on every ladder point with at least that
///   NFE is within the margin (a ladder that re-enters the margin after leaving it does not count its lucky points).
///   The paper's headline holds on the case when NFE* ≤ 80 (`headlineNFE`).
/// * Equal NFE: at each budget B ∈ {25, 50, 80, 100} every sampler runs its largest configuration with NFE ≤ B
///   (`configuration(_:budget:)`); PLMC beats a solver when its metric is strictly smaller.
/// * KL: PLMC's KL is a lower bound (moment-matched, `ExactSamplerQuality`), so "PLMC within the margin" and "PLMC beats"
///   cannot be certified by KL; only their failure can. Such comparisons are reported as inconclusive.
public enum C15ExactComparison {
    public static let relativeMargin = 0.1
    public static let headlineNFE = 80.0
    public static let budgets = [25, 50, 80, 100]
    /// The uniform block sizes of the PLMC ladder (besides those the budgets select).
    public static let blockLadder = [1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, 64, 80, 100, 125, 200, 250, 500, 1000]

    /// The relative L² score errors of the robustness check (ScorePerturbation) and its budgets.
    public static let scoreErrors = [0.01, 0.03, 0.1]
    public static let scoreErrorBudgets = [50, 80]

    /// The ODE samplers PLMC is compared with at equal NFE.
    public enum Competitor: String, Sendable, CaseIterable, CustomStringConvertible {
        case ddim = "DDIM"
        case dpmSolver2 = "DPM-Solver-2"
        case dpmSolverPP2M = "DPM-Solver++(2M)"
        case heun = "Heun"

        public var description: String { rawValue }
    }

    /// The largest configuration of `competitor` with NFE ≤ budget on a schedule of length T (nil if none): DDIM-N and
    /// DPM-Solver-2-N need N | T (NFE N and 2N − 1); DPM-Solver++(2M)-N any N ≥ 2 (NFE N); Heun-N NFE 2N − 1.
    public static func configuration(_ competitor: Competitor, budget: Int, scheduleLength t: Int) -> DiffusionSampler? {
        switch competitor {
        case .ddim:
            return (1...min(budget, t)).reversed().first { t % $0 == 0 }.map { .ddim(steps: $0) }
        case .dpmSolver2:
            return (2...max(2, min((budget + 1) / 2, t))).reversed().first { t % $0 == 0 && 2 * $0 - 1 <= budget }
                .map { .dpmSolver2(steps: $0) }
        case .dpmSolverPP2M:
            return budget >= 2 ? .dpmSolverPP2M(steps: min(budget, t)) : nil
        case .heun:
            let n = min((budget + 1) / 2, t)
            return n >= 2 ? .heun(steps: n) : nil
        }
    }

    /// The smallest uniform K whose expected NFE (T/K blocks, 2 − 1/n each) is ≤ budget.
    public static func plmcBlockSize(budget: Int, scheduleLength t: Int) -> Int {
        (1...t).first { k in
            DiffusionSampler.blockSizes(blockSize: k, scheduleLength: t).reduce(0.0) { $0 + 2 - 1 / Double($1) }
                <= Double(budget)
        } ?? t
    }

    /// The ladder of uniform K: `blockLadder` and the K of every budget, sorted by decreasing NFE (increasing K).
    public static func ladder(scheduleLength t: Int) -> [Int] {
        Array(Set(blockLadder.filter { $0 <= t } + budgets.map { plmcBlockSize(budget: $0, scheduleLength: t) })).sorted()
    }

    /// The margin's threshold for a reference value.
    public static func threshold(reference: Double, data: GaussianLaw) -> Double {
        (1 + relativeMargin) * reference + 1e-10 * data.covariance.trace
    }

    /// NFE* of a PLMC ladder (qualities in any order) against a reference value: nil when even the largest NFE is
    /// outside the margin.
    public static func nfeStar(_ ladder: [ExactSamplerQuality], metric: ExactQualityMetric, threshold: Double) -> Double? {
        var star: Double?
        for q in ladder.sorted(by: { $0.networkEvaluations > $1.networkEvaluations }) {
            guard metric.value(q) <= threshold else { break }
            star = q.networkEvaluations
        }
        return star
    }
}

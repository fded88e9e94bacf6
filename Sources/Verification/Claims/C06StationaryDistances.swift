import Foundation
import ReferenceLaws
import SchemeVocabulary

/// C6 — stationary distances to π on Gaussian targets, for the moment-matched Gaussian N(m, Σ_scheme): KL / W₂ /
/// TV slopes 2 / 1 / 1 for LMC and 4 / 2 / 2 for PLMC(K = ∞); TV only in d = 1, where it is exact.
/// Leading constants (docs/theory.md §4.1–§4.2): KL ≈ η² tr(A²)/16 vs η⁴ tr(A⁴)/36; W₂ ≈ (η/4)√tr A vs
/// (η²/6)√tr A³; TV (d = 1) ≈ |r − 1|/√(2πe). PLMC's own stationary law is a Gaussian scale mixture with excess
/// kurtosis O((ηλ)³), so these are the distances of its moment-matched Gaussian. [R]; PN-P06.
enum ClaimC06 {
    /// The declared stationary-bias orders p; a distance's slope is p times its multiplier (KL 2, W₂ and TV 1).
    static let lmcOrder = DeclaredOrder.of(.lmc, .stationaryBias)
    static let plmcOrder = DeclaredOrder.of(.plmc(.infinite), .stationaryBias)
    static func slopes(_ p: Double) -> String {
        [StationaryMetric.kullbackLeibler, .wasserstein2, .totalVariation]
            .map { DeclaredOrder.text($0.orderMultiplier * p) }.joined(separator: " / ")
    }

    static let claim = Claim(
        id: .c6, title: "stationary distances",
        statement: "On a Gaussian target the moment-matched stationary law N(m, Σ(η)) is at KL / W2 / TV distance from π "
            + "with slopes \(slopes(lmcOrder)) in η for LMC and \(slopes(plmcOrder)) for PLMC with K = ∞ (TV exact in d = 1).",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "KL, W2 (any d) and TV (d = 1) between N(m, Σ(η)) and π against η",
        expectedRelation: "LMC: KL / W2 / TV \(slopes(lmcOrder)); PLMC(K=∞): \(slopes(plmcOrder)); each ± p/10",
        proofsNote: "PN-P06", kind: .exact,
        defaultCases: { try ExactClaimSupport.defaultGaussianCases($0) },
        check: { try check($0, $1) })

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let eigen = target.eigenvalues
        func traceOfPower(_ k: Double) -> Double { eigen.reduce(0) { $0 + pow($1, k) } }
        let tvConstant = 1 / (2 * Double.pi * M_E).squareRoot()
        var metrics: [(StationaryMetric, String, lmc: Double, plmc: Double)] = [
            (.kullbackLeibler, "KL", traceOfPower(2) / 16, traceOfPower(4) / 36),
            (.wasserstein2, "W2", traceOfPower(1).squareRoot() / 4, traceOfPower(3).squareRoot() / 6),
        ]
        if target.dimension == 1 {
            metrics.append((.totalVariation, "TV", tvConstant * eigen[0] / 2, tvConstant * eigen[0] * eigen[0] / 3))
        }
        var verdicts: [ClaimVerdict] = []
        for (metric, name, lmcConstant, plmcConstant) in metrics {
            let q = metric.orderMultiplier
            verdicts += try ExactRateCheck.stationaryRate(
                claimID: .c6, claimCase: claimCase, target: target, options: options, metric: metric,
                metricText: "\(name)(N(m, Σ_LMC(η)), π) slope in η", expectedOrder: q * lmcOrder, upperLimit: 0.5,
                predictedConstant: lmcConstant,
                series: { x in metric.blockError(ratioMinusOne: try ExactClaimSupport.ratio(.lmc, x) - 1) },
                subject: .stationary(.lmc, target: target), mutants: try ExactClaimSupport.lmcMutants(target: target))
            verdicts += try ExactRateCheck.stationaryRate(
                claimID: .c6, claimCase: claimCase, target: target, options: options, metric: metric,
                metricText: "\(name)(N(m, Σ_PLMC(η,K=∞)), π) slope in η", expectedOrder: q * plmcOrder, upperLimit: 0.5,
                predictedConstant: plmcConstant,
                series: { x in metric.blockError(ratioMinusOne: try ExactClaimSupport.ratio(.plmc(.infinite), x) - 1) },
                subject: .stationary(.plmc(.infinite), target: target),
                mutants: try ExactClaimSupport.plmcMutants(.infinite, target: target))
        }
        return verdicts
    }
}

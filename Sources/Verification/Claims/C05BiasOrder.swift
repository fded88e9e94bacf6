import Foundation
import ReferenceLaws
import SchemeVocabulary

/// C5 — stationary covariance bias order on Gaussian targets: LMC slope 1 (Σ − A⁻¹ ≈ (η/2) I), PLMC(K = ∞)
/// slope 2 (≈ (η²/3) A), and PLMC(η, K) − LMC(η/K) slope 2 for every K ≥ 2 (≈ η²(K−1)(2K−1)/(6K²) A).
/// docs/theory.md §4.2 and §7.5 [R]; PN-P05.
enum ClaimC05 {
    /// The declared orders: against π (LMC, PLMC(∞)) and against the fine chain (PLMC(K ≥ 2)).
    static let lmcOrder = DeclaredOrder.of(.lmc, .stationaryBias)
    static let plmcOrder = DeclaredOrder.of(.plmc(.infinite), .stationaryBias)
    static let fineOrder = DeclaredOrder.of(.plmc(.finite(2)), .biasAgainstFineChain)

    static let claim = Claim(
        id: .c5, title: "bias order",
        statement: "On a Gaussian target the stationary covariance bias ‖Σ(η) − A⁻¹‖_F has slope \(DeclaredOrder.text(lmcOrder)) "
            + "in η for LMC, \(DeclaredOrder.text(plmcOrder)) for PLMC with K = ∞, and ‖Σ_PLMC(η,K) − Σ_LMC(η/K)‖_F has slope "
            + "\(DeclaredOrder.text(fineOrder)) for every K ≥ 2.",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "‖Σ(η) − A⁻¹‖_F (and ‖Σ_PLMC(η,K) − Σ_LMC(η/K)‖_F) against η on a halving ladder",
        expectedRelation: "slopes \(DeclaredOrder.text(lmcOrder)) (LMC), \(DeclaredOrder.text(plmcOrder)) (PLMC K=∞), "
            + "\(DeclaredOrder.text(fineOrder)) (PLMC(η,K) − LMC(η/K)), each ± p/10",
        proofsNote: "PN-P05", kind: .exact,
        defaultCases: { try ExactClaimSupport.defaultGaussianCases($0) },
        check: { try check($0, $1) })

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let d = Double(target.dimension)
        let aNorm = target.precision.frobeniusNorm
        var verdicts: [ClaimVerdict] = []
        verdicts += try ExactRateCheck.stationaryRate(
            claimID: .c5, claimCase: claimCase, target: target, options: options, metric: .covarianceError,
            metricText: "‖Σ_LMC(η) − A⁻¹‖_F slope in η", expectedOrder: lmcOrder, upperLimit: 0.5,
            predictedConstant: d.squareRoot() / 2,
            series: { x in abs(try ExactClaimSupport.ratio(.lmc, x) - 1) },
            subject: .stationary(.lmc, target: target), mutants: try ExactClaimSupport.lmcMutants(target: target))
        verdicts += try ExactRateCheck.stationaryRate(
            claimID: .c5, claimCase: claimCase, target: target, options: options, metric: .covarianceError,
            metricText: "‖Σ_PLMC(η,K=∞) − A⁻¹‖_F slope in η", expectedOrder: plmcOrder, upperLimit: 0.5,
            predictedConstant: aNorm / 3,
            series: { x in abs(try ExactClaimSupport.ratio(.plmc(.infinite), x) - 1) },
            subject: .stationary(.plmc(.infinite), target: target),
            mutants: try ExactClaimSupport.plmcMutants(.infinite, target: target))
        let count = ExactClaimSupport.midpointCount(claimCase, default: .finite(4))
        if case let .finite(k) = count, k >= 2 {
            verdicts += try finiteK(k, options: options, claimCase: claimCase, target: target)
        }
        return verdicts
    }

    /// PLMC(η, K) against fine LMC(η/K): reference law N(m, Σ_LMC(η/K)).
    static func finiteK(_ k: Int, options: ClaimRunOptions, claimCase: ClaimCase, target: GaussianTarget) throws
        -> [ClaimVerdict]
    {
        let kd = Double(k)
        let drift = target.drift
        let mean = target.mean
        let fine: @Sendable (Double) throws -> GaussianLaw = { eta in
            let law = try ChainLaw.stationary(.lmc, eta: eta / kd, drift: drift)
            return try GaussianLaw(mean: mean, covariance: law.covariance)
        }
        return try ExactRateCheck.stationaryRate(
            claimID: .c5, claimCase: claimCase, target: target, options: options, metric: .covarianceError,
            metricText: "‖Σ_PLMC(η,K=\(k)) − Σ_LMC(η/K)‖_F slope in η",
            expectedOrder: DeclaredOrder.of(.plmc(.finite(k)), .biasAgainstFineChain), upperLimit: 0.5,
            predictedConstant: target.precision.frobeniusNorm * (kd - 1) * (2 * kd - 1) / (6 * kd * kd),
            reference: fine,
            series: { x in abs(try ExactClaimSupport.ratio(.plmc(.finite(k)), x) - ExactClaimSupport.ratio(.lmc, x / kd)) },
            subject: .stationary(.plmc(.finite(k)), target: target),
            mutants: try ExactClaimSupport.plmcMutants(.finite(k), target: target))
    }
}

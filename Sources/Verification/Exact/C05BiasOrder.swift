import Foundation
import ReferenceLaws

/// C5 — stationary covariance bias order on Gaussian targets: LMC slope 1 (Σ − A⁻¹ ≈ (η/2) I), PLMC(K = ∞)
/// slope 2 (≈ (η²/3) A), and PLMC(η, K) − LMC(η/K) slope 2 for every K ≥ 2 (≈ η²(K−1)(2K−1)/(6K²) A).
/// paper-notes §4.2 and §7.5 [R]; PN-P05.
enum ClaimC05 {
    static let claim = Claim(
        id: "C5", title: "bias order",
        statement: "On a Gaussian target the stationary covariance bias ‖Σ(η) − A⁻¹‖_F has slope 1 in η for LMC, 2 for "
            + "PLMC with K = ∞, and ‖Σ_PLMC(η,K) − Σ_LMC(η/K)‖_F has slope 2 for every K ≥ 2.",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "‖Σ(η) − A⁻¹‖_F (and ‖Σ_PLMC(η,K) − Σ_LMC(η/K)‖_F) against η on a halving ladder",
        expectedRelation: "slopes 1 (LMC), 2 (PLMC K=∞), 2 (PLMC(η,K) − LMC(η/K)), each ± p/10",
        proofsNote: "PN-P05", kind: .exact,
        defaultCases: { try ExactClaimSupport.defaultGaussianCases($0) },
        check: { try check($0, $1) })

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let d = Double(target.dimension)
        let aNorm = target.precision.frobeniusNorm
        var verdicts: [ClaimVerdict] = []
        verdicts += try ExactRateCheck.stationaryRate(
            claimID: "C5", claimCase: claimCase, target: target, options: options, metric: .covarianceError,
            metricText: "‖Σ_LMC(η) − A⁻¹‖_F slope in η", expectedOrder: 1, upperLimit: 0.5,
            predictedConstant: d.squareRoot() / 2,
            series: { x in abs(try ExactClaimSupport.ratio(.lmc, x) - 1) },
            subject: .stationary(.lmc, target: target), mutants: try ExactClaimSupport.lmcMutants(target: target))
        verdicts += try ExactRateCheck.stationaryRate(
            claimID: "C5", claimCase: claimCase, target: target, options: options, metric: .covarianceError,
            metricText: "‖Σ_PLMC(η,K=∞) − A⁻¹‖_F slope in η", expectedOrder: 2, upperLimit: 0.5,
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
            claimID: "C5", claimCase: claimCase, target: target, options: options, metric: .covarianceError,
            metricText: "‖Σ_PLMC(η,K=\(k)) − Σ_LMC(η/K)‖_F slope in η", expectedOrder: 2, upperLimit: 0.5,
            predictedConstant: target.precision.frobeniusNorm * (kd - 1) * (2 * kd - 1) / (6 * kd * kd),
            reference: fine,
            series: { x in abs(try ExactClaimSupport.ratio(.plmc(.finite(k)), x) - ExactClaimSupport.ratio(.lmc, x / kd)) },
            subject: .stationary(.plmc(.finite(k)), target: target),
            mutants: try ExactClaimSupport.plmcMutants(.finite(k), target: target))
    }
}

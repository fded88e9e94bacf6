import DenseLinearAlgebra
import Foundation
import ReferenceLaws
import SchemeVocabulary

/// C4 — PLMC's exact stationary covariance on a Gaussian target is f_K(ηA) A⁻¹ with the printed scalar closed form
/// f_K of docs/theory.md §4.2 (ScalarChainLaw, independent of ChainLaw's matrix code):
/// ChainLaw.stationary(PLMC(K)) must equal Q diag(f_K(ηλₖ)/λₖ) Qᵀ. Every moment-law mutant must not.
/// [R, verified by Monte Carlo, docs/theory.md §7.4]; PN-P04.
enum ClaimC04 {
    static let claim = Claim(
        id: .c4, title: "exact stationary covariance",
        statement: "PLMC's stationary covariance on N(m, A⁻¹) equals f_K(ηA) A⁻¹ with f_K the closed form of docs/theory.md §4.2.",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "‖Σ_scheme(η) − f_K(ηA)A⁻¹‖_F / ‖f_K(ηA)A⁻¹‖_F at ηλ_max ∈ {0.1, 0.5, 0.9}",
        expectedRelation: "relative difference ≤ 1e-10 (mutants: > 1e-10)",
        proofsNote: "PN-P04", kind: .exact,
        defaultCases: { try ExactClaimSupport.defaultGaussianCases($0) },
        check: { try check($0, $1) })

    static let tolerance = 1e-10

    static func midpointCounts(_ tier: ClaimRunOptions.Tier) -> [MidpointCount] {
        tier == .quick ? [.finite(1), .finite(2), .finite(4), .finite(10), .infinite]
            : [.finite(1), .finite(2), .finite(3), .finite(4), .finite(8), .finite(10), .finite(100), .finite(1000), .infinite]
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        var verdicts: [ClaimVerdict] = []
        var counts = midpointCounts(options.tier)
        if let k = claimCase.settings.midpointCount, !counts.contains(k) { counts.append(k) }
        for count in counts {
            verdicts.append(verdict(.stationary(.plmc(count), target: target), count: count, target: target,
                                    caseName: claimCase.name))
        }
        for count in [MidpointCount.finite(4), .infinite] {
            for mutant in try ExactClaimSupport.plmcMutants(count, target: target) {
                verdicts.append(verdict(mutant, count: count, target: target, caseName: claimCase.name))
            }
        }
        return verdicts
    }

    /// THE body: the provider's stationary covariance against Q diag(f_K(ηλ)/λ) Qᵀ.
    static func verdict(_ provider: LawProvider, count: MidpointCount, target: GaussianTarget, caseName: String) -> ClaimVerdict {
        let metric = "relative ‖Σ − f_K(ηA)A⁻¹‖_F (\(count))"
        let expected = ExpectedValue("≤ \(tolerance) (equal to f_K(ηA)A⁻¹)", value: 0)
        do {
            var worst = 0.0
            var numbers: [LabelledNumber] = []
            for x in [0.1, 0.5, 0.9] {
                let eta = x / target.largestEigenvalue
                let closed = try target.eigenvalues.map { lambda in
                    try ScalarChainLaw.stationaryVarianceRatio(.plmc(count), x: eta * lambda) / lambda
                }
                let predicted = target.fromEigenbasis(diagonal: closed)
                let law = try provider.law(eta)
                worst = max(worst, ExactClaimSupport.relativeDifference(law.covariance, predicted))
                numbers.append(LabelledNumber("f_K(\(x))", try ScalarChainLaw.stationaryVarianceRatio(.plmc(count), x: x)))
            }
            let outcome: ClaimOutcome = worst <= tolerance ? .holds
                : .fails("the stationary covariance differs from f_K(ηA)A⁻¹ by \(worst) (relative)")
            return ClaimVerdict(claimID: .c4, caseName: caseName, subject: provider.subject, role: provider.role,
                                metric: metric, expected: expected, measured: worst, tolerance: tolerance,
                                outcome: outcome, numbers: numbers, scheme: provider.scheme)
        } catch {
            return ClaimVerdict(claimID: .c4, caseName: caseName, subject: provider.subject, role: provider.role,
                                metric: metric, expected: expected, outcome: .inconclusive("\(error)"), scheme: provider.scheme)
        }
    }
}

import DenseLinearAlgebra
import Foundation
import ReferenceLaws
import SchemeVocabulary

/// C8 — path KL over a horizon t between PLMC(η, K) and fine LMC(η/K) on the coarse grid, by the chain rule:
/// the proxy P(η) = (t/η)·E_{x∼π}[KL(P_PLMC(x, ·) ‖ P_fine(x, ·))] (one-step transition laws from a stationary
/// state). It scales as t·η³ for PLMC and as t·η for coarse LMC(η). Computed exactly in d = 1: the one-step
/// laws are Σ_H w_H N(β_H y, v_H) and N(q^K y, v_f) (`OneStepMixture`, `fineLMCOneStep`), the KL by 1-D
/// quadrature (`MixtureDivergence`), the expectation over y ∼ N(0, 1/a) by 24-point Gauss–Hermite. This is the
/// chain-rule PROXY (the stationary one-step KL times the number of steps), not the KL of the path laws.
/// docs/theory.md §4.4, §7.8 [R, derived from C7]; PN-P08. Mutants (slope 1): independent midpoint noise, correction
/// weight η/K, coarse LMC(η).
enum ClaimC08 {
    /// The declared path-KL orders of PLMC(K ≥ 2) and coarse LMC (`ErrorMeasure.pathKL`).
    static let plmcOrder = DeclaredOrder.of(.plmc(.finite(2)), .pathKL)
    static let lmcOrder = DeclaredOrder.of(.lmc, .pathKL)

    static let claim = Claim(
        id: .c8, title: "path KL (chain-rule proxy)",
        statement: "Over a horizon t the chain-rule path-KL proxy between PLMC(η, K) and fine LMC(η/K) has slope "
            + "\(DeclaredOrder.text(plmcOrder)) in η, against slope \(DeclaredOrder.text(lmcOrder)) for coarse LMC(η).",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "(t/η)·E_{x∼π} KL(P_PLMC(x,·) ‖ P_fine(x,·)) in d = 1, against η",
        expectedRelation: "slope \(DeclaredOrder.text(plmcOrder)) ± \(DeclaredOrder.text(plmcOrder / 10)) (coarse LMC and "
            + "mutants: slope \(DeclaredOrder.text(lmcOrder)))",
        proofsNote: "PN-P08", kind: .exact,
        defaultCases: { options in
            var cases = [try ClaimCase(name: "gaussian-1d-a1", precision: Matrix.identity(1), mean: [0]),
                         try ClaimCase(name: "gaussian-1d-a2", precision: 2 * Matrix.identity(1), mean: [0.5])]
            if options.tier == .full {
                cases.append(try ClaimCase(name: "gaussian-1d-a0.5", precision: 0.5 * Matrix.identity(1), mean: [-1]))
            }
            return cases
        },
        check: { try check($0, $1) })

    /// ηa at the top of the ladder: at ηa ≤ 0.1 the local slopes of the correct proxy deviate from 3 by ≤ 0.03
    /// for K ≤ 8 (PN-P08 table; δ/2 = 0.15).
    static let ladderTop = 0.1
    static let hermitePoints = 24

    /// The proxy for `variant` on the 1-D target with precision a, horizon t.
    static func pathProxy(_ variant: SchemeVariant, eta: Double, k: Int, a: Double, horizon t: Double,
                          rule: GaussHermiteRule) throws -> Double {
        let mixture = try OneStepMixture(variant, eta: eta, eigenvalue: a)
        let fine = try fineLMCOneStep(eta: eta, midpointCount: k, eigenvalue: a)
        let weights = mixture.components.map(\.weight)
        let variances = mixture.components.map(\.noiseVariance)
        let sd = (1 / a).squareRoot()
        let expectation = try rule.expectation { z -> Double in
            let y = sd * z
            return try MixtureDivergence.oneDimensionalMixture(
                weights: weights, means: mixture.components.map { $0.meanFactor * y }, variances: variances,
                referenceMean: fine.meanFactor * y, referenceVariance: fine.variance)
        }
        return t / eta * expectation
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let count = ExactClaimSupport.midpointCount(claimCase, default: .finite(4))
        let horizon = claimCase.settings.horizon ?? 1
        let metricText = "(t/η)·E_π KL(one-step PLMC ‖ fine LMC) (chain-rule proxy, t = \(horizon)), slope in η"
        let p = DeclaredOrder.of(.plmc(count), .pathKL)
        guard target.dimension == 1 else {
            return ExactRateCheck.unplanned(claimID: .c8, caseName: claimCase.name, metricText: metricText, expectedOrder: p,
                                            subjects: [("PLMC(\(count))", .subject)], reason: "the exact proxy is computed in d = 1")
        }
        guard case let .finite(k) = count, k >= 2, k <= 8 else {
            return ExactRateCheck.unplanned(claimID: .c8, caseName: claimCase.name, metricText: metricText, expectedOrder: p,
                                            subjects: [("PLMC(\(count))", .subject)], reason: "the flag enumeration is done for 2 ≤ K ≤ 8")
        }
        try require(horizon > 0 && horizon.isFinite, "horizon t", horizon, "must be finite and > 0")
        let a = target.largestEigenvalue
        guard let steps = try ExactRateCheck.ladder(x0: ladderTop, largestEigenvalue: a, settings: claimCase.settings,
                                                    tier: options.tier) else {
            return ExactRateCheck.unplanned(claimID: .c8, caseName: claimCase.name, metricText: metricText, expectedOrder: p,
                                            subjects: [("PLMC(\(count))", .subject)], reason: "fewer than three ladder steps with ηa ≤ \(ladderTop)")
        }
        let rule = try GaussHermiteRule(points: hermitePoints)
        let plan = ExactRatePlan(claimID: .c8, caseName: claimCase.name, metricText: metricText, expectedOrder: p,
                                 tolerance: ExactRateCheck.tolerance(forOrder: p), steps: steps, scale: steps[0] * a,
                                 seriesDeviation: nil, floor: 1e-28, predictedConstant: nil)
        var subjects = [SchemeVariant(.plmc(count))]
        for mutation in [SchemeMutation.independentMidpointNoise, .correctionWeightOverK, .replacedBy(.lmc)] {
            subjects.append(try .checked(.plmc(count), mutation))
        }
        return subjects.map { variant in
            ExactRateCheck.verdict(plan, subject: variant.description, role: variant.role, scheme: variant) { eta in
                try pathProxy(variant, eta: eta, k: k, a: a, horizon: horizon, rule: rule)
            }
        }
    }
}

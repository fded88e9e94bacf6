import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary

/// C11 — quadratic speed-up in ε: the drift calls per unit time needed to reach a stationary covariance error ε
/// grow like ε^{−q}; the claim is q(PLMC) ≤ ½·q(LMC) + δ (δ = 0.1). From the exact C5 curves on each scheme's own
/// asymptotic ladder: cost(h) = (drift calls per step)/h (LMC 1, PLMC(K=∞) 2 — `SchemeTheory`), and the local
/// exponents q_k = log(cost_{k+1}/cost_k)/log(e_k/e_{k+1}) = 1/s_k with s_k the local slopes of e(h). Decision:
/// max_k q_k(scheme) ≤ ½·min_k q_k(LMC) + δ, and the same for the least-squares exponents of log cost on log 1/e.
/// docs/theory.md §3.3, §4.3, §7.11 ([V] for "quadratic improvement in ε"; the exponents on Gaussians are [R]); PN-P11.
/// Mutants (q ≈ 1): independent midpoint noise, correction weight η/K.
enum ClaimC11 {
    static let claim = Claim(
        id: .c11, title: "quadratic speed-up in ε",
        statement: "The drift calls PLMC needs to reach a stationary error ε grow with an ε-exponent at most half of LMC's "
            + "(quadratic speed-up), on the exact covariance-bias curves of Gaussian targets.",
        provenance: .verified, requiredAssumptions: [.gaussianTarget],
        metric: "exponent q in calls per unit time ∝ ε^{−q}, ε = ‖Σ(η) − A⁻¹‖_F",
        expectedRelation: "q(PLMC K=∞) ≤ ½·q(LMC) + 0.1",
        proofsNote: "PN-P11", kind: .exact,
        defaultCases: { try ExactClaimSupport.defaultGaussianCases($0) },
        check: { try check($0, $1) })

    static let tolerance = 0.1

    /// Local exponents 1/s_k, least-squares exponent, errors and costs of a scheme on a ladder.
    struct CostCurve {
        let steps: [Double]
        let errors: [Double]
        let costs: [Double]
        let localExponents: [Double]
        let fittedExponent: Double
    }

    static func curve(steps: [Double], errors: [Double], callsPerStep: Double) throws -> CostCurve {
        for e in errors where !(e > 0 && e.isFinite) {
            throw VerificationError.invalidParameter(name: "error", value: "\(e)", requirement: "must be finite and > 0")
        }
        let costs = steps.map { callsPerStep / $0 }
        let slopes = RateFit.localSlopes(steps: steps, errors: errors)
        let fit: WeightedLinearFit
        do { fit = try WeightedLinearFit(x: errors.map { -log($0) }, y: costs.map { log($0) }) } catch {
            throw VerificationError.numerical("log cost on log 1/ε: \(error)")
        }
        return CostCurve(steps: steps, errors: errors, costs: costs, localExponents: slopes.map { 1 / $0 },
                         fittedExponent: fit.slope)
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let pi = try target.law()
        func errors(_ provider: LawProvider, _ steps: [Double]) throws -> [Double] {
            try steps.map { try StationaryMetric.covarianceError.value(of: try provider.law($0), reference: pi) }
        }
        func ladder(_ p: Double, _ scheme: Scheme) throws -> [Double]? {
            guard let (x0, _) = try ExactRateCheck.asymptoticScale(expectedOrder: p, upperLimit: 0.5, series: { x in
                abs(try ExactClaimSupport.ratio(scheme, x) - 1)
            }) else { return nil }
            return try ExactRateCheck.ladder(x0: x0, largestEigenvalue: target.largestEigenvalue, settings: claimCase.settings,
                                             tier: options.tier)
        }
        let metric = "exponent q of drift calls per unit time ∝ ε^{−q} (ε = ‖Σ − A⁻¹‖_F)"
        guard let lmcSteps = try ladder(DeclaredOrder.of(.lmc, .stationaryBias), .lmc),
              let plmcSteps = try ladder(DeclaredOrder.of(.plmc(.infinite), .stationaryBias), .plmc(.infinite)) else {
            return [ClaimVerdict(claimID: .c11, caseName: claimCase.name, subject: "PLMC(K=∞)", metric: metric,
                                 expected: ExpectedValue("≤ ½·q(LMC) + \(tolerance)"),
                                 outcome: .inconclusive("no ladders inside the asymptotic ranges"),
                                 scheme: SchemeVariant(.plmc(.infinite)))]
        }
        let lmc = try curve(steps: lmcSteps, errors: errors(.stationary(.lmc, target: target), lmcSteps),
                            callsPerStep: Scheme.lmc.theory.evaluationsPerStep)
        let bound = 0.5 * (lmc.localExponents.min() ?? .nan) + tolerance
        let plmcCalls = Scheme.plmc(.infinite).theory.evaluationsPerStep
        var subjects: [LawProvider] = [.stationary(.plmc(.infinite), target: target)]
        for mutation in [SchemeMutation.independentMidpointNoise, .correctionWeightOverK] {
            subjects.append(.stationary(try .checked(.plmc(.infinite), mutation), target: target))
        }
        return subjects.map { provider in
            verdict(provider, steps: plmcSteps, calls: plmcCalls, lmc: lmc, bound: bound, metric: metric,
                    caseName: claimCase.name, errors: { try errors(provider, plmcSteps) })
        }
    }

    /// THE body: the provider's cost curve on the PLMC ladder against ½·q(LMC) + δ.
    static func verdict(_ provider: LawProvider, steps: [Double], calls: Double, lmc: CostCurve, bound: Double,
                        metric: String, caseName: String, errors: () throws -> [Double]) -> ClaimVerdict {
        let expected = ExpectedValue(String(format: "≤ ½·q(LMC) + %g = %.4f", tolerance, bound), value: bound)
        do {
            let curve = try self.curve(steps: steps, errors: try errors(), callsPerStep: calls)
            let worst = max(curve.localExponents.max() ?? .nan, curve.fittedExponent)
            let lmcWorst = min(lmc.localExponents.min() ?? .nan, lmc.fittedExponent)
            let holds = worst <= 0.5 * lmcWorst + tolerance
            // LMC calls per unit time to reach this scheme's finest error, from LMC's finest constant e ≈ C h.
            let epsilon = curve.errors[curve.errors.count - 1]
            let lmcConstant = lmc.errors[lmc.errors.count - 1] / lmc.steps[lmc.steps.count - 1]
            let lmcCost = lmcConstant / epsilon
            let outcome: ClaimOutcome = holds ? .holds
                : .fails(String(format: "q = %.4f (max of local and fitted) exceeds ½·q(LMC) + %g = %.4f",
                                worst, tolerance, 0.5 * lmcWorst + tolerance))
            return ClaimVerdict(
                claimID: .c11, caseName: caseName, subject: provider.subject, role: provider.role, metric: metric,
                expected: expected, measured: curve.fittedExponent, intervalLower: curve.localExponents.min(),
                intervalUpper: curve.localExponents.max(), tolerance: tolerance, outcome: outcome,
                numbers: [LabelledNumber("q(LMC) fitted", lmc.fittedExponent),
                          LabelledNumber("q(LMC) min local", lmc.localExponents.min() ?? .nan),
                          LabelledNumber("q(LMC) max local", lmc.localExponents.max() ?? .nan),
                          LabelledNumber("ε at finest step", epsilon),
                          LabelledNumber("calls per unit time (this scheme)", curve.costs[curve.costs.count - 1]),
                          LabelledNumber("calls per unit time (LMC, same ε)", lmcCost)], scheme: provider.scheme,
                bracket: .localSlopeEnvelope)
        } catch {
            return ClaimVerdict(claimID: .c11, caseName: caseName, subject: provider.subject, role: provider.role,
                                metric: metric, expected: expected, outcome: .inconclusive("\(error)"), scheme: provider.scheme)
        }
    }
}

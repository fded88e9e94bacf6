import Foundation
import ReferenceLaws
import SchemeVocabulary

/// C9 — underdamped Gaussian: the stationary position-covariance bias ‖Σ_xx(η) − A⁻¹‖_F has slope 1 for ULMC and
/// slope 3 for PLMC-ULMC with K = ∞ (exact ChainLaw laws; docs/theory.md §4.5, §7.9 [R]; PN-P09). The Shen–Lee
/// randomized midpoint scheme RLMC-ULMC is checked beside them as a reference scheme (slope 3, PN-C13).
/// Mutants as exact transformations of exact laws: "no correction" = ULMC's law (slope 1), "√η noise" = the
/// stationary covariance halved (the noise variance is halved and the stationary covariance is linear in it:
/// slope 0); for the ULMC subject, √η noise and the PLMC-ULMC law in ULMC's place (slope 3).
/// The ladder starts at h₀ = c / max(λ_max/γ, γ, √λ_max) (c = 0.1 for ULMC, 0.5 for PLMC-ULMC), where the exact
/// local slopes stay within δ/2 of the order over the (λ, γ) grid of PN-P09, and ends before the correct subject's
/// error falls below `errorFloor`·‖A⁻¹‖_F (the underdamped exact laws carry ~1e-12 relative rounding).
enum ClaimC09 {
    /// The declared stationary position-bias orders (at γ = 1; the orders do not depend on γ).
    static let ulmcOrder = DeclaredOrder.of(.ulmc(friction: 1), .stationaryBias)
    static let plmcOrder = DeclaredOrder.of(.plmcULMC(friction: 1, .infinite), .stationaryBias)
    static let rlmcOrder = DeclaredOrder.of(.rlmcULMC(friction: 1), .stationaryBias)

    static let claim = Claim(
        id: .c9, title: "underdamped bias order",
        statement: "On a Gaussian target the stationary Var_x bias of ULMC has slope \(DeclaredOrder.text(ulmcOrder)) in η, "
            + "that of PLMC-ULMC with K = ∞ slope \(DeclaredOrder.text(plmcOrder)) (and, as a reference scheme, that of the "
            + "Shen–Lee randomized midpoint RLMC-ULMC slope \(DeclaredOrder.text(rlmcOrder))).",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "‖Σ_xx(η) − A⁻¹‖_F against η (friction γ; default γ = 1)",
        expectedRelation: "slopes \(DeclaredOrder.text(ulmcOrder)) ± \(DeclaredOrder.text(ulmcOrder / 10)) (ULMC) and "
            + "\(DeclaredOrder.text(plmcOrder)) ± \(DeclaredOrder.text(plmcOrder / 10)) (PLMC-ULMC, K = ∞; RLMC-ULMC "
            + "\(DeclaredOrder.text(rlmcOrder)))",
        proofsNote: "PN-P09", kind: .exact,
        defaultCases: { options in
            var cases = try ExactClaimSupport.defaultGaussianCases(options)
            cases.append(try ClaimCase(name: "gaussian-1d-a1-gamma2", precision: .identity(1), mean: [0],
                                       settings: ClaimCaseSettings(friction: 2)))
            return cases
        },
        check: { try check($0, $1) })

    /// The ladder-top rule constants c in h₀ = c / max(λ_max/γ, γ, √λ_max): ULMC (order 1), PLMC-ULMC and RLMC-ULMC
    /// (order 3).
    static let ulmcLadderConstant = 0.1
    static let plmcLadderConstant = 0.5
    static let rlmcLadderConstant = 0.5

    /// Ladder levels whose correct-subject error is below errorFloor·‖A⁻¹‖_F are dropped (R13: above the floor).
    static let errorFloor = 1e-10

    static func initialStep(_ constant: Double, largestEigenvalue lambda: Double, friction gamma: Double) -> Double {
        constant / max(lambda / gamma, gamma, lambda.squareRoot())
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let gamma = claimCase.settings.friction ?? 1
        try require(gamma > 0 && gamma.isFinite, "friction γ", gamma, "must be finite and > 0")
        let lambda = target.largestEigenvalue
        func ladder(_ h0: Double) throws -> [Double] {
            if let ladder = claimCase.settings.ladder { return ladder.steps.filter { $0 <= h0 * (1 + 1e-12) } }
            return try RateLadder(initialStep: h0, levels: ExactRateCheck.defaultLevels(options.tier)).steps
        }
        let ulmc = LawProvider.stationary(.ulmc(friction: gamma), target: target)
        let plmc = LawProvider.stationary(.plmcULMC(friction: gamma, .infinite), target: target)
        let rlmc = LawProvider.stationary(.rlmcULMC(friction: gamma), target: target)
        let pi = try target.law()
        let floor = try StationaryMetric.covarianceError.roundingFloor(reference: pi)
        let cut = errorFloor * target.covariance.frobeniusNorm
        var verdicts: [ClaimVerdict] = []
        let ulmcScheme = Scheme.ulmc(friction: gamma), plmcScheme = Scheme.plmcULMC(friction: gamma, .infinite)
        let rlmcScheme = Scheme.rlmcULMC(friction: gamma)
        func mutant(_ scheme: Scheme, _ mutation: SchemeMutation) throws -> LawProvider {
            .stationary(try .checked(scheme, mutation), target: target)
        }
        for (p, constant, subject, mutants) in [
            (DeclaredOrder.of(ulmcScheme, .stationaryBias), ulmcLadderConstant, ulmc,
             [try mutant(ulmcScheme, .noiseSqrtEta), try mutant(ulmcScheme, .replacedBy(plmcScheme))]),
            (DeclaredOrder.of(plmcScheme, .stationaryBias), plmcLadderConstant, plmc,
             [try mutant(plmcScheme, .droppedCorrection), try mutant(plmcScheme, .noiseSqrtEta)]),
            (DeclaredOrder.of(rlmcScheme, .stationaryBias), rlmcLadderConstant, rlmc,
             [try mutant(rlmcScheme, .replacedBy(ulmcScheme)), try mutant(rlmcScheme, .noiseSqrtEta)]),
        ] {
            let metricText = "‖Σ_xx(η) − A⁻¹‖_F of \(subject.subject) (γ = \(gamma)), slope in η"
            let h0 = initialStep(constant, largestEigenvalue: lambda, friction: gamma)
            let steps = try ladder(h0)
            var usable: [Double] = []
            for eta in steps {
                guard try StationaryMetric.covarianceError.value(of: try subject.law(eta), reference: pi) >= cut else { break }
                usable.append(eta)
            }
            guard usable.count >= 3 else {
                verdicts += ExactRateCheck.unplanned(claimID: .c9, caseName: claimCase.name, metricText: metricText,
                                                     expectedOrder: p, subjects: [(subject.subject, .subject)],
                                                     reason: "fewer than three ladder steps below h₀ = \(h0) above the error floor")
                continue
            }
            let plan = ExactRatePlan(claimID: .c9, caseName: claimCase.name, metricText: metricText, expectedOrder: p,
                                     tolerance: ExactRateCheck.tolerance(forOrder: p), steps: usable,
                                     scale: usable[0] * lambda, seriesDeviation: nil, floor: floor, predictedConstant: nil)
            verdicts += ([subject] + mutants).map {
                ExactRateCheck.verdict(plan, $0, reference: { _ in pi }) { law, ref in
                    try StationaryMetric.covarianceError.value(of: law, reference: ref)
                }
            }
        }
        return verdicts
    }
}

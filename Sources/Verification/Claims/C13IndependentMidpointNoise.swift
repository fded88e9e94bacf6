import Foundation
import ReferenceLaws
import SchemeVocabulary

/// C13 — sharing the Brownian path matters: PLMC(K = ∞) whose midpoints get independent noise has a first-order
/// stationary bias, λσ² − 1 ≈ ηλ (Σ − A⁻¹ ≈ η I, twice LMC's η/2 I): slope 1 and constant ‖Σ − A⁻¹‖_F/η → √d.
/// Its exact law (E[S·T] = 0, PN-V04): λσ² = 2(1 + 5x²/6)/(2 − 2x + x² − 7x³/12), x = ηλ — derived in PN-P13 and
/// used here as the independent 1-D series. The correct PLMC (slope 2) and LMC (slope 1, constant √d/2) must fail
/// this check. [R]; PN-P13.
enum ClaimC13 {
    /// The negative control: PLMC(K = ∞) with independent midpoint noise, whose declared order is in its theory.
    static let independent = (try? SchemeVariant(.plmc(.infinite), mutation: .independentMidpointNoise)) ?? SchemeVariant(.lmc)

    static let claim = Claim(
        id: .c13, title: "independent midpoint noise loses the gain",
        statement: "Replacing PLMC's midpoint noise by independent noise makes the stationary covariance bias of order "
            + "\(DeclaredOrder.text(DeclaredOrder.of(independent, .stationaryBias))), Σ − A⁻¹ ≈ η I (relative bias ≈ ηλ), "
            + "worse than LMC's η/2 I.",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "‖Σ(η) − A⁻¹‖_F of PLMC(K=∞) with independent midpoint noise: slope and constant ‖Σ − A⁻¹‖_F/(η√d)",
        expectedRelation: "slope \(DeclaredOrder.text(DeclaredOrder.of(independent, .stationaryBias))) ± 0.1 and constant "
            + "1 ± 0.1 (bias ≈ η I)",
        proofsNote: "PN-P13", kind: .exact,
        defaultCases: { try ExactClaimSupport.defaultGaussianCases($0) },
        check: { try check($0, $1) })

    /// λσ² of PLMC(K = ∞) with independent midpoint noise, by its closed form.
    static func independentNoiseRatio(_ x: Double) -> Double {
        2 * (1 + 5 * x * x / 6) / (2 - 2 * x + x * x - 7 * x * x * x / 12)
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let root = Double(target.dimension).squareRoot()
        let variant = try SchemeVariant.checked(.plmc(.infinite), .independentMidpointNoise)
        let order = DeclaredOrder.of(variant, .stationaryBias)
        let subject = LawProvider.stationary(variant, target: target, role: .subject)
        let mutants = [
            LawProvider.stationary(.plmc(.infinite), target: target, role: .mutant("correct PLMC(K=∞): shared midpoint noise")),
            LawProvider.stationary(.lmc, target: target, role: .mutant("LMC (slope 1, constant √d/2)")),
        ]
        let rates = try ExactRateCheck.stationaryRate(
            claimID: .c13, claimCase: claimCase, target: target, options: options, metric: .covarianceError,
            metricText: "‖Σ(η) − A⁻¹‖_F slope and ‖Σ − A⁻¹‖_F/(η√d)", expectedOrder: order, upperLimit: 0.5,
            predictedConstant: root, series: { x in abs(independentNoiseRatio(x) - 1) }, subject: subject,
            mutants: mutants)
        // The constant: the rate must hold AND |C/√d − 1| ≤ 0.1 at the finest step.
        return rates.map { verdict in
            guard verdict.outcome == .holds, let constant = verdict.number("constant e/h^p at finest") else { return verdict }
            let relative = constant / root - 1
            let numbers = verdict.numbers + [LabelledNumber("constant/√d − 1", relative)]
            let outcome: ClaimOutcome = abs(relative) <= 0.1 ? .holds
                : .fails(String(format: "slope holds but ‖Σ − A⁻¹‖_F/(η√d) = %.4f, not 1 ± 0.1 (bias is not ≈ η I)", constant / root))
            return ClaimVerdict(claimID: verdict.claimID, caseName: verdict.caseName, subject: verdict.subject,
                                role: verdict.role, metric: verdict.metric,
                                expected: ExpectedValue("slope \(DeclaredOrder.text(order)) ± \(DeclaredOrder.text(order / 10)) "
                                    + "and ‖Σ − A⁻¹‖_F/(η√d) = 1 ± 0.1", value: order),
                                measured: verdict.measured, intervalLower: verdict.intervalLower,
                                intervalUpper: verdict.intervalUpper, tolerance: verdict.tolerance, outcome: outcome,
                                rate: verdict.rate, numbers: numbers, scheme: verdict.scheme)
        }
    }
}

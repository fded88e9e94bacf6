import Langevin
import SchemeVocabulary
import VerificationTestSupport
import XCTest

/// Claim 13's negative control: PLMC whose midpoints use an INDEPENDENT Brownian path loses the second-order
/// stationary accuracy. OU b(x) = −x (a = 1), K = ∞, η = 0.2 (x = ηa = 0.2), stationary variance aσ²:
/// * shared path (the method): 4(6 − 6x + 5x²)/(24 − 24x + 12x² − 7x³) = 1.01924… (docs/theory.md §4.2);
/// * independent midpoint path: X′ = (1 − x + x²M)X − √2 ηa Σⱼ W′(Uⱼη) + √2 W(η) with M = Σ Uⱼ, W′ ⟂ W, so
///   aσ² = 2x(1 + 5x²/6) / (1 − E B²), E B² = (1 − x)² + (1 − x)x² + 7x⁴/12 (E M = ½, E M² = 7/12, and for the
///   Poisson process E Σⱼₖ min(sⱼ, sₖ) = η/2 + η/3 = 5η/6) → 1.26375… at x = 0.2 (bias ≈ ηa, first order).
/// Statistic: Catoni's estimator of E x² over n = 100 000 chains after 100 steps from 0 ((E B²)¹⁰⁰ < 10⁻¹⁷: the law
/// is stationary to double precision; the mean is 0 by symmetry), variance bound Var x² ≤ (κ − 1)σ⁴ with the
/// kurtosis cap κ ≤ 4 of `ChainLawAgreementTests`; ledger "LT.negative-control.second-moment", 2e-9 split across
/// the 2 assertions (α = 1e-9 each). Seeds: the test's seed salted with the noise variant.
final class NegativeControlTests: XCTestCase {
    /// Claim C13 (PN-P13).
    func testC13_engineIndependentMidpointNoiseLosesTheSecondOrderAccuracy() throws {
        let x = 0.2
        let shared = 4 * (6 - 6 * x + 5 * x * x) / (24 - 24 * x + 12 * x * x - 7 * x * x * x)
        let eb2 = (1 - x) * (1 - x) + (1 - x) * x * x + 7 * x * x * x * x / 12
        let independent = 2 * x * (1 + 5 * x * x / 6) / (1 - eb2)
        let drift = try LinearBatchDrift(diagonal: [1])
        let budgetID = "LT.negative-control.second-moment"
        let context = try TestContext(self)
        let variants: [(SchemeMutation?, Double)] = [(nil, shared), (.independentMidpointNoise, independent)]
        let alpha = StatisticalBudget.level(of: budgetID, splitAcross: variants.count)
        let n = 100_000
        for (mutation, exact) in variants {
            let noise = mutation == nil ? "shared" : "independent"
            let seed = context.seed(salt: noise)
            let states = try Simulation.finalStates(scheme: PLMC(stepSize: 0.2, substeps: .infinite, mutation: mutation),
                                                    drift: drift, configuration: EnsembleConfiguration(chains: n, steps: 100, seed: seed))
            let (estimate, halfWidth) = catoniMean(states.map { $0[0] * $0[0] }, varianceBound: 3 * exact * exact, alpha: alpha)
            let interval = try StatisticalInterval(statistic: "\(noise) midpoint noise: E x² (Catoni, κ ≤ 4)", estimate: estimate,
                                                   lower: estimate - halfWidth, upper: estimate + halfWidth, n: n,
                                                   alpha: alpha, method: .exact("Catoni M-estimator"))
            assertInterval(interval, contains: exact, budgetID: budgetID, splitAcross: variants.count,
                           context: context.noting("stream seed \(seed) = salted(seed, \"\(noise)\")"))
        }
        XCTAssertGreaterThan(independent - shared, 0.2)   // the two laws are far apart compared with the half-widths
    }
}

// Ledger entries of the engine-agreement check E1 (VerificationTests.E1EngineAgreementTests; PN-V10). See
// BudgetLedger.swift for how to add entries. The per-check levels are `Verification.MonteCarloLevels` (the claim uses
// them) and the counts come from the claim's design data (`MonteCarloLevels.e1AgreementChecks`, `.e1Mutants`): both
// tiers run the same checks (the full tier only runs more chains), so each entry is per-check level × count.
import Verification

extension StatisticalBudget {
    /// E1's budget: Σ = 9.48e-10 + 1.2e-9 (316 Catoni intervals at 3e-12, 12 mutants at β = 1e-10).
    static let engineAgreementEntries: [BudgetEntry] = [
        BudgetEntry(id: "E1.mc.agreement", kind: .falseFailure,
                    level: MonteCarloLevels.e1AgreementPerCheck * Double(MonteCarloLevels.e1AgreementChecks),
                    method: .exact("Catoni M-estimator"),
                    summary: "E1EngineAgreementTests (PN-V10): every engine scheme's coordinate means and uᵀΣu (u = eᵢ, "
                        + "(eᵢ + eⱼ)/√2) on gaussian-d3-dense (stationary, 20 steps from 0) and gaussian-1d-far-start contain "
                        + "ChainLaw's exact values; variance bounds exact (Gaussian laws, overdamped fourth moments) or, for "
                        + "PLMC-ULMC and RLMC-ULMC, under the kurtosis cap κ ≤ 4; one Catoni interval per check"),
        BudgetEntry(id: "E1.mutant.agreement", kind: .falsePass,
                    level: MonteCarloLevels.e1MutantPerCheck * Double(MonteCarloLevels.e1Mutants),
                    method: .exact("Catoni M-estimator"),
                    summary: "E1EngineAgreementTests (PN-V10): engine mutants (independent midpoint/endpoint noise, midpoint "
                        + "one sub-step late, Poisson(1/2) count, no correction, kinetic √η noise) rejected by the same checks "
                        + "against the correct law; designed |μ′ − μ₀| > t_α + g + t_β checked per run (β per mutant)"),
    ]
}

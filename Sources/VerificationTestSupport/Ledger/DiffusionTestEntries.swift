// Ledger entries of DiffusionTests (DT.*). See BudgetLedger.swift for how to add entries.
//
// Σ of this file: 4e-9 (three false-failure families at 1e-9, one false-pass family at 1e-9).
import Verification

extension StatisticalBudget {
    /// Budgeted checks of DiffusionTests.
    static let diffusionTestEntries: [BudgetEntry] = {
        let catoni = BoundMethod.exact("Catoni M-estimator")
        return [
            // DiffusionEngineTests.testC16_engineMatchesExactOutputLaws: 8 samplers × (2 means + 3 quadratic forms),
            // Catoni intervals with the exact variance (means) and (κ − 1)(uᵀΣu)² with κ = 3 (Gaussian outputs) or the
            // cap κ ≤ 4 (PLMC's Gaussian-mixture outputs) for the quadratic forms; split across the 40 checks.
            BudgetEntry(id: "DT.engine.exact-laws", kind: .falseFailure, level: 1e-9, method: catoni,
                        summary: "DiffusionEngineTests.testC16_engineMatchesExactOutputLaws: engine samples vs the exact "
                            + "output laws on Gaussian data (40 Catoni checks)"),
            // DiffusionEngineTests.testC16_engineMatchesExactOutputLaws: the fraction of flagged PLMC midpoints
            // (Binomial) within Hoeffding's interval of 1/K, split across the 8 engine variants.
            BudgetEntry(id: "DT.engine.nfe", kind: .falseFailure, level: 1e-9, method: .hoeffding,
                        summary: "DiffusionEngineTests.testC16_engineMatchesExactOutputLaws: realised PLMC network "
                            + "evaluations vs 2 − 1/K per block (Hoeffding on the flagged fraction)"),
            // DiffusionEngineTests.testC16_wrongLawsAreRejected: the same body with a mutant's samples against the
            // correct law (and the reverse); the design check makes every |Δ| exceed twice the half-width, so a false
            // pass needs a deviation beyond the half-width (probability ≤ the per-check level).
            BudgetEntry(id: "DT.engine.wrong-laws", kind: .falsePass, level: 1e-9, method: catoni,
                        summary: "DiffusionEngineTests.testC16_wrongLawsAreRejected: PLMC mutants' samples must reject the "
                            + "correct law and vice versa (design: |Δ| > 2 half-widths)"),
            // DiffusionEngineTests.testC15_ddpm1000OnAMixtureReproducesTheDataMoments: 2 coordinate means and 3 mode
            // weights (Catoni with a stated variance bound; Hoeffding on responsibilities in [0, 1]), split across 5.
            BudgetEntry(id: "DT.engine.mixture-ddpm", kind: .falseFailure, level: 1e-9, method: catoni,
                        summary: "DiffusionEngineTests.testC15_ddpm1000OnAMixtureReproducesTheDataMoments: DDPM-1000 on a "
                            + "2-D mixture vs the data law's means and mode weights, with a stated bias allowance"),
        ]
    }()
}

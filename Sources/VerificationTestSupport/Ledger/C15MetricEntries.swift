// Ledger entries of C15MetricTests, C15ClippedMetricTests and C15SweepMutantTests (C15.*). See BudgetLedger.swift for how to add entries.
//
// Σ of this file: 9e-9 (eight false-failure families and one false-pass family at 1e-9).
import Verification

extension StatisticalBudget {
    /// Budgeted checks of VerificationTests.C15MetricTests, C15ClippedMetricTests and C15SweepMutantTests.
    static let c15MetricEntries: [BudgetEntry] = [
        // C15MetricTests.testC15_decisionIntervalsAreCalibratedOverFreshSeeds: the Clopper–Pearson interval of the miss
        // rate over 200 fresh seeds must reach the relaxed level 0.2 (mode-weight family, MMD², clipped FD and clipped
        // sliced W₂², split across 4).
        BudgetEntry(id: "C15.calibration.miss-rate", kind: .falseFailure, level: 1e-9, method: .clopperPearson,
                    summary: "C15MetricTests.testC15_decisionIntervalsAreCalibratedOverFreshSeeds: miss rates of the "
                        + "mode-weight, MMD², clipped-FD and clipped sliced W₂² intervals at level 0.2 over 200 seeds "
                        + "(4 Clopper–Pearson checks)"),
        // C15ClippedMetricTests.testC15_clippedFDOfExactSamplesContainsTheExactValue: two moment-box intervals (a Gaussian
        // data law, ring-8 against itself), split across the 2.
        BudgetEntry(id: "C15.mc.fd-clipped", kind: .falseFailure, level: 1e-9, method: ClippedFrechetDistance.boundMethod,
                    summary: "C15ClippedMetricTests.testC15_clippedFDOfExactSamplesContainsTheExactValue: FD of the "
                        + "clipped Gaussian fit of exact samples vs the exact W₂² (2 intervals)"),
        // C15ClippedMetricTests.testC15_pairedClippedFDContainsTheExactDifference: one paired interval (three moment
        // boxes at level/3 inside).
        BudgetEntry(id: "C15.mc.fd-paired", kind: .falseFailure, level: 1e-9, method: ClippedFrechetDistance.boundMethod,
                    summary: "C15ClippedMetricTests.testC15_pairedClippedFDContainsTheExactDifference: paired ΔFD of "
                        + "the clipped fits vs the exact difference"),
        // C15MetricTests.testC15_mmdOfExactSamplesContainsTheClosedForm: exact samples of a known mixture P against two
        // data laws Q (MMD²(P, Q) > 0 and Q = P), split across the 2 intervals.
        BudgetEntry(id: "C15.mc.mmd-exact-samples", kind: .falseFailure, level: 1e-9, method: GaussianKernelMMD.boundMethod,
                    summary: "C15MetricTests.testC15_mmdOfExactSamplesContainsTheClosedForm: unbiased MMD² of exact "
                        + "mixture samples vs the closed form (2 intervals)"),
        // C15MetricTests.testC15_pairedMMDDifferenceContainsTheClosedForm: one paired interval.
        BudgetEntry(id: "C15.mc.mmd-paired", kind: .falseFailure, level: 1e-9, method: GaussianKernelMMD.boundMethod,
                    summary: "C15MetricTests.testC15_pairedMMDDifferenceContainsTheClosedForm: paired ΔMMD² of two "
                        + "exact samples vs the closed-form difference"),
        // C15MetricTests.testC15_modeWeightsOfExactSamplesContainTheWeights: 8 modes of ring-8, empirical Bernstein at
        // level/8 each (union bound inside ModeWeights).
        BudgetEntry(id: "C15.mc.mode-weights", kind: .falseFailure, level: 1e-9, method: .empiricalBernstein,
                    summary: "C15MetricTests.testC15_modeWeightsOfExactSamplesContainTheWeights: soft-responsibility "
                        + "weights of exact ring-8 samples vs the weights (8 intervals)"),
        // C15ClippedMetricTests.testC15_slicedW2OfExactSamplesContainsZeroAndTheQuadratureValue: two DKW-band intervals.
        BudgetEntry(id: "C15.mc.sliced-w2", kind: .falseFailure, level: 1e-9, method: ClippedSlicedWasserstein.boundMethod,
                    summary: "C15ClippedMetricTests.testC15_slicedW2OfExactSamplesContainsZeroAndTheQuadratureValue: "
                        + "sliced W₂² of exact samples vs 0 and vs a quadrature value (2 intervals)"),
        // C15SweepMutantTests.testC15_plmcMutantsMoveTheMonteCarloVerdictOnMixtures: correct PLMC never outside on the
        // 4 paired metrics (split across 4).
        BudgetEntry(id: "C15.mc.sweep-correct-plmc", kind: .falseFailure, level: 1e-9,
                    method: .exact("the sweep's paired intervals (mode weights, MMD², clipped FD, sliced W₂²)"),
                    summary: "C15SweepMutantTests.testC15_plmcMutantsMoveTheMonteCarloVerdictOnMixtures: correct PLMC "
                        + "(K = 25) not outside the margin of DDPM-1000 on two-mode-1d (4 intervals)"),
        // C15SweepMutantTests.testC15_plmcMutantsMoveTheMonteCarloVerdictOnMixtures: the score-sign and σ_t × √2 PLMC
        // mutants must be put outside the margin by at least one paired metric (split across the 2 mutants).
        BudgetEntry(id: "C15.mutant.sweep-plmc", kind: .falsePass, level: 1e-9,
                    method: .exact("the sweep's paired intervals (mode weights, MMD², clipped FD, sliced W₂²)"),
                    summary: "C15SweepMutantTests.testC15_plmcMutantsMoveTheMonteCarloVerdictOnMixtures: 2 PLMC mutants "
                        + "outside the margin of DDPM-1000 on two-mode-1d"),
    ]
}

// Ledger entries of the module test targets LangevinTests (LT.*), ChainLawsTests (CL.*) and ReferenceLawsTests
// (RL.*). See BudgetLedger.swift for how to add entries. Each entry covers one test's family of checks; the test
// reads the level with `StatisticalBudget.level(of:splitAcross:)`, the split count being computed in the test.
//
// Σ of this file: CL 1.41e-7 (CLT z-tests 1.32e-7, their power checks 9e-9), LT 2.95e-8, RL 1e-9 — 1.715e-7 in all.
import Verification

extension StatisticalBudget {
    /// The CLT justification of ChainLawsTests.MonteCarloLawTests (see the header of that file).
    static let monteCarloLawCLTJustification =
        "means of n iid variables with all moments finite (Gaussian scale mixtures and their products, ηλ_max ≤ 0.7 "
        + "so E β⁴ < 1); Cramér's moderate-deviation factor at z* is ≤ 3 for skewness ≤ 3, so z* is taken at the "
        + "per-entry level / 3"

    /// The CLT justification of ChainLawsTests.RLMCULMCLawTests (see the header of that file).
    static let rlmcULMCCLTJustification =
        "means of n iid variables with all moments finite (after 4 steps from a fixed or Gaussian start the state is a "
        + "Gaussian scale mixture over 4 bounded u's); Cramér's moderate-deviation factor at z* is ≤ 3 for skewness ≤ 3, "
        + "so z* is taken at the per-entry level / 3"

    /// The power (wrong-law) checks of MonteCarloLawTests: what bounds β.
    static let monteCarloPowerJustification =
        "design check in the test: the best entry's exact noncentrality (Gaussian fourth moments, sd × 1.2) exceeds "
        + "2z* by z_β standard deviations, so a false pass needs a ≥ z_β deviation of that z-score"

    /// Budgeted checks of LangevinTests, ChainLawsTests and ReferenceLawsTests.
    static let moduleTestEntries: [BudgetEntry] = {
        let chernoff = BoundMethod.exact("Chernoff")
        let catoni = BoundMethod.exact("Catoni M-estimator")
        func mc(_ id: String, _ level: Double, _ summary: String) -> BudgetEntry {
            BudgetEntry(id: id, kind: .falseFailure, level: level,
                        method: .cltZ(justification: monteCarloLawCLTJustification), summary: summary)
        }
        func power(_ id: String, _ summary: String) -> BudgetEntry {
            BudgetEntry(id: id, kind: .falsePass, level: 1e-9,
                        method: .cltZ(justification: monteCarloPowerJustification), summary: summary)
        }
        func agreement(_ id: String, _ test: String) -> BudgetEntry {
            BudgetEntry(id: id, kind: .falseFailure, level: 1e-9, method: catoni,
                        summary: "LangevinTests.ChainLawAgreementTests.\(test): Catoni means of coordinates and quadratic "
                            + "forms vs ChainLaw.afterSteps (split across its D + D(D+1)/2 checks)")
        }
        return [
            // ChainLawsTests.MonteCarloLawTests: literal schemes vs ChainLaw.afterSteps, mean and covariance entries in
            // the original and the whitened frame, 2 cases (d = 3, 4); split across 46 (overdamped) or 142 entries,
            // z* at a third of the per-entry level (Cramér factor). Power checks: β = 1e-9 per test (2 cases), sized
            // by the design check of the test (n = 20 000, or 40 000 for PLMC(4), ULMC and PLMC-ULMC(4)).
            mc("CL.mc.lmc.moments", 1e-8, "MonteCarloLawTests.testLMC: 46 CLT z-tests of mean/covariance entries"),
            power("CL.mc.lmc.mutant-rlmc-law", "MonteCarloLawTests.testLMC: LMC samples must reject RLMC's law (max |z| > 2z*, 2 cases)"),
            mc("CL.mc.plmc-k4.moments", 1e-8, "MonteCarloLawTests.testPLMCFiniteK: 46 CLT z-tests of mean/covariance entries"),
            power("CL.mc.plmc-k4.mutant-rlmc-law", "MonteCarloLawTests.testPLMCFiniteK: PLMC(4) samples must reject RLMC's law (2 cases)"),
            mc("CL.mc.plmc-poisson.moments", 1e-8, "MonteCarloLawTests.testPLMCPoisson: 46 CLT z-tests of mean/covariance entries"),
            power("CL.mc.plmc-poisson.mutant-rlmc-law", "MonteCarloLawTests.testPLMCPoisson: PLMC(∞) samples must reject RLMC's law (2 cases)"),
            mc("CL.mc.plmc-ulmc-k4.moments", 3e-8, "MonteCarloLawTests.testPLMCULMCFiniteK: 142 CLT z-tests of mean/covariance entries"),
            power("CL.mc.plmc-ulmc-k4.mutant-ulmc-law", "MonteCarloLawTests.testPLMCULMCFiniteK: PLMC-ULMC(4) samples must reject ULMC's law (2 cases)"),
            mc("CL.mc.plmc-ulmc-poisson.moments", 3e-8, "MonteCarloLawTests.testPLMCULMCPoisson: 142 CLT z-tests of mean/covariance entries"),
            power("CL.mc.plmc-ulmc-poisson.mutant-ulmc-law", "MonteCarloLawTests.testPLMCULMCPoisson: PLMC-ULMC(∞) samples must reject ULMC's law (2 cases)"),
            // ChainLawsTests.RLMCULMCLawTests: literal RLMC-ULMC (d = 3) vs ChainLaw.afterSteps from a fixed start and
            // vs ChainLaw.stationary (invariance over 4 steps); 54 mean/covariance entries each (2 frames), z* at a
            // third of the per-entry level; power against ULMC's law sized by the test's design check.
            BudgetEntry(id: "CL.mc.rlmc-ulmc.after-steps.moments", kind: .falseFailure, level: 1e-9,
                        method: .cltZ(justification: rlmcULMCCLTJustification),
                        summary: "RLMCULMCLawTests.testMonteCarloAfterStepsFromAFixedStart: 54 CLT z-tests of mean/covariance entries"),
            BudgetEntry(id: "CL.mc.rlmc-ulmc.after-steps.mutant-ulmc-law", kind: .falsePass, level: 1e-9,
                        method: .cltZ(justification: monteCarloPowerJustification),
                        summary: "RLMCULMCLawTests.testMonteCarloAfterStepsFromAFixedStart: RLMC-ULMC samples must reject ULMC's law"),
            BudgetEntry(id: "CL.mc.rlmc-ulmc.stationary.moments", kind: .falseFailure, level: 1e-9,
                        method: .cltZ(justification: rlmcULMCCLTJustification),
                        summary: "RLMCULMCLawTests.testMonteCarloStationaryLawIsInvariant: 54 CLT z-tests of mean/covariance entries"),
            BudgetEntry(id: "CL.mc.rlmc-ulmc.stationary.mutant-ulmc-law", kind: .falsePass, level: 1e-9,
                        method: .cltZ(justification: monteCarloPowerJustification),
                        summary: "RLMCULMCLawTests.testMonteCarloStationaryLawIsInvariant: RLMC-ULMC samples must reject ULMC's stationary law"),
            mc("CL.mc.rlmc.moments", 1e-8, "MonteCarloLawTests.testRLMC: 46 CLT z-tests of mean/covariance entries"),
            power("CL.mc.rlmc.mutant-lmc-law", "MonteCarloLawTests.testRLMC: RLMC samples must reject LMC's law (2 cases)"),
            mc("CL.mc.ulmc.moments", 3e-8, "MonteCarloLawTests.testULMC: 142 CLT z-tests of mean/covariance entries"),
            power("CL.mc.ulmc.mutant-friction-law", "MonteCarloLawTests.testULMC: ULMC(γ = 1.5) samples must reject ULMC(γ = 1)'s law (2 cases)"),

            // LangevinTests.ChainLawAgreementTests (mixtures: level guaranteed under the kurtosis cap κ ≤ 4).
            BudgetEntry(id: "LT.agreement.far-start", kind: .falseFailure, level: 1e-9, method: catoni,
                        summary: "LangevinTests.ChainLawAgreementTests.testE01_midpointLawMutantsAreRejectedWithDesignedPower: "
                            + "PLMC(K = 4) and PLMC(K = ∞) coordinate means after 20 steps from the far start vs ChainLaw "
                            + "(exact variance; 2 checks)"),
            agreement("LT.agreement.lmc", "testLMC"),
            BudgetEntry(id: "LT.agreement.mutant.wrong-laws", kind: .falsePass, level: 3e-10,
                        method: .cltZ(justification: "measured worst |estimate − wrong exact|/half-width 2.8–3.1 (LMC; 5.5–5.9 "
                            + "and 13.1–13.5 for the others; 5 seeds, vector Brownian streams) against an estimator sd ≈ half-width/8 at n = 200 000: "
                            + "a false pass needs a ≥ 14σ deviation"),
                        summary: "LangevinTests.ChainLawAgreementTests.testE01_wrongLawsAreRejected: LMC vs PLMC(∞) law, PLMC(∞) vs RLMC law, "
                            + "ULMC vs PLMC-ULMC(∞) law must be rejected (3 checks)"),
            BudgetEntry(id: "LT.agreement.mutant.midpoint-law", kind: .falsePass, level: 2e-10, method: catoni,
                        summary: "LangevinTests.ChainLawAgreementTests.testE01_midpointLawMutantsAreRejectedWithDesignedPower: "
                            + "the engine's PLMC(K = 4) with the midpoints one sub-step late and PLMC(K = ∞) with a Poisson(1/2) "
                            + "count rejected on the far-start mean; designed |μ′ − μ₀| > t_α + t_β (Catoni deviation at "
                            + "β = 1e-10 under the mutant's exact variance) asserted before sampling (2 checks)"),
            agreement("LT.agreement.plmc-k20", "testPLMCLargeK"),
            agreement("LT.agreement.plmc-k4", "testPLMCSmallK"),
            agreement("LT.agreement.plmc-poisson", "testPLMCPoisson"),
            agreement("LT.agreement.plmc-ulmc-k6", "testPLMCULMCFinite"),
            agreement("LT.agreement.plmc-ulmc-poisson", "testPLMCULMCPoisson"),
            agreement("LT.agreement.rlmc", "testRLMC"),
            agreement("LT.agreement.rlmc-ulmc", "testRLMCULMC"),
            BudgetEntry(id: "LT.agreement.stationary", kind: .falseFailure, level: 1e-9, method: catoni,
                        summary: "LangevinTests.ChainLawAgreementTests.testE01_stationaryLawOfEveryScheme: 9 schemes after 200 "
                            + "steps vs ChainLaw.stationary, Catoni means of coordinates and quadratic forms (split equally "
                            + "across the schemes, then across each scheme's D + D(D+1)/2 checks)"),
            agreement("LT.agreement.ulmc", "testULMC"),
            BudgetEntry(id: "LT.cases.haar-q11-moments", kind: .falseFailure, level: 2e-9, method: .hoeffding,
                        summary: "LangevinTests.CaseTests.testRandomOrthogonalIsHaar: E Q₁₁ = 0 and E Q₁₁² = 1/3 (2 checks)"),
            BudgetEntry(id: "LT.coupling.coupled-distance", kind: .falseFailure, level: 1e-12,
                        method: .cltZ(justification: "threshold 0.05·2 tr Σ̂ is 13–25 standard errors above the mean squared "
                            + "distance (measured over 9 seeds with the lane-grouped Brownian streams: 13.4–24.8; printed), whereas 1e-12 "
                            + "needs 7 (n = 600 iid chains, all moments finite)"),
                        summary: "LangevinTests.CouplingTests.testCoupledRunIsBitIdenticalForAnyThreadCount: coupled PLMC–fine "
                            + "mean squared distance < 5% of an independent pair's"),
            BudgetEntry(id: "LT.coupling.fine-path-variance", kind: .falseFailure, level: 1e-12, method: .exactChiSquare,
                        summary: "LangevinTests.CouplingTests.testFinalNoiseEqualsTheSumOfFineIncrements: sample variance of x₀ "
                            + "(exactly σ²χ²_{n−1}/(n−1), σ² = 3.6) above its one-sided Chernoff lower limit"),
            BudgetEntry(id: "LT.coupling.path-store-mean", kind: .falseFailure, level: 2e-9,
                        method: .exact("normal, known variance"),
                        summary: "LangevinTests.CouplingTests.testPathStoreHasBrownianIncrementsForAnyQueryOrder: zero mean "
                            + "of 4 Brownian increments (exact z, 4 checks)"),
            BudgetEntry(id: "LT.coupling.path-store-variance", kind: .falseFailure, level: 4e-9, method: .exactChiSquare,
                        summary: "LangevinTests.CouplingTests.testPathStoreHasBrownianIncrementsForAnyQueryOrder: Σx²/(nσ²) "
                            + "of 4 Brownian increments in the Chernoff χ²_n interval (4 checks)"),
            BudgetEntry(id: "LT.engine.divergence-step-window", kind: .falseFailure, level: 1e-12,
                        method: .exact("Gaussian tail"),
                        summary: "LangevinTests.EngineTests.testC14_engineDivergesAboveTheStabilityThreshold: unstable LMC stops at "
                            + "step 20…60, stable LMC never exceeds 1e12 (Gaussian tails far below 1e-12; 2 checks)"),
            BudgetEntry(id: "LT.engine.drift-calls", kind: .falseFailure, level: 6e-9, method: chernoff,
                        summary: "LangevinTests.EngineTests.testC02_engineDriftCallsPerStep: midpoint calls per step, "
                            + "Bin(n(K−1), 1/K) for K = 2, 4, 8, 16, 64 and Poisson(n) for K = ∞ (6 checks)"),
            BudgetEntry(id: "LT.flags.k12-subset", kind: .falseFailure, level: 1e-9, method: chernoff,
                        summary: "LangevinTests.FlagLawTests: K = 12 (binomial count + sorted subset) flag and pair "
                            + "frequencies (66 checks)"),
            BudgetEntry(id: "LT.flags.k6-direct", kind: .falseFailure, level: 1e-9, method: chernoff,
                        summary: "LangevinTests.FlagLawTests: K = 6 (direct flags) flag and pair frequencies (15 checks)"),
            BudgetEntry(id: "LT.negative-control.second-moment", kind: .falseFailure, level: 2e-9, method: catoni,
                        summary: "LangevinTests.NegativeControlTests: stationary E x² of PLMC(∞) with shared and with "
                            + "independent midpoint noise vs their closed forms (2 checks, kurtosis cap κ ≤ 4)"),

            // ReferenceLawsTests.
            BudgetEntry(id: "RL.gaussian.sample-dkw", kind: .falseFailure, level: 1e-9, method: .dkw,
                        summary: "ReferenceLawsTests.GaussianLawTests.testSampledProjectionPassesADKWBandAtLevel1e9: "
                            + "sup|Fₙ − Φ| of a standardised projection of GaussianLaw samples within the DKW band"),
        ]
    }()
}

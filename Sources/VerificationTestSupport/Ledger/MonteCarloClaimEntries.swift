// Ledger entries of the Monte Carlo claims C2, C10, C12 (VerificationTests.MonteCarloClaimTests and
// MonteCarloExtensionTests). See BudgetLedger.swift for how to add entries. The per-check levels are
// `Verification.MonteCarloLevels` (the checks use them); each entry's level is per-check level × the number of such
// checks in the LARGER (full) tier, so both tiers stay inside the declared budget (the quick tier uses less).
// Proofs-notes: PN-P02, PN-P10, PN-P12 (claims), PN-V07–PN-V09 (methods).
import Verification

extension StatisticalBudget {
    /// Per-check level × count, for the entries below.
    static func monteCarlo(_ perCheck: Double, _ count: Int) -> Double { perCheck * Double(count) }

    /// The Monte Carlo claims' budget: Σ = 2.07e-7 (full-tier counts; the quick tier spends about half of it).
    static let monteCarloClaimEntries: [BudgetEntry] = [
        // C10 — default cases mixture-1d-c2, mixture-product-d5-c2, cosine-d5 (quick), + mixture-1d-c1 (full)
        BudgetEntry(id: "C10.mc.containment", kind: .falseFailure, level: monteCarlo(MonteCarloLevels.c10ContainmentPerCheck, 32),
                    method: .empiricalBernstein,
                    summary: "MonteCarloClaimTests (PN-P10, PN-V08): engine paired differences (PLMC, LMC) and, full tier, E φ levels contain their exact kernel-quadrature values; 2 schemes × (2 steps on the 1-D case + 1 step on each d = 5 case) = 8 quick; 2 schemes × 2 steps × 2 (levels) × 4 cases = 32 full"),
        BudgetEntry(id: "C10.mc.quadrature", kind: .falseFailure, level: monteCarlo(MonteCarloLevels.c10QuadraturePerCheck, 8),
                    method: .empiricalBernstein,
                    summary: "MonteCarloClaimTests (fine-chain check, PN-P10): fine LMC(η/K) E φ within half-width + exact bias of the quadrature E_π φ; one per Monte Carlo step: 4 quick / 8 full checks"),
        BudgetEntry(id: "C10.mc.secant", kind: .falseFailure, level: monteCarlo(MonteCarloLevels.c10SecantPerCheck, 4),
                    method: .empiricalBernstein,
                    summary: "MonteCarloClaimTests / MonteCarloExtensionTests, full tier only (PN-V07): secant rule R15 on |PLMC − fine| (2 ± 0.5) and |LMC − fine| (1 ± 0.3), end intervals at α/2; 2 subjects × 2 cases (the 1-D mixtures c = 2 and c = 1; the worked example uses C10.mc.coupled-secant)"),
        BudgetEntry(id: "C10.mc.coupled-secant", kind: .falseFailure, level: monteCarlo(MonteCarloLevels.c10SecantPerCheck, 2),
                    method: .betting,
                    summary: "MonteCarloExtensionTests (worked example, PN-V15): coupled secant R15 on the copy-averaged PLMC − fine difference (2 ± 0.4) and on LMC − fine (1 ± 0.3), betting end intervals at α/2; 2 subjects × 1 case"),
        BudgetEntry(id: "C10.mutant.coupled-secant", kind: .falsePass, level: monteCarlo(MonteCarloLevels.c10MutantPerCheck, 3),
                    method: .betting,
                    summary: "MonteCarloExtensionTests (worked example, PN-V15): independent midpoint noise and weight η/K (secant 2 ± 0.4) and PLMC in LMC's place (1 ± 0.3) rejected by the coupled secant; 3 mutants × 1 case (fine LMC in LMC's place is deterministic)"),
        BudgetEntry(id: "C10.mutant.containment", kind: .falsePass, level: monteCarlo(MonteCarloLevels.c10MutantPerCheck, 16),
                    method: .empiricalBernstein,
                    summary: "MonteCarloClaimTests (PN-V08): independent midpoint noise and weight η/K rejected by the containment check; designed margin |μ′ − μ₀| > t_α + t_β checked per run; 2 mutants × Monte Carlo steps: 8 quick / 16 full"),
        BudgetEntry(id: "C10.mutant.exact", kind: .falsePass, level: 0, method: .deterministic,
                    summary: "MonteCarloClaimTests (PN-P10): exact kernel-quadrature slopes reject independent midpoint noise, weight η/K (PLMC metric), PLMC and fine LMC in LMC's place (LMC metric)"),
        BudgetEntry(id: "C10.mutant.secant", kind: .falsePass, level: monteCarlo(MonteCarloLevels.c10MutantPerCheck, 6),
                    method: .empiricalBernstein,
                    summary: "MonteCarloClaimTests / MonteCarloExtensionTests, full tier only: independent noise, weight η/K, PLMC in LMC's place rejected by the secant rule; 3 per case × 2 cases (the 1-D mixtures; fine LMC in LMC's place is deterministic)"),
        // C12 — default cases mixture-1d-c2, cosine (d = 1 quick, d = 5 full), mixture-1d-c1, isotropic-gaussian-d1 (+ mixture-product-d5-c2 full); + the worked example
        BudgetEntry(id: "C12.mc.containment-ou", kind: .falseFailure, level: monteCarlo(MonteCarloLevels.c12ContainmentPerCheck, 8),
                    method: .empiricalBernstein,
                    summary: "MonteCarloClaimTests (PN-P12, PN-V09): clipped mean-square distances of PLMC and LMC on OU meet [E Δ² − E Δ⁴/(4c), E Δ²]; 2 schemes × 3 (quick) / 4 (full) steps"),
        BudgetEntry(id: "C12.mc.secant", kind: .falseFailure, level: monteCarlo(MonteCarloLevels.c12SecantPerCheck, 12),
                    method: .empiricalBernstein,
                    summary: "MonteCarloClaimTests / MonteCarloExtensionTests (PN-P12): secant rule R15 on the clipped RMS distance (1 ± 0.2), every level at α/levels; PLMC and LMC × 6 cases (full). The ratio PLMC/LMC ≥ 1 check reuses these intervals (no extra level)"),
        BudgetEntry(id: "C12.mutant.fine-as-plmc", kind: .falsePass, level: 0, method: .deterministic,
                    summary: "MonteCarloClaimTests (PN-P12): fine LMC presented as PLMC has distance exactly 0 (bit-identical path) and is rejected"),
        BudgetEntry(id: "C12.mutant.sqrt-eta-noise", kind: .falsePass, level: monteCarlo(MonteCarloLevels.c12MutantPerCheck, 6),
                    method: .empiricalBernstein,
                    summary: "MonteCarloClaimTests / MonteCarloExtensionTests (PN-P12): √η noise (distance does not vanish, slope ≈ 0.1–0.2) rejected by the secant rule; 6 cases (full)"),
        // C2 — default cases mixture-1d-c1, mixture-1d-c2, mixture-product-d5-c2, cosine-d5; + the worked example
        BudgetEntry(id: "C2.mc.binomial-count", kind: .falseFailure, level: monteCarlo(MonteCarloLevels.c2CountPerK, 35),
                    method: .clopperPearson,
                    summary: "MonteCarloClaimTests / MonteCarloExtensionTests (PN-P02): Clopper–Pearson interval of the Bin(n(K−1), 1/K) midpoint count contains 1/K; K ∈ {2, 4, 16} quick / 7 values full, × 5 cases"),
        BudgetEntry(id: "C2.mc.poisson-count", kind: .falseFailure, level: monteCarlo(MonteCarloLevels.c2CountPerK, 5),
                    method: .exact("Garwood χ²"),
                    summary: "MonteCarloClaimTests / MonteCarloExtensionTests (PN-P02): Garwood interval of the Poisson(n) midpoint count (K = ∞) contains n; 5 cases"),
        BudgetEntry(id: "C2.mutant.flag-probability", kind: .falsePass, level: monteCarlo(MonteCarloLevels.c2MutantPerCheck, 35),
                    method: .hoeffding,
                    summary: "MonteCarloClaimTests / MonteCarloExtensionTests (PN-P02): flags ~ Bernoulli(1/(K+1)) rejected; designed Hoeffding bound ≤ β checked per run; per finite K ≥ 2 × 5 cases"),
        BudgetEntry(id: "C2.mutant.index-zero", kind: .falsePass, level: monteCarlo(MonteCarloLevels.c2MutantPerCheck, 35),
                    method: .hoeffding,
                    summary: "MonteCarloClaimTests / MonteCarloExtensionTests (PN-P02): counting the i = 0 midpoint rejected; designed Hoeffding bound ≤ β checked per run; per finite K ≥ 2 × 5 cases"),
    ]
}

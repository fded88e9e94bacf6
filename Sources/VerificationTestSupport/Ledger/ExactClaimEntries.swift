// Ledger entries of the exact claims (VerificationTests.ExactClaim*Tests). See BudgetLedger.swift for how to add
// entries. Every check here is deterministic — exact laws, no sampling — so each has level 0 (β = 0 for the mutant
// checks): they are listed to document which mutant each exact claim rejects, not to spend budget.

extension StatisticalBudget {
    /// The mutant (false-pass) checks of the exact claims: all deterministic, level 0.
    static let exactClaimEntries: [BudgetEntry] = {
        func mutant(_ id: String, _ summary: String) -> BudgetEntry {
            BudgetEntry(id: id, kind: .falsePass, level: 0, method: .deterministic, summary: summary)
        }
        return [
            mutant("C1.mutant.laws", "ExactClaimStructureTests (PN-P01): PLMC(K=1) with off-by-one index and with √η noise must not have LMC's exact laws"),
            mutant("C11.mutant.cost-exponent", "ExactClaimRateTests (PN-P11): independent midpoint noise and η/K weight must exceed ½·q(LMC) + 0.1"),
            mutant("C13.mutant.gain-check", "ExactClaimRateTests (PN-P13): correct PLMC(∞) (slope 2) and LMC (constant ½) must fail the 'loses the gain' check"),
            mutant("C3.mutant.mean-map", "ExactClaimStructureTests (PN-P03): PLMC(4) with η/K weight must not match the closed-form mean map"),
            mutant("C4.mutant.covariance", "ExactClaimStructureTests (PN-P04): every moment-law mutant of PLMC(4) and PLMC(∞) must differ from f_K(ηA)A⁻¹"),
            mutant("C5.mutant.bias-order", "ExactClaimRateTests (PN-P05): LMC (√η noise, PLMC law) and PLMC (K=∞: 4 mutants; finite K: 6) rejected by the slope rule"),
            mutant("C6.mutant.distance-order", "ExactClaimRateTests (PN-P06): the C5 mutants rejected for KL, W2 and (d = 1) TV slopes"),
            mutant("C7.mutant.one-step-kl", "ExactClaimTransitionTests (PN-P07): independent noise, η/K weight, coarse LMC (slope 2) rejected"),
            mutant("C8.mutant.path-kl-proxy", "ExactClaimTransitionTests (PN-P08): independent noise, η/K weight, coarse LMC (slope 1) rejected"),
            mutant("C9.mutant.underdamped-order", "ExactClaimTransitionTests (PN-P09): no correction (= ULMC), √η noise (Σ/2), PLMC-ULMC law in ULMC's place rejected"),
        ]
    }()
}

import Langevin

extension ClaimRegistry {
    /// The Monte Carlo claims: C2 (drift-call cost), C10 (non-Gaussian stationary bias orders), C12 (no strong-error
    /// gain), in id order. Their levels are `MonteCarloLevels`; their budget lines are in
    /// `VerificationTestSupport/Ledger/MonteCarloClaimEntries.swift`.
    public static let monteCarloClaims: [Claim] = [MonteCarloClaims.c2, MonteCarloClaims.c10, MonteCarloClaims.c12]
}

/// The claim values of C2, C10 and C12 (paper-notes §7; proofs-notes PN-P02, PN-P10, PN-P12).
public enum MonteCarloClaims {
    public static let c2 = Claim(
        id: "C2", title: "drift-call cost",
        statement: "PLMC(η, K) evaluates the drift 2 − 1/K times per step on average (2 for K = ∞): one base call and "
            + "a Bin(K − 1, 1/K) (Poisson(1) for K = ∞) number of midpoint calls; the i = 0 midpoint costs nothing.",
        provenance: .verified, requiredAssumptions: [],
        metric: C02DriftCallCost.metric,
        expectedRelation: "2 − 1/K inside the exact (Clopper–Pearson / Garwood) interval of the engine's count",
        proofsNote: "PN-P02", kind: .monteCarlo,
        defaultCases: { _ in [try ClaimCase(try GaussianMixtureCase(dimension: 1, separation: 1))] },
        check: { try C02DriftCallCost.check($0, $1) })

    public static let c10 = Claim(
        id: "C10", title: "non-Gaussian stationary bias orders",
        statement: "On a non-Gaussian, non-log-concave target with a Lipschitz drift (½N(−1,1) + ½N(1,1)), the "
            + "stationary bias of a smooth bounded observable satisfies E φ(PLMC(η,K)) − E φ(fine LMC(η/K)) ∝ η² "
            + "and E φ(LMC(η)) − E φ(fine LMC(η/K)) ∝ η.",
        provenance: .reconstructed, requiredAssumptions: [.lipschitzDrift, .logSobolev, .timeHomogeneous],
        metric: C10StationaryBias.plmcMetric + "; " + C10StationaryBias.lmcMetric,
        expectedRelation: "slopes 2 ± 0.4 and 1 ± 0.2 (exact kernel quadrature); engine differences contain the exact "
            + "values; Monte Carlo secant slopes (R15) in the full tier",
        proofsNote: "PN-P10", kind: .monteCarlo,
        defaultCases: { options in
            var cases = [try ClaimCase(try GaussianMixtureCase(dimension: 1, separation: 1))]
            if options.tier == .full { cases.append(try ClaimCase(try GaussianMixtureCase(dimension: 5, separation: 1))) }
            return cases
        },
        check: { try C10StationaryBias.check($0, $1) })

    public static let c12 = Claim(
        id: "C12", title: "no strong-error gain",
        statement: "Under the synchronous coupling with fine LMC(η/K), the RMS distance of PLMC(η, K) to the fine chain "
            + "is O(η) (slope 1, not 2) and larger than coarse LMC's (≈ 1.4× for K = 4, ≈ 1.5–1.6× for large K).",
        provenance: .reconstructed, requiredAssumptions: [.lipschitzDrift, .timeHomogeneous],
        metric: C12StrongError.metric,
        expectedRelation: "secant slope 1 ± 0.2 (R15); ratio to LMC ≥ 1; on OU the exact coupled second moment",
        proofsNote: "PN-P12", kind: .monteCarlo,
        defaultCases: { _ in
            [try ClaimCase(try GaussianMixtureCase(dimension: 1, separation: 1)),
             try ClaimCase(try IsotropicGaussianCase(dimension: 1))]
        },
        check: { try C12StrongError.check($0, $1) })
}

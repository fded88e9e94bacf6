/// The false-failure levels α and the designed false-pass rates β of the Monte Carlo claims C2, C10, C12 and of the
/// engine-agreement check E1 (one place: the checks use these numbers, and the test-support budget ledger
/// (`Ledger/MonteCarloClaimEntries.swift`, `Ledger/EngineAgreementEntries.swift`) declares the same numbers, so a change
/// here is a change of the declared budget). docs/testing-policy.md R1, R19; PN-V07–PN-V10.
public enum MonteCarloLevels {
    /// C2: each exact interval (Clopper–Pearson for the Bin(n(K−1), 1/K) midpoint count, Garwood χ² for the
    /// Poisson(n) count at K = ∞), per K.
    public static let c2CountPerK = 1e-9
    /// C2 mutants: designed false-pass bound per mutant and K (Hoeffding on the mutant's count).
    public static let c2MutantPerCheck = 1e-9

    /// C10: each containment interval of a Monte Carlo paired difference E[φ(X_scheme)] − E[φ(X_fine)] around its
    /// exact (kernel-quadrature) value, per scheme and step (two-sided empirical Bernstein).
    public static let c10ContainmentPerCheck = 1e-9
    /// C10: each secant-slope decision (R15): its two end intervals at α/2 each.
    public static let c10SecantPerCheck = 1e-9
    /// C10 mutants: designed false-pass bound per mutant and step (empirical Bernstein at β around the mutant's mean).
    public static let c10MutantPerCheck = 1e-9
    /// The fine-chain check: fine LMC's E φ against the quadrature reference, per case.
    public static let c10QuadraturePerCheck = 1e-9

    /// C12: each secant-slope decision on the clipped RMS distance (two end intervals at α/2 each).
    public static let c12SecantPerCheck = 1e-9
    /// C12: each containment of a clipped mean-square distance around its exact Gaussian value (OU case).
    public static let c12ContainmentPerCheck = 1e-9
    /// C12 mutants: designed false-pass bound per mutant.
    public static let c12MutantPerCheck = 1e-9

    /// E1: each Catoni interval of the engine-agreement check (one coordinate mean or one uᵀΣu of one scheme at one
    /// horizon on one case; PN-V10). Its half-width grows only like √log(1/α), so a tiny level is cheap.
    public static let e1AgreementPerCheck = 3e-12
    /// E1 mutants: the designed false-pass bound of each mutant (its best-separating check; power ≥ 1 − 1e-10).
    public static let e1MutantPerCheck = 1e-10
    /// The number of E1 checks of the subjects on the built-in cases (both tiers run the same checks): the ledger's
    /// "E1.mc.agreement" is `e1AgreementPerCheck` × this.
    public static var e1AgreementChecks: Int { ClaimE01.defaultCheckCount }
    /// The number of E1 mutants on the built-in cases: the ledger's "E1.mutant.agreement" is `e1MutantPerCheck` × this.
    public static var e1Mutants: Int { ClaimE01.defaultMutantCount }
}

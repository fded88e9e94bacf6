/// The id of a budget-ledger entry: the declared false-failure (α) or false-pass (β) level a statistical check
/// spends (docs/testing-policy.md R1, R19). A check carries the id of its entry as data on its verdict
/// (`ClaimVerdict.ledger`), so test support totals what a run spends per entry without reading any text. The
/// ledger itself (levels, methods, summaries) lives in the test support target; the ids of the claims' checks are
/// declared here, next to the claims that use them.
public struct LedgerID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    // C2 — drift-call cost
    public static let c2BinomialCount = LedgerID("C2.mc.binomial-count")
    public static let c2PoissonCount = LedgerID("C2.mc.poisson-count")
    public static let c2MutantFlagProbability = LedgerID("C2.mutant.flag-probability")
    public static let c2MutantIndexZero = LedgerID("C2.mutant.index-zero")
    // C10 — non-Gaussian stationary bias orders
    public static let c10Containment = LedgerID("C10.mc.containment")
    public static let c10Quadrature = LedgerID("C10.mc.quadrature")
    public static let c10Secant = LedgerID("C10.mc.secant")
    public static let c10MutantContainment = LedgerID("C10.mutant.containment")
    public static let c10MutantSecant = LedgerID("C10.mutant.secant")
    public static let c10CoupledSecant = LedgerID("C10.mc.coupled-secant")
    public static let c10MutantCoupledSecant = LedgerID("C10.mutant.coupled-secant")
    // C12 — no strong-error gain
    public static let c12ContainmentOU = LedgerID("C12.mc.containment-ou")
    public static let c12Secant = LedgerID("C12.mc.secant")
    public static let c12MutantSqrtEtaNoise = LedgerID("C12.mutant.sqrt-eta-noise")
    // E1 — engine agreement
    public static let e1Agreement = LedgerID("E1.mc.agreement")
    public static let e1Mutants = LedgerID("E1.mutant.agreement")
}

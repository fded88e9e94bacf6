/// A case with the drift, potential and reference of `base` and other declared assumptions: how a declaration is
/// tried before it is written into a case (`langevin-verify declarations --case NAME --lipschitz L …`), and how the
/// tests present wrong declarations to `DeclarationCheck` (PN-V14).
public struct RedeclaredCase<Base: AssumptionCase>: AssumptionCase {
    public let base: Base
    public let assumptions: DeclaredAssumptions

    public init(_ base: Base, assumptions: DeclaredAssumptions) {
        self.base = base
        self.assumptions = assumptions
    }

    public var name: String { base.name }
    public var dimension: Int { base.dimension }
    public var drift: Base.Drift { base.drift }
    public var potential: (@Sendable ([Double]) -> Double)? { base.potential }
    public var gradient: (@Sendable ([Double]) -> [Double])? { base.gradient }
    public var reference: CaseReference { base.reference }
    public var summary: String { base.summary + " (declarations replaced)" }
    public var stationarySampler: ExactSampler? { base.stationarySampler }
}

extension AssumptionCase {
    /// This case with other declared assumptions (`RedeclaredCase`).
    public func redeclared(_ assumptions: DeclaredAssumptions) -> RedeclaredCase<Self> {
        RedeclaredCase(self, assumptions: assumptions)
    }
}

extension AssumptionCases {
    /// Checks the declarations of every registered case (`allCases()`, PN-V14) and returns each case with what was
    /// measured; throws the first contradiction. `langevin-verify list` calls this; `verify` checks only the cases it
    /// runs on (`VerificationPlan.units`).
    public static func checkedDeclarations() throws -> [(assumptionCase: any AssumptionCase, report: DeclarationReport)] {
        try allCases().map { c in (c, try c.checkDeclarations()) }
    }
}

/// Whether a claim is checked from exact laws (no randomness) or by Monte Carlo with guaranteed-level intervals.
public enum ClaimCheckKind: String, Sendable, Equatable {
    case exact
    case monteCarlo
}

/// One checkable claim (docs/theory.md §7 numbering): its statement, provenance, the assumptions it
/// needs, the metric and expected relation, the proofs-note that derives it, and the check.
///
/// `check` returns verdicts with all numbers (it never prints), for the subject and for each mutant that must be
/// rejected; `run` first matches the case's assumptions and turns thrown errors into `.inconclusive` verdicts.
public struct Claim: Sendable, Identifiable {
    public let id: ClaimID
    /// A short title, e.g. "bias order".
    public let title: String
    public let statement: String
    public let provenance: Provenance
    public let requiredAssumptions: Set<Assumption>
    public let metric: String
    public let expectedRelation: String
    /// The proofs-note id, e.g. "PN-P05".
    public let proofsNote: String
    public let kind: ClaimCheckKind
    /// Whether `verify` without `--claim` runs it. False for a verdict about the paper in a setting that differs from
    /// the paper's (C15), whose failure is a finding rather than a defect of the suite: it runs with `--claim` and in
    /// its own subcommand, so the default run's exit status keeps meaning "the implementation matches the theory".
    public let inDefaultRun: Bool
    /// The check on one case.
    public let check: @Sendable (ClaimRunOptions, ClaimCase) throws -> [ClaimVerdict]
    /// The cases the command-line tool checks by default at this tier.
    public let defaultCases: @Sendable (ClaimRunOptions) throws -> [ClaimCase]

    public init(id: ClaimID, title: String, statement: String, provenance: Provenance,
                requiredAssumptions: Set<Assumption>, metric: String, expectedRelation: String, proofsNote: String,
                kind: ClaimCheckKind, inDefaultRun: Bool = true,
                defaultCases: @escaping @Sendable (ClaimRunOptions) throws -> [ClaimCase],
                check: @escaping @Sendable (ClaimRunOptions, ClaimCase) throws -> [ClaimVerdict]) {
        self.id = id
        self.title = title
        self.statement = statement
        self.provenance = provenance
        self.requiredAssumptions = requiredAssumptions
        self.metric = metric
        self.expectedRelation = expectedRelation
        self.proofsNote = proofsNote
        self.kind = kind
        self.inDefaultRun = inDefaultRun
        self.defaultCases = defaultCases
        self.check = check
    }

    /// The assumptions of this claim that `claimCase` does not satisfy.
    public func missingAssumptions(in claimCase: ClaimCase) -> [Assumption] {
        let satisfied = claimCase.satisfiedAssumptions
        return Assumption.allCases.filter { requiredAssumptions.contains($0) && !satisfied.contains($0) }
    }

    /// Checks the claim on `claimCase`: one `.outsideAssumptions` verdict if an assumption is missing; one
    /// `.inconclusive` verdict (with the error) if the check throws; otherwise the check's verdicts.
    public func run(_ options: ClaimRunOptions, on claimCase: ClaimCase) -> [ClaimVerdict] {
        let missing = missingAssumptions(in: claimCase)
        if !missing.isEmpty {
            return [ClaimVerdict(claimID: id, caseName: claimCase.name, subject: "—", metric: metric,
                                 expected: ExpectedValue(expectedRelation),
                                 outcome: .outsideAssumptions("the case lacks: " + missing.map(\.description).joined(separator: ", ")))]
        }
        do {
            return try check(options, claimCase)
        } catch {
            return [ClaimVerdict(claimID: id, caseName: claimCase.name, subject: "—", metric: metric,
                                 expected: ExpectedValue(expectedRelation), outcome: .inconclusive("the check threw: \(error)"))]
        }
    }

    /// `run` on every default case of the tier (an `.inconclusive` verdict if the default cases cannot be built).
    public func runDefaultCases(_ options: ClaimRunOptions) -> [ClaimVerdict] {
        do {
            return try defaultCases(options).flatMap { run(options, on: $0) }
        } catch {
            return [ClaimVerdict(claimID: id, caseName: "default cases", subject: "—", metric: metric,
                                 expected: ExpectedValue(expectedRelation),
                                 outcome: .inconclusive("the default cases could not be built: \(error)"))]
        }
    }
}

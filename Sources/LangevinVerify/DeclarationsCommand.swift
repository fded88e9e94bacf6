import ArgumentParser
import Langevin

/// `langevin-verify declarations`: the declared assumptions of every registered case next to what the declaration
/// check measured on its probe set (PN-V14); with `--case NAME` and any of `--lipschitz`, `--strong-log-concavity`,
/// `--log-sobolev`, the case's declarations are replaced by the given ones first (try a declaration before writing
/// it into a case). A contradicted declaration is one line and status 65, never a verdict.
struct DeclarationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declarations",
        abstract: "Check the declared assumptions of the registered cases against their drifts (or try new ones with --case)."
    )

    @Option(name: .customLong("case"), help: "Only this registered case.")
    var caseName: String?

    @Option(help: "Declare this Lipschitz constant L instead (needs --case).")
    var lipschitz: Double?

    @Option(name: .customLong("strong-log-concavity"), help: "Declare this strong log-concavity m instead (needs --case).")
    var strongLogConcavity: Double?

    @Option(name: .customLong("log-sobolev"), help: "Declare this log-Sobolev constant instead (needs --case).")
    var logSobolev: Double?

    func validate() throws {
        if caseName == nil, lipschitz != nil || strongLogConcavity != nil || logSobolev != nil {
            throw ValidationError("--lipschitz, --strong-log-concavity and --log-sobolev need --case NAME")
        }
    }

    func run() throws {
        let registered: [any AssumptionCase]
        do { registered = try AssumptionCases.allCases() } catch {
            throw ToolError(.dataError, "the registered assumption cases could not be built: \(error)")
        }
        var selected = registered
        if let caseName {
            guard let found = registered.first(where: { $0.name == caseName }) else {
                throw ToolError.usage("--case \(caseName): not a registered case; see `list`")
            }
            selected = [found]
        }
        var lines: [String] = []
        for c in selected {
            var declared = c.assumptions
            if let lipschitz { declared.lipschitz = lipschitz }
            if let strongLogConcavity { declared.stronglyLogConcave = strongLogConcavity }
            if let logSobolev { declared.logSobolev = .known(logSobolev) }
            let report = try Self.check(c, declared)
            lines.append("\(c.name): \(Self.declarationText(declared)); \(report.summary)")
        }
        for line in lines { print(line) }
    }

    /// The declaration check of `c` with `declared` in place of its own declarations.
    static func check<C: AssumptionCase>(_ c: C, _ declared: DeclaredAssumptions) throws(DeclarationError) -> DeclarationReport {
        try c.redeclared(declared).checkDeclarations()
    }

    /// `L = …, m = …, LSI …` on one line.
    static func declarationText(_ a: DeclaredAssumptions) -> String {
        let l = a.lipschitz.map { "L = \($0)" } ?? "L: not Lipschitz"
        let m = a.stronglyLogConcave.map { "m = \($0)" } ?? "m: not strongly log-concave"
        let lsi: String
        switch a.logSobolev {
        case .known(let lambda): lsi = "LSI λ ≥ \(lambda)"
        case .holdsUnknownConstant: lsi = "LSI holds (constant unknown)"
        case .unknown: lsi = "LSI unknown"
        }
        return "declared \(l), \(m), \(lsi)"
    }
}

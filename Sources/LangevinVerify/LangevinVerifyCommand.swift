import ArgumentParser

/// `langevin-verify`: numerical verdicts on what theory promises about Langevin discretisations.
struct LangevinVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "langevin-verify",
        abstract: "Check, numerically, what theory promises about discretisations of Langevin dynamics.",
        discussion: """
        Centred on the Poisson midpoint method (PLMC, Kandasamy & Nagaraj, arXiv 2405.17068).
        With no arguments it runs `verify`: every claim on the built-in cases, with a verdict table,
        results.csv, manifest.json and plots under data/runs/.
        """,
        subcommands: [VerifyCommand.self, ListCommand.self, MergeCommand.self, ExactCommand.self, SimulateCommand.self,
                      BenchCommand.self, DiffusionCommand.self, DeclarationsCommand.self],
        defaultSubcommand: VerifyCommand.self
    )
}

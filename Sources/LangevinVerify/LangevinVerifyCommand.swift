import ArgumentParser

/// `langevin-verify`: numerical verdicts on what theory promises about Langevin discretisations.
struct LangevinVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "langevin-verify",
        abstract: "Check, numerically, what theory promises about discretisations of Langevin dynamics.",
        discussion: """
        Centred on the Poisson midpoint method (PLMC, Kandasamy & Nagaraj, arXiv 2405.17068).
        `exact` prints exact stationary laws of the discrete chains under linear drift.
        """,
        subcommands: [ExactCommand.self, SimulateCommand.self]
    )
}

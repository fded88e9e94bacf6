import ArgumentParser
import SchemeVocabulary

/// `langevin-verify diffusion`: diffusion-model samplers on exact scores (docs/theory.md §8; PN-D01 … PN-D05).
/// With no subcommand: the sweep (`DiffusionSweepCommand`). `exact` and `sample` are fixed interfaces (README.md, "Diffusion"): external checks call them.
struct DiffusionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diffusion",
        abstract: "Diffusion-model samplers on exact scores: the quality-vs-NFE sweep with the C15 decisions (default), "
            + "exact output laws and deterministic samples.",
        subcommands: [DiffusionSweepCommand.self, DiffusionExactCommand.self, DiffusionSampleCommand.self,
                      DiffusionMergeCommand.self],
        defaultSubcommand: DiffusionSweepCommand.self
    )
}

/// `--schedule linear|ldm`.
enum ScheduleName: String, ExpressibleByArgument, CaseIterable {
    case linear, ldm

    var schedule: NoiseSchedule { self == .linear ? .linear : .ldm }
}

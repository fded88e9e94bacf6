import ArgumentParser
import SchemeVocabulary

/// `langevin-verify diffusion`: diffusion-model samplers on exact scores (docs/theory.md §8; PN-D01 … PN-D05).
/// `exact` and `sample` are fixed interfaces (README.md, "Diffusion"): external checks call them.
struct DiffusionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diffusion",
        abstract: "Diffusion-model samplers on exact scores: exact output laws and deterministic samples.",
        subcommands: [DiffusionExactCommand.self, DiffusionSampleCommand.self]
    )
}

/// `--schedule linear|ldm`.
enum ScheduleName: String, ExpressibleByArgument, CaseIterable {
    case linear, ldm

    var schedule: NoiseSchedule { self == .linear ? .linear : .ldm }
}

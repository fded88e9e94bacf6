import ArgumentParser
import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary
import Verification

/// `langevin-verify diffusion sample`: a deterministic sampler run from given starts on the exact score of a Gaussian
/// mixture read from a file (PN-D01, PN-D02, PN-D03). Fixed interface.
struct DiffusionSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Run DDIM, DPM-Solver++(2M), DPM-Solver-2 or Heun from given starts on a Gaussian mixture's exact score.",
        discussion: """
        --mixture FILE.json holds {"weights": [...], "means": [[...]], "covariances": [[[...]]]}. Each row of --start is
        one x_T at the sampler's first grid time. Grids: ddim and dpm-solver-2 the leading grid (N−1−i)·1000/N (N divides
        1000); dpm-solver++2m round(linspace(0, 999, N+1)) reversed without its last point, ending with a first-order
        step to σ = 0; heun the N times linspace(0, 999, N) in binary32 with σ̂ interpolated linearly in t, then σ̂ = 0,
        starting from x̂ = x_T·√(1 + σ̂₀²) (2N − 1 calls). Prints {"samples": [[...]], "nfe": n}.
        """
    )

    @Option(help: "ddim, dpm-solver++2m, dpm-solver-2 or heun.")
    var sampler: SampleSamplerName

    @Option(help: "Number of steps N.")
    var steps: Int

    @Option(help: "Noise schedule: linear or ldm.")
    var schedule: ScheduleName

    @Option(help: "Mixture JSON file.")
    var mixture: String

    @Option(help: "Starts x_T, one row per sample, rows separated by ';'.")
    var start: String

    @Flag(help: "Print one JSON object {\"samples\": [[...]], \"nfe\": n}.")
    var json = false

    /// At most this many starts per call.
    static let maximumStarts = 100_000

    func run() throws {
        let sampler: DiffusionSampler
        switch self.sampler {
        case .ddim: sampler = .ddim(steps: steps)
        case .dpmSolverPP2M: sampler = .dpmSolverPP2M(steps: steps)
        case .dpmSolver2: sampler = .dpmSolver2(steps: steps)
        case .heun: sampler = .heun(steps: steps)
        }
        do { try sampler.validate(scheduleLength: 1000) } catch { throw ValidationError(error.description) }
        let law: GaussianMixtureLaw
        guard FileManager.default.isReadableFile(atPath: mixture) else {
            throw ToolError(.noInput, "--mixture \(CommandLineRules.quotedName(mixture)): no readable file there")
        }
        do { law = try GaussianMixtureLaw(contentsOf: URL(fileURLWithPath: mixture)) } catch {
            throw ValidationError("--mixture \(ArgumentParsing.quoted(mixture)): \(error.description)")
        }
        let rows = start.split(separator: ";", omittingEmptySubsequences: false)
        guard rows.count <= Self.maximumStarts else {
            throw ValidationError("--start has \(rows.count) rows, more than the limit of \(Self.maximumStarts)")
        }
        var starts: [Double] = []
        for (i, row) in rows.enumerated() {
            let x = try ArgumentParsing.vector(String(row), option: "--start row \(i + 1)")
            guard x.count == law.dimension else {
                throw ValidationError("--start row \(i + 1) has \(x.count) entries, the mixture has dimension \(law.dimension)")
            }
            starts += x
        }
        // one unit per multiply-add of the score: 2 calls per step at most, 2d² per component and call
        let d = Double(law.dimension)
        try ToolLimits.checkWork(Double(rows.count) * 2 * Double(steps) * Double(law.componentCount) * 2 * d * d,
                                 what: "diffusion sample")
        Interruption.setStage("diffusion sample")
        let result = try DiffusionSampling.run(SamplerVariant(sampler), schedule: schedule.schedule, model: law,
                                               configuration: DiffusionRunConfiguration(chains: rows.count, threads: 2,
                                                                                        starts: starts))
        let samples = (0..<result.chains).map { result.sample($0) }
        let nfe = result.networkEvaluations / result.chains
        if json {
            print(JSON.object([("samples", JSON.matrix(samples)), ("nfe", String(nfe))]))
        } else {
            for row in samples { print(row.map(\.description).joined(separator: ", ")) }
            print("nfe: \(nfe)")
        }
    }
}

enum SampleSamplerName: String, ExpressibleByArgument, CaseIterable {
    case ddim
    case dpmSolverPP2M = "dpm-solver++2m"
    case dpmSolver2 = "dpm-solver-2"
    case heun
}

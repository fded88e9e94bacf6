import ArgumentParser
import Foundation
import Langevin
import Synchronization
import Verification

/// `langevin-verify verify` (also the default with no arguments): the quick verification of every registered
/// claim on its built-in cases — a progress line on stderr for long runs, a verdict table on stdout, and results.csv,
/// manifest.json and plots in data/runs/<UTC time>-verify/ (or --output), written atomically.
///
/// Exit status (README.md, "Exit codes and limits"): 0 iff at least one verdict is asserted and every asserted
/// verdict holds (subjects hold, mutants are rejected); 1 if one does not hold; 2 if nothing fails but a check is
/// inconclusive; 3 if nothing is asserted (no unit selected — then nothing is written — or every verdict is outside
/// its claim's assumptions). "Outside the assumptions" is reported, never asserted, and never called "holds".
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify every claim (or one) on the built-in cases; print verdicts, write CSV, manifest and plots."
    )

    @Option(help: "Only this claim (e.g. C5); see `list`.")
    var claim: String?

    @Option(name: .customLong("case"), help: "Only this case (by name); see `list`.")
    var caseName: String?

    @Flag(help: "The full tier: longer ladders, more cases and samples.")
    var full = false

    @Option(help: "Seed of every random part (Monte Carlo claims, engine cross-checks).")
    var seed: UInt64 = ClaimRunOptions().seed

    @Option(help: "Worker threads for Monte Carlo checks (does not change the numbers).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print machine-readable verdicts (one JSON object) on stdout instead of the table.")
    var json = false

    @Option(help: "Output folder (default data/runs/<UTC time>-verify, made unique). Must not exist or be empty.")
    var output: String?

    @Option(help: "Run only shard i of n (units with index ≡ i−1 mod n), e.g. 2/8; combine shards with `merge`.")
    var shard: String?

    func validate() throws {
        try validating {
            try ToolLimits.checkThreads(threads)
        }
    }

    func run() throws {
        let options = ClaimRunOptions(tier: full ? .full : .quick, seed: seed, threads: threads)
        let selection = try shard.map { try ShardSelection(parsing: $0) } ?? .whole
        // the declarations of every case the selected claims run on are checked while the units are built, before
        // anything runs (`ClaimCase.init`, PN-V14): a contradicted one is one line, status 65 — and a contradicted
        // registered case that this selection does not run on blocks nothing
        let planned = try VerificationPlan.units(options: options, claimID: claim, caseName: caseName)
        let units = planned.filter { selection.contains($0.index) }
        guard !units.isEmpty else {
            throw ToolError(.nothingAsserted, "nothing selected: shard \(selection) holds none of the \(planned.count) "
                            + "unit(s) of this selection (units with index ≡ \(selection.index - 1) mod \(selection.count)); "
                            + "nothing was run or written")
        }
        let folder = try RunFolder.make(output: output, defaultName: "verify")
        do {
            let state = VerifyProgress(total: units.count)
            let reporter = ProgressReporter(quietSeconds: 2) { state.snapshot() }
            reporter.begin()
            let result = VerificationRunner.run(units, options: options) { done, total, current, _ in
                let text = current.map { "\($0.claim.id) on \($0.claimCase.name)" } ?? "writing the results"
                state.update(done: done, current: text)
                Interruption.setStage("unit \(min(done + 1, total)) of \(total) (\(text))")
            }
            reporter.end()
            Interruption.setStage("writing the results")
            let csv = ResultsCSV.render(result.csvRows)
            try folder.write(csv, to: "results.csv")
            let runSelection = RunSelection(claim: claim, caseName: caseName, unitCount: planned.count)
            try folder.write(RunManifest.render(result: result, options: options, shard: selection, selection: runSelection,
                                                results: ResultsDigest(of: csv),
                                                environment: RunPaths.environmentFacts(command: CommandLine.arguments)),
                             to: "manifest.json")
            Interruption.setStage("drawing the plots")
            let plotNote = try PlotWriter.write(result, into: folder)
            let destination = try folder.commit()
            Interruption.setStage("printing the verdicts")
            if json {
                print(VerdictTable.json(result))
            } else {
                print(VerdictTable.text(result))
                let hasPlots = FileManager.default.fileExists(atPath: destination.appendingPathComponent("plots").path)
                print("results: \(destination.path)/results.csv, manifest.json" + (hasPlots ? ", plots/" : " (no plots: these claims draw none)"))
                if let plotNote { print(plotNote) }
            }
            try Self.exitStatus(of: result, folder: destination.path)
        } catch {
            folder.discard()   // no effect after a commit
            throw error
        }
    }

    /// Throws the status of a finished run that is not a success (its line names the folder with the details).
    static func exitStatus(of result: VerificationRunResult, folder: String) throws(ToolError) {
        guard let line = result.statusLine(resultsIn: folder) else { return }
        switch result.outcome {
        case .holds: return
        case .fails: throw ToolError(.claimFails, line)
        case .inconclusive: throw ToolError(.inconclusive, line)
        case .nothingAsserted: throw ToolError(.nothingAsserted, line)
        }
    }
}

/// The state a verify run's progress line reads (units done, the unit running).
final class VerifyProgress: Sendable {
    private struct State { var done = 0; var current = "" }
    private let state = Mutex(State())
    let total: Int

    init(total: Int) { self.total = total }

    func update(done: Int, current: String) { state.withLock { $0 = State(done: done, current: current) } }

    func snapshot() -> (fraction: Double, current: String) {
        state.withLock { s in
            (total == 0 ? 1 : Double(s.done) / Double(total), "\(s.done)/\(total) units, \(s.current)")
        }
    }
}

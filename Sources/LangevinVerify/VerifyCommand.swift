import ArgumentParser
import Foundation
import Verification

/// `langevin-verify verify` (also the default with no arguments): the quick verification of every registered
/// claim on its built-in cases — a live progress line on stderr, a verdict table on stdout, and results.csv,
/// manifest.json and plots in data/runs/<UTC time>-verify/ (or --output). Exit 0 iff every asserted verdict holds
/// (subjects hold, mutants are rejected); "outside the assumptions" is reported, not asserted.
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

    @Option(help: "Output folder (default data/runs/<UTC time>-verify). Must not exist or be empty.")
    var output: String?

    @Option(help: "Run only shard i of n (units with index ≡ i−1 mod n), e.g. 2/8; combine shards with `merge`.")
    var shard: String?

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let options = ClaimRunOptions(tier: full ? .full : .quick, seed: seed, threads: threads)
        let selection = try shard.map { try ShardSelection(parsing: $0) } ?? .whole
        let units = try VerificationPlan.units(options: options, claimID: claim, caseName: caseName)
            .filter { selection.contains($0.index) }
        let destination = URL(fileURLWithPath: output ?? RunPaths.defaultRunFolder(name: "verify"))
        let folder = try OutputDirectory(final: destination)
        do {
            let progress = ProgressLine(total: units.count)
            let result = VerificationRunner.run(units, options: options) { done, total, current, elapsed in
                progress.update(done: done, current: current.map { "\($0.claim.id) on \($0.claimCase.name)" }, elapsed: elapsed)
            }
            progress.finish()
            try folder.write(ResultsCSV.render(result.csvRows), to: "results.csv")
            try folder.write(RunManifest.render(result: result, options: options, shard: selection,
                                                environment: RunPaths.environmentFacts(command: CommandLine.arguments)),
                             to: "manifest.json")
            let plotNote = try PlotWriter.write(result, into: folder)
            try folder.commit()
            if json {
                print(VerdictTable.json(result))
            } else {
                print(VerdictTable.text(result))
                print("results: \(destination.path)/results.csv, manifest.json, plots/")
                if let plotNote { print(plotNote) }
            }
            if !result.allAssertedHold { throw ExitCode(1) }
        } catch {
            if !(error is ExitCode) { folder.discard() }
            throw error
        }
    }
}

/// A progress line with ETA on stderr (rewritten in place on a terminal, one line per unit otherwise).
final class ProgressLine {
    let total: Int
    let interactive = isatty(2) != 0

    init(total: Int) { self.total = total }

    func update(done: Int, current: String?, elapsed: Double) {
        let width = 24
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var eta = "ETA –"
        if done > 0, done < total { eta = "ETA \(Self.clock(elapsed / Double(done) * Double(total - done)))" }
        if done == total { eta = "done in \(Self.clock(elapsed))" }
        let line = "\(bar) \(done)/\(total) \(Self.clock(elapsed)) \(eta)" + (current.map { "  \($0)" } ?? "")
        if interactive {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    func finish() { if interactive { FileHandle.standardError.write(Data("\n".utf8)) } }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}

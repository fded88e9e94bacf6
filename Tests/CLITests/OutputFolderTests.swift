import Foundation
import XCTest

/// Output folders (`OutputDirectory`, `RunFolder`): unique default names, never shared by concurrent runs; an atomic
/// commit that never deletes what the run did not create; refusal of "", ".", the current folder and non-empty
/// destinations; nothing left behind by a refused or failed run.
final class OutputFolderTests: ScratchFolderTestCase {
    private let oneUnit = ["verify", "--claim", "C1", "--case", "gaussian-1d-a2"]

    /// Runs `count` copies of `arguments` at once (in `directory`).
    private func concurrently(_ count: Int, _ arguments: [[String]], directory: URL? = nil) -> [ToolRun] {
        let results = LockedRuns(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let run = (try? ToolRunner.run(arguments[i % arguments.count], directory: directory))
                ?? ToolRun(status: -1, stdout: "", stderr: "could not start", killedBySignal: false, timedOut: false)
            results.set(i, run)
        }
        return results.all
    }

    /// Runs started in the same second get distinct default folders; every run's results survive.
    func testConcurrentRunsGetDistinctDefaultFolders() throws {
        let runs = concurrently(4, [oneUnit + ["--json"], ["verify", "--claim", "C4", "--case", "gaussian-1d-a2", "--json"]],
                                directory: scratch)
        for run in runs { XCTAssertEqual(run.status, 0, run.stderr) }
        let folders = try FileManager.default.contentsOfDirectory(atPath: path("data/runs")).sorted()
        XCTAssertEqual(folders.count, 4, "one folder per run: \(folders)")
        XCTAssertFalse(folders.contains { $0.hasPrefix(".") }, "no staging folder is left: \(folders)")
        for folder in folders {
            let csv = try read(path("data/runs/\(folder)"), "results.csv")
            XCTAssertTrue(csv.contains(",C1,") || csv.contains(",C4,"), folder)
        }
        let claims = try folders.map { try read(path("data/runs/\($0)"), "results.csv").contains(",C1,") ? "C1" : "C4" }
        XCTAssertEqual(claims.sorted(), ["C1", "C1", "C4", "C4"], "no run replaced another's folder")
    }

    /// Two runs given the same --output: one fills it; the other either is refused up front (another run is writing to
    /// it) or, if it got past that check, keeps its results in `NAME-2` and says so — never exit 0 with a lost result.
    func testSharedOutputNeverLosesAResult() throws {
        let runs = concurrently(2, [oneUnit + ["--output", path("shared")], ["verify", "--claim", "C4", "--case",
                                                                           "gaussian-1d-a2", "--output", path("shared")]])
        let statuses = runs.map(\.status).sorted()
        XCTAssertEqual(statuses.first, 0, runs.map(\.stderr).joined())
        XCTAssertEqual(statuses.last, 73, "the second run must not report success: \(runs.map(\.stderr))")
        let loser = runs.first { $0.status == 73 }!
        XCTAssertEqual(loser.stderrLines.count, 1, loser.stderr)
        // refused up front (the other run's staging folder exists, or it already committed), or kept in shared-2
        XCTAssertTrue(loser.stderr.contains("another run") || loser.stderr.contains("not an empty folder"), loser.stderr)
        XCTAssertNoThrow(try read(path("shared"), "results.csv"))
        if loser.stderr.contains("results are in") {
            XCTAssertNoThrow(try read(path("shared-2"), "results.csv"), "the kept results exist")
        }
        XCTAssertFalse(entries().contains { $0.contains(".partial-") }, "\(entries())")
    }

    func testUnusableDestinationsAreRefusedAndNothingIsLeft() throws {
        try FileManager.default.createDirectory(atPath: path("full"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: path("full/file")))
        try Data("x".utf8).write(to: URL(fileURLWithPath: path("a-file")))
        let cases: [(String, String)] = [
            ("", "needs a folder name"), (".", "needs a folder name"), ("..", "needs a folder name"),
            (scratch.path, "current folder"), (path("full"), "not an empty folder"), (path("a-file"), "not a folder"),
            (path("a-file/below"), "cannot be created"),
        ]
        for (output, needle) in cases {
            let run = try ToolRunner.run(oneUnit + ["--output", output], directory: scratch)
            XCTAssertEqual(run.status, 73, "\(output): \(run.stderr)")
            XCTAssertEqual(run.stderrLines.count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(needle), "\(output): \(run.stderr)")
        }
        XCTAssertEqual(entries(), ["a-file", "full", "full/file"], "nothing created, nothing deleted")
    }

    /// An existing empty folder is filled; missing parents are created; a refused run removes the parents it made.
    func testEmptyDestinationIsFilledAndCreatedParentsAreRemovedOnRefusal() throws {
        try FileManager.default.createDirectory(atPath: path("empty"), withIntermediateDirectories: true)
        XCTAssertEqual(try ToolRunner.run(oneUnit + ["--output", path("empty")]).status, 0)
        XCTAssertNoThrow(try read(path("empty"), "results.csv"))
        XCTAssertEqual(try ToolRunner.run(oneUnit + ["--output", path("a/b/c")]).status, 0)
        XCTAssertNoThrow(try read(path("a/b/c"), "results.csv"))
        // merge refuses its input only after creating nothing; a refused verify leaves no parents behind
        let refused = try ToolRunner.run(["merge", path("nothing"), "--output", path("x/y/z")])
        XCTAssertEqual(refused.status, 66, refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("x")), "no parent folder is left")
        // the committed folder has the permissions mkdir gives (0777 minus the umask), not the staging folder's 0700
        let mask = umask(0o022)
        umask(mask)
        let folderMode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path("a/b/c"))[.posixPermissions] as? Int)
        XCTAssertEqual(folderMode & 0o777, 0o777 & ~Int(mask))
    }
}

/// Thread-safe collection of runs for `concurrently`.
final class LockedRuns: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [ToolRun?]
    init(count: Int) { runs = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ run: ToolRun) { lock.lock(); runs[i] = run; lock.unlock() }
    var all: [ToolRun] { lock.lock(); defer { lock.unlock() }; return runs.compactMap { $0 } }
}

/// SIGINT, SIGTERM and SIGHUP stop a run with one line saying where it stopped and status 128 + the signal; the
/// unfinished output folder (staging folder) is removed and nothing half-written is left.
final class InterruptionTests: ScratchFolderTestCase {
    private func interrupt(_ arguments: [String], with signal: Int32, after seconds: Double,
                           directory: URL? = nil) throws -> ToolRun {
        try ToolRunner.run(arguments, directory: directory, timeout: 120) { process in
            Thread.sleep(forTimeInterval: seconds)
            kill(process.processIdentifier, signal)
        }
    }

    /// One verify unit that runs far longer than the 1.5 s after which the signal is sent.
    private let longUnit = ["verify", "--claim", "C10", "--case", "mixture-1d-c2.0"]

    func testSignalsRemoveTheUnfinishedFolderAndSayWhereTheRunStopped() throws {
        for (signal, status, name) in [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, 143, "SIGTERM"), (SIGHUP, 129, "SIGHUP")] {
            // C10 on the mixture c = 2 runs for tens of seconds even in a release build (kernel quadrature, then Monte
            // Carlo): the signal comes in the middle (C9, used before, finishes within 1.5 s in release builds)
            let run = try interrupt(longUnit + ["--output", path("out-\(name)")], with: signal, after: 1.5)
            XCTAssertFalse(run.killedBySignal, "\(name): the tool must handle the signal, not die of it")
            XCTAssertEqual(run.status, status, "\(name): \(run.stderr)")
            XCTAssertEqual(run.stderrLines.count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("interrupted by \(name) during "), run.stderr)
            XCTAssertTrue(run.stderr.contains("was removed") && run.stderr.contains("nothing was written"), run.stderr)
            XCTAssertEqual(entries(), [], "\(name): nothing is left: \(entries())")
        }
        // the default folder (and the data/runs parents the run created) are removed too
        let run = try interrupt(longUnit, with: SIGINT, after: 1.5, directory: scratch)
        XCTAssertEqual(run.status, 130, run.stderr)
        XCTAssertEqual(entries(), [], "nothing is left: \(entries())")
    }

    /// A signal after the commit keeps the results and says where they are. The run is held after its commit by a
    /// full stdout pipe (filled here before it starts), so the signal surely arrives while it prints.
    func testSignalAfterTheCommitKeepsTheResults() throws {
        let out = Pipe(), err = Pipe()
        let writer = out.fileHandleForWriting.fileDescriptor
        let flags = fcntl(writer, F_GETFL)
        _ = fcntl(writer, F_SETFL, flags | O_NONBLOCK)
        let chunk = [UInt8](repeating: 0x2E, count: 4096)
        while chunk.withUnsafeBytes({ write(writer, $0.baseAddress, $0.count) }) > 0 {}
        _ = fcntl(writer, F_SETFL, flags)        // the child's writes block on the full pipe
        let process = Process()
        process.executableURL = ToolRunner.executable
        process.arguments = ["verify", "--claim", "C4", "--case", "gaussian-1d-a2", "--output", path("kept")]
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: path("kept")) && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 0.2)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        try? out.fileHandleForWriting.close()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 143, stderr)
        XCTAssertTrue(stderr.contains("interrupted by SIGTERM during printing the verdicts"), stderr)
        XCTAssertTrue(stderr.contains("its results were already written to"), stderr)
        XCTAssertFalse(stderr.contains("nothing was written"), stderr)
        XCTAssertNoThrow(try read(path("kept"), "results.csv"), "the committed results are kept")
        XCTAssertFalse(entries().contains { $0.contains(".partial-") }, "\(entries())")
    }

    func testInterruptedSimulateSaysWhereItStopped() throws {
        let run = try interrupt(["simulate", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--chains", "1000000",
                                 "--steps", "10000", "--json"], with: SIGINT, after: 1)
        XCTAssertEqual(run.status, 130, run.stderr)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderrLines.count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("during simulate (LMC(η=0.1), 1000000 chains × 10000 steps)"), run.stderr)
    }
}

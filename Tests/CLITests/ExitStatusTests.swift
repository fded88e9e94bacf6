import Foundation
import XCTest

/// Exit statuses and messages of the built tool (README.md, "Exit codes and limits"): invalid values are usage errors
/// like parse errors; repeated options are refused; a vacuous selection is status 3, never "holds"; a failed write to
/// stdout is status 74; every refusal is one bounded line that blames what was actually given.
final class ExitStatusTests: ScratchFolderTestCase {
    /// Every status the tool documents (signals: 128 + the signal number, tested in `InterruptionTests`).
    static let documented: Set<Int32> = [0, 1, 2, 3, 64, 65, 66, 73, 74]

    private let oneUnit = ["verify", "--claim", "C1", "--case", "gaussian-1d-a2"]

    private func assertRefused(_ run: ToolRun, status: Int32, mentions needle: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(run.killedBySignal, "killed by signal \(run.status)", file: file, line: line)
        XCTAssertEqual(run.status, status, "status; stderr: \(run.stderr)", file: file, line: line)
        XCTAssertEqual(run.stdout, "", "nothing on stdout", file: file, line: line)
        XCTAssertEqual(run.stderrLines.count, 1, "one line: \(run.stderr)", file: file, line: line)
        XCTAssertTrue(run.stderr.hasPrefix("langevin-verify: "), run.stderr, file: file, line: line)
        XCTAssertTrue(run.stderr.contains(needle), "should mention \(needle): \(run.stderr)", file: file, line: line)
        XCTAssertFalse(run.stderr.contains("unknown error"), run.stderr, file: file, line: line)
    }

    func testInvalidValuesAreUsageErrorsLikeParseErrors() throws {
        let cases: [([String], String)] = [
            (["verify", "--shard", "0/2"], "--shard"),
            (["verify", "--shard", "3/2"], "--shard"),
            (["verify", "--claim", "C99"], "--claim"),
            (["verify", "--case", "no-such-case"], "--case"),
            (["verify", "--threads", "x"], "threads"),             // a parse error
            (["verify", "--threads", "0"], "--threads"),
            (["exact", "--scheme", "lmc", "--eta", "0", "--matrix", "1"], "--eta"),
            (["exact", "--scheme", "lmc", "--eta", "3", "--matrix", "1"], "stationary law"),   // outside the stability region
            (["simulate", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--chains", "1", "--steps", "1"], "--chains"),
            (["no-such-command"], "no-such-command"),
        ]
        for (arguments, needle) in cases {
            assertRefused(try ToolRunner.run(arguments, directory: scratch), status: 64, mentions: needle)
        }
        XCTAssertEqual(entries(), [], "a refused run writes nothing")
    }

    func testRepeatedOptionsAreRefused() throws {
        let exact = ["exact", "--scheme", "lmc", "--matrix", "1", "--json"]
        for (extra, needle) in [(["--eta", "0.1", "--eta", "0.2"], "--eta is given twice"),
                                (["--eta=0.1", "--eta", "0.2"], "--eta is given twice"),
                                (["--eta", "0.1", "--json"], "--json is given twice")] {
            assertRefused(try ToolRunner.run(exact + extra), status: 64, mentions: needle)
        }
        let bench = ["bench", "--chains", "100", "--dims", "2", "--kinds", "diag", "--threads", "1", "--steps", "2",
                     "--repeats", "1", "--numpy", "--no-numpy"]
        assertRefused(try ToolRunner.run(bench), status: 64, mentions: "--numpy and --no-numpy are both given")
        // a value after a lone "--" is not an option
        let run = try ToolRunner.run(["merge", "--output", path("m"), "--", "--output"], directory: scratch)
        XCTAssertEqual(run.status, 66, run.stderr)
    }

    /// An empty shard and a selection outside every claim's assumptions assert nothing: status 3 with one line,
    /// never "every asserted claim holds"; the empty shard runs and writes nothing.
    func testVacuousSelectionsAreNeverHolds() throws {
        let empty = try ToolRunner.run(["verify", "--claim", "C1", "--shard", "5/10"], directory: scratch)
        assertRefused(empty, status: 3, mentions: "nothing selected")
        XCTAssertEqual(entries(), [], "an empty shard writes nothing")
        let outside = try ToolRunner.run(["verify", "--claim", "C1", "--case", "mixture-1d-c1.0", "--json",
                                          "--output", path("outside")])
        XCTAssertEqual(outside.status, 3, outside.stderr)
        XCTAssertEqual(outside.stderrLines.count, 1, outside.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outside.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["outcome"] as? String, "nothing asserted")
        XCTAssertEqual(object["asserted"] as? Int, 0)
        XCTAssertEqual(object["all_asserted_hold"] as? Bool, false)
    }

    func testFailedWriteToStandardOutputIsStatus74() throws {
        let exact = try ToolRunner.run(["exact", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--json"],
                                       stdoutPath: "/dev/full")
        XCTAssertEqual(exact.status, 74, exact.stderr)
        XCTAssertEqual(exact.stderrLines.count, 1, exact.stderr)
        XCTAssertTrue(exact.stderr.contains("standard output"), exact.stderr)
        let verify = try ToolRunner.run(oneUnit + ["--json", "--output", path("kept")], stdoutPath: "/dev/full")
        XCTAssertEqual(verify.status, 74, verify.stderr)
        XCTAssertEqual(verify.stderrLines.count, 1, verify.stderr)
        XCTAssertNoThrow(try read(path("kept"), "results.csv"), "the results were committed before stdout failed")
    }

    /// A 100 KB value comes back cut to one short line; a value with line breaks (LF, CR LF) gives one line.
    func testLongAndMultiLineValuesGiveOneShortLine() throws {
        let huge = String(repeating: "x", count: 100_000)
        for value in [huge, "1\r\n2\r\n3", "1\n2", "a\u{1B}[31mred"] {
            let run = try ToolRunner.run(["exact", "--scheme", "lmc", "--eta", value, "--matrix", "1"])
            XCTAssertEqual(run.status, 64, run.stderr)
            XCTAssertEqual(run.stderrLines.count, 1, run.stderr)
            XCTAssertLessThanOrEqual(run.stderr.count, 330, "the line is cut: \(run.stderr.count) characters")
            XCTAssertFalse(run.stderr.dropLast().contains("\r") || run.stderr.contains("\u{1B}"), run.stderr)
        }
    }

    /// Errors about the default output folder name it, not an --output that was not given.
    func testDefaultFolderErrorsDoNotBlameOutput() throws {
        try Data("not a folder".utf8).write(to: scratch.appendingPathComponent("data"))
        let run = try ToolRunner.run(oneUnit, directory: scratch)
        assertRefused(run, status: 73, mentions: "the default output folder")
        XCTAssertFalse(run.stderr.contains("--output"), run.stderr)
        XCTAssertEqual(entries(), ["data"], "nothing else is left")
    }

    /// The statuses README.md documents are the ones `ToolExit` declares (the fuzz harness checks every run against
    /// the same set).
    func testReadmeDocumentsEveryExitStatus() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "## Exit codes and limits") else { return XCTFail("README lacks the section") }
        let section = readme[start.upperBound...].prefix { _ in true }.split(separator: "\n## ").first ?? ""
        for status in Self.documented.union([129, 130, 143]) {
            XCTAssertTrue(section.contains("| \(status) |"), "README's table lacks status \(status)")
        }
        for limit in ["LANGEVIN_MAX_WORK", "10000000", "1000000000"] {
            XCTAssertTrue(section.contains(limit), "README's limits lack \(limit)")
        }
    }
}

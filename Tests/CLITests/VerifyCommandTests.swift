import Foundation
import XCTest

/// `langevin-verify verify`, `list` and `merge`: outputs and exit codes, determinism of results.csv, sharding with
/// a merge identical to the unsharded run, and one-line refusals that leave nothing half-written.
final class VerifyCommandTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("langevin-verify-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    private func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    private func read(_ folder: String, _ file: String) throws -> String {
        try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
    }

    func testVerifyOneClaimWritesResultsManifestAndPlotsAndExitsZero() throws {
        let run = try ToolRunner.run(["verify", "--claim", "C5", "--output", path("c5")])
        XCTAssertEqual(run.status, 0, "stderr: \(run.stderr)")
        XCTAssertTrue(run.stdout.contains("every asserted claim holds"), run.stdout)
        XCTAssertTrue(run.stdout.contains("rejected (mutant)"), "the table shows rejected mutants")
        let csv = try read(path("c5"), "results.csv")
        XCTAssertTrue(csv.hasPrefix("unit,claim,case,subject,role,metric,expected,expected_value,measured"))
        XCTAssertFalse(csv.contains("fails") && !csv.contains("mutant"), "a subject row fails")
        let manifest = try JSONSerialization.jsonObject(with: Data(read(path("c5"), "manifest.json").utf8)) as? [String: Any]
        for key in ["commit", "swift_version", "gsl_version", "generator", "seed", "tier", "units"] {
            XCTAssertNotNil(manifest?[key], "manifest lacks \(key)")
        }
        let plots = try FileManager.default.contentsOfDirectory(atPath: path("c5") + "/plots")
        XCTAssertTrue(plots.contains { $0.hasSuffix(".gp") } && plots.contains { $0.hasSuffix(".dat") }, "\(plots)")
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: scratch.path).contains { $0.contains(".partial-") },
                       "no staging folder is left behind")
    }

    func testResultsAreDeterministicAndShardsMergeToTheUnshardedFile() throws {
        let claims = ["--claim", "C7"]
        XCTAssertEqual(try ToolRunner.run(["verify"] + claims + ["--output", path("whole")]).status, 0)
        XCTAssertEqual(try ToolRunner.run(["verify"] + claims + ["--output", path("again"), "--threads", "1"]).status, 0)
        XCTAssertEqual(try read(path("whole"), "results.csv"), try read(path("again"), "results.csv"),
                       "results.csv must not depend on the run or the thread count")
        for shard in ["1/2", "2/2"] {
            let run = try ToolRunner.run(["verify"] + claims + ["--shard", shard, "--output", path("shard-" + shard.prefix(1))])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        let merge = try ToolRunner.run(["merge", path("shard-1"), path("shard-2"), "--output", path("merged")])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertEqual(try read(path("merged"), "results.csv"), try read(path("whole"), "results.csv"))
        // Merging a shard twice is refused.
        let twice = try ToolRunner.run(["merge", path("shard-1"), path("shard-1"), "--output", path("twice")])
        XCTAssertNotEqual(twice.status, 0)
        XCTAssertEqual(twice.stderrLines.count, 1, twice.stderr)
    }

    func testJSONOutputAndList() throws {
        let run = try ToolRunner.run(["verify", "--claim", "C14", "--json", "--output", path("json")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["all_asserted_hold"] as? Bool, true)
        XCTAssertFalse((object["verdicts"] as? [Any] ?? []).isEmpty)
        let list = try ToolRunner.run(["list"])
        XCTAssertEqual(list.status, 0)
        for id in ["C1", "C5", "C9", "C14"] { XCTAssertTrue(list.stdout.contains("  \(id) "), "list lacks \(id)") }
        XCTAssertTrue(list.stdout.contains("  example-ridge-mixture-2d-c1.2-a0.3 (d = 2)"), "list shows the registered cases")
    }

    /// `--case` also accepts a registered assumption case that no claim uses by default (the extension path of
    /// docs/adding-an-assumption-case.md): every selected claim runs on it; a claim whose assumptions it lacks
    /// reports "outside assumptions", which is not asserted — and a run that asserts nothing is exit status 3
    /// ("nothing asserted"), never "every asserted claim holds".
    func testCaseOptionFindsRegisteredAssumptionCases() throws {
        let run = try ToolRunner.run(["verify", "--claim", "C5", "--case", "example-ridge-mixture-2d-c1.2-a0.3",
                                      "--output", path("ridge")])
        XCTAssertEqual(run.status, 3, "stderr: \(run.stderr)")
        XCTAssertTrue(run.stdout.contains("outside assumptions: the case lacks: Gaussian target"), run.stdout)
        XCTAssertTrue(run.stdout.contains("0 hold, 0 fail, 1 outside the assumptions"), run.stdout)
        XCTAssertFalse(run.stdout.contains("every asserted claim holds"), run.stdout)
        XCTAssertTrue(run.stdout.contains("NOTHING WAS ASSERTED"), run.stdout)
        XCTAssertEqual(run.stderrLines.count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("nothing was asserted"), run.stderr)
        let csv = try read(path("ridge"), "results.csv")
        XCTAssertTrue(csv.contains("example-ridge-mixture-2d-c1.2-a0.3"), csv)
    }

    /// Every bracket in the table is tagged and explained; none is [inf, inf] (C2's impossible-count mutant has no
    /// bracket, its reason says why); every measured value lies inside its own bracket.
    func testC02_bracketsAreNamedFiniteAndContainTheirValue() throws {
        let run = try ToolRunner.run(["verify", "--claim", "C2", "--output", path("c2")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stdout.contains("inf"), run.stdout)
        XCTAssertTrue(run.stdout.contains("] count") && run.stdout.contains("count = exact interval of a count"), run.stdout)
        let table = try csvRows(read(path("c2"), "results.csv"))
        XCTAssertEqual(table.first?[11], "bracket")
        var bracketed = 0
        for row in table.dropFirst() where !row[9].isEmpty && !row[8].isEmpty {
            let measured = Double(row[8])!, lower = Double(row[9])!, upper = Double(row[10])!
            XCTAssertTrue(lower.isFinite && upper.isFinite && lower <= measured && measured <= upper, "\(row)")
            XCTAssertEqual(row[11], "count")
            bracketed += 1
        }
        XCTAssertGreaterThan(bracketed, 0)
    }

    /// RFC 4180 rows (quoted fields may hold commas and doubled quotes).
    private func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" { if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false } }
                else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        return rows
    }

    func testBadInputGivesOneLineNonZeroExitAndWritesNothing() throws {
        try FileManager.default.createDirectory(atPath: path("full"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: path("full/file")))
        let bad: [([String], String)] = [
            (["verify", "--claim", "C99", "--output", path("a")], "--claim"),
            (["verify", "--case", "no-such-case", "--output", path("b")], "--case"),
            (["verify", "--shard", "3/2", "--output", path("c")], "--shard"),
            (["verify", "--shard", "x", "--output", path("d")], "--shard"),
            (["verify", "--claim", "C5", "--output", path("full")], "not an empty folder"),
            (["verify", "--claim", "C5", "--output", "/proc/langevin-verify-test/out"], "--output"),
            (["verify", "--threads", "0", "--output", path("e")], "--threads"),
            (["merge", path("nothing-here"), "--output", path("f")], "cannot read"),
            (["no-such-command"], "no-such-command"),
        ]
        for (arguments, needle) in bad {
            let result = try ToolRunner.run(arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments) should fail")
            XCTAssertEqual(result.stderrLines.count, 1, "\(arguments): expected one line, got: \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(needle), "\(arguments): message should mention \(needle): \(result.stderr)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
        XCTAssertEqual(left, ["full"], "a refused run must not leave files behind")
    }
}

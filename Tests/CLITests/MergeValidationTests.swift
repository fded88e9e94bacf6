import Foundation
import XCTest

/// `merge` reads the manifests and refuses, in one line and without writing anything, every set of shards whose merge
/// would not be the unsharded run's results.csv: one of two shards, shards of different seeds, tiers or claims, a
/// shard given twice, a file cut at a row boundary, a header-only file, a malformed unit value, CR LF line ends, a
/// missing manifest. A complete set merges byte-identically.
final class MergeValidationTests: ScratchFolderTestCase {
    /// C14 on its three quick cases, as shards 1/2 and 2/2 (units 0, 2 and 1), and unsharded.
    private func makeShards(seed: String = "20240527", claim: String = "C14", prefix: String = "") throws {
        for (shard, name) in [("1/2", "s1"), ("2/2", "s2")] {
            let run = try ToolRunner.run(["verify", "--claim", claim, "--seed", seed, "--shard", shard, "--json",
                                          "--output", path(prefix + name)])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
    }

    private func copy(_ from: String, _ to: String, editing: (String) -> String) throws {
        try FileManager.default.copyItem(atPath: path(from), toPath: path(to))
        let csv = try read(path(to), "results.csv")
        try editing(csv).write(toFile: path(to) + "/results.csv", atomically: true, encoding: .utf8)
    }

    private func assertMergeRefused(_ folders: [String], status: Int32 = 65, mentions needle: String,
                                    file: StaticString = #filePath, line: UInt = #line) throws {
        let before = entries()
        let run = try ToolRunner.run(["merge"] + folders.map(path) + ["--output", path("merged")])
        XCTAssertEqual(run.status, status, "\(folders): \(run.stderr)", file: file, line: line)
        XCTAssertEqual(run.stdout, "", file: file, line: line)
        XCTAssertEqual(run.stderrLines.count, 1, run.stderr, file: file, line: line)
        XCTAssertTrue(run.stderr.contains(needle), "\(folders): should mention \(needle): \(run.stderr)", file: file, line: line)
        XCTAssertEqual(entries(), before, "a refused merge writes nothing", file: file, line: line)
    }

    func testCompleteShardsMergeByteIdenticallyWithAManifest() throws {
        try makeShards()
        XCTAssertEqual(try ToolRunner.run(["verify", "--claim", "C14", "--json", "--output", path("whole")]).status, 0)
        let merge = try ToolRunner.run(["merge", path("s2"), path("s1"), "--output", path("merged")])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertEqual(try read(path("merged"), "results.csv"), try read(path("whole"), "results.csv"))
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read(path("merged"), "manifest.json").utf8))
                                         as? [String: Any])
        XCTAssertEqual((manifest["merged_from"] as? [Any])?.count, 2)
        XCTAssertEqual((manifest["units"] as? [[String: Any]])?.compactMap { $0["unit"] as? Int }, [0, 1, 2])
    }

    func testIncompleteOrForeignShardsAreRefused() throws {
        try makeShards()
        try makeShards(seed: "7", prefix: "seed7-")
        try makeShards(claim: "C4", prefix: "c4-")
        try assertMergeRefused(["s1"], mentions: "incomplete: unit(s) 1 of 3")
        try assertMergeRefused(["s1", "seed7-s2"], mentions: "seed")
        try assertMergeRefused(["s1", "c4-s2"], mentions: "claim selection")
        try assertMergeRefused(["s1", "s1"], mentions: "are both shard 1/2")
        try assertMergeRefused(["s1", "missing"], status: 66, mentions: "no such file")
        // a quick-tier shard and a full-tier one are not one run
        let full = try ToolRunner.run(["verify", "--claim", "C14", "--full", "--shard", "2/2", "--json",
                                       "--output", path("full-s2")])
        XCTAssertTrue([0, 1, 2].contains(full.status), full.stderr)
        try assertMergeRefused(["s1", "full-s2"], mentions: "not of one run")
    }

    func testChangedOrCutFilesAreRefused() throws {
        try makeShards()
        let s2 = try read(path("s2"), "results.csv")
        let lines = s2.split(separator: "\n", omittingEmptySubsequences: false)
        try copy("s2", "cut") { _ in lines.prefix(lines.count - 2).joined(separator: "\n") + "\n" }   // at a row boundary
        try copy("s2", "header") { _ in String(lines[0]) + "\n" }
        try copy("s2", "zzz") { text in text.replacingOccurrences(of: "\n1,", with: "\nzzz,") }
        try copy("s2", "crlf") { text in text.replacingOccurrences(of: "\n", with: "\r\n") }
        try copy("s2", "mid-row") { text in String(text.dropLast(7)) }
        try copy("s2", "no-manifest") { $0 }
        try FileManager.default.removeItem(atPath: path("no-manifest/manifest.json"))
        try assertMergeRefused(["s1", "cut"], mentions: "it was changed or cut")
        try assertMergeRefused(["s1", "header"], mentions: "it was changed or cut")
        try assertMergeRefused(["s1", "zzz"], mentions: "unit \"zzz\" is not a non-negative integer")
        try assertMergeRefused(["s1", "crlf"], mentions: "CR")
        try assertMergeRefused(["s1", "mid-row"], mentions: "cut")
        try assertMergeRefused(["s1", "no-manifest"], status: 66, mentions: "manifest.json")
    }

    /// The manifest records when the run started (not when it finished) and every unit's dimension.
    func testManifestRecordsStartTimeAndCaseDimensions() throws {
        let before = Date()
        XCTAssertEqual(try ToolRunner.run(["verify", "--claim", "C9", "--json", "--output", path("c9")]).status, 0)
        let after = Date()
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read(path("c9"), "manifest.json").utf8))
                                         as? [String: Any])
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let started = try XCTUnwrap(formatter.date(from: try XCTUnwrap(manifest["started_utc"] as? String)))
        let finished = try XCTUnwrap(formatter.date(from: try XCTUnwrap(manifest["finished_utc"] as? String)))
        // milliseconds in the manifest: compare at that resolution
        XCTAssertLessThanOrEqual(before.timeIntervalSince1970 - 0.001, started.timeIntervalSince1970)
        XCTAssertLessThan(started, finished, "C9 runs for tens of milliseconds at least: the start precedes the finish")
        XCTAssertLessThanOrEqual(finished.timeIntervalSince1970, after.timeIntervalSince1970 + 0.001)
        let dimensions = (manifest["units"] as? [[String: Any]] ?? []).map { $0["case_dimension"] as? Int }
        XCTAssertEqual(dimensions, [1, 10, 10, 1], "C9's cases: gaussian-1d-a2, d10, d10-kappa10, gaussian-1d-a1-gamma2")
    }
}

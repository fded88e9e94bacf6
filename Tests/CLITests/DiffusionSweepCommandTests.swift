import Foundation
import XCTest

/// `langevin-verify diffusion` (the sweep, C15; PN-D06, PN-D07): files, decisions, shards that merge into the whole run
/// bit for bit, and bad input as one line with exit 64. Deterministic (exact rows and fixed seeds; no assertion on a
/// Monte Carlo value).
final class DiffusionSweepCommandTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("diffusion-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    private func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    private let small = ["--data", "gaussian-1d,two-mode-1d", "--schedule", "linear", "--samplers", "ddpm,ddim,plmc,plmc-schedule",
                         "--nfe", "25,80,1000", "--samples", "64"]

    func testC15_sweepWritesResultsManifestPlotsAndDecisions() throws {
        let run = try ToolRunner.run(["diffusion"] + small + ["--threads", "2", "--output", path("whole")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("C15 [gaussian-1d, linear] PLMC-DDPM(σ²=β̃): NFE* within 10 % of DDPM-1000(σ²=β̃) "
                                          + "(exact FD) ≤ 80 → holds (NFE* = 78.4"), run.stdout)
        let csv = try String(contentsOfFile: path("whole") + "/results.csv", encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("unit,data,schedule,family,budget,sampler,nfe,metric,kind,estimate"), csv)
        XCTAssertTrue(csv.contains("ΔMMD² vs DDPM-1000(σ²=β̃)"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("whole") + "/manifest.json")))
            as? [String: Any]
        XCTAssertEqual(manifest?["tool"] as? String, "langevin-verify diffusion")
        XCTAssertFalse((manifest?["c15_decisions"] as? [Any] ?? []).isEmpty)
        let plots = try FileManager.default.contentsOfDirectory(atPath: path("whole") + "/plots")
        XCTAssertTrue(plots.contains("gaussian-1d-linear-fd.svg") && plots.contains("two-mode-1d-linear-mmd2.svg"), "\(plots)")

        // Two shards merge into the same rows (same seed ⇒ same numbers, whatever the split).
        for i in 1...2 {
            let shard = try ToolRunner.run(["diffusion"] + small + ["--threads", "1", "--shard", "\(i)/2", "--output", path("s\(i)")])
            XCTAssertEqual(shard.status, 0, shard.stderr)
        }
        let merge = try ToolRunner.run(["diffusion", "merge", path("s1"), path("s2"), "--output", path("merged")])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertEqual(try String(contentsOfFile: path("merged") + "/results.csv", encoding: .utf8), csv)
        let again = try ToolRunner.run(["diffusion", "merge", path("s1"), path("s1"), "--output", path("twice")])
        XCTAssertNotEqual(again.status, 0)
    }

    func testC15_badSweepInputIsOneLineAndExit64() throws {
        for arguments in [["--data", "nope"], ["--nfe", "0"], ["--nfe", "25,,50"], ["--samplers", "euler"],
                          ["--schedule", "cosine"], ["--samples", "2"], ["--alpha", "1.5"], ["--shard", "3/2"],
                          ["--score-error", "1.5"], ["--score-error", "nan"], ["--mutation", "nope"]] {
            let folder = path("bad-\(arguments.joined())")
            // A cheap exact sweep around the bad option (never the same option twice).
            let base = [("--data", "gaussian-1d"), ("--nfe", "25")].filter { !arguments.contains($0.0) }.flatMap { [$0.0, $0.1] }
            let run = try ToolRunner.run(["diffusion"] + base + arguments + ["--output", folder])
            XCTAssertEqual(run.status, 64, "\(arguments): \(run.stderr)")
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, "\(arguments): \(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "\(arguments) wrote a folder")
        }
    }
}

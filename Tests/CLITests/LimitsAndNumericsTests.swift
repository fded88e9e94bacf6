import Foundation
import XCTest

/// Resource limits (README.md, "Exit codes and limits"): every input that can ask for unbounded work or memory is
/// refused before anything is allocated, in one line naming the limit and how to go past it; and numerical edge cases
/// of `exact`/`simulate`: relative divergence, tiny steps of the underdamped laws, messages at extreme scales.
final class LimitsAndNumericsTests: ScratchFolderTestCase {
    private let lmc = ["--scheme", "lmc", "--eta", "0.1", "--matrix", "1"]

    private func assertLimit(_ arguments: [String], mentions needles: [String], environment: [String: String] = [:],
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let start = Date()
        let run = try ToolRunner.run(arguments, environment: environment, timeout: 60)
        XCTAssertFalse(run.killedBySignal, "\(arguments): killed by signal \(run.status)", file: file, line: line)
        XCTAssertEqual(run.status, 64, "\(arguments): \(run.stderr)", file: file, line: line)
        XCTAssertEqual(run.stdout, "", file: file, line: line)
        XCTAssertEqual(run.stderrLines.count, 1, run.stderr, file: file, line: line)
        for needle in needles {
            XCTAssertTrue(run.stderr.contains(needle), "\(arguments): should mention \(needle): \(run.stderr)",
                          file: file, line: line)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "\(arguments): refused up front", file: file, line: line)
    }

    func testCountsBeyondTheLimitsAreRefusedUpFront() throws {
        let big = "9223372036854775807"
        try assertLimit(["simulate", "--scheme", "plmc", "--K", big, "--eta", "0.1", "--matrix", "1", "--chains", "2",
                         "--steps", "1"], mentions: ["--K must be at most 10000000", "--K inf"])
        try assertLimit(["simulate", "--scheme", "plmc", "--K", "100000000000", "--eta", "0.1", "--matrix", "1",
                         "--chains", "2", "--steps", "1"], mentions: ["--K must be at most 10000000"])
        try assertLimit(["exact", "--scheme", "plmc-ulmc", "--K", "10000001", "--eta", "0.1", "--matrix", "1"],
                        mentions: ["--K must be at most 10000000"])
        try assertLimit(["simulate"] + lmc + ["--chains", big, "--steps", "1"], mentions: ["--chains must be at most 1000000000"])
        try assertLimit(["simulate"] + lmc + ["--chains", "10", "--steps", big], mentions: ["--steps must be at most 1000000000"])
        try assertLimit(["simulate"] + lmc + ["--chains", "10", "--steps", "10", "--threads", big],
                        mentions: ["--threads must be at most 256"])
        try assertLimit(["simulate"] + lmc + ["--chains", "1000000", "--steps", "1000000"],
                        mentions: ["1e+12 units of work", "LANGEVIN_MAX_WORK="])
        try assertLimit(["simulate"] + lmc + ["--chains", "1000", "--steps", "1000"], mentions: ["LANGEVIN_MAX_WORK"],
                        environment: ["LANGEVIN_MAX_WORK": "1e5"])
        try assertLimit(["simulate"] + lmc + ["--chains", "10", "--steps", "10"], mentions: ["LANGEVIN_MAX_WORK must be"],
                        environment: ["LANGEVIN_MAX_WORK": "lots"])
        try assertLimit(["bench", "--dims", "100000", "--kinds", "dense", "--no-numpy"], mentions: ["at most 1000"])
        try assertLimit(["bench", "--dims", big, "--kinds", "diag", "--no-numpy"], mentions: ["at most 10000"])
        try assertLimit(["bench", "--chains", big, "--no-numpy"], mentions: ["--chains must be at most 10000000"])
        try assertLimit(["bench", "--repeats", "1000", "--no-numpy"], mentions: ["--repeats must be at most 100"])
        try assertLimit(["verify", "--threads", big], mentions: ["--threads must be at most 256"])
    }

    /// K up to the limit runs with bounded memory and reports its whole time (building PLMC's tables included).
    func testLargestKRunsAndReportsItsWholeTime() throws {
        let start = Date()
        let object = try ToolRunner.json(["simulate", "--scheme", "plmc", "--K", "10000000", "--eta", "0.1", "--matrix", "1",
                                          "--chains", "2", "--steps", "1", "--json"])
        let wall = Date().timeIntervalSince(start)
        let seconds = try XCTUnwrap(object["seconds"] as? Double)
        XCTAssertGreaterThan(seconds, 0)
        XCTAssertLessThanOrEqual(seconds, wall)
    }

    /// A long run shows it is alive: in a log (not a terminal) a progress line every LANGEVIN_PROGRESS_INTERVAL seconds,
    /// while stdout stays one JSON object.
    func testLongRunsShowProgressInLogs() throws {
        let run = try ToolRunner.run(["simulate", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--chains", "200000",
                                      "--steps", "200", "--threads", "1", "--json"],
                                     environment: ["LANGEVIN_PROGRESS_INTERVAL": "0.3"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)))
        let lines = run.stderrLines.filter { $0.contains("% ") && $0.contains("200000 chains × 200 steps") }
        XCTAssertGreaterThanOrEqual(lines.count, 1, "progress lines: \(run.stderr)")
        // a short run in a log prints nothing
        let quiet = try ToolRunner.run(["simulate", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--chains", "100",
                                        "--steps", "2", "--json"])
        XCTAssertEqual(quiet.stderr, "")
    }

    /// Divergence is relative to the problem's scale: a stable chain around a far-away mean is not "unstable" (exact
    /// accepts the same case), while a truly unstable step still is.
    func testStableChainAroundAFarAwayMeanIsNotCalledUnstable() throws {
        for mean in ["1e13", "-3e12"] {
            let object = try ToolRunner.json(["simulate", "--scheme", "lmc", "--eta", "0.5", "--matrix", "1",
                                              "--mean=\(mean)", "--chains", "100", "--steps", "200", "--json"])
            let m = try XCTUnwrap((object["mean"] as? [Double])?.first)
            XCTAssertEqual(m / Double(mean)!, 1, accuracy: 1e-9, "the chains reach the mean \(mean)")
            let variance = try XCTUnwrap((object["covariance"] as? [[Double]])?.first?.first)
            XCTAssertTrue(variance > 0.5 && variance < 2, "the stationary variance 1/(1 − η/2) = 1.33 is resolved: \(variance)")
            XCTAssertNoThrow(try ToolRunner.json(["exact", "--scheme", "lmc", "--eta", "0.5", "--matrix", "1",
                                                  "--mean=\(mean)", "--json"]))
        }
        // so far away that a double cannot resolve the noise: refused with the reason, not a covariance of rounding
        let unresolved = try ToolRunner.run(["simulate", "--scheme", "lmc", "--eta", "0.5", "--matrix", "1", "--mean=-1e200",
                                             "--chains", "100", "--steps", "200", "--json"])
        XCTAssertEqual(unresolved.status, 64, unresolved.stderr)
        XCTAssertTrue(unresolved.stderr.contains("too far from 0 for the chains to resolve their noise"), unresolved.stderr)
        XCTAssertNoThrow(try ToolRunner.json(["exact", "--scheme", "lmc", "--eta", "0.5", "--matrix", "1", "--mean=-1e200",
                                              "--json"]))
        // a stable step that diverges only because the far mean is reached from 0 in floating point would be a bug;
        // an unstable step is refused up front by the stability check
        let unstable = try ToolRunner.run(["simulate", "--scheme", "lmc", "--eta", "2.5", "--matrix", "1", "--mean=1e13",
                                           "--chains", "10", "--steps", "10", "--json"])
        XCTAssertEqual(unstable.status, 64, unstable.stderr)
        XCTAssertTrue(unstable.stderr.contains("unstable"), unstable.stderr)
    }

    /// ULMC and PLMC-ULMC at η = 1e-15 on the 2×2 case: the stationary position covariance is A⁻¹ to 1e-12 (the
    /// bias is O(η)); before, the cancelling Lyapunov solve gave 0.571886 for A⁻¹'s 0.571429. The velocity block is I.
    func testUnderdampedExactLawsAreAccurateAtTinySteps() throws {
        let (a11, a12, a22) = (2.0, 0.5, 1.0)
        let det = a11 * a22 - a12 * a12
        let inverse = [[a22 / det, -a12 / det], [-a12 / det, a11 / det]]
        for scheme in [["ulmc"], ["plmc-ulmc", "--K", "inf"], ["plmc-ulmc", "--K", "4"]] {
            for eta in ["1e-15", "1e-100", "1e-300"] {
                let object = try ToolRunner.json(["exact", "--scheme"] + scheme + ["--eta", eta, "--matrix", "2,0.5;0.5,1",
                                                                                    "--json"])
                let covariance = try XCTUnwrap(object["covariance"] as? [[Double]])
                for i in 0..<2 { for j in 0..<2 {
                    XCTAssertEqual(covariance[i][j], inverse[i][j], accuracy: 1e-12, "\(scheme) η = \(eta): x-block (\(i), \(j))")
                    XCTAssertEqual(covariance[2 + i][2 + j], i == j ? 1 : 0, accuracy: 1e-12, "\(scheme) η = \(eta): v-block")
                } }
            }
        }
    }

    /// Messages at extreme scales state the condition and never print inf, nan or a step the user did not give.
    func testMessagesAtExtremeScalesAreConsistent() throws {
        let cases: [([String], Int32, String)] = [
            (["--scheme", "lmc", "--eta", "1e300", "--matrix", "1e300"], 64, "overflows"),
            (["--scheme", "ulmc", "--eta", "1e-320", "--matrix", "1"], 64, "subnormal"),
            (["--scheme", "lmc", "--eta", "3", "--matrix", "1"], 64, "stable iff ηλ_max < 2 (here η < 2)"),
        ]
        for (arguments, status, needle) in cases {
            let run = try ToolRunner.run(["exact"] + arguments + ["--json"])
            XCTAssertEqual(run.status, status, "\(arguments): \(run.stderr)")
            XCTAssertEqual(run.stderrLines.count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(needle), "\(arguments): \(run.stderr)")
            for bad in ["nan", " inf", "η = 0.0", "(here η < inf)"] {
                XCTAssertFalse(run.stderr.lowercased().contains(bad), "\(arguments): \(run.stderr)")
            }
        }
        // tiny products are stable (they were called unstable when ρ rounded to 1) and the laws are right
        for (scheme, eta, matrix, variance) in [("lmc", "1e-16", "1e-307", 1e307), ("lmc", "1e-300", "1e-23", 1e23),
                                                ("rlmc", "1e-300", "3", 1 / 3.0), ("plmc", "1e-300", "1e-30", 1e30)] {
            var arguments = ["exact", "--scheme", scheme, "--eta", eta, "--matrix", matrix, "--json"]
            if scheme == "plmc" { arguments += ["--K", "inf"] }
            let object = try ToolRunner.json(arguments)
            let v = try XCTUnwrap((object["covariance"] as? [[Double]])?.first?.first)
            XCTAssertEqual(v / variance, 1, accuracy: 1e-12, "\(scheme) η = \(eta), A = \(matrix)")
        }
    }
}

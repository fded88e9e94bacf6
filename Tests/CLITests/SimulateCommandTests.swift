import Foundation
import XCTest

/// `langevin-verify simulate`: the fixed JSON interface, bit-identical numbers for any --threads, exact drift-call
/// counts where they are deterministic, and one-line refusals of bad input. (Its statistical agreement with the exact
/// laws is tested in LangevinTests, under the budget.)
final class SimulateCommandTests: XCTestCase {
    private let gaussianCase = ["--matrix", "2,0.3,0;0.3,1,0.2;0,0.2,0.5", "--mean=1,-1,0.5"]

    func testSameSeedGivesIdenticalNumbersForEveryThreadCount() throws {
        for scheme in [["--scheme", "plmc", "--K", "inf"], ["--scheme", "plmc-ulmc", "--K", "8"], ["--scheme", "rlmc"]] {
            var outputs: [String] = []
            for threads in ["1", "2", "4"] {
                var object = try ToolRunner.json(["simulate"] + scheme + gaussianCase + [
                    "--eta", "0.1", "--chains", "3000", "--steps", "20", "--seed", "7", "--threads", threads, "--json"])
                object["seconds"] = nil
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                outputs.append(String(decoding: data, as: UTF8.self))
            }
            XCTAssertEqual(Set(outputs).count, 1, "\(scheme): outputs differ across thread counts: \(outputs)")
        }
    }

    func testOutputShapeAndDeterministicDriftCallCounts() throws {
        let lmc = try ToolRunner.json(["simulate", "--scheme", "lmc", "--eta", "0.1"] + gaussianCase +
                                      ["--chains", "100", "--steps", "5", "--json"])
        XCTAssertEqual((lmc["mean"] as? [Double])?.count, 3)
        XCTAssertEqual((lmc["covariance"] as? [[Double]])?.map(\.count), [3, 3, 3])
        XCTAssertEqual(lmc["drift_calls_per_step"] as? Double, 1)
        XCTAssertNotNil(lmc["seconds"] as? Double)
        // K = 1: the only midpoint is i = 0, whose correction vanishes and costs no call (PN-S01).
        let plmcOne = try ToolRunner.json(["simulate", "--scheme", "plmc", "--K", "1", "--eta", "0.1"] + gaussianCase +
                                          ["--chains", "100", "--steps", "5", "--json"])
        XCTAssertEqual(plmcOne["drift_calls_per_step"] as? Double, 1)
        let rlmc = try ToolRunner.json(["simulate", "--scheme", "rlmc", "--eta", "0.1"] + gaussianCase +
                                       ["--chains", "100", "--steps", "5", "--json"])
        XCTAssertEqual(rlmc["drift_calls_per_step"] as? Double, 2)
        let underdamped = try ToolRunner.json(["simulate", "--scheme", "ulmc", "--eta", "0.1"] + gaussianCase +
                                              ["--chains", "100", "--steps", "5", "--json"])
        XCTAssertEqual((underdamped["covariance"] as? [[Double]])?.count, 6, "joint (x, v) covariance is 2d×2d")
    }

    func testBadInputGivesOneLineAndNonZeroExit() throws {
        let base = ["--scheme", "lmc", "--eta", "0.1", "--matrix", "1"]
        let bad: [([String], String)] = [
            (base + ["--chains", "0", "--steps", "5"], "--chains"),
            (base + ["--chains", "10", "--steps", "0"], "--steps"),
            (base + ["--chains", "ten", "--steps", "5"], "chains"),
            (base + ["--chains", "10", "--steps", "5", "--threads", "0"], "--threads"),
            (["--scheme", "lmc", "--eta", "inf", "--matrix", "1", "--chains", "10", "--steps", "5"], "--eta"),
            (["--scheme", "lmc", "--eta", "0.1", "--matrix", "1,0;0,-1", "--chains", "10", "--steps", "5"], "positive definite"),
            (["--scheme", "lmc", "--eta", "5", "--matrix", "1", "--chains", "10", "--steps", "200"], "unstable"),
        ]
        for (arguments, needle) in bad {
            let result = try ToolRunner.run(["simulate"] + arguments + ["--json"])
            XCTAssertNotEqual(result.status, 0, "\(arguments) should fail")
            XCTAssertEqual(result.stdout, "", "\(arguments) wrote to stdout")
            XCTAssertEqual(result.stderrLines.count, 1, "\(arguments): expected one line, got: \(result.stderr)")
            XCTAssertTrue(result.stderr.lowercased().contains(needle.lowercased()),
                          "\(arguments): message should mention \(needle): \(result.stderr)")
        }
    }
}

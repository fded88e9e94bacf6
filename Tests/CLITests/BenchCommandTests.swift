import Foundation
import SchemeVocabulary
import XCTest

/// `langevin-verify bench`: the shape of its output on a tiny run (no timing is asserted: speed is reported by the
/// benchmark, not tested) and one-line refusals of bad options.
final class BenchCommandTests: XCTestCase {
    func testTinyRunPrintsOneTimingPerCaseAndScheme() throws {
        let result = try ToolRunner.run(["bench", "--chains", "200", "--dims", "2", "--kinds", "diag,dense",
                                         "--threads", "1,2", "--steps", "3", "--repeats", "1", "--no-numpy", "--json"])
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
        let rows = try result.stdout.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        // per kind: Gaussians, LMC, PLMC(K=16), PLMC(K=∞), RLMC
        XCTAssertEqual(rows.count, 10)
        XCTAssertEqual(Set(rows.compactMap { $0["case"] as? String }), ["d=2 diag", "d=2 dense"])
        for row in rows where (row["scheme"] as? String) != "Gaussians" {
            for key in ["ns_1_threads", "ns_2_threads", "speed_up"] {
                let value = try XCTUnwrap(row[key] as? Double, "\(row): \(key)")
                XCTAssertTrue(value > 0 && value.isFinite, "\(row): \(key) = \(value)")
            }
        }
        XCTAssertNotNil(rows.first { $0["scheme"] as? String == "PLMC(K=∞)" }?["PLMC(K=∞)/LMC"] as? Double)
    }

    func testUnderdampedRowsAreAddedOnRequest() throws {
        let result = try ToolRunner.run(["bench", "--chains", "100", "--dims", "2", "--kinds", "diag", "--threads", "1",
                                         "--steps", "2", "--repeats", "1", "--no-numpy", "--underdamped", "--json"])
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
        let schemes = result.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["scheme"] as? String
        }
        XCTAssertEqual(schemes, ["Gaussians", "LMC", "PLMC(K=16)", "PLMC(K=∞)", "RLMC", "ULMC", "PLMC-ULMC(K=∞)", "RLMC-ULMC"])
        XCTAssertTrue(result.stdout.contains("\"RLMC-ULMC/ULMC\""), result.stdout)
    }

    func testGeneratorsFlagTimesBothGeneratorsPerFillSize() throws {
        let result = try ToolRunner.run(["bench", "--generators", "--generator-draws", "4096", "--repeats", "1", "--json"])
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
        let rows = try result.stdout.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        XCTAssertEqual(rows.compactMap { ($0["fill_size"] as? NSNumber)?.intValue }, [4096, 100, 20, 10])
        for row in rows {
            XCTAssertEqual((row["runs"] as? NSNumber)?.intValue, 5, "at least 5 runs: \(row)")
            for key in ["scalar_ns_median", "scalar_ns_min", "scalar_ns_max", "vector_ns_median", "vector_ns_min",
                        "vector_ns_max", "vector_over_scalar"] {
                let value = try XCTUnwrap(row[key] as? Double, "\(row): \(key)")
                XCTAssertTrue(value > 0 && value.isFinite, "\(row): \(key) = \(value)")
            }
        }
    }

    func testBadOptionsAreRefusedInOneLine() throws {
        for arguments in [["--dims", "10,x"], ["--kinds", "sparse"], ["--threads", "0"], ["--repeats", "0"],
                          ["--chains", "1"], ["--steps", "0"], ["--generators", "--generator-draws", "0"],
                          ["--generators", "--generator-sizes", "10,0"]] {
            let result = try ToolRunner.run(["bench"] + arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments) should be refused")
            XCTAssertEqual(result.stdout, "", "\(arguments): nothing on stdout")
            XCTAssertEqual(result.stderrLines.count, 1, "\(arguments): one line on stderr: \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("langevin-verify: "), "\(arguments): \(result.stderr)")
        }
    }
}

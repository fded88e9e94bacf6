import Foundation
import SchemeVocabulary
import XCTest

/// `langevin-verify bench`: the shape of its output on a tiny run (no timing is asserted: speed is reported by the
/// benchmark, not tested) and one-line refusals of bad options.
final class BenchCommandTests: XCTestCase {
    func testTinyRunPrintsOneTimingPerCaseAndScheme() throws {
        let result = try ToolRunner.run(["bench", "--chains", "200", "--dims", "2", "--kinds", "diag,dense",
                                         "--threads", "1,2", "--steps", "3", "--repeats", "2", "--no-numpy", "--no-jax",
                                         "--json"])
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
        let rows = try result.stdout.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        // per kind: Gaussians (vector and scalar), LMC, PLMC(K=16), PLMC(K=∞), RLMC; dense: also the BLAS drift
        XCTAssertEqual(rows.count, 13)
        XCTAssertEqual(Set(rows.compactMap { $0["case"] as? String }), ["d=2 diag", "d=2 dense"])
        let oneThreadOnly: Set<String> = ["Gaussians", "Gaussians (scalar zig.)", "GSL CBLAS dgemm drift"]
        for row in rows {
            let keys = oneThreadOnly.contains(row["scheme"] as? String ?? "")
                ? ["ns_1_threads", "ns_1_threads_min", "ns_1_threads_max"]
                : ["ns_1_threads", "ns_1_threads_min", "ns_1_threads_max", "ns_2_threads", "speed_up"]
            for key in keys {
                let value = try XCTUnwrap(row[key] as? Double, "\(row): \(key)")
                XCTAssertTrue(value > 0 && value.isFinite, "\(row): \(key) = \(value)")
            }
            let median = try XCTUnwrap(row["ns_1_threads"] as? Double), low = try XCTUnwrap(row["ns_1_threads_min"] as? Double)
            let high = try XCTUnwrap(row["ns_1_threads_max"] as? Double)
            XCTAssertTrue(low <= median && median <= high, "\(row): median within the range")
            XCTAssertEqual((row["runs"] as? NSNumber)?.intValue, 2)
        }
        XCTAssertNotNil(rows.first { $0["scheme"] as? String == "PLMC(K=∞)" }?["PLMC(K=∞)/LMC"] as? Double)
        XCTAssertNotNil(rows.first { $0["scheme"] as? String == "GSL CBLAS dgemm drift" }?["LMC/dgemm"] as? Double)
    }

    func testUnderdampedRowsAreAddedOnRequest() throws {
        let result = try ToolRunner.run(["bench", "--chains", "100", "--dims", "2", "--kinds", "diag", "--threads", "1",
                                         "--steps", "2", "--repeats", "1", "--no-numpy", "--no-jax", "--underdamped", "--json"])
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
        let schemes = result.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["scheme"] as? String
        }
        XCTAssertEqual(schemes, ["Gaussians", "Gaussians (scalar zig.)", "LMC", "PLMC(K=16)", "PLMC(K=∞)", "RLMC", "ULMC",
                                 "PLMC-ULMC(K=∞)", "RLMC-ULMC"])
        XCTAssertTrue(result.stdout.contains("\"RLMC-ULMC/ULMC\""), result.stdout)
    }

    func testGeneratorsFlagTimesBothGeneratorsPerFillSize() throws {
        let result = try ToolRunner.run(["bench", "--generators", "--generator-draws", "4096", "--repeats", "1", "--json"])
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
        let rows = try result.stdout.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        let references = rows.filter { $0["reference"] != nil }
        XCTAssertEqual(references.compactMap { $0["reference"] as? String },
                       ["xoshiro256** uniforms (words alone)", "GSL gsl_ran_gaussian_ziggurat (MT19937)",
                        "GSL gsl_ran_gaussian, polar (MT19937)"])
        for row in references {
            let value = try XCTUnwrap(row["ns_median"] as? Double, "\(row)")
            XCTAssertTrue(value > 0 && value.isFinite, "\(row)")
        }
        let generatorRows = rows.filter { $0["reference"] == nil }
        XCTAssertEqual(generatorRows.compactMap { ($0["fill_size"] as? NSNumber)?.intValue }, [4096, 100, 20, 10])
        for row in generatorRows {
            XCTAssertEqual((row["runs"] as? NSNumber)?.intValue, 5, "at least 5 runs: \(row)")
            for key in ["scalar_ns_median", "scalar_ns_min", "scalar_ns_max", "vector_ns_median", "vector_ns_min",
                        "vector_ns_max", "vector_over_scalar", "lanes_ns_median", "lanes_ns_min", "lanes_ns_max",
                        "lanes_over_scalar"] {
                let value = try XCTUnwrap(row[key] as? Double, "\(row): \(key)")
                XCTAssertTrue(value > 0 && value.isFinite, "\(row): \(key) = \(value)")
            }
        }
    }

    /// The table output starts with the build it was measured with (the default generic build, or the AVX-512 build
    /// that README "Speed" describes), and JSON output stays one timing object per line (no build line).
    func testTableOutputNamesTheBuild() throws {
        let arguments = ["bench", "--generators", "--generator-draws", "1024", "--generator-sizes", "10", "--repeats", "1"]
        let table = try ToolRunner.run(arguments)
        XCTAssertEqual(table.status, 0, "stderr: \(table.stderr)")
        let first = try XCTUnwrap(table.stdout.split(separator: "\n").first.map(String.init))
        XCTAssertTrue(first.hasPrefix("build: "), first)
        #if LANGEVIN_AVX512
        XCTAssertTrue(first.contains("AVX-512 build (declared by -DLANGEVIN_AVX512"), first)
        #elseif arch(x86_64)
        XCTAssertTrue(first.contains("generic x86-64 build (SSE2; the default)"), first)
        #endif
        XCTAssertTrue(first.contains("; CPU: "), first)
        let json = try ToolRunner.run(arguments + ["--json"])
        XCTAssertFalse(json.stdout.contains("build: "), json.stdout)
    }

    /// Run where the peer scripts are not (a fresh directory), the bench says which peers it skipped and why.
    func testSkippedPeersAreNamedWithTheReason() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-peers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = ToolRunner.executable
        process.arguments = ["bench", "--chains", "100", "--dims", "2", "--kinds", "diag", "--threads", "1", "--steps", "2",
                             "--repeats", "1"]
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, stdout)
        XCTAssertTrue(stdout.contains("NumPy peer: skipped (scripts/bench/plmc_numpy.py not found; run from the package root)"), stdout)
        XCTAssertTrue(stdout.contains("JAX-CPU peer: skipped (scripts/bench/plmc_jax.py not found; run from the package root)"), stdout)
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

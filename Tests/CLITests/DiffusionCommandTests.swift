import Foundation
import XCTest

/// The fixed interfaces `diffusion exact` and `diffusion sample` (README.md, "Diffusion"): output shape, agreement with
/// the committed references, and one clear line with exit 64 on bad input (PN-D02, PN-D04).
final class DiffusionCommandTests: XCTestCase {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/reference/diffusion")

    /// `diffusion exact` prints mean, covariance and the expected NFE; PLMC with K = 1 equals DDPM-1000; DDPM's mean
    /// on N(μ, Σ) data tends to μ; PLMC(K = 25) costs (1000/25)(2 − 1/25) = 78.4 calls.
    func testC16_exactInterfacePrintsMeanCovarianceAndNFE() throws {
        let common = ["--schedule", "linear", "--mean", "0.3,-0.5", "--covariance", "1,0.3;0.3,0.5", "--json"]
        let plmc1 = try ToolRunner.json(["diffusion", "exact", "--sampler", "plmc", "--K", "1"] + common)
        let ddpm = try ToolRunner.json(["diffusion", "exact", "--sampler", "ddpm", "--steps", "1000"] + common)
        let m1 = try XCTUnwrap(plmc1["mean"] as? [Double]), m2 = try XCTUnwrap(ddpm["mean"] as? [Double])
        for (a, b) in zip(m1, m2) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertEqual(m2[0], 0.3, accuracy: 1e-3)
        XCTAssertEqual(m2[1], -0.5, accuracy: 1e-3)
        let c = try XCTUnwrap(ddpm["covariance"] as? [[Double]])
        XCTAssertEqual(c.count, 2)
        XCTAssertEqual(c[0][1], c[1][0])
        XCTAssertEqual(ddpm["nfe"] as? Double, 1000)
        let plmc = try ToolRunner.json(["diffusion", "exact", "--sampler", "plmc-large", "--K", "25"] + common)
        XCTAssertEqual(try XCTUnwrap(plmc["nfe"] as? Double), 78.4, accuracy: 1e-9)
        let ddim = try ToolRunner.json(["diffusion", "exact", "--sampler", "ddim", "--steps", "50"] + common)
        XCTAssertEqual(ddim["nfe"] as? Double, 50)
    }

    /// `diffusion sample` reproduces the committed NumPy outputs of DDIM-50, DPM-Solver++(2M)-20 and Heun-18 on the
    /// reference mixture (data/reference/diffusion) to 1e-12.
    func testC16_sampleInterfaceReproducesTheReferences() throws {
        let inputs = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.reference.appendingPathComponent("inputs.json")))
            as! [String: Any]
        let mixture = (inputs["cases"] as! [String: Any])["mixture2d"] as! [String: Any]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mixture-\(UUID().uuidString).json")
        let mixtureJSON = try JSONSerialization.data(withJSONObject: ["weights": mixture["weights"]!, "means": mixture["means"]!,
                                                                     "covariances": mixture["covariances"]!])
        try mixtureJSON.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let starts = (mixture["x_T"] as! [[Double]]).map { $0.map(\.description).joined(separator: ",") }.joined(separator: ";")
        let samplers = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.reference.appendingPathComponent("samplers_linear.json")))
            as! [String: Any]
        let configs = samplers["configs"] as! [[String: Any]]
        for (name, sampler, steps, nfe) in [("ddim_50", "ddim", 50, 50), ("dpmpp_2m_20", "dpm-solver++2m", 20, 20),
                                            ("heun_18", "heun", 18, 35)] {
            let config = try XCTUnwrap(configs.first { $0["name"] as? String == name })
            let expected = ((config["results"] as! [String: Any])["mixture2d"] as! [String: Any])["x0_numpy"] as! [[Double]]
            let out = try ToolRunner.json(["diffusion", "sample", "--sampler", sampler, "--steps", String(steps), "--schedule",
                                           "linear", "--mixture", file.path, "--start", starts, "--json"])
            let samples = try XCTUnwrap(out["samples"] as? [[Double]])
            XCTAssertEqual(samples.count, expected.count)
            for (row, want) in zip(samples, expected) {
                for (a, b) in zip(row, want) { XCTAssertEqual(a, b, accuracy: 1e-12, name) }
            }
            XCTAssertEqual(out["nfe"] as? Int, nfe)
        }
    }

    /// Non-SPD covariance, weights not summing to 1 or negative, N not dividing 1000, an unparsable mixture file,
    /// options that do not apply: one line on stderr and exit 64; a missing mixture file: one line and exit 66.
    func testC16_badInputIsOneLineWithItsDocumentedStatus() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diffusion-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let good = try file("good.json", #"{"weights": [1], "means": [[0, 0]], "covariances": [[[1, 0], [0, 1]]]}"#)
        let exact = ["diffusion", "exact", "--schedule", "linear", "--json"]
        let sample = ["diffusion", "sample", "--schedule", "linear", "--json"]
        let cases: [(String, [String])] = [
            ("non-SPD covariance", exact + ["--sampler", "ddpm", "--mean", "0,0", "--covariance", "1,2;2,1"]),
            ("N not dividing 1000", exact + ["--sampler", "ddim", "--steps", "30", "--mean", "0", "--covariance", "1"]),
            ("--K on ddpm", exact + ["--sampler", "ddpm", "--K", "4", "--mean", "0", "--covariance", "1"]),
            ("--steps on plmc", exact + ["--sampler", "plmc", "--steps", "4", "--mean", "0", "--covariance", "1"]),
            ("K = 0", exact + ["--sampler", "plmc", "--K", "0", "--mean", "0", "--covariance", "1"]),
            ("mean/covariance mismatch", exact + ["--sampler", "ddpm", "--mean", "0,0,0", "--covariance", "1"]),
            ("weights sum 1.2", sample + ["--sampler", "ddim", "--steps", "10", "--start", "0",
                                          "--mixture", try file("w.json", #"{"weights": [1.2], "means": [[0]], "covariances": [[[1]]]}"#)]),
            ("negative weight", sample + ["--sampler", "ddim", "--steps", "10", "--start", "0",
                                          "--mixture", try file("n.json", #"{"weights": [-0.5, 1.5], "means": [[0], [1]], "covariances": [[[1]], [[1]]]}"#)]),
            ("not JSON", sample + ["--sampler", "ddim", "--steps", "10", "--start", "0", "--mixture", try file("x.json", "{weights")]),
            ("start of the wrong dimension", sample + ["--sampler", "ddim", "--steps", "10", "--start", "0", "--mixture", good]),
            ("heun with one step", sample + ["--sampler", "heun", "--steps", "1", "--start", "0,0", "--mixture", good]),
        ]
        for (what, arguments) in cases {
            let result = try ToolRunner.run(arguments)
            XCTAssertEqual(result.status, 64, "\(what): \(result.stderr)")
            XCTAssertEqual(result.stderrLines.count, 1, "\(what): \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, what)
        }
        // a missing input file is status 66 (README "Exit codes and limits"), not a usage error
        let missing = try ToolRunner.run(sample + ["--sampler", "ddim", "--steps", "10", "--start", "0",
                                                   "--mixture", directory.appendingPathComponent("none.json").path])
        XCTAssertEqual(missing.status, 66, missing.stderr)
        XCTAssertEqual(missing.stderrLines.count, 1, missing.stderr)
    }
}

import Foundation
import XCTest

/// `langevin-verify declarations` (PN-V14): every registered case's declarations next to the measured curvature; a
/// contradicted declaration is one line on stderr with status 65, never a verdict.
final class DeclarationsCommandTests: ScratchFolderTestCase {
    func testRegisteredCasesShowMeasuredCurvature() throws {
        let run = try ToolRunner.run(["declarations"], directory: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        let line = try XCTUnwrap(run.stdout.split(separator: "\n").first { $0.hasPrefix("mixture-1d-c2.0:") })
        XCTAssertTrue(line.contains("min eigenvalue of ∇²F = -3.0"), String(line))
    }

    func testContradictedDeclarationIsOneLineStatus65() throws {
        let cases: [([String], String)] = [
            (["declarations", "--case", "cosine-d5-a1.0-w2.0", "--strong-log-concavity", "1"], "contradicted at x = "),
            (["declarations", "--case", "mixture-1d-c1.0", "--strong-log-concavity", "5", "--lipschitz", "0.5"],
             "exceeds the declared Lipschitz constant"),
            (["declarations", "--case", "mixture-1d-c2.0", "--lipschitz", "1"], "Lipschitz constant L = 1.0 is contradicted"),
            (["declarations", "--case", "mixture-1d-c1.0", "--log-sobolev", "2"], "exceeds L"),
        ]
        for (arguments, needle) in cases {
            let run = try ToolRunner.run(arguments, directory: scratch)
            XCTAssertEqual(run.status, 65, "\(arguments): \(run.stderr)")
            XCTAssertEqual(run.stdout, "")
            XCTAssertEqual(run.stderrLines.count, 1, run.stderr)
            XCTAssertTrue(run.stderr.hasPrefix("langevin-verify: "), run.stderr)
            XCTAssertTrue(run.stderr.contains(needle), "\(arguments) should mention \(needle): \(run.stderr)")
        }
        let usage = try ToolRunner.run(["declarations", "--lipschitz", "1"], directory: scratch)
        XCTAssertEqual(usage.status, 64, usage.stderr)
    }
}

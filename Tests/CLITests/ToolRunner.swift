import Foundation
import XCTest

/// Runs the built `langevin-verify` executable (it sits next to the test bundle in the build folder).
struct ToolRun {
    let status: Int32
    let stdout: String
    let stderr: String
    /// True when the process ended by a signal (`status` is then the signal number).
    let killedBySignal: Bool
    /// True when the runner stopped it after its time limit.
    let timedOut: Bool

    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: true) }
}

enum ToolRunner {
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0])
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the test binary is <build>/<config>/<Package>PackageTests.xctest.
        if folder.lastPathComponent.hasSuffix(".xctest") { folder = folder.deletingLastPathComponent() }
        return folder.appendingPathComponent("langevin-verify")
    }

    /// Runs the tool with `arguments`, in `directory` (default: the test's working folder), with extra `environment`
    /// variables, stdout and stderr captured through files (no pipe can fill up), stopped after `timeout` seconds.
    /// `stdoutPath` sends stdout to that file instead (e.g. /dev/full).
    static func run(_ arguments: [String], directory: URL? = nil, environment: [String: String] = [:],
                    timeout: Double = 600, stdoutPath: String? = nil,
                    whileRunning: ((Process) -> Void)? = nil) throws -> ToolRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("langevin-verify-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = stdoutPath.map { URL(fileURLWithPath: $0) } ?? scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        if stdoutPath == nil { _ = FileManager.default.createFile(atPath: outURL.path, contents: nil) }
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        whileRunning?(process)
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                Thread.sleep(forTimeInterval: 0.5)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        let stdout = stdoutPath == nil ? (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" : ""
        return ToolRun(status: process.terminationStatus, stdout: stdout,
                       stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
                       killedBySignal: process.terminationReason == .uncaughtSignal, timedOut: timedOut)
    }

    /// Runs and decodes the single JSON object printed on stdout.
    static func json(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 0, "exit status; stderr: \(result.stderr)", file: file, line: line)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try XCTUnwrap(object as? [String: Any], "stdout is not a JSON object: \(result.stdout)", file: file, line: line)
    }
}

/// A scratch folder per test, removed afterwards.
class ScratchFolderTestCase: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("langevin-verify-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    func read(_ folder: String, _ file: String) throws -> String {
        try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
    }

    /// Every entry under the scratch folder (relative paths, sorted), hidden ones included.
    func entries(under root: URL? = nil) -> [String] {
        let base = root ?? scratch!
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return (enumerator.allObjects as? [String] ?? []).sorted()
    }
}

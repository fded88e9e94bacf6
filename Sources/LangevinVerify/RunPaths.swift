import Foundation
import Verification

/// Where runs go and the facts about this build that the manifest records.
enum RunPaths {
    /// data/runs/<UTC start time>-<name> under the current folder (`RunFolder` makes it unique: `…-2`, `…-3` when a
    /// concurrent run took it).
    static func defaultRunFolder(name: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "data/runs/\(formatter.string(from: ToolMain.startDate))-\(name)"
    }

    /// Commit, Swift version, the command line and the start and finish times (the manifest may hold times;
    /// results.csv may not).
    static func environmentFacts(command: [String]) -> [(String, String)] {
        let commit = firstLine(of: ["git", "rev-parse", "HEAD"]) ?? "unknown (not a git checkout)"
        let dirty = (firstLine(of: ["git", "status", "--porcelain", "--untracked-files=no"]) ?? "").isEmpty ? "" : " (uncommitted changes)"
        return [
            ("commit", commit + dirty),
            ("swift_version", firstLine(of: ["swift", "--version"]) ?? compiledWith),
            ("compiled_with", compiledWith),
            ("command", command.joined(separator: " ")),
            ("started_utc", timestamp(ToolMain.startDate)),
            ("finished_utc", timestamp(Date())),
        ]
    }

    /// ISO 8601 in UTC with milliseconds (a run of a fraction of a second still has a start before its finish).
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static var compiledWith: String {
        #if compiler(>=6.3)
        return "Swift compiler ≥ 6.3"
        #elseif compiler(>=6.1)
        return "Swift compiler 6.1–6.2"
        #else
        return "Swift compiler < 6.1"
        #endif
    }

    /// The first line a command prints, or nil if it cannot run.
    static func firstLine(of arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let data: Data
        do { data = try ChildProcesses.runAndWait(process) { pipe.fileHandleForReading.readDataToEndOfFile() } } catch {
            return nil
        }
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }

    /// Runs `arguments` (through /usr/bin/env) and returns its exit status, stdout and stderr (stderr through a temporary
    /// file, so a chatty child cannot block on a full pipe). Status −1 when it cannot start.
    static func capture(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("langevin-capture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errorFile) }
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil),
              let errorHandle = try? FileHandle(forWritingTo: errorFile) else { return (-1, "", "cannot create a temporary file") }
        process.standardOutput = pipe
        process.standardError = errorHandle
        do { try process.run() } catch { return (-1, "", "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errorHandle.close()
        let errorText = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), errorText)
    }
}

import Foundation

/// Writes a run's files into a temporary sibling folder and renames it into place only when every file is
/// written, so an interrupted or failed run leaves no half-written output folder.
public struct OutputDirectory {
    public let final: URL
    public let staging: URL

    /// Refuses a destination that exists and is not empty, or whose parent cannot be created or written.
    public init(final: URL) throws(VerificationError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: final.path, isDirectory: &isDirectory) {
            let contents = (try? fm.contentsOfDirectory(atPath: final.path)) ?? ["?"]
            guard isDirectory.boolValue, contents.isEmpty else {
                throw .invalidParameter(name: "--output", value: final.path, requirement: "exists and is not an empty folder")
            }
        }
        let parent = final.deletingLastPathComponent()
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw .invalidParameter(name: "--output", value: final.path, requirement: "its parent folder cannot be created (\(error.localizedDescription))")
        }
        guard fm.isWritableFile(atPath: parent.path) else {
            throw .invalidParameter(name: "--output", value: final.path, requirement: "its parent folder is not writable")
        }
        self.final = final
        self.staging = parent.appendingPathComponent(".\(final.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .invalidParameter(name: "--output", value: final.path, requirement: "cannot create a folder there (\(error.localizedDescription))")
        }
    }

    /// Writes `text` to `name` (a relative path) inside the staging folder.
    public func write(_ text: String, to name: String) throws(VerificationError) {
        let url = staging.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        } catch {
            throw .invalidParameter(name: "--output", value: url.path, requirement: "cannot be written (\(error.localizedDescription))")
        }
    }

    /// The staging URL of `name`, for tools (gnuplot) that write files themselves.
    public func url(_ name: String) -> URL { staging.appendingPathComponent(name) }

    /// Moves the finished folder into place.
    public func commit() throws(VerificationError) {
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: final.path) { try fm.removeItem(at: final) }   // an empty folder (checked in init)
            try fm.moveItem(at: staging, to: final)
        } catch {
            throw .invalidParameter(name: "--output", value: final.path, requirement: "cannot be moved into place (\(error.localizedDescription))")
        }
    }

    /// Removes the staging folder (after a failure).
    public func discard() { try? FileManager.default.removeItem(at: staging) }
}

import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output folder could not be prepared, written or put in place.
public struct OutputDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The destination is unusable (exists and is not empty, is the current folder, its parent cannot be
        /// created or written, another run is writing to it).
        case cannotCreate
        /// A file could not be written into the staging folder (disk full, I/O error).
        case writeFailed
        /// Another run took the destination while this one ran; the results were kept under `keptAt`.
        case takenMeanwhile(keptAt: String)
        /// The run was interrupted (the folder was abandoned by a signal handler).
        case abandoned
    }

    public let kind: Kind
    /// How the destination was named on the command line ("--output" or "the default output folder").
    public let label: String
    public let path: String
    public let reason: String

    public init(kind: Kind, label: String, path: String, reason: String) {
        self.kind = kind
        self.label = label
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(label) \(OutputDirectory.shortPath(path)): \(reason)" }
}

/// A run's output folder, written atomically: every file goes into a hidden staging folder next to the destination
/// (`.NAME.partial-XXXXXX`, a unique name made by `mkdtemp`), and `commit()` renames the finished folder into place
/// with a rename that never replaces an existing entry (`renameat2(…, RENAME_NOREPLACE)`), so two runs never share or
/// delete each other's folders and an interrupted or failed run leaves nothing half-written.
///
/// Naming: `.exact` (an explicit `--output`) must not exist or be an empty folder, which the commit replaces; if
/// another run takes it meanwhile, the results are kept in the first free `NAME-2`, `NAME-3`, … and the commit
/// reports it (`takenMeanwhile`). `.unique` (default folders such as `data/runs/<UTC time>-verify`) commits to the
/// first free name among `NAME`, `NAME-2`, `NAME-3`, ….
///
/// Nothing the run did not create is deleted: a failed or abandoned run removes its staging folder and the parent
/// folders it created (only while they are empty). Every live staging folder is registered so that a signal
/// handler can abandon them all (`abandonAll()`); after that every write and commit fails with `.abandoned`.
public final class OutputDirectory: Sendable {
    public enum Naming: Sendable, Equatable {
        case exact
        case unique
    }

    /// The requested destination.
    public let final: URL
    public let naming: Naming
    /// How the destination was named, for messages ("--output", "the default output folder").
    public let label: String
    /// The hidden staging folder.
    public let staging: URL
    /// Parent folders this run created (deepest last), removed again if the run does not commit.
    private let createdParents: [URL]

    private struct State {
        var committed: URL?
        var abandoned = false
        var discarded = false
    }
    private let state = Mutex(State())

    /// Every output folder of this process not discarded (for `abandonAll()`; committed ones are reported, not removed).
    private static let live = Mutex<[ObjectIdentifier: OutputDirectory]>([:])

    /// Prepares the staging folder. Throws `.cannotCreate` for an empty or `.`/`..` path, the current folder or one
    /// of its ancestors, an existing destination that is not an empty folder (`.exact`), a staging folder of another
    /// run for the same destination (`.exact`), or a parent that cannot be created or written.
    public init(final requested: URL, naming: Naming = .exact, label: String = "--output") throws(VerificationError) {
        let fm = FileManager.default
        func refuse(_ reason: String) -> VerificationError {
            .output(OutputDirectoryError(kind: .cannotCreate, label: label, path: requested.path, reason: reason))
        }
        let raw = requested.path
        let last = requested.lastPathComponent
        guard !raw.trimmingCharacters(in: .whitespaces).isEmpty, !last.isEmpty, last != ".", last != "..", last != "/" else {
            throw refuse("needs a folder name (not empty, \".\", \"..\" or \"/\")")
        }
        let resolved = requested.standardizedFileURL.resolvingSymlinksInPath().path
        let current = URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath().path
        guard resolved != current, !(current + "/").hasPrefix(resolved + "/") else {
            throw refuse("is the current folder or one of its ancestors; name a new folder")
        }
        var isDirectory: ObjCBool = false
        if naming == .exact, fm.fileExists(atPath: requested.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw refuse("exists and is not a folder") }
            let contents: [String]
            do { contents = try fm.contentsOfDirectory(atPath: requested.path) } catch {
                throw refuse("exists and cannot be read (\(Self.reason(error)))")
            }
            guard contents.isEmpty else { throw refuse("exists and is not an empty folder") }
        }
        let parent = requested.deletingLastPathComponent()
        if naming == .exact, let other = Self.otherStaging(in: parent, for: last) {
            throw refuse("another run is writing to it (its staging folder \(other) exists; if no run is, remove that folder)")
        }
        // create the missing parents one by one, remembering which were ours
        var missing: [URL] = []
        var probe = parent
        while !fm.fileExists(atPath: probe.path) {
            missing.append(probe)
            let up = probe.deletingLastPathComponent()
            if up.path == probe.path { break }
            probe = up
        }
        var created: [URL] = []
        for folder in missing.reversed() {
            do {
                try fm.createDirectory(at: folder, withIntermediateDirectories: false)
                created.append(folder)
            } catch {
                if fm.fileExists(atPath: folder.path) { continue }   // made by a concurrent run meanwhile
                Self.removeEmpty(created)
                throw refuse("its parent folder cannot be created (\(Self.reason(error)))")
            }
        }
        var parentIsFolder: ObjCBool = false
        guard fm.fileExists(atPath: parent.path, isDirectory: &parentIsFolder), parentIsFolder.boolValue else {
            Self.removeEmpty(created)
            throw refuse("its parent folder cannot be created: \(Self.shortPath(parent.path)) is not a folder")
        }
        guard fm.isWritableFile(atPath: parent.path) else {
            Self.removeEmpty(created)
            throw refuse("its parent folder \(Self.shortPath(parent.path)) is not writable")
        }
        var template = Array(parent.appendingPathComponent(".\(last).partial-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else {
            let message = String(cString: strerror(errno))
            Self.removeEmpty(created)
            throw refuse("cannot create a staging folder next to it (\(message))")
        }
        // mkdtemp makes the folder 0700; the committed folder gets the permissions mkdir would give it
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        _ = chmod(path, 0o777 & ~Self.fileCreationMask)
        self.final = requested
        self.naming = naming
        self.label = label
        self.staging = URL(fileURLWithPath: path)
        self.createdParents = created
        Self.live.withLock { $0[ObjectIdentifier(self)] = self }
    }

    /// Writes `text` to `name` (a relative path) inside the staging folder.
    public func write(_ text: String, to name: String) throws(VerificationError) {
        let url = staging.appendingPathComponent(name)
        let failure: VerificationError? = state.withLock { s in
            if s.abandoned || s.discarded || s.committed != nil {
                return .output(OutputDirectoryError(kind: .abandoned, label: label, path: final.path,
                                                    reason: "the run was stopped; nothing more is written"))
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
                return nil
            } catch {
                return .output(OutputDirectoryError(kind: .writeFailed, label: label, path: final.path,
                                                    reason: "cannot write \(name) (\(Self.reason(error)))"))
            }
        }
        if let failure { throw failure }
    }

    /// The staging URL of `name`, for tools (gnuplot) that write files themselves.
    public func url(_ name: String) -> URL { staging.appendingPathComponent(name) }

    /// Moves the finished folder into place and returns where it went: the destination, or for `.unique` naming the
    /// first free `NAME-n`. With `.exact` naming, if another run took the destination meanwhile, the results are moved
    /// to the first free `NAME-n` and `.takenMeanwhile(keptAt:)` is thrown.
    @discardableResult
    public func commit() throws(VerificationError) -> URL {
        let outcome: Result<URL, VerificationError> = state.withLock { s in
            if s.abandoned || s.discarded {
                return .failure(.output(OutputDirectoryError(kind: .abandoned, label: label, path: final.path,
                                                             reason: "the run was stopped before its results were complete")))
            }
            if let committed = s.committed { return .success(committed) }
            let fm = FileManager.default
            if naming == .exact {
                // an existing empty folder (checked in init) is replaced; rmdir fails if anything appeared in it
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: final.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    _ = rmdir(final.path)
                }
                switch Self.renameNoReplace(staging, final) {
                case .done:
                    s.committed = final
                    return .success(final)
                case .failed(let message):
                    return .failure(.output(OutputDirectoryError(kind: .cannotCreate, label: label, path: final.path,
                                                                 reason: "cannot be moved into place (\(message))")))
                case .exists:
                    break
                }
            }
            for n in (naming == .exact ? 2 : 1)...10_000 {
                let candidate = n == 1 ? final : Self.sibling(final, n)
                switch Self.renameNoReplace(staging, candidate) {
                case .done:
                    s.committed = candidate
                    if naming == .exact {
                        return .failure(.output(OutputDirectoryError(
                            kind: .takenMeanwhile(keptAt: candidate.path), label: label, path: final.path,
                            reason: "was filled by another run while this one ran; this run's results are in "
                                + Self.shortPath(candidate.path))))
                    }
                    return .success(candidate)
                case .failed(let message):
                    return .failure(.output(OutputDirectoryError(kind: .cannotCreate, label: label, path: candidate.path,
                                                                 reason: "cannot be moved into place (\(message))")))
                case .exists:
                    continue
                }
            }
            return .failure(.output(OutputDirectoryError(kind: .cannotCreate, label: label, path: final.path,
                                                         reason: "no free name among NAME-2 … NAME-10000")))
        }
        // a committed folder stays registered: a signal after the commit reports where the results are
        switch outcome {
        case .success(let url): return url
        case .failure(let error):
            if case .output(let e) = error, case .takenMeanwhile = e.kind {} else { discard() }
            throw error
        }
    }

    /// Removes the staging folder and the parent folders this run created (after a failure). No effect after a
    /// successful commit.
    public func discard() {
        let abandoned = state.withLock { s -> Bool in
            guard s.committed == nil, !s.discarded else { return s.abandoned }
            s.discarded = true
            Self.remove(staging)
            Self.removeEmpty(createdParents)
            return s.abandoned
        }
        // an abandoned folder stays registered until the process ends: the signal handler cleans it up once more
        if !abandoned { Self.live.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(self)) } }
    }

    /// Marks the folder abandoned (every later write or commit fails) and removes its staging folder and the parents
    /// it created (again at every call). Returns the committed folder when the commit had already happened (nothing is
    /// removed then).
    @discardableResult
    public func abandon() -> URL? {
        state.withLock { s in
            if let committed = s.committed { return committed }
            // removed again on a second call: a helper stopped meanwhile may have added files
            Self.remove(staging)
            Self.removeEmpty(createdParents)
            s.abandoned = true
            return nil
        }
    }

    /// For a signal handler: abandons every live output folder; returns, for each, the committed folder or nil (the
    /// staging folder was removed) with the destination's path.
    public static func abandonAll() -> [(destination: String, committed: URL?)] {
        let folders = live.withLock { Array($0.values) }
        return folders.map { ($0.final.path, $0.abandon()) }
    }

    // MARK: helpers

    /// The process's umask, read once (reading it means setting it; done before any run starts writing).
    private static let fileCreationMask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    enum RenameOutcome { case done, exists, failed(String) }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2` looked up at run time (glibc ≥ 2.28 has it; Swift's Glibc module does not declare it).
    private static let renameAt2: RenameAt2? = {
        #if os(Linux)
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    /// Renames `from` to `to` unless `to` exists (atomically with RENAME_NOREPLACE; where the kernel or file system
    /// lacks it, by claiming `to` with mkdir first and renaming onto the empty folder it made).
    static func renameNoReplace(_ from: URL, _ to: URL) -> RenameOutcome {
        if let renameAt2 {
            let result = renameAt2(AT_FDCWD, from.path, AT_FDCWD, to.path, 1 /* RENAME_NOREPLACE */)
            if result == 0 { return .done }
            let code = errno
            if code == EEXIST || code == ENOTEMPTY { return .exists }
            if code != EINVAL && code != ENOSYS { return .failed(String(cString: strerror(code))) }
        }
        guard mkdir(to.path, 0o755) == 0 else {
            let code = errno
            return code == EEXIST ? .exists : .failed(String(cString: strerror(code)))
        }
        guard rename(from.path, to.path) == 0 else {
            let message = String(cString: strerror(errno))
            _ = rmdir(to.path)
            return .failed(message)
        }
        return .done
    }

    /// `NAME-n` next to `url`.
    static func sibling(_ url: URL, _ n: Int) -> URL {
        url.deletingLastPathComponent().appendingPathComponent("\(url.lastPathComponent)-\(n)")
    }

    /// The name of another run's staging folder for `name` in `parent`, if one exists.
    static func otherStaging(in parent: URL, for name: String) -> String? {
        let prefix = ".\(name).partial-"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return entries.first { $0.hasPrefix(prefix) }
    }

    /// Removes a staging folder and everything in it, retrying while something (a helper that was just stopped) still
    /// adds files to it.
    static func remove(_ folder: URL) {
        for _ in 0..<20 {
            try? FileManager.default.removeItem(at: folder)
            if !FileManager.default.fileExists(atPath: folder.path) { return }
            usleep(20_000)
        }
    }

    /// Removes the given folders, deepest first, each only if empty.
    static func removeEmpty(_ folders: [URL]) {
        for folder in folders.reversed() { _ = rmdir(folder.path) }
    }

    static func reason(_ error: any Error) -> String {
        let text = (error as NSError).localizedDescription
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }

    /// A path cut to 120 characters for messages (a huge argument is never echoed whole).
    public static func shortPath(_ path: String) -> String {
        path.count <= 120 ? path : "…" + path.suffix(119)
    }
}

import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The helper processes a run has started and not yet waited for (gnuplot drawing into an output folder, git,
/// python), so that a run stopped by a signal can stop them too before it removes its unfinished folders — a helper
/// left running would keep writing into them.
public enum ChildProcesses {
    private static let running = Mutex<Set<Int32>>([])

    /// Runs `process` to completion, registered while it runs; `whileRunning` runs after the start (e.g. to read its
    /// output pipe) and its value is returned. Throws what `Process.run()` throws.
    @discardableResult
    public static func runAndWait<T>(_ process: Process, whileRunning: () throws -> T) throws -> T {
        try running.withLock { set in
            try process.run()
            set.insert(process.processIdentifier)
        }
        defer {
            process.waitUntilExit()
            _ = running.withLock { $0.remove(process.processIdentifier) }
        }
        return try whileRunning()
    }

    /// Runs `process` to completion, registered while it runs.
    public static func runAndWait(_ process: Process) throws {
        try runAndWait(process) { () }
    }

    /// Sends SIGTERM to every registered process and waits (at most about a second) until they are gone.
    public static func terminateAll() {
        let pids = running.withLock { set -> [Int32] in
            let all = Array(set)
            set.removeAll()
            return all
        }
        for pid in pids { kill(pid, SIGTERM) }
        for _ in 0..<100 {
            let alive = pids.filter { kill($0, 0) == 0 && !isZombie($0) }
            if alive.isEmpty { return }
            usleep(10_000)
        }
        for pid in pids { kill(pid, SIGKILL) }
    }

    /// True when `pid` has exited but was not reaped yet (Foundation reaps it in `waitUntilExit`).
    static func isZombie(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = status.lastIndex(of: ")") else { return false }
        return status[status.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}

// Termination signals: a run stopped by SIGINT, SIGTERM or SIGHUP removes its unfinished output folders and says,
// in one line, where it stopped. Every subcommand gets this from `ToolMain`; a command only names its stage.
import Foundation
import Synchronization
import Verification
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum Interruption {
    /// The signals handled: SIGHUP, SIGINT, SIGTERM.
    static let signals: [Int32] = [SIGHUP, SIGINT, SIGTERM]

    private static let stageText = Mutex<String>("start-up")
    private static let stopping = Atomic<Bool>(false)

    /// True once a signal is being handled: the main thread then waits for the handler to end the process (with the
    /// signal's status) instead of reporting the errors the handler caused (an abandoned folder).
    static var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    /// Blocks the calling thread for good when a signal is being handled (the handler exits the process).
    static func waitIfStopping() {
        guard isStopping else { return }
        while true { pause() }
    }

    /// What the run is doing, for the interruption message ("unit 3 of 14: C5 on gaussian-1d-a2").
    static func setStage(_ text: String) { stageText.withLock { $0 = text } }

    static var stage: String { stageText.withLock { $0 } }

    /// Blocks the handled signals in the calling thread and starts one thread that waits for them (`sigwait`).
    /// Call it first in `main`, before any other thread exists: every thread created later inherits the mask, so the
    /// signal is taken only by the waiting thread, whatever the computing threads are doing. SIGPIPE is ignored, so
    /// a closed standard output is a write error (exit status 74), not a silent death.
    static func install() {
        signal(SIGPIPE, SIG_IGN)
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let waiter = Thread {
            var received: Int32 = 0
            var waitSet = sigset_t()
            sigemptyset(&waitSet)
            for s in signals { sigaddset(&waitSet, s) }
            while sigwait(&waitSet, &received) != 0 {}
            stop(signal: received)
        }
        waiter.name = "langevin-verify signals"
        waiter.start()
    }

    /// Stops the helper processes, abandons every unfinished output folder (its staging folder is removed; a folder already committed is kept and
    /// named), prints one line and exits with 128 + the signal number.
    static func stop(signal: Int32) -> Never {
        stopping.store(true, ordering: .sequentiallyConsistent)
        let folders = OutputDirectory.abandonAll()   // first: no more writes, no commit
        ChildProcesses.terminateAll()                // a helper (gnuplot) would keep writing into the folders
        _ = OutputDirectory.abandonAll()              // again: what the helpers wrote meanwhile
        var parts = ["interrupted by \(name(of: signal)) during \(stage)"]
        var removed = 0
        for folder in folders {
            if let committed = folder.committed {
                parts.append("its results were already written to \(OutputDirectory.shortPath(committed.path))")
            } else {
                removed += 1
                parts.append("the unfinished output folder for \(OutputDirectory.shortPath(folder.destination)) was removed")
            }
        }
        if folders.isEmpty || removed == folders.count { parts.append("nothing was written") }
        let line = "langevin-verify: " + CommandLineRules.oneLine(parts.joined(separator: "; ")) + "\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        _exit(ToolExit.forSignal(signal).rawValue)
    }

    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGHUP: return "SIGHUP"
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }
}

// A live progress line on stderr, shared by every long-running subcommand.
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress line with ETA on stderr, drawn by its own thread from a `status` closure that returns the completed
/// fraction and what is running. On a terminal it appears after `quietSeconds` and is rewritten in place; otherwise (a
/// log file, a Slurm job) a new line is printed every `logInterval` seconds from `logInterval / 3` on — so a short run
/// in a script keeps stderr empty and a long one shows it is alive. `LANGEVIN_PROGRESS_INTERVAL=S` sets the log
/// interval (default 30 s).
final class ProgressReporter: Sendable {
    typealias Status = @Sendable () -> (fraction: Double, current: String)

    let status: Status
    let quietSeconds: Double
    let logInterval: Double
    let interactive = isatty(2) != 0
    private let stopped = Atomic<Bool>(false)
    private let finished = Mutex<Bool>(false)
    private let printedInPlace = Atomic<Bool>(false)
    private let start = ContinuousClock().now

    /// The environment variable that sets the interval between progress lines in a log.
    static let intervalVariable = "LANGEVIN_PROGRESS_INTERVAL"

    init(quietSeconds: Double = 2, logInterval: Double? = nil, status: @escaping Status) {
        self.status = status
        self.quietSeconds = quietSeconds
        let requested = ProcessInfo.processInfo.environment[Self.intervalVariable].flatMap { Double($0.trimmingWhitespace) }
        self.logInterval = logInterval ?? requested.flatMap { $0.isFinite && $0 >= 0.1 ? min($0, 86_400) : nil } ?? 30
    }

    /// Starts the drawing thread.
    func begin() {
        let thread = Thread { [self] in loop() }
        thread.name = "langevin-verify progress"
        thread.start()
    }

    /// Stops drawing (and ends an in-place line with a newline).
    func end() {
        stopped.store(true, ordering: .relaxed)
        finished.withLock { done in
            guard !done else { return }
            done = true
            if printedInPlace.load(ordering: .relaxed) { StandardError.write("\r\u{1B}[K") }
        }
    }

    private var elapsed: Double { (ContinuousClock().now - start) / .seconds(1) }

    private func loop() {
        var lastLog = -Double.infinity
        while !stopped.load(ordering: .relaxed) {
            usleep(min(250_000, UInt32(logInterval * 250_000)))
            let t = elapsed
            guard t >= (interactive ? quietSeconds : logInterval / 3), !stopped.load(ordering: .relaxed) else { continue }
            if !interactive {
                guard t - lastLog >= logInterval else { continue }
                lastLog = t
            }
            let (fraction, current) = status()
            let line = Self.line(fraction: fraction, elapsed: t, current: current)
            finished.withLock { done in
                guard !done else { return }
                if interactive {
                    StandardError.write("\r\u{1B}[K" + line)
                    printedInPlace.store(true, ordering: .relaxed)
                } else {
                    StandardError.write(line + "\n")
                }
            }
        }
    }

    static func line(fraction: Double, elapsed: Double, current: String) -> String {
        let width = 24
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let filled = Int((Double(width) * f).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var eta = "ETA –"
        if f > 0.001, f < 1 { eta = "ETA \(clock(elapsed / f * (1 - f)))" }
        let text = "\(bar) \(String(format: "%5.1f", 100 * f))% \(clock(elapsed)) \(eta)" + (current.isEmpty ? "" : "  \(current)")
        return CommandLineRules.oneLine(text)
    }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e7 else { return "–" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

// Resource limits: every input that can ask for unbounded work or memory is checked here, before anything is
// allocated or run, with one line naming the limit and how to go past it (README.md, "Exit codes and limits").
import Foundation
import SchemeVocabulary

enum ToolLimits {
    /// Chains of one `simulate` run (memory does not grow with it — chains run in blocks — but time does).
    static let maximumChains = 1_000_000_000
    /// Steps per chain of one `simulate` run.
    static let maximumSteps = 1_000_000_000
    /// Worker threads.
    static let maximumThreads = 256
    /// `bench`: chains per run (its Gaussian floors keep one generator per chain: a 64-byte `LaneNormalStream` and a
    /// 32-byte scalar generator, under 1 GB at the limit).
    static let maximumBenchChains = 10_000_000
    /// `bench`: dimensions of the diagonal and dense cases (dense: a d×d matrix and an O(d³) random rotation).
    static let maximumBenchDiagonalDimension = 10_000
    static let maximumBenchDenseDimension = 1_000
    /// `bench --repeats`.
    static let maximumRepeats = 100

    /// The default bound on the work of one command, in chain·step·dimension·drift-call units (about 10 minutes at
    /// the engine's 5–10 ns per unit on one core).
    static let defaultMaximumWork = 1e11
    /// The environment variable that raises (or lowers) the work bound.
    static let workVariable = "LANGEVIN_MAX_WORK"

    /// The work bound: `LANGEVIN_MAX_WORK` if set (a positive number, e.g. 1e12), else `defaultMaximumWork`.
    static func maximumWork(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ToolError) -> Double {
        guard let text = environment[workVariable] else { return defaultMaximumWork }
        guard let value = Double(text.trimmingWhitespace), value.isFinite, value > 0 else {
            throw ToolError.usage("\(workVariable) must be a positive number of work units (e.g. 1e12), got \(ArgumentParsing.quoted(text))")
        }
        return value
    }

    /// Throws unless 1 ≤ `value` ≤ `maximum` (`minimum` may be larger than 1), naming the option and the limit.
    static func checkCount(_ value: Int, option: String, minimum: Int = 1, maximum: Int, why: String = "",
                           beyond: String = "") throws(ToolError) {
        guard value >= minimum else {
            throw ToolError.usage("\(option) must be at least \(minimum)\(why.isEmpty ? "" : " (\(why))"), got \(value)")
        }
        guard value <= maximum else {
            throw ToolError.usage("\(option) must be at most \(maximum) (the tool's limit), got \(value)"
                                  + (beyond.isEmpty ? "" : "; \(beyond)"))
        }
    }

    /// Throws when `units` (chain·step·dimension·drift-call units, computed in floating point so it cannot overflow)
    /// exceeds the work bound.
    static func checkWork(_ units: Double, what: String) throws(ToolError) {
        let limit = try maximumWork()
        guard units <= limit else {
            let needed = String(format: "%.1e", units * 1.05)
            throw ToolError.usage("\(what) asks for \(String(format: "%.3g", units)) units of work (chains × steps × "
                                  + "dimension × drift calls), above the limit \(String(format: "%.3g", limit)); "
                                  + "set \(workVariable)=\(needed) to allow it")
        }
    }

    /// `--threads`.
    static func checkThreads(_ threads: Int, option: String = "--threads") throws(ToolError) {
        try checkCount(threads, option: option, maximum: maximumThreads,
                       beyond: "more threads than cores only add overhead")
    }

    /// K of a Poisson-midpoint scheme: the vocabulary's `MidpointCount.maximumFinite`.
    static var maximumMidpointCount: Int { MidpointCount.maximumFinite }
}

import Foundation

/// The outcome of running a set of units: every verdict, in unit order, and per-unit wall times.
public struct VerificationRunResult: Sendable {
    public let units: [VerificationUnit]
    public let verdicts: [[ClaimVerdict]]
    public let seconds: [Double]

    public init(units: [VerificationUnit], verdicts: [[ClaimVerdict]], seconds: [Double]) {
        self.units = units
        self.verdicts = verdicts
        self.seconds = seconds
    }

    /// What a run concluded, over its asserted verdicts (those not outside the assumptions).
    public enum Outcome: String, Sendable, Equatable {
        /// At least one verdict was asserted and every asserted verdict is as expected (subjects hold, mutants are
        /// rejected).
        case holds
        /// Some asserted verdict is not as expected and not inconclusive.
        case fails
        /// Nothing fails, but some asserted verdict is inconclusive.
        case inconclusive
        /// No verdict was asserted: no unit, or every verdict outside its claim's assumptions. Never "holds".
        case nothingAsserted = "nothing asserted"
    }

    /// The verdicts that are asserted: every verdict except those outside the assumptions (reported, not asserted).
    public var assertedCount: Int {
        verdicts.joined().filter(\.outcome.isAsserted).count
    }

    /// The run's outcome: `.inconclusive` counts as not holding; `.outsideAssumptions` is reported, not asserted; a
    /// run that asserts nothing is `.nothingAsserted`, never `.holds`.
    public var outcome: Outcome {
        var inconclusive = false
        var asserted = 0
        for verdict in verdicts.joined() {
            switch verdict.outcome {
            case .outsideAssumptions, .reported: continue
            case .inconclusive: inconclusive = true
            default: if !verdict.asExpected { return .fails }
            }
            asserted += 1
        }
        if asserted == 0 { return .nothingAsserted }
        return inconclusive ? .inconclusive : .holds
    }

    /// Exit status rule of the tool: true iff `outcome == .holds` (at least one verdict asserted, every asserted
    /// verdict as expected).
    public var allAssertedHold: Bool { outcome == .holds }

    /// One line for a run that did not hold (nil when it holds): how many asserted checks fail or are inconclusive,
    /// or that nothing was asserted, and where the results are.
    public func statusLine(resultsIn folder: String) -> String? {
        let all = Array(verdicts.joined())
        let asserted = assertedCount
        switch outcome {
        case .holds:
            return nil
        case .fails:
            let wrong = all.filter { v in
                if !v.outcome.isAsserted { return false }
                if case .inconclusive = v.outcome { return false }
                return !v.asExpected
            }.count
            return "\(wrong) of \(asserted) asserted check(s) do not hold (see the table; results in \(folder))"
        case .inconclusive:
            let count = all.filter { if case .inconclusive = $0.outcome { return true }; return false }.count
            return "nothing fails, but \(count) of \(asserted) asserted check(s) are inconclusive (see the reasons; "
                + "results in \(folder))"
        case .nothingAsserted:
            return "nothing was asserted: every selected check is outside its claim's assumptions (\(all.count) "
                + "verdict(s) reported; results in \(folder))"
        }
    }

    /// `results.csv` rows of this run.
    public var csvRows: [[String]] {
        zip(units, verdicts).flatMap { ResultsCSV.rows(unit: $0.index, verdicts: $1) }
    }
}

/// Runs units one after the other (each claim check may use several threads itself), reporting progress.
public enum VerificationRunner {
    public static func run(_ units: [VerificationUnit], options: ClaimRunOptions,
                           progress: (_ done: Int, _ total: Int, _ current: VerificationUnit?, _ elapsed: Double) -> Void)
        -> VerificationRunResult
    {
        let clock = ContinuousClock()
        let start = clock.now
        var verdicts: [[ClaimVerdict]] = []
        var seconds: [Double] = []
        for (done, unit) in units.enumerated() {
            progress(done, units.count, unit, (clock.now - start) / .seconds(1))
            let unitStart = clock.now
            verdicts.append(unit.claim.run(options, on: unit.claimCase))
            seconds.append((clock.now - unitStart) / .seconds(1))
        }
        progress(units.count, units.count, nil, (clock.now - start) / .seconds(1))
        return VerificationRunResult(units: units, verdicts: verdicts, seconds: seconds)
    }
}

import Foundation

/// The outcome of running a set of units: every verdict, in unit order, and per-unit wall times.
public struct VerificationRunResult: Sendable {
    public let units: [VerificationUnit]
    public let verdicts: [[ClaimVerdict]]
    public let seconds: [Double]

    /// Exit status rule of the tool: every verdict within the assumptions is as expected (subjects hold, mutants
    /// are rejected); `.inconclusive` counts as not holding; `.outsideAssumptions` is reported, not asserted.
    public var allAssertedHold: Bool {
        verdicts.joined().allSatisfy { verdict in
            if case .outsideAssumptions = verdict.outcome { return true }
            return verdict.asExpected
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

import Foundation

/// The verdict table printed by `langevin-verify verify`: claim, case, subject, metric, expected, measured
/// exponent with its interval, verdict and reason. Mutant rows read "rejected" when the check rejected them.
public enum VerdictTable {
    public static func text(_ result: VerificationRunResult) -> String {
        var rows: [[String]] = [["claim", "case", "subject", "metric", "expected", "measured [bracket] kind", "verdict"]]
        var reasons: [String] = []
        var brackets: [VerdictBracket] = []
        for verdict in result.verdicts.joined() {
            let measured: String
            if let m = verdict.measured {
                var cell = fmt(m)
                if let lo = verdict.intervalLower, let hi = verdict.intervalUpper, let kind = verdict.bracket {
                    cell += " [\(fmt(lo)), \(fmt(hi))] \(kind.rawValue)"
                    if !brackets.contains(kind) { brackets.append(kind) }
                }
                measured = cell
            } else { measured = "–" }
            var label = verdict.outcome.label
            if verdict.role.isMutant { label = verdict.outcome.isFailure ? "rejected (mutant)" : "NOT rejected (mutant): \(label)" }
            if let reason = verdict.outcome.reason, !verdict.role.isMutant || !verdict.outcome.isFailure {
                reasons.append("\(verdict.claimID) [\(verdict.caseName)] \(verdict.subject): \(verdict.outcome.label): \(reason)")
            }
            rows.append([verdict.claimID.rawValue, verdict.caseName, verdict.subject + (verdict.role.isMutant ? " *" : ""),
                         verdict.metric, verdict.expected.text, measured, label])
        }
        let widths = (0..<rows[0].count).map { c in min(rows.map { $0[c].count }.max() ?? 0, c == 3 ? 38 : 46) }
        var out = rows.map { row in
            zip(row, widths).map { cell, width in
                cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell.padding(toLength: width, withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
        let all = Array(result.verdicts.joined())
        let subjects = all.filter { !$0.role.isMutant }
        let mutants = all.filter { $0.role.isMutant }
        out += "\n\n* mutant: a deliberately wrong scheme run through the same check; it must be rejected.\n"
        for kind in VerdictBracket.allCases where brackets.contains(kind) { out += "[…] \(kind.legend).\n" }
        out += "subjects: \(subjects.filter { $0.outcome.holds }.count) hold, \(subjects.filter { $0.outcome.isFailure }.count) fail, "
        out += "\(subjects.filter { if case .outsideAssumptions = $0.outcome { return true }; return false }.count) outside the assumptions, "
        out += "\(subjects.filter { if case .inconclusive = $0.outcome { return true }; return false }.count) inconclusive"
        let reported = subjects.filter { if case .reported = $0.outcome { return true }; return false }.count
        out += reported > 0 ? ", \(reported) reported (not asserted); " : "; "
        out += "mutants: \(mutants.filter { $0.outcome.isFailure }.count)/\(mutants.count) rejected\n"
        let inconclusive = all.filter { if case .inconclusive = $0.outcome { return true }; return false }.count
        switch result.outcome {
        case .holds:
            out += "verdict: every asserted claim holds (\(result.assertedCount) asserted check\(result.assertedCount == 1 ? "" : "s"))\n"
        case .inconclusive:
            out += "verdict: nothing fails, but \(inconclusive) asserted check\(inconclusive == 1 ? " is" : "s are") inconclusive "
                + "(exit status 2; see the reasons)\n"
        case .fails:
            out += "verdict: SOME ASSERTED CLAIM DOES NOT HOLD (exit status 1)\n"
        case .nothingAsserted:
            out += "verdict: NOTHING WAS ASSERTED — every selected check is outside its claim's assumptions, so nothing "
                + "was verified (exit status 3)\n"
        }
        if !reasons.isEmpty { out += "\nreasons:\n" + reasons.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }

    /// {"outcome": "holds|fails|inconclusive|nothing asserted", "asserted": n, "all_asserted_hold": bool (true iff the
    /// outcome is "holds"), "verdicts": [{claim, case, subject, role, metric, expected, expected_value, measured,
    /// interval_lower, interval_upper, bracket, tolerance, verdict, reason, numbers}]}.
    public static func json(_ result: VerificationRunResult) -> String {
        let items = zip(result.units, result.verdicts).flatMap { unit, verdicts in
            verdicts.map { v in
                JSON.object([
                    ("unit", String(unit.index)), ("claim", JSON.string(v.claimID.rawValue)), ("case", JSON.string(v.caseName)),
                    ("subject", JSON.string(v.subject)), ("role", JSON.string(v.role.description)),
                    ("metric", JSON.string(v.metric)), ("expected", JSON.string(v.expected.text)),
                    ("expected_value", v.expected.value.map(JSON.number) ?? "null"),
                    ("measured", v.measured.map(JSON.number) ?? "null"),
                    ("interval_lower", v.intervalLower.map(JSON.number) ?? "null"),
                    ("interval_upper", v.intervalUpper.map(JSON.number) ?? "null"),
                    ("bracket", v.bracket.map { JSON.string($0.rawValue) } ?? "null"),
                    ("tolerance", v.tolerance.map(JSON.number) ?? "null"),
                    ("verdict", JSON.string(v.outcome.label)), ("as_expected", v.asExpected ? "true" : "false"),
                    ("reason", v.outcome.reason.map(JSON.string) ?? "null"),
                    ("numbers", JSON.object(v.numbers.map { ($0.label, JSON.number($0.value)) })),
                ])
            }
        }
        return JSON.object([("outcome", JSON.string(result.outcome.rawValue)), ("asserted", String(result.assertedCount)),
                            ("all_asserted_hold", result.allAssertedHold ? "true" : "false"),
                            ("verdicts", "[" + items.joined(separator: ", ") + "]")])
    }

    static func fmt(_ x: Double) -> String {
        guard x.isFinite else { return x.description }
        if x != 0 && (abs(x) < 1e-3 || abs(x) >= 1e5) { return String(format: "%.3e", x) }
        return String(format: "%.3f", x)
    }
}

/// Writes every unit's plot data and gnuplot script into `plots/` and renders them when gnuplot is installed.
public enum PlotWriter {
    /// Returns a one-line note when gnuplot is missing (how to render), nil when the plots were drawn.
    public static func write(_ result: VerificationRunResult, into folder: OutputDirectory) throws(VerificationError) -> String? {
        var stems: [String] = []
        for (unit, verdicts) in zip(result.units, result.verdicts) {
            // One plot per subject, drawn with the mutants that were run through the same check.
            let groups = RatePlots.groups(verdicts)
            for (number, group) in groups.enumerated() {
                let base = RatePlots.stem(claimID: unit.claim.id.rawValue, caseName: unit.claimCase.name)
                let stem = groups.count > 1 ? "\(base)-\(number + 1)" : base
                let title = "\(unit.claim.id) \(unit.claim.title) — \(unit.claimCase.name) — \(group[0].subject)"
                guard let files = RatePlots.files(stem: stem, title: title, verdicts: group) else { continue }
                try folder.write(files.data, to: "plots/\(stem).dat")
                try folder.write(files.script, to: "plots/\(stem).gp")
                stems.append(stem)
            }
        }
        guard !stems.isEmpty else { return nil }
        guard let gnuplot = executable(named: "gnuplot") else {
            return "gnuplot not found: the plot data and scripts are in plots/; render with `cd <run>/plots && for f in *.gp; do gnuplot \"$f\"; done` (apt-get install gnuplot-nox)"
        }
        for stem in stems {
            let process = Process()
            process.executableURL = gnuplot
            process.arguments = ["\(stem).gp"]
            process.currentDirectoryURL = folder.url("plots")
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try ChildProcesses.runAndWait(process) } catch {
                return "gnuplot could not run (\(error)); render plots/*.gp by hand"
            }
            if process.terminationStatus != 0 { return "gnuplot failed on plots/\(stem).gp; render it by hand to see why" }
        }
        return nil
    }

    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

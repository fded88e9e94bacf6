import Foundation

/// The sweep's files and the C15 decisions drawn from its rows (docs/theory.md §7.15, §8.10; PN-D07).
///
/// Decision rule, fixed in advance. Gaussian data (exact rows): the rule of `C15ExactComparison` (FD; NFE* against
/// DDPM-1000 with δ = 10 %; equal NFE: strictly smaller FD). Mixtures (Monte Carlo rows, each interval at the run's α):
/// PLMC is within the margin of DDPM-1000 at a budget, per metric, when the paired interval lies below its margin
/// (ΔMMD² ≤ 0.01, max |Δ mode weight| ≤ 0.01, ΔFD of the clipped laws ≤ 0.01 tr Cov(q), Δ sliced W₂² ≤ 0.01 tr Cov(q)/d);
/// outside when it lies wholly above; inconclusive otherwise. NFE* walks the PLMC configurations (budgets and K-ladder
/// points) from the largest E[NFE] down while PLMC is within (an inconclusive one stops the walk and makes NFE*
/// inconclusive; a diverged one is outside). Equal NFE: PLMC beats a solver when the paired interval of ΔMMD², ΔFD
/// or Δ sliced W₂² (PLMC − solver) lies below 0, loses when it lies above 0.
public enum DiffusionSweepReport {
    public static let mmdMargin = 0.01
    public static let modeWeightMargin = 0.01

    public static let header = ["unit", "data", "schedule", "family", "budget", "sampler", "nfe", "metric", "kind",
                                "estimate", "lower", "upper", "alpha", "method", "samples"]

    public static func csvRows(_ rows: [SweepRow]) -> [[String]] {
        [header] + rows.map { r in
            [String(r.unit), r.data, r.schedule, r.family, String(r.budget), r.sampler, number(r.nfe), r.metric, r.kind,
             number(r.estimate), number(r.lower), number(r.upper), number(r.alpha), r.method, String(r.samples)]
        }
    }

    /// results.csv: the header and one line per row (RFC 4180 quoting, LF line ends).
    public static func renderCSV(_ rows: [SweepRow]) -> String {
        csvRows(rows).map { $0.map(ResultsCSV.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Rows back from results.csv (for `diffusion merge`). Throws on a header or a field that does not parse.
    public static func rows(fromCSV table: [[String]]) throws(VerificationError) -> [SweepRow] {
        guard let first = table.first, first == header else {
            throw .invalidParameter(name: "results.csv", value: "header", requirement: "must be the diffusion sweep's header")
        }
        var out: [SweepRow] = []
        for (i, f) in table.dropFirst().enumerated() {
            guard f.count == header.count, let unit = Int(f[0]), let budget = Int(f[4]), let nfe = Double(f[6]),
                  let estimate = Double(f[9]), let lower = Double(f[10]), let upper = Double(f[11]),
                  let alpha = Double(f[12]), let samples = Int(f[14]) else {
                throw .invalidParameter(name: "results.csv", value: "row \(i + 2)", requirement: "must parse")
            }
            out.append(SweepRow(unit: unit, data: f[1], schedule: f[2], family: f[3], budget: budget, sampler: f[5],
                                nfe: nfe, metric: f[7], kind: f[8], estimate: estimate, lower: lower, upper: upper,
                                alpha: alpha, method: f[13], samples: samples))
        }
        return out
    }

    /// Splits a CSV text written by `ResultsCSV.render` (RFC 4180 quoting, LF line ends) into rows, header included.
    public static func parseCSV(_ text: String) throws(VerificationError) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, afterQuote = false
        for c in text {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            case ",": row.append(field); field = ""; afterQuote = false
            case "\n": row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
            default: field.append(c); afterQuote = false
            }
        }
        if quoted { throw .invalidFile("results.csv has an unterminated quote") }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return x.description
    }

    /// One C15 decision of the sweep.
    public struct Decision: Sendable, Equatable, CustomStringConvertible {
        public let data: String
        public let schedule: String
        public let subject: String
        public let question: String
        public let outcome: String
        public let detail: String

        public var description: String { "C15 [\(data), \(schedule)] \(subject): \(question) → \(outcome) (\(detail))" }
    }

    /// The decisions for every (data, schedule) of the rows and both PLMC variances present.
    public static func decisions(_ rows: [SweepRow]) -> [Decision] {
        var out: [Decision] = []
        var seen: [String] = []
        for r in rows where !seen.contains(r.data + "|" + r.schedule) { seen.append(r.data + "|" + r.schedule) }
        for key in seen {
            let parts = key.split(separator: "|").map(String.init)
            let group = rows.filter { $0.data == parts[0] && $0.schedule == parts[1] }
            for (plmc, ddpm) in [("plmc", "ddpm"), ("plmc-large", "ddpm-large"), ("plmc-schedule", "ddpm")] {
                let ours = group.filter { $0.family == plmc }
                guard !ours.isEmpty else { continue }
                let exact = ours.contains { $0.kind == "exact" }
                out += exact ? exactDecisions(group, plmc: plmc, ddpm: ddpm, data: parts[0], schedule: parts[1])
                    : monteCarloDecisions(group, plmc: plmc, data: parts[0], schedule: parts[1])
            }
        }
        return out
    }

    static func exactDecisions(_ group: [SweepRow], plmc: String, ddpm: String, data: String, schedule: String)
        -> [Decision] {
        var out: [Decision] = []
        let fd = group.filter { $0.metric == "FD" }
        let ours = fd.filter { $0.family == plmc }.sorted { $0.nfe > $1.nfe }
        let subject = ours.first.map { $0.sampler.replacingOccurrences(of: #"K[=≤]\d+, "#, with: "", options: .regularExpression) }
            ?? plmc
        if let reference = fd.first(where: { $0.family == ddpm && $0.nfe >= 1000 }) {
            // The data law's tr Σ is not in the rows; the floor 1e-10·tr Σ is below every printed digit, so it is omitted.
            let threshold = (1 + C15ExactComparison.relativeMargin) * reference.estimate
            var star: Double?
            for r in ours { guard r.estimate <= threshold else { break }; star = r.nfe }
            let holds = (star ?? .infinity) <= C15ExactComparison.headlineNFE
            out.append(Decision(data: data, schedule: schedule, subject: subject,
                                question: "NFE* within 10 % of \(reference.sampler) (exact FD) ≤ 80",
                                outcome: holds ? "holds" : "fails",
                                detail: "NFE* = \(star.map { format($0) } ?? "none on the ladder"), "
                                    + "DDPM-1000 FD \(format(reference.estimate))"))
        } else {
            out.append(Decision(data: data, schedule: schedule, subject: subject, question: "NFE* vs DDPM-1000",
                                outcome: "inconclusive", detail: "no DDPM-1000 row (add budget 1000 and the ddpm family)"))
        }
        for budget in C15ExactComparison.budgets {
            guard let mine = ours.first(where: { $0.budget == budget }) else { continue }
            let theirs = fd.filter { $0.budget == budget && !$0.family.hasPrefix("ddpm") && !$0.family.hasPrefix("plmc") }
            guard !theirs.isEmpty else { continue }
            let lost = theirs.filter { $0.estimate <= mine.estimate }
            out.append(Decision(data: data, schedule: schedule, subject: mine.sampler,
                                question: "smaller exact FD than the ODE samplers at NFE ≤ \(budget)",
                                outcome: lost.isEmpty ? "holds" : "fails",
                                detail: "FD \(format(mine.estimate)); " + theirs.map { "\($0.sampler) \(format($0.estimate))" }
                                    .joined(separator: ", ")))
        }
        return out
    }

    static func monteCarloDecisions(_ group: [SweepRow], plmc: String, data: String, schedule: String) -> [Decision] {
        var out: [Decision] = []
        let ours = group.filter { $0.family == plmc }
        // The configurations by decreasing E[NFE] (budget units and ladder points alike).
        var configurations: [(sampler: String, nfe: Double)] = []
        for r in ours where !configurations.contains(where: { $0.sampler == r.sampler }) {
            configurations.append((r.sampler, r.nfe))
        }
        configurations.sort { $0.nfe > $1.nfe }
        let subject = ours.first.map { $0.sampler.replacingOccurrences(of: #"K[=≤]\d+, "#, with: "", options: .regularExpression) }
            ?? plmc
        // NFE* by each paired metric against DDPM-1000: walk the configurations down while the interval lies below the margin.
        var metrics = [("max|Δ mode weight| vs DDPM-1000", modeWeightMargin, "max|Δ mode weight|"),
                       ("ΔMMD² vs DDPM-1000", mmdMargin, "ΔMMD²")]
        if let (fd, sliced) = clippedMargins(data: data) {
            metrics += [("Δ\(DiffusionSweep.fdMetric) vs DDPM-1000", fd, "Δ\(DiffusionSweep.fdMetric)"),
                        ("Δ\(DiffusionSweep.slicedMetric) vs DDPM-1000", sliced, "Δ\(DiffusionSweep.slicedMetric)")]
        }
        for (prefix, margin, name) in metrics {
            var star: Double?, stop = "within at every budget", reference = "DDPM-1000", decided = true
            for configuration in configurations {
                guard let row = ours.first(where: { $0.sampler == configuration.sampler && $0.metric.hasPrefix(prefix) })
                else {
                    // E[NFE] = 1000: PLMC with blocks of one step is DDPM-1000 itself (no paired row): within.
                    if configuration.nfe >= 1000, !configuration.sampler.contains(" with ") { star = configuration.nfe; continue }
                    // A diverged configuration (no paired rows) is outside the margin.
                    if ours.contains(where: { $0.sampler == configuration.sampler && $0.method == "diverged" }) {
                        stop = "diverged at NFE \(format(configuration.nfe))"
                        break
                    }
                    continue
                }
                reference = String(row.metric.dropFirst("\(name) vs ".count))
                if row.upper <= margin { star = row.nfe; continue }
                if row.lower > margin {
                    stop = "outside at NFE \(format(row.nfe)) (\(name) ≥ \(format(row.lower)))"
                } else {
                    stop = "undecided at NFE \(format(row.nfe)) (\(name) ∈ [\(format(row.lower)), \(format(row.upper))])"
                    decided = false
                }
                break
            }
            let outcome: String
            if let s = star, s <= C15ExactComparison.headlineNFE { outcome = "holds" }
            else { outcome = decided ? "fails" : "inconclusive" }
            if decided, stop == "within at every budget", let least = ours.map(\.nfe).min(),
               least > C15ExactComparison.headlineNFE {
                stop = "no configuration with NFE ≤ \(format(C15ExactComparison.headlineNFE)) (least NFE \(format(least)))"
            }
            out.append(Decision(data: data, schedule: schedule, subject: subject,
                                question: "NFE* with \(name) ≤ \(format(margin)) vs \(reference) (paired) ≤ 80",
                                outcome: outcome,
                                detail: "NFE* = \(star.map { format($0) } ?? "none on the ladder"); \(stop)"))
        }
        for budget in C15ExactComparison.budgets {
            for (name, prefix) in [("MMD²", "ΔMMD² vs "), (DiffusionSweep.fdMetric, "Δ\(DiffusionSweep.fdMetric) vs "),
                                   (DiffusionSweep.slicedMetric, "Δ\(DiffusionSweep.slicedMetric) vs ")] {
                let paired = ours.filter { $0.budget == budget && $0.metric.hasPrefix(prefix) && !$0.metric.contains("DDPM") }
                guard !paired.isEmpty else { continue }
                let beats = paired.filter { $0.upper < 0 }.count, loses = paired.filter { $0.lower > 0 }.count
                out.append(Decision(data: data, schedule: schedule, subject: paired[0].sampler,
                                    question: "smaller \(name) than the ODE samplers at NFE ≤ \(budget) (paired)",
                                    outcome: beats == paired.count ? "holds" : (loses > 0 ? "fails" : "inconclusive"),
                                    detail: paired.map { "\($0.metric.dropFirst(prefix.count)): Δ ∈ [\(format($0.lower)), "
                                        + "\(format($0.upper))]" }.joined(separator: "; ")))
            }
            // Mode-weight error: the two intervals (each at α) bound the difference.
            guard let mine = ours.first(where: { $0.budget == budget && $0.metric == "mode-weight error" }) else { continue }
            let theirs = group.filter { $0.budget == budget && $0.metric == "mode-weight error"
                && !$0.family.hasPrefix("ddpm") && !$0.family.hasPrefix("plmc") }
            guard !theirs.isEmpty else { continue }
            let beats = theirs.filter { mine.upper < $0.lower }.count, loses = theirs.filter { mine.lower > $0.upper }.count
            out.append(Decision(data: data, schedule: schedule, subject: mine.sampler,
                                question: "smaller mode-weight error than the ODE samplers at NFE ≤ \(budget)",
                                outcome: beats == theirs.count ? "holds" : (loses > 0 ? "fails" : "inconclusive"),
                                detail: "PLMC ∈ [\(format(mine.lower)), \(format(mine.upper))]; "
                                    + theirs.map { "\($0.sampler) ∈ [\(format($0.lower)), \(format($0.upper))]" }
                                    .joined(separator: ", ")))
        }
        return out
    }

    /// The margins of the clipped metrics, fixed in advance from the data law (PN-D07): ΔFD ≤ 0.01 tr Cov(q) and
    /// Δ sliced W₂² ≤ 0.01 tr Cov(q)/d (a unit direction's projected variance is tr Cov(q)/d on average). Nil for a data
    /// name the sweep does not know (then those decisions are left out).
    public static func clippedMargins(data: String) -> (fd: Double, sliced: Double)? {
        guard let law = try? SweepData(name: data)?.law() else { return nil }
        let trace = law.covariance.trace
        return (clippedRelativeMargin * trace, clippedRelativeMargin * trace / Double(law.dimension))
    }

    public static let clippedRelativeMargin = 0.01

    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if x == x.rounded(), abs(x) < 1e6 { return String(Int(x)) }
        return String(format: "%.3g", x)
    }
}

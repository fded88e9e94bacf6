import Foundation

/// Plots of rate verdicts, drawn by gnuplot from data written next to them: for one claim on one case, the error
/// against the step size h and against drift evaluations per unit time ((calls per step)/h), on log–log axes,
/// with each subject's measured points, its fitted line C·h^p̂ and a reference line of the expected slope through
/// the coarsest point. Mutants are drawn dashed.
public enum RatePlots {
    /// One plot's files: `<stem>.dat` (data) and `<stem>.gp` (script writing `<stem>-step.{png,svg}` and
    /// `<stem>-cost.{png,svg}`); nil when no verdict carries rate data.
    public static func files(stem: String, title: String, verdicts: [ClaimVerdict]) -> (data: String, script: String)? {
        let rated = verdicts.filter { ($0.rate?.steps.count ?? 0) >= 2 }
        guard !rated.isEmpty else { return nil }
        var data = "# \(title)\n# one block per subject: h, error, drift evaluations per unit time, fitted C*h^p, reference slope line\n"
        var stepPlots: [String] = []
        var costPlots: [String] = []
        for (block, verdict) in rated.enumerated() {
            let rate = verdict.rate!
            let calls = DriftCost.callsPerStep(for: verdict) ?? 1
            let p = verdict.expected.value ?? rate.expectedOrder
            let h0 = rate.steps[0], e0 = rate.errors[0]
            data += "# block \(block): \(verdict.subject) (\(verdict.role)), fitted slope \(rate.fittedSlope), expected \(p)\n"
            for (h, e) in zip(rate.steps, rate.errors) where e > 0 && h > 0 {
                let fitted = Foundation.exp(rate.fittedIntercept) * Foundation.pow(h, rate.fittedSlope)
                let reference = e0 * Foundation.pow(h / h0, p)
                data += "\(h) \(e) \(calls / h) \(fitted) \(reference)\n"
            }
            data += "\n\n"
            let label = gnuplotString("\(verdict.subject)\(verdict.role.isMutant ? " [mutant]" : ""): slope \(format(rate.fittedSlope))")
            let dash = verdict.role.isMutant ? " dt 2" : ""
            let color = "lc \(block + 1)"
            stepPlots.append("'\(stem).dat' index \(block) using 1:2 with linespoints \(color) pt 7\(dash) title \(label)")
            stepPlots.append("'\(stem).dat' index \(block) using 1:5 with lines \(color) dt 3 notitle")
            costPlots.append("'\(stem).dat' index \(block) using 3:2 with linespoints \(color) pt 7\(dash) title \(label)")
        }
        let metric = gnuplotString(rated[0].metric)
        var script = "# gnuplot script: run `gnuplot \(stem).gp` in this folder.\n"
        script += "set logscale xy\nset grid\nset format y '%.0e'\nset format x '%g'\nset key top left Left reverse font ',8' noenhanced box opaque samplen 2\n"
        script += "set title \(gnuplotString(title)) noenhanced\nset ylabel \(metric) noenhanced\n"
        for (terminal, ext) in [("pngcairo size 1000,700", "png"), ("svg size 1000,700", "svg")] {
            script += "set terminal \(terminal)\n"
            script += "set xlabel 'step size h (dotted: expected slope)'\nset output '\(stem)-step.\(ext)'\n"
            script += "plot " + stepPlots.joined(separator: ", \\\n     ") + "\n"
            script += "set xlabel 'drift evaluations per unit time'\nset output '\(stem)-cost.\(ext)'\n"
            script += "plot " + costPlots.joined(separator: ", \\\n     ") + "\n"
        }
        script += "unset output\n"
        return (data, script)
    }

    /// Splits a unit's verdicts into groups: each subject followed by the mutants checked against it.
    public static func groups(_ verdicts: [ClaimVerdict]) -> [[ClaimVerdict]] {
        var groups: [[ClaimVerdict]] = []
        for verdict in verdicts {
            if verdict.role.isMutant, !groups.isEmpty { groups[groups.count - 1].append(verdict) } else { groups.append([verdict]) }
        }
        return groups
    }

    /// A file-name-safe stem, e.g. "C5-gaussian-1d".
    public static func stem(claimID: String, caseName: String) -> String {
        let slug = caseName.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        var text = String(slug)
        while text.contains("--") { text = text.replacingOccurrences(of: "--", with: "-") }
        return "\(claimID)-\(text.trimmingCharacters(in: CharacterSet(charactersIn: "-")))"
    }

    static func gnuplotString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func format(_ x: Double) -> String {
        let scaled = (x * 1000).rounded() / 1000
        return scaled.description
    }
}

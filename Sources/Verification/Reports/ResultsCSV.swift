import Foundation
import SchemeVocabulary

/// `results.csv`: one row per verdict, deterministic content (no timestamps, no timings), so that a run, and the
/// merge of its shards, give byte-identical files.
///
/// Columns: unit, claim, case, subject, role, metric, expected, expected_value, measured, interval_lower,
/// interval_upper, tolerance, verdict, reason, steps, errors, drift_calls_per_step.
/// Lists (steps, errors) are `;`-separated; numbers use Swift's shortest round-trip form.
public enum ResultsCSV {
    public static let header = [
        "unit", "claim", "case", "subject", "role", "metric", "expected", "expected_value", "measured",
        "interval_lower", "interval_upper", "tolerance", "verdict", "reason", "steps", "errors", "drift_calls_per_step",
    ]

    public static func rows(unit: Int, verdicts: [ClaimVerdict]) -> [[String]] {
        verdicts.map { v in
            [
                String(unit), v.claimID.rawValue, v.caseName, v.subject, v.role.description, v.metric, v.expected.text,
                number(v.expected.value), number(v.measured), number(v.intervalLower), number(v.intervalUpper),
                number(v.tolerance), v.outcome.label, v.outcome.reason ?? "",
                v.rate.map { $0.steps.map(\.description).joined(separator: ";") } ?? "",
                v.rate.map { $0.errors.map(\.description).joined(separator: ";") } ?? "",
                number(DriftCost.callsPerStep(for: v)),
            ]
        }
    }

    public static func render(_ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func number(_ x: Double?) -> String { x.map(\.description) ?? "" }

    /// RFC 4180 quoting.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Parses a file written by `render` (RFC 4180 quoting) into rows, header excluded.
    public static func parse(_ text: String) throws(VerificationError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var fieldText = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { fieldText.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { fieldText.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(fieldText); fieldText = ""
            } else if c == "\n" {
                row.append(fieldText); fieldText = ""
                rows.append(row); row = []
            } else {
                fieldText.append(c)
            }
        }
        if quoted { throw .invalidParameter(name: "results.csv", value: "…", requirement: "has an unterminated quote") }
        if !fieldText.isEmpty || !row.isEmpty { row.append(fieldText); rows.append(row) }
        guard let first = rows.first, first == header else {
            throw .invalidParameter(name: "results.csv", value: rows.first?.joined(separator: ",") ?? "(empty)",
                                    requirement: "must start with the header " + header.joined(separator: ","))
        }
        for (i, r) in rows.enumerated() where r.count != header.count {
            throw .invalidParameter(name: "results.csv", value: "row \(i + 1)", requirement: "must have \(header.count) fields, has \(r.count)")
        }
        return Array(rows.dropFirst())
    }
}

/// Drift evaluations per step of the scheme a verdict measures, for the "error against drift evaluations" axis: the
/// verdict's own "drift calls per step" number when it has one (a measured count), else the cost the theory declares
/// for the scheme it measures (`SchemeTheory.evaluationsPerStep`); nil when the verdict measures no scheme.
public enum DriftCost {
    public static func callsPerStep(for verdict: ClaimVerdict) -> Double? {
        if let c = verdict.number("drift calls per step") { return c }
        return verdict.scheme?.theory.evaluationsPerStep
    }
}

import Foundation
import SchemeVocabulary

/// `results.csv`: one row per verdict, deterministic content (no timestamps, no timings), so that a run, and the
/// merge of its shards, give byte-identical files.
///
/// Columns: unit, claim, case, subject, role, metric, expected, expected_value, measured, interval_lower,
/// interval_upper, bracket (what the interval is: `VerdictBracket`), tolerance, verdict, reason, steps, errors,
/// drift_calls_per_step.
/// Lists (steps, errors) are `;`-separated; numbers use Swift's shortest round-trip form.
public enum ResultsCSV {
    public static let header = [
        "unit", "claim", "case", "subject", "role", "metric", "expected", "expected_value", "measured",
        "interval_lower", "interval_upper", "bracket", "tolerance", "verdict", "reason", "steps", "errors", "drift_calls_per_step",
    ]

    public static func rows(unit: Int, verdicts: [ClaimVerdict]) -> [[String]] {
        verdicts.map { v in
            [
                String(unit), v.claimID.rawValue, v.caseName, v.subject, v.role.description, v.metric, v.expected.text,
                number(v.expected.value), number(v.measured), number(v.intervalLower), number(v.intervalUpper),
                v.bracket?.rawValue ?? "", number(v.tolerance), v.outcome.label, v.outcome.reason ?? "",
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

    /// Parses a file written by `render` (RFC 4180 quoting) into rows, header excluded. With `strict` (what `merge`
    /// uses) it also refuses CR characters outside quotes (CR LF line ends), a missing final line end, and rows whose
    /// fields do not parse: the unit (a non-negative integer), the claim id, the role, the numbers, the bracket and the
    /// verdict label. Every refusal is one line naming `source`, the row and the field.
    public static func parse(_ text: String, strict: Bool = false, source: String = "results.csv") throws(VerificationError) -> [[String]] {
        func bad(_ what: String) -> VerificationError { .invalidFile("\(source): \(what)") }
        if strict {
            if text.contains("\r") { throw bad("has CR characters (CR LF line ends?); langevin-verify writes LF only") }
            guard text.hasSuffix("\n") else { throw bad("does not end with a line end (the file was cut)") }
        }
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
            } else if c == "\n" || c == "\r\n" {
                row.append(fieldText); fieldText = ""
                rows.append(row); row = []
            } else {
                fieldText.append(c)
            }
        }
        if quoted { throw bad("has an unterminated quote") }
        if !fieldText.isEmpty || !row.isEmpty { row.append(fieldText); rows.append(row) }
        guard let first = rows.first, first == header else {
            let shown = rows.first?.joined(separator: ",") ?? "(empty)"
            throw bad("does not start with the header \"unit,claim,case,…\" of this version (first line: "
                      + "\"\(shown.prefix(60))\(shown.count > 60 ? "…" : "")\")")
        }
        for (i, r) in rows.enumerated() where r.count != header.count {
            throw bad("row \(i + 1) has \(r.count) fields, not \(header.count)")
        }
        let body = Array(rows.dropFirst())
        if strict { for (i, r) in body.enumerated() { try check(r, line: i + 2, bad) } }
        return body
    }

    /// The field checks of a strict parse.
    static func check(_ row: [String], line: Int, _ bad: (String) -> VerificationError) throws(VerificationError) {
        func field(_ name: String) -> String { row[header.firstIndex(of: name)!] }
        func shown(_ text: String) -> String { "\"\(text.prefix(40))\(text.count > 40 ? "…" : "")\"" }
        guard let unit = Int(field("unit")), unit >= 0 else {
            throw bad("row \(line): unit \(shown(field("unit"))) is not a non-negative integer")
        }
        guard ClaimID(parsing: field("claim")) != nil else { throw bad("row \(line): unknown claim \(shown(field("claim")))") }
        guard !field("case").isEmpty else { throw bad("row \(line): the case is empty") }
        let role = field("role")
        guard role == "subject" || role.hasPrefix("mutant: ") else { throw bad("row \(line): role \(shown(role)) is not subject or mutant: …") }
        for name in ["expected_value", "measured", "interval_lower", "interval_upper", "tolerance", "drift_calls_per_step"] {
            let text = field(name)
            guard text.isEmpty || Double(text) != nil else { throw bad("row \(line): \(name) \(shown(text)) is not a number") }
        }
        for name in ["steps", "errors"] where !field(name).isEmpty {
            for part in field(name).split(separator: ";", omittingEmptySubsequences: false) where Double(part) == nil {
                throw bad("row \(line): \(name) has \(shown(String(part))), not a number")
            }
        }
        let bracket = field("bracket")
        guard bracket.isEmpty || VerdictBracket(rawValue: bracket) != nil else { throw bad("row \(line): unknown bracket \(shown(bracket))") }
        let verdict = field("verdict")
        guard ["holds", "fails", "outside assumptions", "inconclusive", "reported"].contains(verdict) else {
            throw bad("row \(line): verdict \(shown(verdict)) is not holds, fails, outside assumptions, inconclusive or reported")
        }
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

import Foundation
import Randomness
import ReferenceLaws

/// What a `verify` run selected before sharding: the claim and case options and the number of units they select.
/// Shards of one selection agree on it; `merge` refuses shards that do not.
public struct RunSelection: Sendable, Equatable {
    public let claim: String?
    public let caseName: String?
    /// Units of the whole (unsharded) selection; a shard i/n runs those with index ≡ i − 1 (mod n).
    public let unitCount: Int

    public init(claim: String?, caseName: String?, unitCount: Int) {
        self.claim = claim
        self.caseName = caseName
        self.unitCount = unitCount
    }
}

/// The size and FNV-1a 64-bit hash of a results.csv, recorded in the manifest so that `merge` detects a file that was
/// changed or cut (even at a row boundary) after the run wrote it.
public struct ResultsDigest: Sendable, Equatable, CustomStringConvertible {
    public let bytes: Int
    public let rows: Int
    public let fnv1a64: String

    public init(bytes: Int, rows: Int, fnv1a64: String) {
        self.bytes = bytes
        self.rows = rows
        self.fnv1a64 = fnv1a64
    }

    /// The digest of a results.csv text (rows: lines after the header).
    public init(of text: String) {
        var hash = FNV1a64()
        hash.combine(bytes: text.utf8)
        bytes = text.utf8.count
        rows = max(0, text.split(separator: "\n", omittingEmptySubsequences: true).count - 1)
        let hex = String(hash.value, radix: 16)
        fnv1a64 = String(repeating: "0", count: 16 - hex.count) + hex
    }

    public var description: String { "\(bytes) bytes, \(rows) rows, FNV-1a \(fnv1a64)" }
}

/// `manifest.json`: what a run needs to be reproduced — commit, Swift and GSL versions, the generator and seeds,
/// cases, schemes, ladders, sample sizes and metrics — and what `merge` checks shards against: the selection, the
/// shard, every unit with its verdicts, and the digest of results.csv.
public enum RunManifest {
    /// The format written; `merge` refuses manifests of any other format.
    public static let format = "langevin-verify manifest 2"

    /// The JSON text. `environment` carries facts measured outside this module (commit, Swift version, command, start
    /// and finish times).
    public static func render(result: VerificationRunResult, options: ClaimRunOptions, shard: ShardSelection,
                              selection: RunSelection, results: ResultsDigest,
                              environment: [(String, String)]) -> String {
        var fields: [(String, String)] = [("format", JSON.string(format))]
        fields += environment.map { ($0.0, JSON.string($0.1)) }
        fields.append(("gsl_version", JSON.string(GSL.version)))
        fields.append(("generator", JSON.string("xoshiro256** 1.0, states seeded by SplitMix64; per-chain streams keyed by (seed, chain, purpose)")))
        fields.append(("seed", String(options.seed)))
        fields.append(("tier", JSON.string(options.tier.rawValue)))
        fields.append(("threads", String(options.threads)))
        fields.append(("selection", JSON.object([
            ("claim", selection.claim.map(JSON.string) ?? "null"),
            ("case", selection.caseName.map(JSON.string) ?? "null"),
            ("units", String(selection.unitCount)),
        ])))
        fields.append(("shard", JSON.string(shard.description)))
        fields.append(("outcome", JSON.string(result.outcome.rawValue)))
        fields.append(("results_csv", JSON.object([
            ("bytes", String(results.bytes)), ("rows", String(results.rows)), ("fnv1a64", JSON.string(results.fnv1a64)),
        ])))
        let units = zip(result.units, result.verdicts).map { unit, verdicts -> String in
            let subjects = verdicts.map { v -> String in
                var f: [(String, String)] = [
                    ("subject", JSON.string(v.subject)), ("role", JSON.string(v.role.description)),
                    ("metric", JSON.string(v.metric)), ("verdict", JSON.string(v.outcome.label)),
                ]
                if let bracket = v.bracket { f.append(("bracket", JSON.string(bracket.legend))) }
                if let rate = v.rate {
                    f.append(("steps", JSON.numbers(rate.steps)))
                    f.append(("interval", JSON.string(rate.intervalKind.description)))
                }
                if !v.numbers.isEmpty {
                    f.append(("numbers", JSON.object(v.numbers.map { ($0.label, JSON.number($0.value)) })))
                }
                return JSON.object(f)
            }
            let c = unit.claim
            return JSON.object([
                ("unit", String(unit.index)), ("claim", JSON.string(c.id.rawValue)), ("title", JSON.string(c.title)),
                ("provenance", JSON.string(c.provenance.description)), ("proofs_note", JSON.string(c.proofsNote)),
                ("check", JSON.string(c.kind.rawValue)), ("case", JSON.string(unit.claimCase.name)),
                ("case_dimension", String(unit.claimCase.dimension)),
                ("verdicts", "[" + subjects.joined(separator: ", ") + "]"),
            ])
        }
        fields.append(("units", "[\n    " + units.joined(separator: ",\n    ") + "\n  ]"))
        return "{\n  " + fields.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ",\n  ") + "\n}\n"
    }
}

/// Minimal JSON text with full double precision.
public enum JSON {
    public static func number(_ x: Double) -> String { x.isFinite ? x.description : "null" }
    public static func numbers(_ xs: [Double]) -> String { "[" + xs.map(number).joined(separator: ", ") + "]" }
    public static func matrix(_ rows: [[Double]]) -> String { "[" + rows.map(numbers).joined(separator: ", ") + "]" }
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

import Foundation
import ReferenceLaws

/// `manifest.json`: what a run needs to be reproduced — commit, Swift and GSL versions, the generator and seeds,
/// cases, schemes, ladders, sample sizes and metrics.
public enum RunManifest {
    /// The JSON text. `environment` carries facts measured outside this module (commit, Swift version, command).
    public static func render(result: VerificationRunResult, options: ClaimRunOptions, shard: ShardSelection,
                              environment: [(String, String)]) -> String {
        var fields: [(String, String)] = environment.map { ($0.0, JSON.string($0.1)) }
        fields.append(("gsl_version", JSON.string(GSL.version)))
        fields.append(("generator", JSON.string("xoshiro256** 1.0, states seeded by SplitMix64; per-chain streams keyed by (seed, chain, purpose)")))
        fields.append(("seed", String(options.seed)))
        fields.append(("tier", JSON.string(options.tier.rawValue)))
        fields.append(("threads", String(options.threads)))
        fields.append(("shard", JSON.string(shard.description)))
        let units = zip(result.units, result.verdicts).map { unit, verdicts -> String in
            let subjects = verdicts.map { v -> String in
                var f: [(String, String)] = [
                    ("subject", JSON.string(v.subject)), ("role", JSON.string(v.role.description)),
                    ("metric", JSON.string(v.metric)), ("verdict", JSON.string(v.outcome.label)),
                ]
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
                ("case_dimension", unit.claimCase.gaussian.map { String($0.dimension) } ?? "null"),
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

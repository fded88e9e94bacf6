import Foundation

/// What `merge` reads from one shard folder.
public struct ShardFiles: Sendable {
    /// How the shard is named in messages (its folder).
    public let name: String
    public let resultsCSV: String
    public let manifestJSON: String

    public init(name: String, resultsCSV: String, manifestJSON: String) {
        self.name = name
        self.resultsCSV = resultsCSV
        self.manifestJSON = manifestJSON
    }
}

/// The merge of `verify --shard i/n` outputs into the results of the unsharded run, refusing — with one line — anything
/// that would make the merged file differ from what one run writes:
///
/// * every manifest is of the current format and names the selection, the shard, every unit with its verdicts, and the
///   size and hash of its results.csv (`RunManifest`);
/// * each results.csv has exactly that size and hash (a file changed or cut, even at a row boundary, is refused), the
///   exact header, LF line ends, and rows whose fields parse (unit, claim, numbers, verdict labels, brackets);
/// * each shard's rows are exactly its manifest's units, with the manifest's claim, case and number of verdicts;
/// * all shards agree on the commit, seed, tier, claim and case selection and shard count n; no shard is given twice;
/// * together they cover every unit of the selection (0 ..< units), each unit in the shard i/n with index ≡ i − 1.
public enum ShardMerge {
    public struct Merged: Sendable {
        public let resultsCSV: String
        public let manifestJSON: String
        public let units: Int
        public let rows: Int
    }

    /// The merged results.csv (byte-identical to the unsharded run's) and a manifest of the merge.
    public static func merge(_ shards: [ShardFiles]) throws(VerificationError) -> Merged {
        guard !shards.isEmpty else { throw .invalidFile("merge needs at least one shard folder") }
        var parsed: [ParsedShard] = []
        for shard in shards { parsed.append(try ParsedShard(shard)) }
        let first = parsed[0]
        for other in parsed.dropFirst() {
            for (field, a, b) in [("commit", first.commit, other.commit), ("seed", first.seed, other.seed),
                                  ("tier", first.tier, other.tier), ("claim selection", first.claimSelection, other.claimSelection),
                                  ("case selection", first.caseSelection, other.caseSelection),
                                  ("number of units", String(first.unitCount), String(other.unitCount)),
                                  ("shard count", String(first.shardCount), String(other.shardCount))] where a != b {
                throw .invalidFile("the shards are not of one run: \(first.name) has \(field) \(quoted(a)), "
                                   + "\(other.name) has \(quoted(b))")
            }
        }
        var byIndex: [Int: String] = [:]
        for shard in parsed {
            if let earlier = byIndex[shard.shardIndex] {
                throw .invalidFile("\(shard.name) and \(earlier) are both shard \(shard.shardIndex)/\(shard.shardCount)")
            }
            byIndex[shard.shardIndex] = shard.name
        }
        let n = first.shardCount
        let total = first.unitCount
        var covered = Set<Int>()
        for shard in parsed {
            for unit in shard.units.keys {
                guard unit < total, unit % n == shard.shardIndex - 1 else {
                    throw .invalidFile("\(shard.name): unit \(unit) does not belong to shard \(shard.shardIndex)/\(n) "
                                       + "of a selection of \(total) units")
                }
                covered.insert(unit)
            }
            let expected = Set(stride(from: shard.shardIndex - 1, to: total, by: n))
            guard Set(shard.units.keys) == expected else {
                let missing = expected.subtracting(shard.units.keys).sorted()
                throw .invalidFile("\(shard.name) (shard \(shard.shardIndex)/\(n)) lacks unit(s) "
                                   + listed(missing) + " of its share")
            }
        }
        let missing = Set(0..<total).subtracting(covered).sorted()
        guard missing.isEmpty else {
            let shardsMissing = Set(missing.map { $0 % n + 1 }).sorted().map { "\($0)/\(n)" }
            throw .invalidFile("incomplete: unit(s) \(listed(missing)) of \(total) are in no given shard "
                               + "(missing shard(s) \(listed(shardsMissing)))")
        }
        // rows ordered by unit, each unit's rows in their order (units are disjoint across shards)
        let rows = parsed.flatMap(\.rows).enumerated().sorted { a, b in
            let ua = Int(a.element[0])!, ub = Int(b.element[0])!
            return ua != ub ? ua < ub : a.offset < b.offset
        }.map(\.element)
        let csv = ResultsCSV.render(rows)
        let digest = ResultsDigest(of: csv)
        let manifest = mergedManifest(parsed, digest: digest)
        return Merged(resultsCSV: csv, manifestJSON: manifest, units: total, rows: rows.count)
    }

    static func mergedManifest(_ shards: [ParsedShard], digest: ResultsDigest) -> String {
        let first = shards[0]
        var fields: [(String, String)] = [("format", JSON.string(RunManifest.format))]
        fields.append(("merged_from", "[" + shards.sorted { $0.shardIndex < $1.shardIndex }
            .map { JSON.object([("shard", JSON.string("\($0.shardIndex)/\($0.shardCount)")), ("folder", JSON.string($0.name)),
                                ("results_csv_fnv1a64", JSON.string($0.digest.fnv1a64))]) }
            .joined(separator: ", ") + "]"))
        for key in ["commit", "swift_version", "gsl_version", "generator", "seed", "tier"] {
            if let value = first.object[key] { fields.append((key, jsonText(value))) }
        }
        fields.append(("selection", jsonText(first.object["selection"] ?? NSNull())))
        fields.append(("shard", JSON.string("1/1 (merged from \(first.shardCount) shards)")))
        fields.append(("results_csv", JSON.object([("bytes", String(digest.bytes)), ("rows", String(digest.rows)),
                                                   ("fnv1a64", JSON.string(digest.fnv1a64))])))
        let units = shards.flatMap { $0.unitObjects }.sorted { $0.0 < $1.0 }.map { jsonText($0.1) }
        fields.append(("units", "[\n    " + units.joined(separator: ",\n    ") + "\n  ]"))
        return "{\n  " + fields.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ",\n  ") + "\n}\n"
    }

    static func jsonText(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject([value]),
              let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "null" }
        return String(text.dropFirst().dropLast())
    }

    static func quoted(_ text: String) -> String {
        text.count <= 60 ? "\"\(text)\"" : "\"\(text.prefix(60))…\""
    }

    static func listed<T>(_ items: [T]) -> String {
        let shown = items.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return items.count > 8 ? shown + ", … (\(items.count) in all)" : shown
    }
}

/// One shard, parsed and checked against its own manifest.
struct ParsedShard {
    let name: String
    let object: [String: Any]
    let commit: String
    let seed: String
    let tier: String
    let claimSelection: String
    let caseSelection: String
    let unitCount: Int
    let shardIndex: Int
    let shardCount: Int
    let digest: ResultsDigest
    /// unit → (claim, case, number of verdicts)
    let units: [Int: (claim: String, caseName: String, verdicts: Int)]
    let unitObjects: [(Int, Any)]
    let rows: [[String]]

    init(_ files: ShardFiles) throws(VerificationError) {
        name = files.name
        func bad(_ text: String) -> VerificationError { .invalidFile("\(files.name): \(text)") }
        guard let data = files.manifestJSON.data(using: .utf8),
              let parsed = try? JSONSerialization.jsonObject(with: data), let object = parsed as? [String: Any] else {
            throw bad("manifest.json is not a JSON object")
        }
        self.object = object
        guard let format = object["format"] as? String else {
            throw bad("manifest.json has no \"format\" (written by an older langevin-verify; run the shard again)")
        }
        guard format == RunManifest.format else {
            throw bad("manifest.json is of format \(ShardMerge.quoted(format)), not \"\(RunManifest.format)\"")
        }
        func string(_ key: String) throws(VerificationError) -> String {
            guard let value = object[key] as? String else { throw bad("manifest.json lacks the string \"\(key)\"") }
            return value
        }
        func integer(_ value: Any?, _ what: String) throws(VerificationError) -> Int {
            guard let number = value as? NSNumber, let n = Int(exactly: number.doubleValue), n >= 0 else {
                throw bad("manifest.json: \(what) is not a non-negative integer")
            }
            return n
        }
        commit = try string("commit")
        tier = try string("tier")
        seed = try String(integer(object["seed"], "seed"))
        guard let selection = object["selection"] as? [String: Any] else { throw bad("manifest.json lacks \"selection\"") }
        claimSelection = (selection["claim"] as? String) ?? "(all claims)"
        caseSelection = (selection["case"] as? String) ?? "(default cases)"
        unitCount = try integer(selection["units"], "selection.units")
        let shardText = try string("shard")
        do { let shard = try ShardSelection(parsing: shardText); shardIndex = shard.index; shardCount = shard.count } catch {
            throw bad("manifest.json: shard \(ShardMerge.quoted(shardText)) is not i/n")
        }
        guard let results = object["results_csv"] as? [String: Any], let hash = results["fnv1a64"] as? String else {
            throw bad("manifest.json lacks \"results_csv\" (size and hash of results.csv)")
        }
        let recorded = ResultsDigest(bytes: try integer(results["bytes"], "results_csv.bytes"),
                                     rows: try integer(results["rows"], "results_csv.rows"), fnv1a64: hash)
        guard let unitList = object["units"] as? [[String: Any]] else { throw bad("manifest.json lacks the list \"units\"") }
        var units: [Int: (claim: String, caseName: String, verdicts: Int)] = [:]
        var unitObjects: [(Int, Any)] = []
        for entry in unitList {
            let index = try integer(entry["unit"], "a unit index")
            guard let claim = entry["claim"] as? String, let caseName = entry["case"] as? String,
                  let verdicts = entry["verdicts"] as? [Any] else {
                throw bad("manifest.json: unit \(index) lacks its claim, case or verdicts")
            }
            guard units[index] == nil else { throw bad("manifest.json lists unit \(index) twice") }
            units[index] = (claim, caseName, verdicts.count)
            unitObjects.append((index, entry))
        }
        self.units = units
        self.unitObjects = unitObjects
        rows = try ResultsCSV.parse(files.resultsCSV, strict: true, source: "\(files.name)/results.csv")
        digest = ResultsDigest(of: files.resultsCSV)
        guard digest.bytes == recorded.bytes, digest.fnv1a64 == recorded.fnv1a64 else {
            throw bad("results.csv (\(digest)) is not the file its manifest records (\(recorded)): it was changed or cut")
        }
        var counts: [Int: Int] = [:]
        var previous = -1
        for (i, row) in rows.enumerated() {
            let unit = Int(row[0])!   // checked by the strict parse
            guard let expected = units[unit] else {
                throw bad("results.csv row \(i + 2) is of unit \(unit), which the manifest does not list")
            }
            guard unit >= previous else { throw bad("results.csv row \(i + 2): units are not in increasing order") }
            previous = unit
            guard row[1] == expected.claim, row[2] == expected.caseName else {
                throw bad("results.csv row \(i + 2) has claim \(row[1]) on \(ShardMerge.quoted(row[2])), the manifest's unit "
                          + "\(unit) is \(expected.claim) on \(ShardMerge.quoted(expected.caseName))")
            }
            counts[unit, default: 0] += 1
        }
        for (unit, expected) in units where counts[unit, default: 0] != expected.verdicts {
            throw bad("results.csv has \(counts[unit, default: 0]) row(s) of unit \(unit), its manifest \(expected.verdicts)")
        }
    }
}

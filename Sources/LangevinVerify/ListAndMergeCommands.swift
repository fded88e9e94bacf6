import ArgumentParser
import Foundation
import Langevin
import Verification

/// `langevin-verify list`: the registered claims with their assumptions, and the cases they run on.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the claims, their cases and the registered assumption cases.")

    @Flag(help: "List the cases of the full tier.")
    var full = false

    func run() throws {
        let options = ClaimRunOptions(tier: full ? .full : .quick)
        print("claims:")
        for claim in ClaimRegistry.all {
            let needs = claim.requiredAssumptions.map(\.description).sorted().joined(separator: ", ")
            print("  \(claim.id) \(claim.provenance) \(claim.title) — \(claim.kind.rawValue), \(claim.proofsNote); needs: \(needs.isEmpty ? "nothing" : needs)")
            print("      \(claim.statement)")
        }
        print("cases (per claim, \(options.tier.rawValue) tier):")
        for claim in ClaimRegistry.all {
            let names = (try? claim.defaultCases(options).map(\.name)) ?? ["(could not be built)"]
            print("  \(claim.id): " + names.joined(separator: ", "))
        }
        print("registered assumption cases (run every claim on one with `verify --case NAME`):")
        do {
            for engineCase in try AssumptionCases.allCases() {
                let applicable = ClaimRegistry.applicableClaims(to: engineCase).map(\.id.rawValue)
                print("  \(engineCase.name) (d = \(engineCase.dimension)): \(engineCase.summary); claims inside its assumptions: "
                      + (applicable.isEmpty ? "none" : applicable.joined(separator: ", ")))
            }
        } catch {
            print("  (could not be built: \(error))")
        }
    }
}

/// `langevin-verify merge DIR… --output DIR`: combines the results.csv of shard runs into the results.csv of the
/// unsharded run (rows ordered by unit, then by their order within the unit — byte-identical to it).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Merge the outputs of `verify --shard i/n` runs.")

    @Argument(help: "Shard output folders (each with results.csv).")
    var folders: [String]

    @Option(help: "Output folder for the merged results.csv (must not exist or be empty).")
    var output: String

    func run() throws {
        guard !folders.isEmpty else { throw ValidationError("merge needs at least one shard folder") }
        var rows: [[String]] = []
        var seenUnits: Set<String> = []
        for folder in folders {
            let url = URL(fileURLWithPath: folder).appendingPathComponent("results.csv")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw ValidationError("cannot read \(url.path)")
            }
            let shardRows = try ResultsCSV.parse(text)
            let units = Set(shardRows.map { $0[0] })
            let overlap = units.intersection(seenUnits)
            guard overlap.isEmpty else {
                throw ValidationError("\(folder) repeats unit(s) \(overlap.sorted().joined(separator: ", ")) of another shard")
            }
            seenUnits.formUnion(units)
            rows += shardRows
        }
        // A stable sort by unit keeps each unit's rows in their original order.
        let merged = rows.enumerated().sorted { a, b in
            let ua = Int(a.element[0]) ?? 0, ub = Int(b.element[0]) ?? 0
            return ua != ub ? ua < ub : a.offset < b.offset
        }.map(\.element)
        let destination = try OutputDirectory(final: URL(fileURLWithPath: output))
        try destination.write(ResultsCSV.render(merged), to: "results.csv")
        try destination.commit()
        print("merged \(folders.count) shard(s), \(seenUnits.count) unit(s), \(merged.count) row(s) into \(output)/results.csv")
    }
}

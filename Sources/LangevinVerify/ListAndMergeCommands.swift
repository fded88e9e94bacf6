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
            print("  \(claim.id) \(claim.provenance) \(claim.title) — \(claim.kind.rawValue), \(claim.proofsNote); needs: \(needs.isEmpty ? "nothing" : needs)"
                  + (claim.inDefaultRun ? "" : "; not in the default run (`verify --claim \(claim.id)`, `diffusion`)"))
            print("      \(claim.statement)")
        }
        print("cases (per claim, \(options.tier.rawValue) tier):")
        for claim in ClaimRegistry.all {
            let names = (try? claim.defaultCases(options).map(\.name)) ?? ["(could not be built)"]
            print("  \(claim.id): " + names.joined(separator: ", "))
        }
        print("registered assumption cases (run every claim on one with `verify --case NAME`):")
        let registered: [any AssumptionCase]
        do { registered = try AssumptionCases.allCases() } catch {
            throw ToolError(.dataError, "the registered assumption cases could not be built: \(error)")
        }
        var inconsistent: [String] = []
        for engineCase in registered {
            do {
                try engineCase.validate()
                let report = try engineCase.checkDeclarations()
                let applicable = ClaimRegistry.applicableClaims(to: engineCase).map(\.id.rawValue)
                print("  \(engineCase.name) (d = \(engineCase.dimension)): \(engineCase.summary); claims inside its assumptions: "
                      + (applicable.isEmpty ? "none" : applicable.joined(separator: ", ")))
                print("      \(DeclarationsCommand.declarationText(engineCase.assumptions)); \(report.summary)")
            } catch {
                print("  \(engineCase.name): INCONSISTENT, never run: \(error)")
                inconsistent.append("\(engineCase.name) (\(error))")
            }
        }
        if !inconsistent.isEmpty {
            throw ToolError(.dataError, "registered assumption case(s) inconsistent: " + inconsistent.joined(separator: "; "))
        }
    }
}

/// `langevin-verify merge DIR… [--output DIR]`: combines the results.csv of shard runs into the results.csv of the
/// unsharded run (rows ordered by unit, then by their order within the unit — byte-identical to it), after checking
/// the shards against their manifests (`ShardMerge`): one run (commit, seed, tier, selection, shard count), every unit
/// present once, each file exactly as written. Any refusal is one line; nothing is written then.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Merge the outputs of `verify --shard i/n` runs.")

    @Argument(help: "Shard output folders (each with results.csv and manifest.json).")
    var folders: [String] = []

    @Option(help: "Output folder for the merged results.csv and manifest.json (default data/runs/<UTC time>-merge; must not exist or be empty).")
    var output: String?

    func run() throws {
        guard !folders.isEmpty else { throw ValidationError("merge needs at least one shard folder") }
        var shards: [ShardFiles] = []
        for folder in folders {
            func read(_ file: String) throws -> String {
                try InputFiles.readText(URL(fileURLWithPath: folder).appendingPathComponent(file))
            }
            shards.append(ShardFiles(name: OutputDirectory.shortPath(folder), resultsCSV: try read("results.csv"),
                                     manifestJSON: try read("manifest.json")))
        }
        Interruption.setStage("merging \(folders.count) shard(s)")
        let merged = try ShardMerge.merge(shards)
        let destination = try RunFolder.make(output: output, defaultName: "merge")
        do {
            try destination.write(merged.resultsCSV, to: "results.csv")
            try destination.write(merged.manifestJSON, to: "manifest.json")
            let folder = try destination.commit()
            print("merged \(folders.count) shard(s), \(merged.units) unit(s), \(merged.rows) row(s) into \(folder.path)/results.csv")
        } catch {
            destination.discard()
            throw error
        }
    }
}

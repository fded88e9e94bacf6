import ArgumentParser
import Foundation
import SchemeVocabulary
import Synchronization
import Verification

/// `langevin-verify diffusion` with no subcommand: quality against E[NFE] for every sampler family on the data laws and
/// schedules (docs/theory.md §8.10; PN-D06, PN-D07), and the C15 decisions drawn from it. Exact on Gaussian data (FD, KL);
/// Monte Carlo on mixtures (MMD², mode-weight error, paired differences), every interval at level --alpha.
/// Writes results.csv, manifest.json and plots/*.svg into a unique run folder; `diffusion merge` combines shards.
struct DiffusionSweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Quality vs NFE of every sampler on the data laws (the default of `diffusion`), with the C15 decisions.",
        discussion: """
        Data: \(SweepData.all.map(\.description).joined(separator: ", ")) (default \(SweepData.defaults.map(\.description).joined(separator: ", "))).
        Samplers: \(SweepFamily.allCases.map(\.rawValue).joined(separator: ", ")); at each NFE budget a sampler runs its
        largest configuration with (expected) NFE ≤ the budget. Gaussian data are judged exactly (no sampling).
        Setting: exact scores (which favour ODE solvers), no images, small dimension — not the paper's latent models.
        """
    )

    @Option(help: "Comma-separated data laws.")
    var data: String?

    @Option(help: "linear, ldm or both.")
    var schedule: String = "both"

    @Option(help: "Comma-separated sampler families.")
    var samplers: String?

    @Option(help: "Comma-separated NFE budgets (1 … 1000).")
    var nfe: String?

    @Option(help: "Samples per Monte Carlo configuration.")
    var samples: Int = SweepSettings().samples

    @Option(help: "Seed (every sampler starts chain i from the same x_T: paired comparisons).")
    var seed: UInt64 = SweepSettings().seed

    @Option(help: "Worker threads (does not change the numbers).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Level of every Monte Carlo interval (each on its own).")
    var alpha: Double = SweepSettings().alpha

    @Option(help: "Relative L² size r ∈ [0, 1] of the seeded smooth score error every sampler sees (0: exact scores).")
    var scoreError: Double = 0

    @Option(help: "Run a PLMC mutant in place of plmc and plmc-large: \(SweepSettings.mutations.map(\.name).joined(separator: ", ")).")
    var mutation: String?

    @Flag(inversion: .prefixedNo, help: "Also run uniform PLMC at every K of the C15 claim's ladder within the NFE budgets.")
    var plmcLadder = true

    @Flag(help: "Print the rows and decisions as one JSON object instead of the table.")
    var json = false

    @Option(help: "Output folder (default data/runs/<UTC time>-diffusion, made unique). Must not exist or be empty.")
    var output: String?

    @Option(help: "Run only shard i of n (units with index ≡ i−1 mod n); combine with `diffusion merge`.")
    var shard: String?

    func validate() throws {
        try validating {
            try ToolLimits.checkThreads(threads)
            try ToolLimits.checkCount(samples, option: "--samples", minimum: 4, maximum: SweepSettings.maximumSamples)
            guard alpha.isFinite, alpha > 0, alpha < 1 else { throw ToolError.usage("--alpha must be in (0, 1), got \(alpha)") }
            guard scoreError.isFinite, scoreError >= 0, scoreError <= 1 else {
                throw ToolError.usage("--score-error must be in [0, 1], got \(scoreError)")
            }
            if let mutation, !SweepSettings.mutations.contains(where: { $0.name == mutation }) {
                throw ToolError.usage("--mutation: unknown mutant \(ArgumentParsing.quoted(mutation)); one of "
                                      + SweepSettings.mutations.map(\.name).joined(separator: ", "))
            }
        }
    }

    func settings() throws -> SweepSettings {
        var s = SweepSettings()
        func list(_ text: String, _ option: String) throws -> [String] {
            let items = text.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
                throw ToolError.usage("\(option) needs a comma-separated list, got \(ArgumentParsing.quoted(text))")
            }
            return items
        }
        if let data {
            s.data = try list(data, "--data").map { name in
                guard let d = SweepData(name: name) else {
                    throw ToolError.usage("--data: unknown data law \(ArgumentParsing.quoted(name)); one of "
                                          + SweepData.all.map(\.description).joined(separator: ", "))
                }
                return d
            }
        }
        switch schedule {
        case "both": s.schedules = [.linear, .ldm]
        case "linear": s.schedules = [.linear]
        case "ldm": s.schedules = [.ldm]
        default: throw ToolError.usage("--schedule must be linear, ldm or both, got \(ArgumentParsing.quoted(schedule))")
        }
        if let samplers {
            s.families = try list(samplers, "--samplers").map { name in
                guard let f = SweepFamily(rawValue: name) else {
                    throw ToolError.usage("--samplers: unknown sampler \(ArgumentParsing.quoted(name)); one of "
                                          + SweepFamily.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return f
            }
        }
        if let nfe {
            s.budgets = try list(nfe, "--nfe").map { text in
                guard let b = Int(text), b >= 1, b <= 1000 else {
                    throw ToolError.usage("--nfe budgets must be integers 1 … 1000, got \(ArgumentParsing.quoted(text))")
                }
                return b
            }
        }
        s.samples = samples
        s.seed = seed
        s.threads = threads
        s.alpha = alpha
        s.scoreError = scoreError
        s.mutation = mutation.flatMap { name in SweepSettings.mutations.first { $0.name == name }?.mutation }
        s.plmcLadder = plmcLadder
        return s
    }

    func run() throws {
        let settings = try settings()
        let selection = try shard.map { try ShardSelection(parsing: $0) } ?? .whole
        let planned = DiffusionSweep.units(settings)
        let units = planned.filter { selection.contains($0.index) }
        guard !units.isEmpty else {
            throw ToolError(.nothingAsserted, "nothing selected: shard \(selection) holds none of the \(planned.count) unit(s)")
        }
        // Work bound: samples × NFE × dimension per Monte Carlo unit (exact units cost no sampling).
        var work = 0.0
        for unit in units {
            guard let law = try? unit.data.law(), law.componentCount > 1 else { continue }
            work += Double(settings.samples) * Double(unit.budget) * Double(law.dimension * law.componentCount)
        }
        try ToolLimits.checkWork(work, what: "this sweep")
        let folder = try RunFolder.make(output: output, defaultName: "diffusion")
        do {
            // Progress (and its ETA) by work: samples × budget × d·K per Monte Carlo unit, a nominal 1 per exact unit.
            let weights = units.map { unit -> Double in
                guard let law = try? unit.data.law(), law.componentCount > 1 else { return 1 }
                return Double(settings.samples) * Double(unit.budget) * Double(law.dimension * law.componentCount) / 1e4
            }
            let state = SweepProgress(weights: weights)
            let reporter = ProgressReporter(quietSeconds: 2) { state.snapshot() }
            reporter.begin()
            let runner = DiffusionSweep.Runner(settings: settings)
            var rows: [SweepRow] = []
            for (done, unit) in units.enumerated() {
                let text = "\(unit.family) at NFE ≤ \(unit.budget) on \(unit.data) (\(unit.schedule))"
                state.update(done: done, current: text)
                Interruption.setStage("unit \(done + 1) of \(units.count) (\(text))")
                do { rows += try runner.rows(unit) } catch {
                    throw ToolError(.dataError, "\(text): \(error)")
                }
            }
            state.update(done: units.count, current: "writing the results")
            reporter.end()
            try Self.write(rows: rows, into: folder, shard: selection, unitCount: planned.count,
                           settings: Self.settingsFields(settings))
            let destination = try folder.commit()
            Self.print(rows: rows, json: json, complete: selection == .whole)
            if !json { Swift.print("results: \(destination.path)/results.csv, manifest.json, plots/") }
        } catch {
            folder.discard()
            throw error
        }
    }

    static func settingsFields(_ s: SweepSettings) -> [(String, String)] {
        [("data", JSON.array(s.data.map { JSON.string($0.description) })),
         ("schedules", JSON.array(s.schedules.map { JSON.string($0.name) })),
         ("samplers", JSON.array(s.families.map { JSON.string($0.rawValue) })),
         ("nfe_budgets", JSON.array(s.budgets.map(String.init))), ("samples", String(s.samples)),
         ("seed", String(s.seed)), ("threads", String(s.threads)), ("alpha", JSON.number(s.alpha)),
         ("score_error", JSON.number(s.scoreError)),
         ("mutation", JSON.string(s.mutation.map { m in SweepSettings.mutations.first { $0.mutation == m }?.name ?? "\(m)" } ?? "none")),
         ("plmc_ladder", s.plmcLadder ? "true" : "false")]
    }

    /// results.csv, manifest.json (settings, shard, decisions) and one SVG per data law, schedule and metric.
    static func write(rows: [SweepRow], into folder: OutputDirectory, shard: ShardSelection, unitCount: Int,
                      settings: [(String, String)]) throws {
        let csv = DiffusionSweepReport.renderCSV(rows)
        try folder.write(csv, to: "results.csv")
        let decisions = shard == .whole ? DiffusionSweepReport.decisions(rows) : []
        let manifest = JSON.object([
            ("tool", JSON.string("langevin-verify diffusion")),
            ("settings", JSON.object(settings)),
            ("shard", JSON.string(shard.description)), ("units", String(unitCount)), ("rows", String(rows.count)),
            ("setting_differs_from_paper", JSON.string("exact scores (favour ODE solvers), no images, data dimension ≤ 64")),
            ("c15_decisions", JSON.array(decisions.map { d in
                JSON.object([("data", JSON.string(d.data)), ("schedule", JSON.string(d.schedule)),
                             ("subject", JSON.string(d.subject)), ("question", JSON.string(d.question)),
                             ("outcome", JSON.string(d.outcome)), ("detail", JSON.string(d.detail))])
            })),
            ("environment", JSON.object(RunPaths.environmentFacts(command: CommandLine.arguments).map { ($0.0, JSON.string($0.1)) })),
        ])
        try folder.write(manifest + "\n", to: "manifest.json")
        var groups: [String] = []
        for r in rows where !groups.contains(r.data + "|" + r.schedule) { groups.append(r.data + "|" + r.schedule) }
        for group in groups {
            let parts = group.split(separator: "|").map(String.init)
            let mine = rows.filter { $0.data == parts[0] && $0.schedule == parts[1] }
            let files = ["FD": "fd", "MMD²": "mmd2", "mode-weight error": "mode-weights", DiffusionSweep.fdMetric: "fd-clipped",
                         DiffusionSweep.slicedMetric: "sliced-w2"]
            for metric in ["FD", "MMD²", "mode-weight error", DiffusionSweep.fdMetric, DiffusionSweep.slicedMetric] {
                let selected = mine.filter { $0.metric == metric }
                let title = "\(parts[0]), \(parts[1]) schedule: \(metric) to the data law vs NFE"
                    + (selected.first?.kind == "exact" ? " (exact)" : " (bands: intervals at α = \(selected.first?.alpha ?? 0))")
                guard let svg = SweepPlot.svg(title: title, metric: metric, rows: selected) else { continue }
                let name = "\(parts[0])-\(parts[1])-\(files[metric] ?? "metric").svg"
                try folder.write(svg, to: "plots/" + name)
            }
        }
    }

    static func print(rows: [SweepRow], json: Bool, complete: Bool) {
        let decisions = complete ? DiffusionSweepReport.decisions(rows) : []
        if json {
            Swift.print(JSON.object([
                ("rows", JSON.array(rows.map { r in
                    JSON.object([("data", JSON.string(r.data)), ("schedule", JSON.string(r.schedule)),
                                 ("sampler", JSON.string(r.sampler)), ("nfe", JSON.number(r.nfe)),
                                 ("metric", JSON.string(r.metric)), ("estimate", JSON.number(r.estimate)),
                                 ("lower", JSON.number(r.lower)), ("upper", JSON.number(r.upper)),
                                 ("alpha", JSON.number(r.alpha))])
                })),
                ("c15_decisions", JSON.array(decisions.map { JSON.string($0.description) })),
            ]))
            return
        }
        let f = DiffusionSweepReport.format
        for r in rows where !r.metric.contains(" vs ") {
            let bracket = r.kind == "exact" ? "(exact)" : "[\(f(r.lower)), \(f(r.upper))]"
            Swift.print("\(r.data)  \(r.schedule)  \(r.sampler)  NFE \(f(r.nfe))  \(r.metric) \(f(r.estimate)) \(bracket)")
        }
        if complete {
            Swift.print("\nC15 decisions (setting: exact scores, which favour ODE solvers; no images; small dimension):")
            for d in decisions { Swift.print("  " + d.description) }
        } else {
            Swift.print("\n(one shard: the C15 decisions need every unit; combine the shards with `diffusion merge`)")
        }
    }
}

/// `langevin-verify diffusion merge DIR…`: combines the shards of one sweep (same settings) into one folder, with the
/// C15 decisions and the plots of the whole.
struct DiffusionMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge",
                                                    abstract: "Combine the shard folders of one diffusion sweep.")

    @Argument(help: "Shard output folders of `diffusion --shard i/n` (same settings).")
    var folders: [String] = []

    @Option(help: "Output folder (default data/runs/<UTC time>-diffusion-merge).")
    var output: String?

    @Flag(help: "Print JSON instead of the table.")
    var json = false

    func run() throws {
        guard !folders.isEmpty else { throw ValidationError("merge needs at least one shard folder") }
        var rows: [SweepRow] = []
        var settings: String?
        var shards: [String] = []
        for folder in folders {
            func read(_ file: String) throws -> String {
                try InputFiles.readText(URL(fileURLWithPath: folder).appendingPathComponent(file))
            }
            let manifest = try read("manifest.json")
            guard let object = try? JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any],
                  object["tool"] as? String == "langevin-verify diffusion",
                  let shard = object["shard"] as? String, let s = object["settings"] as? [String: Any] else {
                throw ToolError(.dataError, "\(OutputDirectory.shortPath(folder)) is not the output of `diffusion`")
            }
            var comparable = s
            comparable["threads"] = nil
            let text = String(describing: comparable.sorted { $0.key < $1.key })
            if let settings, settings != text {
                throw ToolError(.dataError, "\(OutputDirectory.shortPath(folder)) was run with other settings")
            }
            settings = text
            guard !shards.contains(shard) else { throw ToolError(.dataError, "shard \(shard) is given twice") }
            shards.append(shard)
            rows += try DiffusionSweepReport.rows(fromCSV: DiffusionSweepReport.parseCSV(read("results.csv")))
        }
        // Stable by unit (rows keep their order within a unit).
        rows = rows.enumerated().sorted { ($0.element.unit, $0.offset) < ($1.element.unit, $1.offset) }.map(\.element)
        let counts = Set(shards.compactMap { $0.split(separator: "/").last.flatMap { Int($0) } })
        guard counts.count == 1, let n = counts.first, shards.count == n else {
            throw ToolError(.dataError, "the shards \(shards.joined(separator: ", ")) are not all shards i/n of one run")
        }
        let destination = try RunFolder.make(output: output, defaultName: "diffusion-merge")
        do {
            try DiffusionSweepCommand.write(rows: rows, into: destination, shard: .whole, unitCount: rows.last.map { $0.unit + 1 } ?? 0,
                                            settings: [("merged_shards", JSON.array(shards.map(JSON.string)))])
            let folder = try destination.commit()
            DiffusionSweepCommand.print(rows: rows, json: json, complete: true)
            if !json { Swift.print("merged \(shards.count) shard(s), \(rows.count) row(s) into \(folder.path)") }
        } catch {
            destination.discard()
            throw error
        }
    }
}

extension JSON {
    /// A JSON array of already-rendered values.
    static func array(_ values: [String]) -> String { "[" + values.joined(separator: ", ") + "]" }
}

/// The sweep's progress line: the fraction of the work done (units weighted by their cost), so the ETA is meaningful.
final class SweepProgress: Sendable {
    private struct State { var done = 0; var current = "" }
    private let state = Mutex(State())
    private let cumulative: [Double]

    init(weights: [Double]) {
        var sum = 0.0
        cumulative = [0] + weights.map { sum += $0; return sum }
    }

    func update(done: Int, current: String) { state.withLock { $0 = State(done: done, current: current) } }

    func snapshot() -> (fraction: Double, current: String) {
        state.withLock { s in
            let total = cumulative.last ?? 0
            return (total > 0 ? cumulative[min(s.done, cumulative.count - 1)] / total : 1,
                    "\(s.done)/\(cumulative.count - 1) units, \(s.current)")
        }
    }
}

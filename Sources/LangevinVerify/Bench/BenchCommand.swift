import ArgumentParser
import DenseLinearAlgebra
import Foundation
import Langevin
import Randomness
import SchemeVocabulary
import Verification

/// `langevin-verify bench`: the engine's speed, as a benchmark (nothing is asserted). For each case (dimension ×
/// diagonal or dense A) it times the Gaussians alone (the floor of LMC's noise), then LMC, PLMC (K = 16, ∞) and
/// RLMC (and with --underdamped ULMC, PLMC-ULMC(K=∞) and RLMC-ULMC) with each thread count, in ns per chain·step·dimension (best of --repeats), with the ratios the engine is
/// judged by: LMC / Gaussians, PLMC(K=∞) / LMC, and the speed-up of the largest thread count. With --numpy (on by
/// default when python3 and numpy are found) it runs the NumPy PLMC(K=∞) reference `scripts/bench/plmc_numpy.py`
/// (both formulations, the faster counts) in the same run and prints how many times slower it is.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the ensemble engine (ns per chain·step·dimension) and compare it with a NumPy PLMC.",
        discussion: """
        Use a release build: swift run -c release langevin-verify bench
        Timings depend on the machine and its load; each is the best of --repeats runs.
        """
    )

    @Option(help: "Number of chains per run.")
    var chains: Int = 100_000

    @Option(help: "Dimensions, comma-separated.")
    var dims: String = "10,100"

    @Option(help: "Drift matrices, comma-separated: diag (coordinate-wise) and/or dense (random SPD, condition 10).")
    var kinds: String = "diag,dense"

    @Option(help: "Thread counts, comma-separated (default: 1 and all cores).")
    var threads: String = "1,\(ProcessInfo.processInfo.activeProcessorCount)"

    @Option(help: "Steps per run (default: about 4·10⁷ chain·step·dimension units per run, at least 4).")
    var steps: Int?

    @Option(help: "Runs per timing; the best is reported.")
    var repeats: Int = 3

    @Flag(help: "Also time the underdamped schemes ULMC, PLMC-ULMC(K=∞) and RLMC-ULMC (γ = 1; ratios against ULMC).")
    var underdamped = false

    @Flag(inversion: .prefixedNo, help: "Run the NumPy PLMC(K=∞) reference at the first dimension (needs python3 and numpy).")
    var numpy = true

    @Flag(help: "Print one JSON object per timing instead of the table.")
    var json = false

    @Flag(help: "Time diffusion sampling instead: DDIM-50 on the d = 64, 8-component mixture (10⁴ samples), against diffusers + torch (scripts/bench/diffusion-peer.sh) and the score kernel against GSL's dgemm.")
    var diffusion = false

    func validate() throws {
        try validating {
            try ToolLimits.checkCount(chains, option: "--chains", minimum: 2, maximum: ToolLimits.maximumBenchChains,
                                      beyond: "the benchmark keeps one generator per chain")
            if let steps { try ToolLimits.checkCount(steps, option: "--steps", maximum: ToolLimits.maximumSteps) }
            try ToolLimits.checkCount(repeats, option: "--repeats", maximum: ToolLimits.maximumRepeats)
            let dimensions = try parsedDimensions(), kindList = try parsedKinds(), threadList = try parsedThreads()
            for t in threadList { try ToolLimits.checkThreads(t, option: "--threads entry") }
            for d in dimensions {
                if kindList.contains("dense") {
                    try ToolLimits.checkCount(d, option: "--dims entry (dense)", maximum: ToolLimits.maximumBenchDenseDimension,
                                              beyond: "a dense case stores a d×d matrix and draws an O(d³) random rotation")
                }
                try ToolLimits.checkCount(d, option: "--dims entry", maximum: ToolLimits.maximumBenchDiagonalDimension,
                                          beyond: "each block of chains keeps several d-vectors per chain")
            }
            // every timed run: chains × steps × d units, for each kind, scheme, thread count and repeat (+1 warm-up)
            let schemeCount = Double(underdamped ? 7 : 4) + 1
            var work = 0.0
            for d in dimensions {
                work += Double(chains) * Double(stepsPerRun(dimension: d)) * Double(d) * Double(kindList.count)
                    * schemeCount * Double(threadList.count) * Double(repeats + 1) * 2
            }
            try ToolLimits.checkWork(work, what: "bench")
        }
    }

    func parsedDimensions() throws -> [Int] {
        let values = dims.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--dims: \(ArgumentParsing.quoted(dims)) is not a comma-separated list of positive integers")
        }
        return values.map { $0! }
    }

    func parsedKinds() throws -> [String] {
        let values = kinds.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !values.isEmpty, values.allSatisfy({ $0 == "diag" || $0 == "dense" }) else {
            throw ValidationError("--kinds: \(ArgumentParsing.quoted(kinds)) must list diag and/or dense")
        }
        return values
    }

    func parsedThreads() throws -> [Int] {
        let values = threads.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--threads: \(ArgumentParsing.quoted(threads)) is not a comma-separated list of positive integers")
        }
        return Array(Set(values.map { $0! })).sorted()
    }

    func run() throws {
        #if DEBUG
        StandardError.write("note: this is a debug build; timings are not representative "
                            + "(use swift run -c release langevin-verify bench)\n")
        #endif
        Interruption.setStage("bench")
        if diffusion {
            try DiffusionBenchmark.run(samples: 10_000, steps: 50, threads: try parsedThreads(), repeats: max(repeats, 5),
                                       json: json, peer: numpy)
            return
        }
        let dimensions = try parsedDimensions(), kindList = try parsedKinds(), threadList = try parsedThreads()
        let eta = 0.1
        typealias Timer = (LinearBatchDrift, Int, Int) throws -> EngineBenchmark.Timing   // (drift, steps, threads)
        func timer(_ s: Scheme) -> Timer {
            { drift, steps, threads in
                try EngineBenchmark.engine(s, stepSize: eta, drift: drift, chains: chains, steps: steps, threads: threads,
                                           repeats: repeats)
            }
        }
        // (name, timer, the scheme the ratio is taken against: nil for the baseline of its group)
        var schemes: [(String, Timer, String?)] = [
            ("LMC", timer(.lmc), nil), ("PLMC(K=16)", timer(.plmc(.finite(16))), "LMC"),
            ("PLMC(K=∞)", timer(.plmc(.infinite)), "LMC"), ("RLMC", timer(.rlmc), "LMC"),
        ]
        if underdamped {
            schemes += [
                ("ULMC", timer(.ulmc(friction: 1)), nil),
                ("PLMC-ULMC(K=∞)", timer(.plmcULMC(friction: 1, .infinite)), "ULMC"),
                ("RLMC-ULMC", timer(.rlmcULMC(friction: 1)), "ULMC"),
            ]
        }
        if !json {
            print("ns per chain·step·dimension, \(chains) chains, best of \(repeats) (wall clock); threads \(threadList.map(String.init).joined(separator: ", "))")
            print(pad("case", 14) + pad("scheme", 12) + threadList.map { pad("\($0) thr", 10) }.joined()
                  + pad("speed-up", 10) + "ratio")
        }
        var ourPLMCAtFirstDimension: [Int: Double] = [:]
        for d in dimensions {
            let steps = stepsPerRun(dimension: d)
            let unit = 1e9 / (Double(chains) * Double(steps) * Double(d))
            let gaussians = EngineBenchmark.gaussians(chains: chains, dimension: d, steps: steps, repeats: repeats)
            let gaussianNs = gaussians.wallSeconds * unit
            for kind in kindList {
                let drift = try benchmarkDrift(dimension: d, kind: kind)
                let label = "d=\(d) \(kind)"
                emit(label, "Gaussians", [threadList[0]: gaussianNs], ratio: nil, threadList: threadList)
                var baselineNs: [String: Double] = [:]
                for (name, time, baseline) in schemes {
                    var perThreads: [Int: Double] = [:]
                    for t in threadList {
                        perThreads[t] = try time(drift, steps, t).wallSeconds * unit
                    }
                    let single = perThreads[threadList[0]]!
                    let ratio: (String, Double)?
                    if let baseline, let reference = baselineNs[baseline] {
                        ratio = ("\(name)/\(baseline)", single / reference)
                    } else {
                        baselineNs[name] = single
                        // LMC draws d Gaussians per step, the Gaussians row's unit; ULMC draws 2d
                        ratio = name == "LMC" ? ("LMC/Gaussians", single / gaussianNs) : nil
                    }
                    if name == "PLMC(K=∞)" && d == dimensions[0] && kind == "diag" { ourPLMCAtFirstDimension = perThreads }
                    emit(label, name, perThreads, ratio: ratio, threadList: threadList)
                }
            }
        }
        if numpy, let ours = ourPLMCAtFirstDimension[threadList[0]] {
            runNumPyPeer(dimension: dimensions[0], ours: ourPLMCAtFirstDimension, firstThreads: threadList[0], single: ours)
        }
    }

    /// diag: b(x) = −diag(1 + i/d) x; dense: b(x) = −(0.01·A) x with A a random SPD matrix of condition 10 (fixed
    /// seed), so η λ_max ≈ 0.1 at η = 0.1 in both.
    func benchmarkDrift(dimension d: Int, kind: String) throws -> LinearBatchDrift {
        if kind == "diag" { return try LinearBatchDrift(diagonal: (0..<d).map { 1 + Double($0) / Double(d) }) }
        var g = Xoshiro256StarStar(seed: 9)
        let a = try Matrix.randomSymmetricPositiveDefinite(d, condition: 10, standardNormal: { g.nextStandardNormal() })
        return try LinearBatchDrift(matrix: (0.1 / 10) * a)
    }

    func emit(_ label: String, _ scheme: String, _ values: [Int: Double], ratio: (String, Double)?, threadList: [Int]) {
        let single = values[threadList[0]]
        let most = values[threadList.last!]
        let speedUp = (single != nil && most != nil && threadList.count > 1 && values.count > 1) ? single! / most! : nil
        if json {
            var fields: [(String, String)] = [("case", JSON.string(label)), ("scheme", JSON.string(scheme)),
                                              ("chains", "\(chains)")]
            for t in threadList { if let v = values[t] { fields.append(("ns_\(t)_threads", JSON.number(v))) } }
            if let speedUp { fields.append(("speed_up", JSON.number(speedUp))) }
            if let ratio { fields.append((ratio.0, JSON.number(ratio.1))) }
            print(JSON.object(fields))
            return
        }
        let cells = threadList.map { t in pad(values[t].map { String(format: "%.2f", $0) } ?? "", 10) }.joined()
        print(pad(label, 14) + pad(scheme, 12) + cells + pad(speedUp.map { String(format: "%.2f", $0) } ?? "", 10)
              + (ratio.map { "\($0.0) \(String(format: "%.2f", $0.1))" } ?? ""))
    }

    /// --steps, or about 4·10⁷ chain·step·dimension units per run (at least 4 steps).
    func stepsPerRun(dimension d: Int) -> Int {
        steps ?? max(4, Int(min(4e7 / (Double(chains) * Double(d)), 1e9).rounded()))
    }

    func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    /// A remark about the run: on stdout with the table, on stderr with --json (stdout stays JSON).
    func note(_ text: String) {
        if json { StandardError.write(text + "\n") } else { print(text) }
    }

    /// The NumPy reference in the same run: both formulations, the faster one counts.
    func runNumPyPeer(dimension d: Int, ours: [Int: Double], firstThreads: Int, single: Double) {
        let script = "scripts/bench/plmc_numpy.py"
        guard FileManager.default.fileExists(atPath: script) else {
            note("NumPy peer: skipped (\(script) not found; run from the package root)")
            return
        }
        guard RunPaths.firstLine(of: ["python3", "-c", "import numpy"]) != nil else {
            note("NumPy peer: skipped (python3 with numpy not found)")
            return
        }
        let steps = stepsPerRun(dimension: d)
        var best = Double.infinity
        var lines: [String] = []
        for variant in ["flat", "grouped"] {
            guard let line = RunPaths.firstLine(of: ["python3", script, "--variant", variant, "--chains", "\(chains)",
                                                     "--dim", "\(d)", "--steps", "\(steps)", "--repeats", "\(repeats)"]),
                  let value = line.split(separator: ":").dropFirst().first?.split(separator: " ").first.flatMap({ Double($0) })
            else { continue }
            lines.append("\(variant) \(String(format: "%.2f", value))")
            best = min(best, value)
        }
        guard best.isFinite else {
            note("NumPy peer: the script did not report a timing")
            return
        }
        var text = "NumPy PLMC(K=∞), d=\(d) diag: \(lines.joined(separator: ", ")) ns; NumPy / ours = "
            + String(format: "%.1f", best / single) + "× (\(firstThreads) thread\(firstThreads == 1 ? "" : "s"))"
        let others = ours.keys.sorted().filter { $0 != firstThreads }
        for t in others { text += ", " + String(format: "%.1f", best / ours[t]!) + "× (\(t) threads)" }
        if json {
            print(JSON.object([("case", JSON.string("d=\(d) diag")), ("scheme", JSON.string("NumPy PLMC(K=∞)")),
                               ("ns_1_threads", JSON.number(best)), ("numpy_over_ours", JSON.number(best / single))]))
        } else {
            print(text)
        }
    }
}

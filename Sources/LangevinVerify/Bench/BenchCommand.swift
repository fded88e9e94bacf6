import ArgumentParser
import DenseLinearAlgebra
import Foundation
import Langevin
import Randomness
import SchemeVocabulary
import Verification

/// `langevin-verify bench`: the engine's speed, as a benchmark (nothing is asserted). For each case (dimension ×
/// diagonal or dense A) it times the Gaussians alone (the floor of LMC's noise, with the engine's `LaneNormalStreams`
/// and, for reference, the scalar ziggurat), then LMC, PLMC (K = 16, ∞) and RLMC (and with --underdamped ULMC,
/// PLMC-ULMC(K=∞) and RLMC-ULMC) with each thread count, in ns per chain·step·dimension — the median of --repeats runs
/// with their range — with the ratios the engine is judged by. A dense case also times GSL's CBLAS `dgemm` on the
/// drift's work. In the same run, at the first dimension with diagonal A, it times the external PLMC(K=∞) peers:
/// NumPy (`scripts/bench/plmc_numpy.py`, the renewal formulation, one thread) when python3 has numpy, and JAX on the
/// CPU (`scripts/bench/plmc_jax.py`, jit-compiled, all cores, compile time excluded) when python3 can import jax or
/// with --with-jax (jax installed from PyPI into a throw-away venv by `scripts/bench/jax-venv.sh`); it says which peer
/// it skipped and why. It ends with the speed targets, measured against this run. The table output starts with the
/// build it measures (`BuildTarget`: the generic x86-64 default, or the declared AVX-512 build of README "Speed") and
/// the running CPU's vector extensions.
/// `--generators` instead times the Gaussian generators alone (scalar ziggurat, `VectorNormalStream`,
/// `LaneNormalStreams`, GSL);
/// `--diffusion` times diffusion sampling (DDIM-50 on the d = 64 mixture) against its diffusers + torch peer.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the ensemble engine (ns per chain·step·dimension) and compare it with NumPy and JAX PLMC peers.",
        discussion: """
        Use a release build: swift run -c release langevin-verify bench
        Timings depend on the machine and its load; each is the median of --repeats runs, with their range.
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

    @Option(help: "Timed runs per timing (after one untimed run); the median and the range are reported.")
    var repeats: Int = 5

    @Flag(help: "Also time the underdamped schemes ULMC, PLMC-ULMC(K=∞) and RLMC-ULMC (γ = 1; ratios against ULMC).")
    var underdamped = false

    @Flag(inversion: .prefixedNo, help: "Run the NumPy PLMC(K=∞) peer at the first dimension (needs python3 and numpy).")
    var numpy = true

    @Flag(inversion: .prefixedNo, help: "Run the JAX-CPU PLMC(K=∞) peer at the first dimension when python3 can import jax.")
    var jax = true

    @Flag(help: "Install jax from PyPI into a throw-away venv (scripts/bench/jax-venv.sh) for the JAX peer if python3 cannot import it.")
    var withJax = false

    @Flag(help: "Print one JSON object per timing instead of the table.")
    var json = false

    @Flag(help: "Time diffusion sampling instead: DDIM-50 on the d = 64, 8-component mixture (10⁴ samples), against diffusers + torch (scripts/bench/diffusion-peer.sh) and the score kernel against GSL's dgemm.")
    var diffusion = false

    @Flag(help: "Only time the Gaussian generators: the scalar ziggurat against VectorNormalStream and LaneNormalStreams, in ns per draw (one thread; median of at least 5 runs), with GSL's samplers as references.")
    var generators = false

    @Option(help: "With --generators: normals per timed run.")
    var generatorDraws: Int = 20_000_000

    @Option(help: "With --generators: normals per fill call, comma-separated (≥ 1024: one stream; smaller: 128 streams in turn, like a block of the engine).")
    var generatorSizes: String = "4096,100,20,10"

    /// Fill sizes of `--generators` (each size is one buffer of doubles).
    static let maximumGeneratorFillSize = 1 << 24

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
            let sizes = try parsedGeneratorSizes()
            for size in sizes {
                try ToolLimits.checkCount(size, option: "--generator-sizes entry", maximum: Self.maximumGeneratorFillSize,
                                          beyond: "each size is one buffer of doubles")
            }
            try ToolLimits.checkCount(generatorDraws, option: "--generator-draws", maximum: ToolLimits.maximumSteps)
            if generators {
                // every timed run of --generators: the draws, for two generators per size and three references,
                // repeated max(--repeats, 5) times after an untimed run
                let work = Double(generatorDraws) * Double(2 * sizes.count + 3) * Double(max(repeats, 5) + 1)
                try ToolLimits.checkWork(work, what: "bench --generators")
                return
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

    func parsedGeneratorSizes() throws -> [Int] {
        let values = generatorSizes.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--generator-sizes: \(ArgumentParsing.quoted(generatorSizes)) is not a comma-separated list of positive integers")
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
        if !json { print(BuildTarget.line) }
        if diffusion {
            try DiffusionBenchmark.run(samples: 10_000, steps: 50, threads: try parsedThreads(), repeats: max(repeats, 5),
                                       json: json, peer: numpy)
            return
        }
        if generators {
            runGenerators(sizes: try parsedGeneratorSizes())
            return
        }
        let dimensions = try parsedDimensions(), kindList = try parsedKinds(), threadList = try parsedThreads()
        let eta = 0.1
        typealias Timer = (LinearBatchDrift, Int, Int) throws -> BenchSummary   // (drift, steps, threads) → seconds
        func timer(_ s: Scheme) -> Timer {
            { drift, steps, threads in
                try EngineBenchmark.engine(s, stepSize: eta, drift: drift, chains: chains, steps: steps, threads: threads,
                                           runs: repeats)
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
            print("ns per chain·step·dimension, \(chains) chains, median (range) of \(repeats) runs (wall clock); "
                  + "threads \(threadList.map(String.init).joined(separator: ", "))")
            print(pad("case", 14) + pad("scheme", 22) + threadList.map { pad("\($0) thr", 22) }.joined()
                  + pad("speed-up", 10) + "ratio")
        }
        var targets = Targets()
        for d in dimensions {
            let steps = stepsPerRun(dimension: d)
            let unit = 1e9 / (Double(chains) * Double(steps) * Double(d))
            let blockSize = EnsembleConfiguration(chains: chains, steps: 1).blockSize
            let gaussians = EngineBenchmark.gaussians(chains: chains, dimension: d, steps: steps, blockSize: blockSize,
                                                      runs: repeats).scaled(by: unit)
            let scalar = EngineBenchmark.scalarGaussians(chains: chains, dimension: d, steps: steps, blockSize: blockSize,
                                                         runs: repeats).scaled(by: unit)
            for kind in kindList {
                let drift = try benchmarkDrift(dimension: d, kind: kind)
                let label = "d=\(d) \(kind)"
                emit(label, "Gaussians", [threadList[0]: gaussians], ratio: nil, threadList: threadList)
                emit(label, "Gaussians (scalar zig.)", [threadList[0]: scalar],
                     ratio: ("Gaussians/scalar", gaussians.median / scalar.median), threadList: threadList)
                if d == 10 && kind == "diag" { targets.gaussians = gaussians; targets.scalarGaussians = scalar }
                var baselineNs: [String: Double] = [:]
                for (name, time, baseline) in schemes {
                    var perThreads: [Int: BenchSummary] = [:]
                    for t in threadList { perThreads[t] = try time(drift, steps, t).scaled(by: unit) }
                    let single = perThreads[threadList[0]]!.median
                    let ratio: (String, Double)?
                    if let baseline, let reference = baselineNs[baseline] {
                        ratio = ("\(name)/\(baseline)", single / reference)
                    } else {
                        baselineNs[name] = single
                        // LMC draws d Gaussians per step, the Gaussians row's unit; ULMC draws 2d
                        ratio = name == "LMC" ? ("LMC/Gaussians", single / gaussians.median) : nil
                    }
                    if name == "PLMC(K=∞)" && d == dimensions[0] && kind == "diag" { targets.plmc = perThreads }
                    if name == "PLMC(K=∞)" && d == 10 && kind == "diag" { targets.plmcAtTen = perThreads }
                    if name == "LMC" && d == 100 && kind == "dense" { targets.denseLMC = perThreads[threadList[0]] }
                    emit(label, name, perThreads, ratio: ratio, threadList: threadList)
                }
                if kind == "dense" {
                    let blas = EngineBenchmark.blasDrift(matrix: drift.matrix.transposed.storage, dimension: d, chains: chains,
                                                         blockSize: blockSize, steps: steps, runs: repeats).scaled(by: unit)
                    emit(label, "GSL CBLAS dgemm drift", [threadList[0]: blas],
                         ratio: baselineNs["LMC"].map { ("LMC/dgemm", $0 / blas.median) }, threadList: threadList)
                    if d == 100 { targets.denseBLAS = blas }
                }
            }
        }
        targets.threadList = threadList
        targets.firstDimension = dimensions[0]
        if kindList.contains("diag") {
            let d = dimensions[0]
            if numpy { targets.numpy = runPeer(.numpy, dimension: d) }
            if jax || withJax { targets.jax = runPeer(.jax, dimension: d) }
        }
        if !json { printTargets(targets) }
    }

    /// What the speed targets are measured on, gathered during the run.
    struct Targets {
        var threadList: [Int] = []
        var firstDimension = 0
        var gaussians: BenchSummary?, scalarGaussians: BenchSummary?
        var plmc: [Int: BenchSummary] = [:], plmcAtTen: [Int: BenchSummary] = [:]
        var denseLMC: BenchSummary?, denseBLAS: BenchSummary?
        var numpy: BenchSummary?, jax: BenchSummary?
    }

    /// The speed targets against this run's medians (one thread, d = 10, diagonal A, unless stated).
    func printTargets(_ t: Targets) {
        var lines: [String] = []
        func line(_ what: String, _ value: Double?, _ relation: String, _ bound: Double, met: (Double) -> Bool) {
            guard let value else { return }
            lines.append("  " + pad(what, 58) + pad(String(format: "%.2f", value), 8) + pad("target \(relation) \(bound)", 14)
                         + (met(value) ? "met" : "missed"))
        }
        let one = t.threadList.first ?? 1, most = t.threadList.last ?? 1
        if let g = t.gaussians, let s = t.scalarGaussians {
            line("Gaussian draw, lane-grouped streams / scalar ziggurat (per chain)", g.median / s.median, "≤", 0.5) { $0 <= 0.5 }
        }
        if let p = t.plmcAtTen[one], let g = t.gaussians {
            line("PLMC(K=∞) / (2 × Gaussian)", p.median / (2 * g.median), "≤", 1.4) { $0 <= 1.4 }
        }
        if let p = t.plmc[one], let numpy = t.numpy {
            line("NumPy peer / PLMC(K=∞), \(one) thread, d=\(t.firstDimension)", numpy.median / p.median, "≥", 10) { $0 >= 10 }
        }
        if let p = t.plmc[most], let jax = t.jax, most > one {
            line("JAX-CPU peer (all cores) / PLMC(K=∞), \(most) threads, d=\(t.firstDimension)", jax.median / p.median, "≥", 15) { $0 >= 15 }
        }
        if let a = t.plmc[one], let b = t.plmc[most], most > one {
            line("PLMC(K=∞) speed-up, \(most) threads, d=\(t.firstDimension)", a.median / b.median, "≥", 1.85) { $0 >= 1.85 }
        }
        if let lmc = t.denseLMC, let blas = t.denseBLAS {
            line("LMC dense d=100 / GSL CBLAS dgemm of its drift", lmc.median / blas.median, "≤", 1.3) { $0 <= 1.3 }
        }
        guard !lines.isEmpty else { return }
        print("Targets (medians of this run):")
        lines.forEach { print($0) }
    }

    enum Peer: String {
        case numpy = "NumPy", jax = "JAX-CPU"
    }

    /// Runs a peer script at dimension d (diagonal A, the engine's benchmark drift) and prints its timing and its
    /// ratio to our PLMC(K=∞) — or why it was skipped. Returns its ns per chain·step·dimension.
    func runPeer(_ peer: Peer, dimension d: Int) -> BenchSummary? {
        let script = peer == .numpy ? "scripts/bench/plmc_numpy.py" : "scripts/bench/plmc_jax.py"
        func skip(_ reason: String) -> BenchSummary? {
            if json {
                print(JSON.object([("case", JSON.string("d=\(d) diag")), ("scheme", JSON.string("\(peer.rawValue) PLMC(K=∞)")),
                                   ("skipped", JSON.string(reason))]))
            } else {
                print("\(peer.rawValue) peer: skipped (\(reason))")
            }
            return nil
        }
        guard FileManager.default.fileExists(atPath: script) else { return skip("\(script) not found; run from the package root") }
        var python = "python3"
        switch peer {
        case .numpy:
            guard RunPaths.firstLine(of: ["python3", "-c", "import numpy"]) != nil else {
                return skip("python3 with numpy not found")
            }
        case .jax:
            if RunPaths.firstLine(of: ["python3", "-c", "import jax"]) == nil {
                guard withJax else { return skip("jax is not importable by python3; --with-jax installs it into a throw-away venv") }
                guard let venvPython = RunPaths.firstLine(of: ["bash", "scripts/bench/jax-venv.sh"]), !venvPython.isEmpty else {
                    return skip("scripts/bench/jax-venv.sh could not install jax")
                }
                python = venvPython
            }
        }
        let steps = stepsPerRun(dimension: d)
        var arguments = [python, script, "--chains", "\(chains)", "--dim", "\(d)", "--steps", "\(steps)",
                         "--repeats", "\(repeats)", "--json"]
        // NumPy on one thread (its element-wise work is single-threaded anyway); XLA uses every core.
        if peer == .numpy { arguments = ["OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1"] + arguments + ["--variant", "renewal"] }
        guard let line = RunPaths.firstLine(of: arguments),
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let median = object["ns_median"] as? Double, let minimum = object["ns_min"] as? Double,
              let maximum = object["ns_max"] as? Double
        else { return skip("\(script) did not report a timing") }
        let summary = BenchSummary(median: median, minimum: minimum, maximum: maximum, runs: repeats)
        let detail = (object["detail"] as? String).map { ", \($0)" } ?? ""
        if json {
            print(JSON.object([("case", JSON.string("d=\(d) diag")), ("scheme", JSON.string("\(peer.rawValue) PLMC(K=∞)")),
                               ("ns_median", JSON.number(median)), ("ns_min", JSON.number(minimum)),
                               ("ns_max", JSON.number(maximum)), ("detail", JSON.string(detail))]))
        } else {
            print("\(peer.rawValue) PLMC(K=∞), d=\(d) diag: \(summary.text) ns\(detail)")
        }
        return summary
    }

    /// `--generators`: ns per draw of the scalar ziggurat, of `VectorNormalStream` and of `LaneNormalStreams` (four
    /// streams per fill) for a bulk fill (by default 4096 normals per call) and for short per-stream fills (100, 20, 10
    /// normals per stream and call over 128 streams, the engine's pattern); medians of max(--repeats, 5) runs with their range; then GSL's samplers and
    /// xoshiro256** uniforms at the largest size.
    func runGenerators(sizes: [Int]) {
        let runs = max(repeats, 5)
        let rows = GeneratorBenchmark.run(fillSizes: sizes, draws: generatorDraws, runs: runs)
        if !json {
            print("ns per N(0,1) draw, one thread, median of \(runs) runs of \(generatorDraws) draws (range)")
            print(pad("fill size", 12) + pad("scalar ziggurat", 24) + pad("VectorNormalStream", 24)
                  + pad("LaneNormalStreams ×4", 24) + "vector/scalar  lanes/scalar")
        }
        for row in rows {
            let ratio = row.vector.median / row.scalar.median, laneRatio = row.lanes.median / row.scalar.median
            if json {
                print(JSON.object([("fill_size", "\(row.fillSize)"), ("runs", "\(runs)"),
                                   ("scalar_ns_median", JSON.number(row.scalar.median)),
                                   ("scalar_ns_min", JSON.number(row.scalar.minimum)),
                                   ("scalar_ns_max", JSON.number(row.scalar.maximum)),
                                   ("vector_ns_median", JSON.number(row.vector.median)),
                                   ("vector_ns_min", JSON.number(row.vector.minimum)),
                                   ("vector_ns_max", JSON.number(row.vector.maximum)),
                                   ("vector_over_scalar", JSON.number(ratio)),
                                   ("lanes_ns_median", JSON.number(row.lanes.median)),
                                   ("lanes_ns_min", JSON.number(row.lanes.minimum)),
                                   ("lanes_ns_max", JSON.number(row.lanes.maximum)),
                                   ("lanes_over_scalar", JSON.number(laneRatio))]))
            } else {
                print(pad(row.fillSize >= 1024 ? "\(row.fillSize)" : "\(row.fillSize) ×128", 12) + pad(row.scalar.text, 24)
                      + pad(row.vector.text, 24) + pad(row.lanes.text, 24) + pad(String(format: "%.2f", ratio), 15)
                      + String(format: "%.2f", laneRatio))
            }
        }
        let size = sizes.max() ?? 4096
        for (name, summary) in GeneratorBenchmark.references(size: size, draws: generatorDraws, runs: runs) {
            if json {
                print(JSON.object([("reference", JSON.string(name)), ("fill_size", "\(size)"), ("runs", "\(runs)"),
                                   ("ns_median", JSON.number(summary.median)), ("ns_min", JSON.number(summary.minimum)),
                                   ("ns_max", JSON.number(summary.maximum))]))
            } else {
                print(pad("\(size)", 12) + pad(name, 40) + summary.text)
            }
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

    func emit(_ label: String, _ scheme: String, _ values: [Int: BenchSummary], ratio: (String, Double)?,
              threadList: [Int]) {
        let single = values[threadList[0]]?.median
        let most = values[threadList.last!]?.median
        let speedUp = (single != nil && most != nil && threadList.count > 1 && values.count > 1) ? single! / most! : nil
        if json {
            var fields: [(String, String)] = [("case", JSON.string(label)), ("scheme", JSON.string(scheme)),
                                              ("chains", "\(chains)"), ("runs", "\(repeats)")]
            for t in threadList {
                if let v = values[t] {
                    fields += [("ns_\(t)_threads", JSON.number(v.median)), ("ns_\(t)_threads_min", JSON.number(v.minimum)),
                               ("ns_\(t)_threads_max", JSON.number(v.maximum))]
                }
            }
            if let speedUp { fields.append(("speed_up", JSON.number(speedUp))) }
            if let ratio { fields.append((ratio.0, JSON.number(ratio.1))) }
            print(JSON.object(fields))
            return
        }
        let cells = threadList.map { t in pad(values[t]?.text ?? "", 22) }.joined()
        print(pad(label, 14) + pad(scheme, 22) + cells + pad(speedUp.map { String(format: "%.2f", $0) } ?? "", 10)
              + (ratio.map { "\($0.0) \(String(format: "%.2f", $0.1))" } ?? ""))
    }

    /// --steps, or about 4·10⁷ chain·step·dimension units per run (at least 4 steps).
    func stepsPerRun(dimension d: Int) -> Int {
        steps ?? max(4, Int(min(4e7 / (Double(chains) * Double(d)), 1e9).rounded()))
    }

    func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}

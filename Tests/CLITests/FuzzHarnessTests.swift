import Foundation
import XCTest

/// The fuzz and soak harness: generated hostile argument vectors thrown at the built tool — every class of bad input
/// the tool must refuse (limits, malformed and out-of-domain values, repeated options, vacuous selections, unusable
/// output folders, tampered shards, garbage tokens) and random mutations of valid command lines (tokens dropped,
/// duplicated, swapped, replaced by hostile values; options inserted; `--x v` turned into `--x=v`). For every vector:
///
/// * no death by a signal, no internal error (status 70), no hang (60 s);
/// * the exit status is one README.md documents (0, 1, 2, 3, 64, 65, 66, 73, 74);
/// * at most 2 lines on stderr;
/// * with `--json`, stdout is empty or valid JSON (one document, or one per line for `bench`);
/// * nothing is left under the output root: never a staging folder, and nothing at all after a refusal;
/// * a vector of a must-refuse class never exits 0 (a silent pass).
///
/// 320 vectors run in the default `swift test` (about a minute); `LANGEVIN_FUZZ=N` runs N. The generator is seeded
/// (`TEST_SEED=S` replays a run, `VARY_SEED=1` draws a fresh seed); the seed and the counts are printed.
final class FuzzHarnessTests: XCTestCase {
    struct Vector {
        var arguments: [String]
        var environment: [String: String] = [:]
        /// True for the hostile classes: exit status 0 is a silent pass.
        var mustRefuse: Bool
        var label: String
    }

    /// The statuses README.md documents for a run that is not interrupted.
    static let documented: Set<Int32> = [0, 1, 2, 3, 64, 65, 66, 73, 74]
    static let refusalStatuses: Set<Int32> = [3, 64, 65, 66, 73, 74]

    private var root: URL!
    private var fixtures: URL!

    override func setUpWithError() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("langevin-verify-fuzz-\(UUID().uuidString)")
        root = base.appendingPathComponent("output-root")
        fixtures = base.appendingPathComponent("fixtures")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }

    func testFuzz_hostileArgumentVectors() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = max(1, Int(environment["LANGEVIN_FUZZ"] ?? "") ?? 320)
        let seed: UInt64
        if let text = environment["TEST_SEED"], let s = UInt64(text) {
            seed = s
        } else if environment["VARY_SEED"] == "1" {
            seed = UInt64.random(in: 0...UInt64.max)
        } else {
            seed = 0x4655_5A5A_4841_524E   // fixed: "FUZZHARN"
        }
        let replay = "TEST_SEED=\(seed) LANGEVIN_FUZZ=\(count) swift test --filter 'CLITests.FuzzHarnessTests'"
        try makeFixtures()
        var rng = SplitMix64(seed: seed)
        var tried = 0, refusals = 0, ran = 0, crashes = 0, silentPasses = 0, hostile = 0
        var failures: [String] = []
        let start = Date()
        for index in 0..<count {
            // two thirds hostile classes, one third mutations of valid command lines
            let vector = rng.below(3) < 2 ? hostileVector(&rng) : mutatedVector(&rng)
            if vector.mustRefuse { hostile += 1 }
            tried += 1
            var env = ["LANGEVIN_MAX_WORK": "2e8"]
            env.merge(vector.environment) { $1 }
            let run = try ToolRunner.run(vector.arguments, directory: root, environment: env, timeout: 60)
            let shown = "#\(index) [\(vector.label)] \(describe(vector.arguments))"
            var problems: [String] = []
            if run.killedBySignal || run.status == 70 || run.timedOut {
                crashes += 1
                problems.append(run.timedOut ? "hung (stopped after 60 s)"
                                : run.killedBySignal ? "died of signal \(run.status)" : "internal error (70)")
            } else if !Self.documented.contains(run.status) {
                problems.append("undocumented exit status \(run.status)")
            }
            if run.stderrLines.count > 2 { problems.append("\(run.stderrLines.count) lines on stderr") }
            if vector.arguments.contains("--json") && vector.arguments.first != "help"
                && !vector.arguments.contains(where: { $0 == "--help" || $0 == "-h" })
                && !isJSON(run.stdout) {
                problems.append("stdout is not JSON: \(run.stdout.prefix(80))")
            }
            let left = leftovers()
            if left.contains(where: { $0.contains(".partial-") }) { problems.append("staging folder left: \(left)") }
            if Self.refusalStatuses.contains(run.status) && run.status != 3 && !left.isEmpty {
                problems.append("a refused run left \(left)")
            }
            if vector.mustRefuse && run.status == 0 {
                silentPasses += 1
                problems.append("silent pass: exit 0 for a must-refuse vector")
            }
            // disjoint counts: a status-3 run that wrote its folder (every verdict outside its assumptions) ran
            if [0, 1, 2].contains(run.status) || (run.status == 3 && !left.isEmpty) {
                ran += 1
            } else if Self.refusalStatuses.contains(run.status) && run.stderrLines.count == 1 {
                refusals += 1
            }
            if !problems.isEmpty {
                failures.append("\(shown): \(problems.joined(separator: "; ")); stderr: \(run.stderr.prefix(300))")
            }
            clearRoot()
        }
        let seconds = Date().timeIntervalSince(start)
        let summary = "fuzz: \(tried) vectors (\(hostile) from must-refuse classes, \(tried - hostile) mutations of valid "
            + "command lines) in \(String(format: "%.0f", seconds)) s: \(refusals) typed refusals (one line, documented "
            + "status), \(ran) ran to a verdict or result, crashes \(crashes), silent passes \(silentPasses), other "
            + "invariant failures \(failures.count - crashes - silentPasses); seed \(seed)"
        print(summary)
        XCTAssertGreaterThanOrEqual(tried, min(count, 300))
        XCTAssertEqual(crashes, 0, "\(summary); replay: \(replay)")
        XCTAssertEqual(silentPasses, 0, "\(summary); replay: \(replay)")
        XCTAssertTrue(failures.isEmpty, "\(summary)\n" + failures.prefix(20).joined(separator: "\n") + "\nreplay: \(replay)")
    }

    // MARK: fixtures and the output root

    /// Valid shards of `verify --claim C14` (1/2, 2/2), a shard of another seed, tampered copies, a plain file and a
    /// non-empty folder — inputs that vectors read, outside the output root.
    private func makeFixtures() throws {
        for (shard, name, seed) in [("1/2", "s1", "20240527"), ("2/2", "s2", "20240527"), ("2/2", "seed7", "7")] {
            let run = try ToolRunner.run(["verify", "--claim", "C14", "--seed", seed, "--shard", shard, "--json",
                                          "--output", fixture(name)], environment: [:], timeout: 120)
            XCTAssertEqual(run.status, 0, "fixture \(name): \(run.stderr)")
        }
        let csv = try String(contentsOfFile: fixture("s2") + "/results.csv", encoding: .utf8)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        let edits: [(String, String)] = [
            ("cut", lines.prefix(lines.count - 2).joined(separator: "\n") + "\n"),
            ("header", String(lines[0]) + "\n"),
            ("zzz", csv.replacingOccurrences(of: "\n1,", with: "\nzzz,")),
            ("crlf", csv.replacingOccurrences(of: "\n", with: "\r\n")),
            ("mid-row", String(csv.dropLast(5))),
        ]
        for (name, text) in edits {
            try FileManager.default.copyItem(atPath: fixture("s2"), toPath: fixture(name))
            try text.write(toFile: fixture(name) + "/results.csv", atomically: true, encoding: .utf8)
        }
        try FileManager.default.copyItem(atPath: fixture("s2"), toPath: fixture("no-manifest"))
        try FileManager.default.removeItem(atPath: fixture("no-manifest") + "/manifest.json")
        try Data("x".utf8).write(to: URL(fileURLWithPath: fixture("a-file")))
        let mixtures = [
            ("mixture-ok", #"{"weights": [0.4, 0.6], "means": [[1, 0], [-1, 0.5]], "covariances": [[[0.2, 0], [0, 0.3]], [[0.1, 0.02], [0.02, 0.1]]]}"#),
            ("mixture-weights", #"{"weights": [0.4, 0.7], "means": [[1, 0], [-1, 0.5]], "covariances": [[[0.2, 0], [0, 0.3]], [[0.1, 0], [0, 0.1]]]}"#),
            ("mixture-indefinite", #"{"weights": [1], "means": [[1, 0]], "covariances": [[[1, 2], [2, 1]]]}"#),
            ("mixture-garbage", #"{"weights": [1], "means": [[1, 0]], "covariances": "#),
            ("mixture-dims", #"{"weights": [1], "means": [[1, 0, 3]], "covariances": [[[1, 0], [0, 1]]]}"#),
        ]
        for (name, text) in mixtures { try Data(text.utf8).write(to: URL(fileURLWithPath: fixture(name))) }
        try FileManager.default.createDirectory(atPath: fixture("non-empty"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: fixture("non-empty") + "/file"))
    }

    private func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    private func out(_ name: String = "out") -> String { root.appendingPathComponent(name).path }

    private func leftovers() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return (enumerator.allObjects as? [String] ?? []).filter { !$0.contains("/") }.sorted()
    }

    private func clearRoot() {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(entry))
        }
    }

    private func isJSON(_ text: String) -> Bool {
        if text.isEmpty { return true }
        if (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil { return true }
        let lines = text.split(separator: "\n")
        return !lines.isEmpty && lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil }
    }

    private func describe(_ arguments: [String]) -> String {
        arguments.map { $0.count > 40 ? "\"\($0.prefix(20))…\"(\($0.count))" : "\"\($0)\"" }.joined(separator: " ")
    }

    // MARK: hostile classes (every vector must be refused)

    static let hostileValues: [String] = [
        "", " ", ".", "..", "/", "-", "0", "-1", "-0", "1e309", "nan", "NaN", "inf", "-inf", "∞", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "1e-320", "0x1p-3", "1,2", ";", "1;2", "1,,2", "a", "é", "\u{1B}[2J",
        "1\n2", "1\r\n2", "3/2", "0/0", "1/0", "C99", "c1", String(repeating: "7", count: 3000),
        String(repeating: "x,", count: 20_000), "1e10", "100000000", "2.5", "-0.1",
    ]

    private func hostileVector(_ rng: inout SplitMix64) -> Vector {
        let badK = ["9223372036854775807", "100000000000", "10000001", "1e3", "-5", "0", "x", "", "inf2", "4.5"]
        let badCounts = ["9223372036854775807", "100000000000", "1000000001", "1e3", "-5", "0", "x", ""]
        let badMatrices = ["1,2;0,1", "1,2;2,1", "nan", "inf", "", ";", "1,2;3", "1,x;0,1", "0", "-1", "1e309",
                           "1,0;0,1;1,1", String(repeating: "1,", count: 5000) + "1"]
        let badSteps = ["0", "-0.1", "nan", "inf", "1e-320", "1e400", "x", "", "0x"]
        let simulateTail = ["--chains", "10", "--steps", "2"]
        switch rng.below(16) {
        case 0:
            let command = rng.pick(["exact", "simulate"])
            return Vector(arguments: [command, "--scheme", rng.pick(["plmc", "plmc-ulmc"]), "--K", rng.pick(badK), "--eta",
                                      "0.1", "--matrix", "1"] + (command == "simulate" ? simulateTail : []) + ["--json"],
                          mustRefuse: true, label: "K beyond the limit or malformed")
        case 1:
            let option = rng.pick(["--chains", "--steps"])
            let value = rng.pick(option == "--chains" ? badCounts + ["1"] : badCounts)
            let args = ["simulate", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--chains", "10", "--steps", "5"]
            return Vector(arguments: Self.replacing(args, option: option, with: value) + ["--json"], mustRefuse: true,
                          label: "chains or steps beyond the limits")
        case 2:
            return Vector(arguments: ["simulate", "--scheme", rng.pick(["lmc", "rlmc", "ulmc"]), "--eta", "0.1", "--matrix",
                                      "1", "--chains", "100000000", "--steps", "1000", "--json"],
                          mustRefuse: true, label: "work beyond the limit")
        case 3:
            return Vector(arguments: ["simulate", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--chains", "10",
                                      "--steps", "5", "--json"],
                          environment: ["LANGEVIN_MAX_WORK": rng.pick(["", "x", "-1", "0", "nan", "inf"])],
                          mustRefuse: true, label: "bad LANGEVIN_MAX_WORK")
        case 4:
            let value = rng.pick(["0", "-1", "257", "9223372036854775807", "x", ""])
            let line = rng.pick([["simulate", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--chains", "10",
                                  "--steps", "5", "--threads", value, "--json"],
                                 ["verify", "--claim", "C1", "--threads", value, "--json"],
                                 ["bench", "--threads", value, "--no-numpy", "--json"]])
            return Vector(arguments: line, mustRefuse: true, label: "bad threads")
        case 5:
            let option = rng.pick(["--dims", "--kinds", "--chains", "--repeats", "--steps"])
            let value = option == "--kinds" ? rng.pick(["sparse", "", "diag,", ",", "dense;diag"])
                : rng.pick(["100000", "9223372036854775807", "0", "-1", "1,x", "", "1001", "101"])
            let kinds = option == "--dims" && value == "1001" ? ["--kinds", "dense"] : []
            return Vector(arguments: ["bench", option, value, "--no-numpy", "--json"] + kinds,
                          mustRefuse: !(option == "--steps" && value == "101") && !(option == "--chains" && value == "101")
                              && !(option == "--dims" && value == "101"),
                          label: "bad bench sizes")
        case 6:
            let line = rng.pick([["exact", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--json"],
                                 ["simulate", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--chains", "10",
                                  "--steps", "5", "--json"],
                                 ["verify", "--claim", "C1", "--claim", "C4", "--json"],
                                 ["bench", "--no-numpy", "--numpy", "--json"]])
            let options = line.indices.filter { line[$0].hasPrefix("--") }
            let i = rng.pick(options)
            var repeated = line
            if i + 1 < line.count, !line[i + 1].hasPrefix("--") {
                repeated += rng.below(2) == 0 ? [line[i], line[i + 1]] : ["\(line[i])=\(line[i + 1])"]
            } else {
                repeated.append(line[i])
            }
            return Vector(arguments: repeated, mustRefuse: true, label: "repeated option")
        case 7:
            let command = rng.pick(["exact", "simulate"])
            return Vector(arguments: [command, "--scheme", rng.pick(["lmc", "rlmc", "ulmc"]), "--eta", "0.1", "--matrix",
                                      rng.pick(badMatrices)] + (command == "simulate" ? simulateTail : []) + ["--json"],
                          mustRefuse: true, label: "bad matrix")
        case 8:
            let scheme = rng.pick(["lmc", "plmc", "rlmc", "ulmc"])
            var args = ["exact", "--scheme", scheme, "--matrix", "2,0.5;0.5,1", "--json"] + (scheme == "plmc" ? ["--K", "4"] : [])
            switch rng.below(4) {
            case 0: args += ["--eta", rng.pick(badSteps)]
            case 1: args += ["--eta", rng.pick(["1", "3", "100"])]   // outside the stability region (λ_max ≈ 2.2)
                    if scheme == "ulmc" { args[2] = "lmc" }
            case 2: args = ["exact", "--scheme", "ulmc", "--matrix", "1", "--eta", "0.1", "--json",
                            "--gamma", rng.pick(["0", "-1", "nan", "inf", "1e-320", "x", ""])]
            default: args += ["--eta", "0.1", "--mean=" + rng.pick(["1", "1,2,3", "nan,0", "inf,1", ",", "1,x"])]
            }
            return Vector(arguments: args, mustRefuse: true, label: "bad step, friction or mean")
        case 9:
            let args = rng.pick([["verify", "--claim", "C99"], ["verify", "--claim", ""], ["verify", "--case", "bogus"],
                                 ["verify", "--shard", rng.pick(["0/2", "3/2", "x", "1/0", "1/-2", "", "2"])],
                                 ["verify", "--claim", "C1", "--shard", "5/10"],
                                 ["verify", "--claim", "C1", "--case", "mixture-1d-c1.0", "--output", out()]])
            return Vector(arguments: args + ["--json"], mustRefuse: true, label: "bad or vacuous verify selection")
        case 10:
            let output = rng.pick(["", ".", "..", "/", root.path, fixture("a-file"), fixture("non-empty"),
                                   fixture("a-file") + "/below", "/proc/langevin-verify/out"])
            let line = rng.pick([["verify", "--claim", "C1", "--case", "gaussian-1d-a2", "--json", "--output", output],
                                 ["merge", fixture("s1"), fixture("s2"), "--output", output]])
            return Vector(arguments: line, mustRefuse: true, label: "unusable output folder")
        case 11:
            let sets = [[fixture("s1")], [fixture("s1"), fixture("seed7")], [fixture("s1"), fixture("s1")],
                        [fixture("s1"), fixture("cut")], [fixture("s1"), fixture("header")],
                        [fixture("s1"), fixture("zzz")], [fixture("s1"), fixture("crlf")],
                        [fixture("s1"), fixture("mid-row")], [fixture("s1"), fixture("no-manifest")],
                        [fixture("s1"), fixture("a-file")], [fixture("missing")], []]
            return Vector(arguments: ["merge"] + rng.pick(sets) + ["--output", out()], mustRefuse: true,
                          label: "incomplete, foreign or tampered shards")
        case 12:
            let args = rng.pick([["no-such-command"], ["--no-such-option"], ["verify", "--no-such-option"],
                                 ["exact"], ["simulate", "--json"], ["exact", "--scheme"], ["-"], ["--", "list"],
                                 ["exact", "--scheme", "euler", "--eta", "0.1", "--matrix", "1"],
                                 ["exact", "--" + String(repeating: "z", count: 5000)],
                                 ["list", "extra"], ["exact", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--K", "4"],
                                 ["exact", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--gamma", "1"],
                                 ["exact", "--scheme", "plmc", "--eta", "0.1", "--matrix", "1"],
                                 [rng.pick(Self.hostileValues)]])
            return Vector(arguments: args, mustRefuse: true, label: "garbage")
        case 13:
            let extra = rng.pick([["--initial-mean", "1"], ["--steps", "-1"], ["--steps", "3", "--initial-mean", "1,2"],
                                  ["--steps", "3", "--initial-covariance", "1,2;2,1"], ["--distance", "hellinger"],
                                  ["--steps", "0", "--distance", "kl"], ["--steps", "x"],
                                  ["--steps", "9223372036854775808"]])
            return Vector(arguments: ["exact", "--scheme", "lmc", "--eta", "0.1", "--matrix", "1", "--json"] + extra,
                          mustRefuse: true, label: "bad finite-horizon options")
        case 14:
            let line = rng.pick([
                ["diffusion", "exact", "--sampler", rng.pick(["ddpm", "ddim", "plmc", "euler"]), "--steps",
                 rng.pick(["0", "3", "1001", "-1", "x"]), "--schedule", "linear", "--mean", "0.5", "--covariance", "1", "--json"],
                ["diffusion", "exact", "--sampler", "plmc", "--K", rng.pick(["0", "1001", "9223372036854775807", "x"]),
                 "--schedule", "linear", "--mean", "0.5", "--covariance", "1", "--json"],
                ["diffusion", "exact", "--sampler", "ddpm", "--steps", "50", "--schedule", rng.pick(["cosine", "", "LINEAR"]),
                 "--mean", "0.5", "--covariance", "1", "--json"],
                ["diffusion", "exact", "--sampler", "ddim", "--steps", "50", "--schedule", "linear",
                 "--mean", rng.pick(["0.5,1", "nan", "", "1e309"]), "--covariance", rng.pick(["1", "-1", "0", "1,2;2,1", "x"]), "--json"],
                ["diffusion", "sample", "--sampler", rng.pick(["ddim", "heun", "dpm-solver-2"]), "--steps", "10",
                 "--schedule", "linear", "--mixture", fixture(rng.pick(["mixture-weights", "mixture-indefinite", "mixture-garbage",
                                                                       "mixture-dims", "absent.json", "non-empty"])),
                 "--start", "0.1,0.2", "--json"],
                ["diffusion", "sample", "--sampler", "ddim", "--steps", "10", "--schedule", "linear",
                 "--mixture", fixture("mixture-ok"), "--start", rng.pick(["0.1", "0.1,nan", "0.1,0.2;", ";", "x,y", ""]), "--json"],
                ["diffusion", "sample", "--sampler", "ddim", "--steps", "1000", "--schedule", "linear",
                 "--mixture", fixture("mixture-ok"), "--start", Array(repeating: "0.1,0.2", count: 15_000).joined(separator: ";"),
                 "--json"],
            ])
            // the last line is a valid request whose work exceeds the fuzz run's LANGEVIN_MAX_WORK = 2e8
            return Vector(arguments: line, mustRefuse: true, label: "diffusion: bad sampler, schedule, data, starts or work")
        default:
            let (scheme, eta) = rng.pick([("lmc", "1e300"), ("ulmc", "1e-320"), ("rlmc", "1e-320"), ("lmc", "2.5")])
            let matrix = eta == "1e300" ? "1e300" : "1"
            return Vector(arguments: ["exact", "--scheme", scheme, "--eta", eta, "--matrix", matrix, "--json"],
                          mustRefuse: true, label: "extreme scales")
        }
    }

    /// `args` with the value of `option` replaced.
    static func replacing(_ args: [String], option: String, with value: String) -> [String] {
        var out = args
        if let i = out.firstIndex(of: option), i + 1 < out.count { out[i + 1] = value }
        return out
    }

    // MARK: mutations of valid command lines

    private func validLines() -> [(line: [String], protected: Set<Int>)] {
        [
            (["exact", "--scheme", "lmc", "--eta", "0.1", "--matrix", "2,0.5;0.5,1", "--mean=1,-2", "--json"], []),
            (["exact", "--scheme", "plmc", "--K", "inf", "--eta", "0.2", "--matrix", "1", "--json"], []),
            (["exact", "--scheme", "plmc", "--K", "4", "--eta", "0.1", "--matrix", "2,0.3;0.3,1", "--distance", "kl", "--json"], []),
            (["exact", "--scheme", "rlmc", "--eta", "0.1", "--matrix", "1.5", "--steps", "7", "--initial-mean", "2", "--json"], []),
            (["exact", "--scheme", "ulmc", "--eta", "0.2", "--gamma", "1", "--matrix", "1", "--json"], []),
            (["exact", "--scheme", "plmc-ulmc", "--K", "inf", "--eta", "0.1", "--matrix", "2,0.3;0.3,1", "--json"], []),
            (["simulate", "--scheme", "plmc", "--K", "inf", "--eta", "0.1", "--matrix", "2,0.3;0.3,1", "--chains", "200",
              "--steps", "10", "--seed", "3", "--threads", "2", "--json"], []),
            (["simulate", "--scheme", "ulmc", "--eta", "0.1", "--matrix", "1", "--chains", "100", "--steps", "5", "--json"], []),
            (["simulate", "--scheme", "rlmc", "--eta", "0.1", "--matrix", "1", "--mean=5", "--chains", "50", "--steps", "5",
              "--threads", "1", "--json"], []),
            (["list"], []),
            (["verify", "--claim", "C1", "--case", "gaussian-1d-a2", "--output", out(), "--json"], [1, 2, 3, 4]),
            (["verify", "--claim", "C14", "--case", "gaussian-1d-a2", "--json"], [1, 2, 3, 4]),
            (["merge", fixture("s1"), fixture("s2"), "--output", out()], [1, 2]),
            (["bench", "--chains", "100", "--dims", "2", "--kinds", "diag", "--threads", "1", "--steps", "2", "--repeats", "1",
              "--no-numpy", "--json"], [1, 2, 3, 4]),
            (["diffusion", "exact", "--sampler", "plmc", "--K", "20", "--schedule", "linear", "--mean", "0.5,-1",
              "--covariance", "1,0.3;0.3,0.5", "--json"], [0, 1]),
            (["diffusion", "exact", "--sampler", "ddpm", "--steps", "50", "--schedule", "ldm", "--mean", "0.5",
              "--covariance", "0.01", "--json"], [0, 1]),
            (["diffusion", "sample", "--sampler", "dpm-solver++2m", "--steps", "20", "--schedule", "linear",
              "--mixture", fixture("mixture-ok"), "--start", "0.1,0.2;-1,2", "--json"], [0, 1]),
        ]
    }

    static let insertable: [String] = ["--eta", "--K", "--gamma", "--matrix", "--mean", "--chains", "--steps", "--seed",
                                       "--threads", "--json", "--claim", "--case", "--shard", "--output", "--dims", "--kinds",
                                       "--repeats", "--distance", "--initial-mean", "--initial-covariance", "--underdamped",
                                       "--sampler", "--schedule", "--covariance", "--mixture", "--start"]

    private func mutatedVector(_ rng: inout SplitMix64) -> Vector {
        let (line, protected) = rng.pick(validLines())
        var args = line
        var kept = protected   // indices (in the current args) that must not be dropped, moved or replaced
        for _ in 0..<(1 + rng.below(3)) {
            let free = args.indices.filter { $0 > 0 && !kept.contains($0) }
            switch rng.below(7) {
            case 0 where !free.isEmpty:   // drop a token
                let i = rng.pick(free)
                args.remove(at: i)
                kept = Set(kept.map { $0 > i ? $0 - 1 : $0 })
            case 1 where !free.isEmpty:   // duplicate a token
                let i = rng.pick(free)
                args.insert(args[i], at: i)
                kept = Set(kept.map { $0 >= i ? $0 + 1 : $0 })
            case 2 where free.count >= 2: // swap two tokens
                let i = rng.pick(free), j = rng.pick(free)
                args.swapAt(i, j)
            case 3 where !free.isEmpty:   // replace a token by a hostile value
                args[rng.pick(free)] = rng.pick(Self.hostileValues)
            case 4:                       // insert an option with a value
                let i = 1 + rng.below(args.count)
                let option = rng.pick(Self.insertable)
                let value = rng.pick(Self.hostileValues + ["1", "0.1", "C1", "diag", "kl", "1/2", "inf", out("inserted")])
                args.insert(contentsOf: option == "--json" || option == "--underdamped" ? [option] : [option, value], at: i)
                kept = Set(kept.map { $0 >= i ? $0 + (option == "--json" || option == "--underdamped" ? 1 : 2) : $0 })
            case 5:                       // "--x v" → "--x=v"
                if let i = args.indices.first(where: { $0 + 1 < args.count && args[$0].hasPrefix("--")
                                                   && !args[$0 + 1].hasPrefix("--") && !kept.contains($0) && !kept.contains($0 + 1) }) {
                    args[i] = args[i] + "=" + args[i + 1]
                    args.remove(at: i + 1)
                    kept = Set(kept.map { $0 > i ? $0 - 1 : $0 })
                }
            default:                      // another subcommand
                args[0] = rng.pick(["exact", "simulate", "list", "merge", "bench", "verify", "diffusion", "help"])
                if args[0] == "verify" || args[0] == "bench" {   // keep these bounded: a tiny selection
                    args = line
                }
            }
        }
        return Vector(arguments: args, mustRefuse: false, label: "mutation of \(line[0])")
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): the harness's own seeded generator.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

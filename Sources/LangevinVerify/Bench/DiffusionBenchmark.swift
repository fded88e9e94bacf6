import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary
import Verification

/// `langevin-verify bench --diffusion`: samples per second of DDIM with 50 steps on the d = 64, 8-component mixture
/// (`DiffusionDataCase.mixtureD64`, full covariances, exact ε*), ours against the same sampler loop in diffusers + torch
/// (scripts/bench/diffusion-peer.sh: eigenbasis and explicit-inverse scores in torch float64) at equal threads, in one
/// run and from the same starts; plus the score kernel's GFLOP/s against GSL's CBLAS dgemm on the same shapes.
/// Medians of the repeats with their range (the machine may be shared). Nothing is asserted.
enum DiffusionBenchmark {
    struct Spread {
        let median: Double, minimum: Double, maximum: Double

        init(_ values: [Double]) {
            let sorted = values.sorted()
            median = sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                : 0.5 * (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2])
            minimum = sorted.first ?? .nan
            maximum = sorted.last ?? .nan
        }

        var text: String { String(format: "%.4g [%.4g, %.4g]", median, minimum, maximum) }
        var json: String { JSON.object([("median", JSON.number(median)), ("min", JSON.number(minimum)),
                                        ("max", JSON.number(maximum))]) }
    }

    static func run(samples: Int, steps: Int, threads: [Int], repeats: Int, json: Bool, peer: Bool) throws {
        let law = try DiffusionDataCase.mixtureD64.law()
        let d = law.dimension, k = law.componentCount
        let variant = SamplerVariant(.ddim(steps: steps))
        // The starts: x_T ~ N(0, I) from our streams (seed 1), shared with the peer through a file.
        let initial = startsOf(samples: samples, dimension: d, seed: 1)
        let flopsPerRun = 2.0 * Double(d * d) * Double(k) * Double(samples) * Double(steps)
        var ours: [Int: (Spread, Double)] = [:]
        var lines: [String] = []
        for t in threads {
            var seconds: [Double] = []
            var mean = 0.0
            for _ in 0..<(repeats + 1) {   // the first run warms up and is not counted
                let run = try DiffusionSampling.run(variant, schedule: .linear, model: law,
                                                    configuration: DiffusionRunConfiguration(chains: samples, threads: t,
                                                                                             starts: initial))
                seconds.append(run.seconds)
                mean = run.samples.reduce(0, +) / Double(run.samples.count)
            }
            let rate = Spread(seconds.dropFirst().map { Double(samples) / $0 })
            ours[t] = (rate, mean)
            let ns = Spread(seconds.dropFirst().map { $0 * 1e9 / (Double(samples) * Double(steps) * Double(d)) })
            let gflops = Spread(seconds.dropFirst().map { flopsPerRun / $0 / 1e9 })
            lines.append(json ? JSON.object([("implementation", JSON.string("langevin-verify")), ("threads", "\(t)"),
                                             ("samples_per_second", rate.json), ("ns_per_sample_nfe_dimension", ns.json),
                                             ("gflops_whole_loop", gflops.json), ("output_mean", JSON.number(mean))])
                         : "ours, \(t) thread(s): \(rate.text) samples/s; \(ns.text) ns per sample·NFE·dimension; "
                           + "\(gflops.text) GFLOP/s over the whole loop (2d²K per sample and call); output mean \(mean)")
        }
        lines.append(contentsOf: try kernelLines(law: law, rows: samples, repeats: repeats, json: json))
        for line in lines { print(line) }
        guard peer else { return }
        runPeer(law: law, starts: initial, samples: samples, steps: steps, threads: threads, repeats: repeats,
                ours: ours, json: json)
    }

    /// x_T for `samples` chains: each chain's `.initialState` stream, as the engine draws it.
    static func startsOf(samples: Int, dimension d: Int, seed: UInt64) -> [Double] {
        var out = [Double](repeating: 0, count: samples * d)
        out.withUnsafeMutableBufferPointer { buffer in
            for chain in 0..<samples {
                var g = ChainStreams.generator(seed: seed, chain: chain, purpose: .initialState)
                for j in 0..<d { buffer[chain * d + j] = g.nextStandardNormal() }
            }
        }
        return out
    }

    /// The score kernel alone: RowBlockProduct against GSL's dgemm on (rows × d)·(d × d), one thread.
    static func kernelLines(law: GaussianMixtureLaw, rows: Int, repeats: Int, json: Bool) throws -> [String] {
        let d = law.dimension
        var a = [Double](repeating: 0, count: rows * d), b = [Double](repeating: 0, count: d * d)
        for i in 0..<a.count { a[i] = Double((i * 7919) % 1000) / 1000 - 0.5 }
        for i in 0..<b.count { b[i] = Double((i * 104_729) % 1000) / 1000 - 0.5 }
        var c = [Double](repeating: 0, count: rows * d), g = c
        let flops = 2.0 * Double(rows) * Double(d * d)
        let clock = ContinuousClock()
        var ours: [Double] = [], gsl: [Double] = []
        for _ in 0..<(repeats + 1) {
            let start = clock.now
            a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in c.withUnsafeMutableBufferPointer { pc in
                RowBlockProduct.multiply(pa.baseAddress!, rows: rows, by: pb.baseAddress!, size: d, into: pc.baseAddress!)
            } } }
            ours.append(flops / ((clock.now - start) / .seconds(1)) / 1e9)
            let startGSL = clock.now
            try GSLMatrixProduct.multiply(a, rows: rows, inner: d, by: b, columns: d, into: &g)
            gsl.append(flops / ((clock.now - startGSL) / .seconds(1)) / 1e9)
        }
        let gap = zip(c, g).map { abs($0 - $1) }.max() ?? 0
        let o = Spread(Array(ours.dropFirst())), r = Spread(Array(gsl.dropFirst()))
        if json {
            return [JSON.object([("kernel", JSON.string("(\(rows)×\(d))·(\(d)×\(d))")), ("ours_gflops", o.json),
                                 ("gsl_cblas_dgemm_gflops", r.json), ("max_abs_difference", JSON.number(gap))])]
        }
        return ["score kernel (\(rows)×\(d))·(\(d)×\(d)), one thread: ours \(o.text) GFLOP/s, GSL CBLAS dgemm \(r.text) GFLOP/s "
                + "(ratio \(String(format: "%.2f", o.median / r.median)); max |difference| \(gap))"]
    }

    /// The diffusers + torch peer in the same run (scripts/bench/diffusion-peer.sh), from the same starts.
    static func runPeer(law: GaussianMixtureLaw, starts: [Double], samples: Int, steps: Int, threads: [Int], repeats: Int,
                        ours: [Int: (Spread, Double)], json: Bool) {
        let script = "scripts/bench/diffusion-peer.sh"
        guard FileManager.default.fileExists(atPath: script) else {
            print("diffusers peer: skipped (\(script) not found; run from the package root)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("langevin-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(law.json.utf8).write(to: directory.appendingPathComponent("mixture.json"))
            let d = law.dimension
            let rows = (0..<samples).map { i in "[" + (0..<d).map { starts[i * d + $0].description }.joined(separator: ",") + "]" }
            try Data(("[" + rows.joined(separator: ",") + "]").utf8).write(to: directory.appendingPathComponent("starts.json"))
        } catch {
            print("diffusers peer: skipped (cannot write its inputs: \(error))")
            return
        }
        for t in threads {
            let (status, out, err) = RunPaths.capture([script, "--threads", "\(t)", "--steps", "\(steps)", "--repeats",
                                                       "\(repeats)", "--mixture", directory.appendingPathComponent("mixture.json").path,
                                                       "--starts", directory.appendingPathComponent("starts.json").path])
            if status == 3 {
                print("diffusers peer: skipped (\(err.split(separator: "\n").last ?? "not installed"))")
                return
            }
            guard status == 0, let object = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any],
                  let scores = object["scores"] as? [[String: Any]] else {
                print("diffusers peer: failed with status \(status): \(err.split(separator: "\n").last ?? "")")
                return
            }
            for score in scores {
                let name = score["name"] as? String ?? "?"
                let rate = (score["samples_per_second"] as? [String: Any])?["median"] as? Double ?? .nan
                let checksum = (score["checksum"] as? [String: Any])?["mean"] as? Double ?? .nan
                let (mine, mean) = ours[t]!
                if json {
                    print(JSON.object([("implementation", JSON.string("diffusers+torch (\(name) score)")), ("threads", "\(t)"),
                                       ("samples_per_second_median", JSON.number(rate)),
                                       ("ours_over_peer", JSON.number(mine.median / rate)),
                                       ("output_mean_difference", JSON.number(abs(checksum - mean)))]))
                } else {
                    print("diffusers + torch (\(name) score), \(t) thread(s): \(String(format: "%.4g", rate)) samples/s; "
                          + "ours/peer \(String(format: "%.2f", mine.median / rate)); |Δ output mean| \(abs(checksum - mean))")
                }
            }
        }
    }
}


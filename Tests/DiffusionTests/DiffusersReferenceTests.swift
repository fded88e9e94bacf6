import Langevin
import ReferenceLaws
import SchemeVocabulary
import XCTest

/// The samplers against the committed diffusers and NumPy references, pathwise on exact mixture scores
/// (data/reference/diffusion; PN-D02, PN-D03). Exact checks, no statistical level.
final class DiffusersReferenceTests: XCTestCase {
    /// The exact ε* of each reference case against the NumPy table (itself checked against torch autograd to 4.4e-16).
    func testC16_exactNoisePredictionMatchesTheReferenceTable() throws {
        for name in DiffusionReferenceData.caseNames {
            let law = try DiffusionReferenceData.mixture(name)
            let table = DiffusionReferenceData.caseObject(name)["epsilon_table"] as! [[String: Any]]
            for entry in table {
                let alphaBar = entry["alpha_bar"] as! Double
                let x = (entry["x"] as! [[Double]]).flatMap { $0 }
                let expected = (entry["epsilon"] as! [[Double]]).flatMap { $0 }
                var workspace = law.makeWorkspace(maximumRows: 4)
                var out = [Double](repeating: .nan, count: x.count)
                x.withUnsafeBufferPointer { xs in
                    out.withUnsafeMutableBufferPointer { o in
                        law.predict(xs.baseAddress!, rows: x.count / law.dimension, at: law.level(alphaBar: alphaBar),
                                    into: o.baseAddress!, workspace: &workspace)
                    }
                }
                for (a, b) in zip(out, expected) {
                    XCTAssertEqual(a, b, accuracy: 1e-13 * max(1, abs(b)), "\(name) ᾱ = \(alphaBar)")
                }
            }
        }
    }

    /// Grids, evaluation levels and NFE of every reference configuration equal this package's plans.
    func testC16_gridsAndNetworkEvaluationsMatchTheReferences() throws {
        for scheduleName in ["linear", "ldm"] {
            let schedule = DiffusionReferenceData.schedule(scheduleName)
            let reference = DiffusionReferenceData.scheduleAlphaBars(scheduleName)
            for (a, b) in zip(schedule.alphaBars, reference) { XCTAssertEqual(a, b, accuracy: 1e-15 * b) }
            for config in DiffusionReferenceData.configs(scheduleName) {
                let sampler = DiffusionReferenceData.sampler(of: config)
                let plan = try SamplerVariant(sampler).plan(schedule: schedule)
                XCTAssertEqual(plan.networkEvaluations, Double(config["nfe"] as! Int), "\(sampler)")
                XCTAssertEqual(sampler.theory(scheduleLength: 1000).networkEvaluations, Double(config["nfe"] as! Int))
                let expectedLevels = config["eval_alpha_bar"] as! [Double]
                let levels = Self.evaluationLevels(plan)
                XCTAssertEqual(levels.count, expectedLevels.count, "\(sampler)")
                for (a, b) in zip(levels, expectedLevels) {
                    XCTAssertEqual(a, b, accuracy: 1e-13 * b, "\(sampler) on \(scheduleName)")
                }
            }
        }
    }

    /// DDPM (both variances, 1000 and 50 steps, replayed noise), DDIM and Heun within 1e-12 of both references;
    /// DPM-Solver-2 within 1e-12 of NumPy; DPM-Solver++(2M) within 1e-12 of NumPy and 1e-6 of diffusers, whose
    /// multistep update casts the running sample to binary32 (relative 6e-8 per step, data/reference/diffusion/README.md).
    func testC16_samplersReproduceDiffusersAndNumPyPathwise() throws {
        var worst: [String: Double] = [:]
        for scheduleName in ["linear", "ldm"] {
            let schedule = DiffusionReferenceData.schedule(scheduleName)
            for config in DiffusionReferenceData.configs(scheduleName) {
                let sampler = DiffusionReferenceData.sampler(of: config)
                let results = config["results"] as! [String: Any]
                for name in DiffusionReferenceData.caseNames {
                    let law = try DiffusionReferenceData.mixture(name)
                    var run = DiffusionRunConfiguration(chains: 4, starts: DiffusionReferenceData.starts(name))
                    if case .ddpm(_, let n) = sampler {
                        run.replayedNoise = DiffusionReferenceData.noise(name, key: "noise_ddpm_\(n)")
                    }
                    let out = try DiffusionSampling.run(SamplerVariant(sampler), schedule: schedule, model: law,
                                                        configuration: run)
                    let result = results[name] as! [String: Any]
                    let numpy = (result["x0_numpy"] as! [[Double]]).flatMap { $0 }
                    let numpyGap = zip(out.samples, numpy).map { abs($0 - $1) }.max()!
                    XCTAssertLessThanOrEqual(numpyGap, 1e-12, "\(sampler) on \(name), \(scheduleName) vs NumPy")
                    worst["\(sampler) vs NumPy", default: 0] = max(worst["\(sampler) vs NumPy", default: 0], numpyGap)
                    if let diffusers = result["x0_diffusers"] as? [[Double]] {
                        let gap = zip(out.samples, diffusers.flatMap { $0 }).map { abs($0 - $1) }.max()!
                        let tolerance = sampler.isMultistep ? 1e-6 : 1e-12
                        XCTAssertLessThanOrEqual(gap, tolerance, "\(sampler) on \(name), \(scheduleName) vs diffusers")
                        worst["\(sampler) vs diffusers", default: 0] = max(worst["\(sampler) vs diffusers", default: 0], gap)
                    }
                    XCTAssertEqual(out.meanNetworkEvaluations, Double(config["nfe"] as! Int))
                }
            }
        }
        for (key, value) in worst.sorted(by: { $0.key < $1.key }) { print("max |Δ| \(key): \(value)") }
    }

    /// The ᾱ of every network call of a plan, in order (as the references log them).
    static func evaluationLevels(_ plan: SamplerPlan) -> [Double] {
        switch plan {
        case .ancestral(let steps, _): return steps.map(\.alphaBar)
        case let .dpmSolver2(steps, final, _): return steps.flatMap { [$0.alphaBarStart, $0.alphaBarMidpoint] } + [final.alphaBar]
        case .dpmSolverPP2M(let steps, _): return steps.map(\.alphaBar)
        case .heun(let sigmas, _):
            var levels: [Double] = []
            for i in 0..<(sigmas.count - 1) {
                levels.append(1 / (1 + sigmas[i] * sigmas[i]))
                if sigmas[i + 1] != 0 { levels.append(1 / (1 + sigmas[i + 1] * sigmas[i + 1])) }
            }
            return levels
        case .plmc: return []
        }
    }
}

extension DiffusionSampler {
    var isMultistep: Bool { if case .dpmSolverPP2M = self { return true } else { return false } }
}

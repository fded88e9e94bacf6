import Foundation
import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary
import XCTest

/// The exact output laws (`DiffusionOutputLaw`, PN-D04) against the independent NumPy derivation committed in
/// data/reference/diffusion/exact_output_laws.json (scripts/reference/diffusion/exact_output_laws.py: every sampler as
/// an explicit dense affine functional of its start and all its noise, PLMC by a nested flag-moment recursion; none of
/// this package's code). Exact check, no statistical level: every configuration (DDPM β̃/β at N = 10 … 1000, DDIM,
/// DPM-Solver-2, DPM-Solver++(2M), Heun, PLMC with K = 1 … 40 including the uneven last blocks of K = 3 and 7, and
/// the four PLMC/DDPM mutants) on four single-Gaussian data laws (d = 1, 2, 3; wide and sharp) and both schedules.
final class DiffusionExactLawReferenceTests: XCTestCase {
    /// Entrywise |ours − reference| ≤ tolerance · max(1, max |reference entry|): both sides are float64 recursions of
    /// up to 1000 steps; the largest difference observed is 1.1e-14 (504 configurations), so 1e-11 is a thousandfold
    /// margin for rounding, while the smallest effect of a mutant in the reference (midpoints at the block's start,
    /// sharp 1-D data) is 6.8e-4 — seven orders of magnitude above it.
    static let tolerance = 1e-11

    func testC16_exactOutputLawsMatchTheIndependentNumPyReference() throws {
        let root = try DiffusionReferenceData.json("exact_output_laws.json")
        let cases = try XCTUnwrap(root["cases"] as? [String: [String: Any]])
        let configs = try XCTUnwrap(root["configs"] as? [[String: Any]])
        let results = try XCTUnwrap(root["results"] as? [String: [String: [String: [String: Any]]]])
        var compared = 0, worst = 0.0, worstWhere = ""
        for (scheduleName, schedule) in [("linear", NoiseSchedule.linear), ("ldm", NoiseSchedule.ldm)] {
            for (caseName, dataCase) in cases.sorted(by: { $0.key < $1.key }) {
                let mean = try XCTUnwrap(dataCase["mean"] as? [Double])
                let covariance = try Matrix(try XCTUnwrap(dataCase["covariance"] as? [[Double]]))
                for config in configs {
                    let name = try XCTUnwrap(config["name"] as? String)
                    guard let expected = results[scheduleName]?[caseName]?[name] else {
                        XCTFail("no reference result for \(scheduleName)/\(caseName)/\(name)")
                        continue
                    }
                    let variant = try Self.variant(config)
                    let ours = try DiffusionOutputLaw.moments(of: variant, schedule: schedule, dataMean: mean,
                                                              dataCovariance: covariance)
                    let refMean = try XCTUnwrap(expected["mean"] as? [Double])
                    let refCovariance = try XCTUnwrap(expected["covariance"] as? [[Double]]).flatMap { $0 }
                    let refNFE = try XCTUnwrap(expected["nfe"] as? Double)
                    let scale = max(1, (refMean + refCovariance).map(abs).max() ?? 0)
                    let where_ = "\(scheduleName)/\(caseName)/\(name) (\(variant))"
                    XCTAssertEqual(ours.mean.count, refMean.count, where_)
                    for (a, b) in zip(ours.mean + ours.covariance.storage, refMean + refCovariance) {
                        let error = abs(a - b) / scale
                        if error > worst { (worst, worstWhere) = (error, where_) }
                        XCTAssertLessThanOrEqual(error, Self.tolerance, "\(where_): \(a) against \(b)")
                    }
                    XCTAssertEqual(ours.networkEvaluations, refNFE, accuracy: 1e-9 * refNFE, where_)
                    compared += 1
                }
            }
        }
        print("exact output laws against the NumPy reference: \(compared) configurations, largest scaled difference "
              + "\(worst) (\(worstWhere))")
        XCTAssertEqual(compared, 2 * cases.count * configs.count)
    }

    /// The sampler a configuration of the reference names (its sampler, steps or K, variance and mutant).
    static func variant(_ config: [String: Any]) throws -> SamplerVariant {
        let name = config["name"] as? String ?? ""
        let variance: DDPMVariance = (config["variance"] as? String) == "large" ? .forward : .posterior
        let steps = config["steps"] as? Int ?? 0
        let sampler: DiffusionSampler
        switch config["sampler"] as? String {
        case "ddpm", "ddpm-large": sampler = .ddpm(variance, steps: steps)
        case "ddim": sampler = .ddim(steps: steps)
        case "dpm-solver-2": sampler = .dpmSolver2(steps: steps)
        case "dpm-solver++2m": sampler = .dpmSolverPP2M(steps: steps)
        case "heun": sampler = .heun(steps: steps)
        case "plmc", "plmc-large": sampler = .plmc(variance, blockSize: config["K"] as? Int ?? 0)
        default: throw ReferenceDataError.malformed("sampler of \(name)")
        }
        let mutation: SchemeMutation?
        if name.hasSuffix("mutant_midpoints_at_block_start") { mutation = .midpointAtBlockStartTime }
        else if name.hasSuffix("mutant_independent_cheap_path_noise") { mutation = .independentCheapPathNoise }
        else if name.hasSuffix("mutant_noise_times_sqrt2") { mutation = .noiseVarianceDoubled }
        else if name.hasSuffix("mutant_score_sign_flipped") { mutation = .scoreSignFlipped }
        else if name.contains("mutant") { throw ReferenceDataError.malformed("mutant of \(name)") }
        else { mutation = nil }
        return try SamplerVariant(sampler, mutation: mutation)
    }
}

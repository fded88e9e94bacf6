import Foundation
import DenseLinearAlgebra
import Langevin
import ReferenceLaws
import SchemeVocabulary
import XCTest

/// The exact output laws on Gaussian data (`DiffusionOutputLaw`, PN-D04) against routes that share none of its
/// arithmetic: the K = 1 reduction (PLMC's block recursion against the scalar affine forms of DDPM), and the engine's
/// deterministic samplers read as affine maps of their starts. Exact checks, no statistical level.
final class DiffusionExactLawTests: XCTestCase {
    static let mean = [0.3, -0.5]
    static let covariance = try! Matrix([[1.0, 0.3], [0.3, 0.5]])

    /// PLMC with blocks of one fine step is the T-step DDPM chain: its law from the block recursion (flags, d × d second
    /// moments) equals DDPM-1000's from the per-coordinate affine forms, for both variances and schedules (PN-D04).
    func testC16_plmcWithOneFineStepPerBlockIsTheFineChainInLaw() throws {
        for schedule in [NoiseSchedule.linear, .ldm] {
            for variance in DDPMVariance.allCases {
                let plmc = try DiffusionOutputLaw.moments(of: SamplerVariant(.plmc(variance, blockSize: 1)), schedule: schedule,
                                                          dataMean: Self.mean, dataCovariance: Self.covariance)
                let ddpm = try DiffusionOutputLaw.moments(of: SamplerVariant(.ddpm(variance, steps: 1000)), schedule: schedule,
                                                          dataMean: Self.mean, dataCovariance: Self.covariance)
                XCTAssertTrue(plmc.isGaussian)
                for (a, b) in zip(plmc.mean, ddpm.mean) { XCTAssertEqual(a, b, accuracy: 1e-12) }
                for (a, b) in zip(plmc.covariance.storage, ddpm.covariance.storage) { XCTAssertEqual(a, b, accuracy: 1e-12) }
                XCTAssertEqual(plmc.networkEvaluations, 1000)
            }
        }
    }

    /// A deterministic sampler is an affine map x_T ↦ M x_T + c; the engine run from the starts 0 and e₁ … e_d recovers
    /// (M, c), and its law under x_T ~ N(0, I) is N(c, M Mᵀ). That must equal the exact law (PN-D02, PN-D03).
    func testC16_deterministicSamplerLawsMatchTheirAffineMaps() throws {
        let law = try GaussianMixtureLaw(mean: Self.mean, covariance: Self.covariance)
        for schedule in [NoiseSchedule.linear, .ldm] {
            for sampler in [DiffusionSampler.ddim(steps: 20), .ddim(steps: 50), .dpmSolver2(steps: 10),
                            .dpmSolverPP2M(steps: 10), .dpmSolverPP2M(steps: 25), .heun(steps: 10), .heun(steps: 18)] {
                let d = 2
                let starts = [0.0, 0, 1, 0, 0, 1]
                let run = try DiffusionSampling.run(SamplerVariant(sampler), schedule: schedule, model: law,
                                                    configuration: DiffusionRunConfiguration(chains: 3, starts: starts))
                let c = run.sample(0)
                var m = Matrix(rows: d, cols: d)
                for j in 0..<d { for i in 0..<d { m[i, j] = run.sample(j + 1)[i] - c[i] } }
                let covariance = m * m.transposed
                let exact = try DiffusionOutputLaw.moments(of: SamplerVariant(sampler), schedule: schedule,
                                                           dataMean: Self.mean, dataCovariance: Self.covariance)
                XCTAssertTrue(exact.isGaussian)
                for (a, b) in zip(exact.mean, c) { XCTAssertEqual(a, b, accuracy: 1e-11, "\(sampler) mean") }
                for (a, b) in zip(exact.covariance.storage, covariance.storage) {
                    XCTAssertEqual(a, b, accuracy: 1e-10, "\(sampler) covariance on \(schedule)")
                }
                XCTAssertEqual(exact.networkEvaluations, run.meanNetworkEvaluations)
            }
        }
    }

    /// Non-SPD covariances, bad weights and mismatched dimensions are typed errors (`DiffusionError.invalidData`).
    func testC16_badDataIsATypedError() throws {
        func rejects(_ body: () throws -> Void, _ what: String) {
            XCTAssertThrowsError(try body(), what) { error in
                guard case DiffusionError.invalidData = error else { return XCTFail("\(what): \(error)") }
            }
        }
        rejects({ _ = try GaussianMixtureLaw(mean: [0, 0], covariance: try Matrix([[1, 2], [2, 1]])) }, "indefinite")
        rejects({ _ = try GaussianMixtureLaw(mean: [0, 0], covariance: try Matrix([[1, 0.5], [0.4, 1]])) }, "asymmetric")
        rejects({ _ = try GaussianMixtureLaw(mean: [0], covariance: try Matrix([[Double.nan]])) }, "NaN")
        rejects({ _ = try GaussianMixtureLaw(mean: [0, 0], covariance: try Matrix([[1]])) }, "dimension")
        rejects({ _ = try GaussianMixtureLaw(weights: [0.5, 0.6], means: [[0], [1]], covariances: [.identity(1), .identity(1)]) },
                "weights sum 1.1")
        rejects({ _ = try GaussianMixtureLaw(weights: [-0.5, 1.5], means: [[0], [1]], covariances: [.identity(1), .identity(1)]) },
                "negative weight")
        rejects({ _ = try GaussianMixtureLaw(weights: [], means: [], covariances: []) }, "empty")
        rejects({ _ = try DiffusionOutputLaw.moments(of: SamplerVariant(.ddim(steps: 10)), schedule: .linear,
                                                     dataMean: [0, 0, 0], dataCovariance: .identity(2)) }, "mean dimension")
        XCTAssertThrowsError(try SamplerVariant(.ddim(steps: 10), mutation: .midpointAtBlockStartTime))
        XCTAssertThrowsError(try SamplerVariant(.ddim(steps: 30)).plan(schedule: .linear))
    }
}

/// The built-in data cases build, validate and are reproducible (the random ones from their fixed seeds).
final class DiffusionDataCaseTests: XCTestCase {
    func testC15_builtInDataCasesAreValidAndReproducible() throws {
        for dataCase in DiffusionDataCase.allCases {
            let law = try dataCase.law()
            XCTAssertEqual(law.weights.reduce(0, +), 1, accuracy: 1e-12, "\(dataCase)")
            let again = try dataCase.law()
            XCTAssertEqual(law.means, again.means, "\(dataCase)")
            XCTAssertEqual(law.covariances, again.covariances, "\(dataCase)")
            let json = try GaussianMixtureLaw(json: Data(law.json.utf8))
            XCTAssertEqual(json.weights, law.weights, "\(dataCase) JSON round trip")
            XCTAssertEqual(json.covariances, law.covariances, "\(dataCase) JSON round trip")
        }
        XCTAssertEqual(try DiffusionDataCase.mixtureD64.law().dimension, 64)
        XCTAssertEqual(try DiffusionDataCase.mixtureD16.law().componentCount, 8)
        let ring = try DiffusionDataCase.ring8.law()
        for mean in ring.means { XCTAssertEqual((mean[0] * mean[0] + mean[1] * mean[1]).squareRoot(), 2, accuracy: 1e-12) }
        XCTAssertEqual(ring.eigenvalues[1], [0.005, 0.02].map { $0 }, "odd modes: 0.005 across, 0.02 along the circle")
    }
}

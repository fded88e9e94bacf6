import DenseLinearAlgebra
import Foundation
import Langevin
import Randomness
import ReferenceLaws
import SchemeVocabulary
import Verification
import VerificationTestSupport
import XCTest

/// The engine-agreement check E1 of the main job (PN-V10): every engine scheme against ChainLaw's exact laws on the
/// built-in Gaussian cases, and the engine mutants rejected by the same checks with a designed power. Every verdict is
/// tied to its ledger entry (EngineAgreementEntries.swift); a failure prints the verdict, its level, the seed and the
/// replay command (`TestContext`). Quick tier by default (`LANGEVIN_TIER=full`: more chains, the same checks).
final class E1EngineAgreementTests: XCTestCase {
    /// E1 on its default cases at the test's seed: every subject (scheme × horizon) holds at α = 3e-12 per check,
    /// every engine mutant is rejected with a designed β = 1e-10 (design ratio > 1 on its best check), the stationary
    /// horizons reach the stationary law to 1e-9 of its scale, and the levels spent fit the ledger entries.
    /// Claim E1 (PN-V10).
    func testE01_engineAgreesWithTheExactLawsAndRejectsEngineMutants() throws {
        let context = try TestContext(self)
        let claim = try ExactClaimTesting.claim(.e1)
        let clock = ContinuousClock()
        let start = clock.now
        let verdicts = claim.runDefaultCases(MonteCarloTesting.options(context))
        MonteCarloTesting.report("E1", verdicts, seconds: (clock.now - start) / .seconds(1))
        var spent: [LedgerID: Double] = [:]
        MonteCarloTesting.assertVerdicts(verdicts, context: context, spent: &spent)
        let subjects = verdicts.filter { !$0.role.isMutant }, mutants = verdicts.filter { $0.role.isMutant }
        XCTAssertEqual(mutants.count, MonteCarloLevels.e1Mutants)
        XCTAssertEqual(subjects.reduce(0) { $0 + ($1.number("checks") ?? 0) }, Double(MonteCarloLevels.e1AgreementChecks))
        // the whole budget of the entries is what one run spends (both tiers run the same checks)
        XCTAssertEqual(spent[.e1Agreement] ?? 0, StatisticalBudget.level(of: LedgerID.e1Agreement.rawValue),
                       accuracy: 1e-9 * StatisticalBudget.level(of: LedgerID.e1Agreement.rawValue))
        XCTAssertEqual(spent[.e1Mutants] ?? 0, StatisticalBudget.level(of: LedgerID.e1Mutants.rawValue),
                       accuracy: 1e-9 * StatisticalBudget.level(of: LedgerID.e1Mutants.rawValue))
        for v in subjects {
            XCTAssertEqual(v.ledger, .e1Agreement, "\(v)")
            XCTAssertNotNil(v.scheme, "\(v)")
            if v.subject.contains("stationary") {
                XCTAssertLessThanOrEqual(v.number("stationarity gap / scale") ?? .infinity, 1e-9, "\(v)")
            }
        }
        var schemes = Set<String>()
        for v in subjects { if let s = v.scheme?.scheme.description { schemes.insert(s) } }
        for s in ["LMC", "PLMC(K=4)", "PLMC(K=16)", "PLMC(K=∞)", "RLMC", "ULMC(γ=1.5)", "PLMC-ULMC(γ=1.5, K=6)",
                  "PLMC-ULMC(γ=1.5, K=∞)", "RLMC-ULMC(γ=1.5)"] {
            XCTAssertTrue(schemes.contains(s), "E1 does not run \(s)")
        }
        for v in mutants {
            XCTAssertEqual(v.ledger, .e1Mutants, "\(v)")
            XCTAssertGreaterThan(v.number("design ratio") ?? 0, 1, "\(v)")
        }
        let mutations = Set(mutants.compactMap { $0.scheme?.mutation?.description })
        for m in [SchemeMutation.independentMidpointNoise, .independentEndpointNoise, .offByOneMidpointIndex, .halvedPoissonRate,
                  .droppedCorrection, .noiseSqrtEta] {
            XCTAssertTrue(mutations.contains(m.description), "E1 runs no engine mutant with \(m)")
        }
    }

    /// The E1 statement and expected relation are generated from the design data; the claim needs a Gaussian target
    /// and is registered last. Claim E1 (PN-V10).
    func testE01_registrationAndStatementComeFromTheDesign() throws {
        XCTAssertEqual(ClaimRegistry.all.last?.id, .e1)
        let claim = try ExactClaimTesting.claim(.e1)
        XCTAssertEqual(claim.requiredAssumptions, [.gaussianTarget])
        XCTAssertEqual(claim.kind, .monteCarlo)
        XCTAssertEqual(claim.proofsNote, "PN-V10")
        for name in ["LMC", "PLMC(K=4)", "PLMC(K=16)", "PLMC(K=∞)", "RLMC", "ULMC(γ=1.5)", "PLMC-ULMC(γ=1.5, K=6)",
                     "PLMC-ULMC(γ=1.5, K=∞)", "RLMC-ULMC(γ=1.5)", "off-by-one midpoint index", "midpoint count Poisson(1/2)"] {
            XCTAssertTrue(claim.statement.contains(name), "statement lacks \(name): \(claim.statement)")
        }
        XCTAssertTrue(claim.expectedRelation.contains("\(MonteCarloLevels.e1AgreementPerCheck)"))
        let cases = try claim.defaultCases(ClaimRunOptions())
        XCTAssertEqual(cases.map(\.name), ["gaussian-d3-dense", "gaussian-1d-far-start"])
        let mixture = try ClaimCase(GaussianMixtureCase(dimension: 1, separation: 1))
        XCTAssertEqual(claim.run(ClaimRunOptions(), on: mixture).first?.outcome.label, "outside assumptions")
    }

    /// Catoni's bound as `CatoniMean` implements it (PN-V10): the deviation at the tuned (v, α) is the half-width, it
    /// grows with the variance bound and shrinks with the level; the estimate of a symmetric sample is its centre and
    /// lies within the sample's range; small samples and bad levels are refused. Deterministic.
    func testPN_V10_catoniBoundsAndEstimator() throws {
        for (n, v, alpha) in [(20_000, 1.3, 3e-12), (500, 0.2, 1e-9), (100_000, 7.0, 1e-3)] {
            let half = CatoniMean.halfWidth(n: n, varianceBound: v, alpha: alpha)
            let l = log(2 / alpha)
            XCTAssertEqual(half, (2 * v * l / (Double(n) - 2 * l)).squareRoot(), accuracy: 1e-15 * half)
            XCTAssertEqual(CatoniMean.deviation(n: n, tunedVariance: v, tunedAlpha: alpha, varianceBound: v, level: alpha),
                           half, accuracy: 1e-9 * half)
            let wider = CatoniMean.deviation(n: n, tunedVariance: v, tunedAlpha: alpha, varianceBound: 2 * v, level: alpha)
            let looser = CatoniMean.deviation(n: n, tunedVariance: v, tunedAlpha: alpha, varianceBound: v, level: alpha * 100)
            XCTAssertGreaterThan(wider, half)
            XCTAssertLessThan(looser, half)
        }
        XCTAssertEqual(CatoniMean.deviation(n: 100, tunedVariance: 1, tunedAlpha: 1e-6, varianceBound: 1e6, level: 1e-6),
                       .infinity)
        let symmetric = (0..<1001).map { Double($0 - 500) / 100 + 3 }
        let estimate = try CatoniMean(symmetric, varianceBound: 9, alpha: 1e-6)
        XCTAssertEqual(estimate.estimate, 3, accuracy: 1e-12)
        let skewed = (0..<5000).map { pow(Double($0) / 5000, 4) * 10 }
        let e = try CatoniMean(skewed, varianceBound: 10, alpha: 1e-9)
        XCTAssertTrue(e.estimate >= skewed.min()! && e.estimate <= skewed.max()!)
        XCTAssertThrowsError(try CatoniMean([1, 2, 3], varianceBound: 1, alpha: 1e-9))
        XCTAssertThrowsError(try CatoniMean(symmetric, varianceBound: 0, alpha: 1e-9))
        XCTAssertThrowsError(try CatoniMean(symmetric, varianceBound: 1, alpha: .nan))
        XCTAssertThrowsError(try CatoniMean(symmetric + [.nan], varianceBound: 1, alpha: 1e-3))
    }

    /// The engine's sample of final states is the same for every thread count and agrees with the moments of
    /// `Simulation.run` on the same streams (PN-S07). Deterministic.
    func testE01_finalStateSampleIsThreadIndependentAndMatchesTheEngineRun() throws {
        let drift = try LinearBatchDrift(matrix: ClaimE01Cases.dense, mean: [1, -2, 0.5])
        for variant in [SchemeVariant(.plmc(.infinite)), SchemeVariant(.plmcULMC(friction: 1.5, .finite(6))),
                        try SchemeVariant(.plmc(.finite(4)), mutation: .offByOneMidpointIndex)] {
            let eta = variant.scheme.isUnderdamped ? 0.3 : 0.2
            var configuration = EnsembleConfiguration(chains: 1_000, steps: 7, seed: 11, threads: 1, blockSize: 64)
            let one = try Simulation.finalStates(variant, stepSize: eta, drift: drift, configuration: configuration)
            configuration.threads = 2
            let two = try Simulation.finalStates(variant, stepSize: eta, drift: drift, configuration: configuration)
            XCTAssertEqual(one.values, two.values, "\(variant)")
            XCTAssertEqual(one.chains, 1_000)
            let run = try Simulation.run(variant, stepSize: eta, drift: drift, configuration: configuration)
            for j in 0..<one.stateDimension {
                let mean = (0..<one.chains).reduce(0.0) { $0 + one.values[$1 * one.stateDimension + j] } / Double(one.chains)
                XCTAssertEqual(mean, run.mean[j], accuracy: 1e-12 * max(1, abs(mean)), "\(variant) coordinate \(j)")
            }
        }
    }
}

/// The dense d = 3 matrix of E1's first case (a copy of the claim's construction: the same stream).
enum ClaimE01Cases {
    static let dense: Matrix = {
        var g = Xoshiro256StarStar(seed: stableSeed(for: "ChainLawAgreementTests.randomCase"))
        var b = Matrix(rows: 3, cols: 3)
        for k in 0..<9 { b.storage[k] = g.nextStandardNormal() }
        return ((1.0 / 3.0) * (b * b.transposed) + 0.5 * Matrix.identity(3)).symmetrized
    }()
}

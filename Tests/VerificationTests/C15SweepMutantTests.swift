import DenseLinearAlgebra
import Foundation
import ReferenceLaws
import SchemeVocabulary
@testable import Verification
import VerificationTestSupport
import XCTest

/// C15's Monte Carlo decision on mixtures (PN-D07) against the PLMC sampler mutants of PN-D04, and the mixture score
/// error's size (PN-D07, docs/theory.md §8.11).
final class C15SweepMutantTests: XCTestCase {
    /// The sweep's settings for one PLMC configuration (K = 25, E[NFE] = 78.4) on two-mode-1d, linear schedule, paired
    /// with DDPM-1000 (σ² = β̃) on the same starts and fine noise.
    static func settings(seed: UInt64, alpha: Double, mutation: SchemeMutation?) -> SweepSettings {
        var s = SweepSettings()
        s.data = [.builtin(.twoMode1D)]
        s.schedules = [.linear]
        s.families = [.plmc]
        s.budgets = [80]
        s.plmcLadder = false
        s.samples = 20_000
        s.seed = seed
        s.alpha = alpha
        s.mutation = mutation
        return s
    }

    static func nfeDecisions(_ settings: SweepSettings) throws -> [DiffusionSweepReport.Decision] {
        let runner = DiffusionSweep.Runner(settings: settings)
        let rows = try DiffusionSweep.units(settings).flatMap { try runner.rows($0) }
        return DiffusionSweepReport.decisions(rows).filter { $0.question.hasPrefix("NFE*") }
    }

    /// The score-sign and σ_t × √2 PLMC mutants move the Monte Carlo verdict: at least one paired metric against DDPM-1000
    /// puts the mutant outside its margin at NFE 78.4 (the interval wholly above the margin), where correct PLMC is not outside on any
    /// metric. Both are interval statements at the ledger's level: a correct PLMC outside, or a mutant not outside while
    /// its effect exceeds the margin by more than the interval's width, has probability ≤ that level.
    func testC15_plmcMutantsMoveTheMonteCarloVerdictOnMixtures() throws {
        let context = try TestContext(self)
        let correctID = "C15.mc.sweep-correct-plmc", mutantID = "C15.mutant.sweep-plmc"
        let correct = try Self.nfeDecisions(Self.settings(seed: context.seed,
                                                          alpha: StatisticalBudget.level(of: correctID, splitAcross: 4),
                                                          mutation: nil))
        XCTAssertEqual(correct.count, 4, "\(correct)")
        for d in correct {
            print("C15 sweep, correct PLMC: \(d)")
            XCTAssertFalse(d.detail.contains("outside"), "correct PLMC outside the margin: \(d) [\(context)]")
        }
        // Designed to be rejected: their effects (max |Δ mode weight| ≈ 0.3 and 0.05, ΔFD ≈ 12 for the sign flip) exceed
        // the margins by more than the intervals' widths. The two small mutants (midpoint time, independent cheap-path
        // noise) change the output law by less than these absolute margins resolve on this case: their rows are printed
        // (the exact route rejects them, PN-D07), not asserted.
        let rejected: [SchemeMutation] = [.scoreSignFlipped, .noiseVarianceDoubled]
        for mutation in SweepSettings.mutations.map(\.mutation) {
            let decisions = try Self.nfeDecisions(Self.settings(
                seed: context.seed, alpha: StatisticalBudget.level(of: mutantID, splitAcross: rejected.count), mutation: mutation))
            for d in decisions { print("C15 sweep, mutant \(mutation): \(d)") }
            guard rejected.contains(mutation) else { continue }
            XCTAssertTrue(decisions.contains { $0.outcome == "fails" && $0.detail.contains("outside at NFE 78.4") },
                          "mutant \(mutation) not rejected by any paired metric: \(decisions) [\(context)]")
        }
    }

    /// The default sweep's uniform PLMC configurations cover every K of the claim's ladder whose E[NFE] lies within the
    /// budgets' range (10 … 1000), on both schedules and both variances, so its NFE* is resolved like the claim's.
    func testC15_sweepLadderMatchesTheClaimLadder() throws {
        let settings = SweepSettings()
        let units = DiffusionSweep.units(settings)
        for schedule in settings.schedules {
            let t = schedule.count
            let expected = C15ExactComparison.ladder(scheduleLength: t).filter { k in
                let nfe = DiffusionSampler.plmc(.posterior, blockSize: k).theory(scheduleLength: t).networkEvaluations
                return nfe >= 10 && nfe <= 1000
            }
            XCTAssertTrue(expected.contains(25) && expected.contains(32) && expected.contains(1))
            for family in [SweepFamily.plmc, .plmcLarge] {
                let mine = units.filter { $0.family == family && $0.schedule == schedule && $0.data == .builtin(.ring8) }
                let ks = Set(mine.map { u in u.blockSize ?? C15ExactComparison.plmcBlockSize(budget: u.budget, scheduleLength: t) })
                XCTAssertTrue(Set(expected).isSubset(of: ks), "\(family), \(schedule): missing \(Set(expected).subtracting(ks).sorted())")
            }
        }
        var off = settings
        off.plmcLadder = false
        XCTAssertFalse(DiffusionSweep.units(off).contains { $0.blockSize != nil })
    }

    /// ρ(ᾱ)² = E_{p_ᾱ}‖ε*‖² of the perturbed mixture model: equal to (1 − ᾱ) tr C⁻¹ for one Gaussian (exact), and on
    /// two-mode-1d within 10⁻³ (relative) of an independent trapezoid rule over x with the closed-form score; the
    /// perturbation's realised relative L² size is then r to the same accuracy.
    func testC15_mixtureScoreErrorHasItsRelativeSize() throws {
        let gaussian = try GaussianMixtureLaw(mean: [0.3, -0.5], covariance: try Matrix([[1, 0.3], [0.3, 0.5]]))
        let model = try PerturbedMixturePredictor(law: gaussian, perturbation: ScorePerturbation(relativeSize: 0.03))
        for alphaBar in [0.9999, 0.9, 0.5, 0.01] {
            var c = gaussian.covariances[0]
            for i in 0..<2 { for j in 0..<2 { c[i, j] *= alphaBar } }
            for i in 0..<2 { c[i, i] += 1 - alphaBar }
            let det = c[0, 0] * c[1, 1] - c[0, 1] * c[1, 0]
            let traceInverse = (c[0, 0] + c[1, 1]) / det
            XCTAssertEqual(model.rootMeanSquare(alphaBar: alphaBar), ((1 - alphaBar) * traceInverse).squareRoot(),
                           accuracy: 1e-12, "ᾱ = \(alphaBar)")
        }
        let law = try DiffusionDataCase.twoMode1D.law()
        for r in [0.01, 0.1] {
            let perturbed = try PerturbedMixturePredictor(law: law, perturbation: ScorePerturbation(relativeSize: r))
            for alphaBar in [0.9999, 0.99, 0.9, 0.5, 0.01] {
                // p_ᾱ = Σ wₖ N(√ᾱ μₖ, vₖ), vₖ = ᾱσₖ² + 1 − ᾱ; ε* = √(1 − ᾱ) Σ rₖ (x − √ᾱ μₖ)/vₖ.
                let w = law.weights, mu = law.means.map { $0[0] * alphaBar.squareRoot() }
                let v = law.covariances.map { alphaBar * $0[0, 0] + 1 - alphaBar }
                let lo = mu.min()! - 14 * v.max()!.squareRoot(), hi = mu.max()! + 14 * v.max()!.squareRoot()
                let m = 200_000, h = (hi - lo) / Double(m)
                var exact = 0.0, error = 0.0
                let level = perturbed.level(alphaBar: alphaBar)
                var workspace = perturbed.makeWorkspace(maximumRows: 1)
                var out = [0.0]
                for i in 0...m {
                    let x = lo + Double(i) * h
                    var density = 0.0, slope = 0.0
                    for k in 0..<2 {
                        let n = w[k] * exp(-(x - mu[k]) * (x - mu[k]) / (2 * v[k])) / (2 * Double.pi * v[k]).squareRoot()
                        density += n
                        slope += n * (x - mu[k]) / v[k]
                    }
                    let eps = (1 - alphaBar).squareRoot() * slope / density
                    [x].withUnsafeBufferPointer { xb in
                        out.withUnsafeMutableBufferPointer { ob in
                            perturbed.predict(xb.baseAddress!, rows: 1, at: level, into: ob.baseAddress!, workspace: &workspace)
                        }
                    }
                    let weight = (i == 0 || i == m ? 0.5 : 1) * h * density
                    exact += weight * eps * eps
                    error += weight * (out[0] - eps) * (out[0] - eps)
                }
                XCTAssertEqual(perturbed.rootMeanSquare(alphaBar: alphaBar), exact.squareRoot(),
                               accuracy: 1e-3 * exact.squareRoot(), "ρ at ᾱ = \(alphaBar)")
                XCTAssertEqual((error / exact).squareRoot(), r, accuracy: 1e-3 * r, "relative size at ᾱ = \(alphaBar)")
            }
        }
        XCTAssertThrowsError(try ScorePerturbation(relativeSize: 1.5))
    }
}

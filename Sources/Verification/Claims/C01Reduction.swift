import DenseLinearAlgebra
import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary

/// C1 — PLMC with K = 1 is LMC: in law (exact stationary and n-step laws from ChainLaw equal LMC's) and pathwise
/// (the engine's PLMC(η, K = 1) and LMC(η) give bit-identical states on the same streams: the only midpoint,
/// i = 0, sits at the start point, so its correction vanishes). docs/theory.md §2.3, §7.1 [R]; PN-P01.
/// Mutants through the same law-equality body: off-by-one midpoint index (at K = 1 the midpoint moves to the end
/// of the step and is always flagged) and √η noise.
enum ClaimC01 {
    static let claim = Claim(
        id: .c1, title: "K = 1 reduction",
        statement: "PLMC with K = 1 equals LMC(η) in law, and pathwise on the same noise.",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "max relative difference of exact stationary and 7-step laws (PLMC(K=1) vs LMC); engine states on the same streams",
        expectedRelation: "laws equal to 1e-12 relative; engine states bit-identical",
        proofsNote: "PN-P01", kind: .exact,
        defaultCases: { try ExactClaimSupport.defaultGaussianCases($0) },
        check: { try check($0, $1) })

    /// Relative agreement required of two exact laws that are mathematically equal.
    static let equalityTolerance = 1e-12

    /// A law as two functions of η: stationary, and after `steps` steps from `initial`.
    struct LawPair {
        let scheme: SchemeVariant
        var subject: String { scheme.description }
        var role: VerdictRole { scheme.role }
        let stationary: (Double) throws -> ChainMoments
        let afterSteps: (Int, Double, ChainMoments) throws -> ChainMoments
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let drift = target.drift
        let lmc = LawPair(scheme: SchemeVariant(.lmc),
                          stationary: { try ChainLaw.stationary(.lmc, eta: $0, drift: drift) },
                          afterSteps: { try ChainLaw.afterSteps($0, .lmc, eta: $1, drift: drift, from: $2) })
        var pairs = [LawPair(scheme: SchemeVariant(.plmc(.finite(1))),
                             stationary: { try ChainLaw.stationary(.plmc(.finite(1)), eta: $0, drift: drift) },
                             afterSteps: { try ChainLaw.afterSteps($0, .plmc(.finite(1)), eta: $1, drift: drift, from: $2) })]
        for mutation in [SchemeMutation.offByOneMidpointIndex, .noiseSqrtEta] {
            let variant = try SchemeVariant.checked(.plmc(.finite(1)), mutation)
            pairs.append(LawPair(scheme: variant,
                                 stationary: { try ChainLaw.stationary(variant, eta: $0, drift: drift) },
                                 afterSteps: { try ChainLaw.afterSteps($0, variant, eta: $1, drift: drift, from: $2) }))
        }
        var verdicts = pairs.map { lawVerdict($0, against: lmc, target: target, caseName: claimCase.name) }
        verdicts.append(try pathwiseVerdict(options, target: target, caseName: claimCase.name))
        return verdicts
    }

    /// THE law-equality body: max relative difference over x = ηλ_max ∈ {0.05, 0.2, 0.5} of the stationary law
    /// and of the law after 7 steps from the point mass at m + (1, …, 1).
    static func lawVerdict(_ pair: LawPair, against lmc: LawPair, target: GaussianTarget, caseName: String) -> ClaimVerdict {
        let metric = "max relative difference of exact laws (stationary, 7 steps) to LMC's"
        let expected = ExpectedValue("≤ \(equalityTolerance) (equal laws)", value: 0)
        do {
            let start = try ChainMoments(pointMass: target.mean.map { $0 + 1 })
            var worst = 0.0
            for x in [0.05, 0.2, 0.5] {
                let eta = x / target.largestEigenvalue
                let a = try pair.stationary(eta), b = try lmc.stationary(eta)
                let c = try pair.afterSteps(7, eta, start), e = try lmc.afterSteps(7, eta, start)
                worst = max(worst, ExactClaimSupport.relativeDifference(a.covariance, b.covariance),
                            ExactClaimSupport.relativeDifference(a.mean, b.mean),
                            ExactClaimSupport.relativeDifference(c.covariance, e.covariance),
                            ExactClaimSupport.relativeDifference(c.mean, e.mean))
            }
            let outcome: ClaimOutcome = worst <= equalityTolerance ? .holds
                : .fails("the laws differ from LMC's by \(worst) (relative)")
            return ClaimVerdict(claimID: .c1, caseName: caseName, subject: pair.subject, role: pair.role, metric: metric,
                                expected: expected, measured: worst, tolerance: equalityTolerance, outcome: outcome,
                                scheme: pair.scheme)
        } catch {
            return ClaimVerdict(claimID: .c1, caseName: caseName, subject: pair.subject, role: pair.role, metric: metric,
                                expected: expected, outcome: .inconclusive("\(error)"), scheme: pair.scheme)
        }
    }

    /// The engine: PLMC(η, K = 1) and LMC(η) from m + (1, …, 1), 32 chains × 10 steps at ηλ_max = 0.3, on the
    /// streams of `options.seed`: the final states must be bit-identical.
    static func pathwiseVerdict(_ options: ClaimRunOptions, target: GaussianTarget, caseName: String) throws -> ClaimVerdict {
        let metric = "max |X_PLMC(K=1) − X_LMC| over chains and coordinates after 10 engine steps (same streams)"
        let expected = ExpectedValue("0 (bit-identical)", value: 0)
        let eta = 0.3 / target.largestEigenvalue
        do {
            let drift = try LinearBatchDrift(matrix: target.precision, mean: target.mean)
            let configuration = EnsembleConfiguration(chains: 32, steps: 10, seed: options.seed,
                                                      threads: max(1, options.threads),
                                                      initialState: target.mean.map { $0 + 1 })
            let plmc = try Simulation.finalStates(scheme: PLMC(stepSize: eta, substeps: .finite(1)), drift: drift,
                                                  configuration: configuration)
            let lmc = try Simulation.finalStates(scheme: LMC(stepSize: eta), drift: drift, configuration: configuration)
            var worst = 0.0
            for (a, b) in zip(plmc, lmc) { for (u, v) in zip(a, b) { worst = max(worst, abs(u - v)) } }
            let sameShape = plmc.count == lmc.count && plmc.count == 32
            let outcome: ClaimOutcome = sameShape && worst == 0 ? .holds
                : .fails("engine states differ by up to \(worst) (chains \(plmc.count) vs \(lmc.count))")
            return ClaimVerdict(claimID: .c1, caseName: caseName, subject: "PLMC(K=1) engine", metric: metric,
                                expected: expected, measured: worst, tolerance: 0, outcome: outcome,
                                numbers: [LabelledNumber("η", eta), LabelledNumber("seed", Double(options.seed))],
                                scheme: SchemeVariant(.plmc(.finite(1))))
        } catch {
            return ClaimVerdict(claimID: .c1, caseName: caseName, subject: "PLMC(K=1) engine", metric: metric,
                                expected: expected, outcome: .inconclusive("engine run failed: \(error)"),
                                scheme: SchemeVariant(.plmc(.finite(1))))
        }
    }
}

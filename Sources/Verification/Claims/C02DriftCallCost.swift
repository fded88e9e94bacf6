import Foundation
import Langevin
import SchemeVocabulary

/// Claim C2 (docs/theory.md §7.2, PN-P02): PLMC(η, K) costs 2 − 1/K drift calls per step on average (K = ∞: 2); the
/// midpoint count over n chain-steps is Bin(n(K − 1), 1/K) (Poisson(n) for K = ∞). Checked on the engine
/// (`Simulation.run` counts every drift row) with the exact intervals of `DriftCallCountInterval` at level
/// `MonteCarloLevels.c2CountPerK` per K. The claimed cost is the theory's (`SchemeTheory.evaluationsPerStep`). Mutants
/// through the same body, run by the engine's own PLMC: flags ~ Bernoulli(1/(K+1)) and counting the i = 0 midpoint,
/// each with its designed false-pass bound (Hoeffding) reported and its cost read from its theory.
enum ClaimC02 {
    static let claim = Claim(
        id: .c2, title: "drift-call cost",
        statement: "PLMC(η, K) evaluates the drift 2 − 1/K times per step on average (\(DeclaredOrder.text(Scheme.plmc(.infinite).theory.evaluationsPerStep)) "
            + "for K = ∞): one base call and a Bin(K − 1, 1/K) (Poisson(1) for K = ∞) number of midpoint calls; the i = 0 "
            + "midpoint costs nothing.",
        provenance: .verified, requiredAssumptions: [],
        metric: metric,
        expectedRelation: "the theory's cost 2 − 1/K (SchemeTheory.evaluationsPerStep) inside the exact (Clopper–Pearson / "
            + "Garwood) interval of the engine's count",
        proofsNote: "PN-P02", kind: .monteCarlo,
        defaultCases: { _ in
            // the non-log-concave defaults of C10 and C12, and the log-concave (not strongly) mixture c = 1
            [try ClaimCase(try GaussianMixtureCase(dimension: 1, separation: 1)),
             try ClaimCase(try GaussianMixtureCase(dimension: 1, separation: 2)),
             try ClaimCase(try GaussianMixtureCase(dimension: 5, separation: 2)),
             try ClaimCase(try CosinePerturbedCase(dimension: 5, amplitude: 1, frequency: 2))]
        },
        check: { try check($0, $1) })

    static let metric = "mean drift calls per PLMC step"

    struct Design {
        let substeps: [MidpointCount]
        let chains: Int
        let steps: Int
    }

    static func design(_ tier: ClaimRunOptions.Tier) -> Design {
        switch tier {
        case .quick: return Design(substeps: [.finite(1), .finite(2), .finite(4), .finite(16), .infinite], chains: 2_000, steps: 500)
        case .full:
            return Design(substeps: [.finite(1), .finite(2), .finite(3), .finite(4), .finite(8), .finite(9), .finite(16),
                                     .finite(64), .infinite], chains: 10_000, steps: 1_000)
        }
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let mc = try MonteCarloCase(claimCase)
        let d = design(options.tier)
        let eta = 0.25 / max(mc.lipschitz, 1e-3)
        var verdicts: [ClaimVerdict] = []
        for k in d.substeps {
            let seed = derivedSeed(options.seed, "C2 K=\(k.valueText)")
            let subject = SchemeVariant(.plmc(k))
            verdicts.append(try verdict(subject, stepSize: eta, mutantTrialsPerStep: nil, mc: mc, design: d, seed: seed,
                                        threads: options.threads))
            guard case .finite(let kk) = k, kk >= 2 else { continue }
            for mutation in [SchemeMutation.flagProbabilityOneOverKPlusOne, .countsIndexZeroMidpoint] {
                let mutant = try SchemeVariant.checked(.plmc(k), mutation)
                let trials = mutation == .countsIndexZeroMidpoint ? kk : kk - 1
                verdicts.append(try verdict(mutant, stepSize: eta, mutantTrialsPerStep: trials, mc: mc, design: d,
                                            seed: seed, threads: options.threads))
            }
        }
        return verdicts
    }

    /// The body shared by the subject and the mutants: run, count, exact interval, decide.
    static func verdict(_ variant: SchemeVariant, stepSize eta: Double, mutantTrialsPerStep: Int?, mc: MonteCarloCase,
                        design: Design, seed: UInt64, threads: Int) throws -> ClaimVerdict {
        guard let k = variant.scheme.midpointCount else { throw VerificationError.law("C2 runs PLMC, not \(variant)") }
        let configuration = EnsembleConfiguration(chains: design.chains, steps: design.steps, seed: seed, threads: threads,
                                                  trackCovariance: false)
        let result = try mc.simulate(variant, stepSize: eta, configuration: configuration)
        let role = variant.role
        let mutantMean: Double? = variant.isMutant ? variant.theory.evaluationsPerStep : nil
        let n = design.chains * design.steps
        let midpoints = result.driftCalls - n
        let alpha = MonteCarloLevels.c2CountPerK
        let interval = try DriftCallCountInterval(substeps: k, chainSteps: n, midpointCount: midpoints, alpha: alpha)
        var numbers = [LabelledNumber("K", k == .infinite ? .infinity : Double(kValue(k))),
                       LabelledNumber("α", alpha), LabelledNumber("chain-steps", Double(n)),
                       LabelledNumber("midpoint calls", Double(midpoints))]
        var outcome: ClaimOutcome
        if interval.contains(interval.claimed) {
            outcome = .holds
        } else if interval.lower.isInfinite {
            outcome = .fails("more midpoint calls (\(midpoints)) than candidate sub-steps: impossible under the claimed "
                             + "Bin(K − 1, 1/K) count per step")
        } else {
            outcome = .fails(String(format: "claimed %.6f calls/step outside the exact interval [%.6f, %.6f]", interval.claimed,
                                    interval.lower, interval.upper))
        }
        var ledger: LedgerID? = k == .finite(1) ? nil : (k == .infinite ? .c2PoissonCount : .c2BinomialCount)
        if let mutantMean, let trials = mutantTrialsPerStep {
            ledger = variant.mutation == .countsIndexZeroMidpoint ? .c2MutantIndexZero : .c2MutantFlagProbability
            let beta = driftCallMutantFalsePassBound(claimed: interval.claimed, mutantMean: mutantMean, substeps: kValue(k),
                                                     chainSteps: n, mutantTrials: n * trials, alpha: alpha)
            numbers.append(LabelledNumber("mutant mean calls/step", mutantMean))
            numbers.append(LabelledNumber("designed β bound", beta))
            numbers.append(LabelledNumber("β", MonteCarloLevels.c2MutantPerCheck))
            if beta > MonteCarloLevels.c2MutantPerCheck, !outcome.isFailure {
                outcome = .inconclusive(String(format: "design: false-pass bound %.3g exceeds β = %g", beta,
                                               MonteCarloLevels.c2MutantPerCheck))
            }
        }
        return ClaimVerdict(claimID: .c2, caseName: mc.name, subject: variant.label(stepSize: eta), role: role, metric: metric,
                            expected: ExpectedValue(k == .infinite ? "2" : "2 − 1/K = \(interval.claimed)", value: interval.claimed),
                            measured: interval.estimate,
                            // the empty interval of an impossible count ([∞, ∞]) is no bracket: the reason says why
                            intervalLower: interval.lower.isFinite ? interval.lower : nil,
                            intervalUpper: interval.upper.isFinite ? interval.upper : nil,
                            outcome: outcome, numbers: numbers, ledger: ledger, scheme: variant, bracket: .exactCount)
    }

    static func kValue(_ k: MidpointCount) -> Int {
        if case .finite(let n) = k { return n }
        return 0
    }
}

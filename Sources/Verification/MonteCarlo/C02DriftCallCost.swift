import Foundation
import Langevin

/// Claim C2 (paper-notes §7.2, PN-P02): PLMC(η, K) costs 2 − 1/K drift calls per step on average (K = ∞: 2); the
/// midpoint count over n chain-steps is Bin(n(K − 1), 1/K) (Poisson(n) for K = ∞). Checked on the engine
/// (`Simulation.run` counts every drift row) with the exact intervals of `DriftCallCountInterval` at level
/// `MonteCarloLevels.c2CountPerK` per K. Mutants through the same body: flags ~ Bernoulli(1/(K+1)) and counting
/// the i = 0 midpoint (`PLMCVariant`), each with its designed false-pass bound (Hoeffding) reported.
enum C02DriftCallCost {
    static let metric = "mean drift calls per PLMC step"

    struct Design {
        let substeps: [MidpointSubsteps]
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
            let seed = derivedSeed(options.seed, "C2 K=\(k)")
            let subject = PLMC(stepSize: eta, substeps: k)
            verdicts.append(try verdict(scheme: subject, label: subject.metadata.name, role: .subject, substeps: k,
                                        mutantMean: nil, mutantTrialsPerStep: nil, mc: mc, design: d, seed: seed,
                                        threads: options.threads))
            guard case .finite(let kk) = k, kk >= 2 else { continue }
            for mutation in [PLMCMutation.flagProbabilityOneOverKPlusOne, .countsIndexZeroMidpoint] {
                let mutant = PLMCVariant(stepSize: eta, substeps: kk, mutation: mutation)
                let trials = mutation == .countsIndexZeroMidpoint ? kk : kk - 1
                verdicts.append(try verdict(scheme: mutant, label: "PLMC(η=\(eta), K=\(kk)) with \(mutation)",
                                            role: .mutant(mutation.description), substeps: k,
                                            mutantMean: mutant.expectedDriftCallsPerStep, mutantTrialsPerStep: trials,
                                            mc: mc, design: d, seed: seed, threads: options.threads))
            }
        }
        return verdicts
    }

    /// The body shared by the subject and the mutants: run, count, exact interval, decide.
    static func verdict(scheme: some LangevinScheme, label: String, role: VerdictRole, substeps k: MidpointSubsteps,
                        mutantMean: Double?, mutantTrialsPerStep: Int?, mc: MonteCarloCase, design: Design, seed: UInt64,
                        threads: Int) throws -> ClaimVerdict {
        let configuration = EnsembleConfiguration(chains: design.chains, steps: design.steps, seed: seed, threads: threads,
                                                  trackCovariance: false)
        let result = try Simulation.run(scheme: scheme, drift: mc.drift, configuration: configuration)
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
        if let mutantMean, let trials = mutantTrialsPerStep {
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
        return ClaimVerdict(claimID: "C2", caseName: mc.name, subject: label, role: role, metric: metric,
                            expected: ExpectedValue(k == .infinite ? "2" : "2 − 1/K = \(interval.claimed)", value: interval.claimed),
                            measured: interval.estimate, intervalLower: interval.lower, intervalUpper: interval.upper,
                            outcome: outcome, numbers: numbers)
    }

    static func kValue(_ k: MidpointSubsteps) -> Int {
        if case .finite(let n) = k { return n }
        return 0
    }
}

import Foundation
import Langevin
import SchemeVocabulary

/// C10 on cases without an exact 1-D marginal (non-separable, d ≥ 2, such as the worked example): the variance-reduced
/// coupled-secant design of PN-V15, in both tiers.
///
/// At each of two steps η₀ = 0.8/L and η₁ = 0.4/L (L the case's declared Lipschitz constant), one coupled run
/// (`CoupledDriver`, PN-S05/PN-V07) drives the fine chain LMC(η/K), J = 8 copies of PLMC(η, K = 4) with independent
/// flags, LMC(η) and the two slope-1 mutants of PLMC on ONE Brownian path per chain, from exact draws of π when the case
/// has a sampler (else from the origin with a longer burn-in). The per-chain statistic of the PLMC metric is
///
///     Yᵢ = (1/J) Σⱼ [φ̄(PLMC⁽ʲ⁾) − φ̄(fine)],     E Yᵢ = Δ_W(η) = E φ̄(PLMC(η, K)) − E φ̄(fine LMC(η/K)),
///
/// φ̄ the window average of φ(x) = cos⟨u, x⟩, u = √(2/d)(1, …, 1); chains are iid, so the betting interval
/// (`BettingInterval`, Waudby-Smith & Ramdas 2024) of the Yᵢ in chain order has level α/2 at each end and a half-width
/// ≈ σ_Y √(2 log(4/α)/n) — the variance of the coupled, copy-averaged difference, not its range. The secant rule of
/// docs/testing-policy.md R15 (`SecantSlopeRule`) decides slope 2 ± 0.4 for PLMC and 1 ± 0.3 for LMC; the mutants
/// (independent midpoint noise, correction weight η/K; PLMC and fine LMC in LMC's place) go through the same rule and
/// must be rejected. The power analysis and the measured chain counts are in PN-V15.
extension ClaimC10 {
    /// The coupled-secant design of one tier.
    struct CoupledSecantDesign: Sendable {
        /// η in units of 1/L, coarse to fine.
        let steps: [Double]
        let chains: [Int]
        /// J: PLMC copies with independent flags sharing each chain's fine chain and path.
        let copies: Int
        /// Burn-in and window in time units (η × steps); the burn-in doubles without an exact start.
        let burnInTime: Double
        let windowTime: Double

        static func of(_ tier: ClaimRunOptions.Tier) -> CoupledSecantDesign {
            switch tier {
            case .quick:
                return CoupledSecantDesign(steps: [0.8, 0.4], chains: [250_000, 600_000], copies: 8, burnInTime: 4,
                                           windowTime: 4)
            case .full:
                return CoupledSecantDesign(steps: [0.8, 0.4], chains: [1_000_000, 2_400_000], copies: 8, burnInTime: 4,
                                           windowTime: 4)
            }
        }

        /// Coarse chain-steps × coordinates of the design, each with K fine sub-steps and J + 3 coarse candidates.
        func work(dimension: Int, lipschitz: Double, exactStart: Bool) -> Double {
            var total = 0.0
            for (base, n) in zip(steps, chains) {
                let eta = base / max(lipschitz, 1)
                total += Double(n) * ((exactStart ? burnInTime : 2 * burnInTime) + windowTime) / eta * Double(dimension)
            }
            return total
        }
    }

    /// The PLMC metric's tolerance δ and the LMC metric's in the coupled-secant design (R15: fail only when the slope
    /// interval misses p ± δ; the design is adequate when the interval is at most δ wide).
    static let coupledPLMCTolerance = 0.4
    static let coupledLMCTolerance = 0.3

    /// φ(x) = cos⟨u, x⟩ with u = √(2/d)(1, …, 1) (|u|² = 2): on the worked example cos(x₁ + x₂), along its ridge; of
    /// seven candidate observables it had the largest |Δ(η)|/σ_Y in the pilot runs of PN-V15.
    static func projectionCosine(dimension d: Int) -> BoundedObservable {
        let weight = (2 / Double(d)).squareRoot()
        return BoundedObservable(name: "cos(√(2/d)·Σxᵢ)", range: -1...1) { x, d in
            var s = 0.0
            for j in 0..<d { s += x[j] }
            return cos(weight * s)
        }
    }

    static func coupledSecantVerdicts(mc: MonteCarloCase, options: ClaimRunOptions) throws -> [ClaimVerdict] {
        let design = CoupledSecantDesign.of(options.tier)
        let k = substeps
        let scale = 1 / max(mc.lipschitz, 1)
        let steps = design.steps.map { $0 * scale }
        let burnInTime = mc.startsAtStationarity ? design.burnInTime : 2 * design.burnInTime
        let observable = projectionCosine(dimension: mc.dimension)
        let range: ClosedRange<Double> = -2...2
        let alpha = MonteCarloLevels.c10SecantPerCheck / 2, beta = MonteCarloLevels.c10MutantPerCheck / 2
        let copyNames = ["PLMC"] + (1..<design.copies).map { "PLMC copy \($0 + 1)" }
        var plmc: [StatisticalInterval] = [], lmc: [StatisticalInterval] = []
        var mutants: [SchemeMutation: [StatisticalInterval]] = [:]
        var fineAsCoarse: [Double] = []
        var standardDeviations: [Double] = []
        for (level, eta) in steps.enumerated() {
            let burnIn = max(1, Int((burnInTime / eta).rounded())), window = max(1, Int((design.windowTime / eta).rounded()))
            var candidates = copyNames.map { CoupledCandidate($0, SchemeVariant(.plmc(.finite(k)))) }
            candidates.append(CoupledCandidate("LMC", SchemeVariant(.lmc)))
            for m in mutations { candidates.append(CoupledCandidate(m.description, try .checked(.plmc(.finite(k)), m))) }
            let coupled = CoupledDesign(stepSize: eta, substeps: k, chains: design.chains[level], burnInSteps: burnIn,
                                        windowSteps: window, seed: derivedSeed(options.seed, "C10 coupled secant η=\(eta)"),
                                        threads: options.threads, initialLaw: mc.initialLaw, clip: 1,
                                        recordsChainDifferences: true)
            let result = try mc.coupled(candidates, observables: [observable], design: coupled)
            func samples(_ name: String) throws -> [Double] {
                guard let s = result.candidate(name), let values = s.chainDifferences.first else {
                    throw VerificationError.numerical("missing candidate \(name)")
                }
                return values
            }
            // Yᵢ: the copy average, per chain
            var average = [Double](repeating: 0, count: design.chains[level])
            for name in copyNames {
                let values = try samples(name)
                for c in average.indices { average[c] += values[c] }
            }
            let inverse = 1 / Double(copyNames.count)
            var moments = RunningMoments()
            for c in average.indices {
                average[c] = min(max(average[c] * inverse, range.lowerBound), range.upperBound)
                moments.add(average[c])
            }
            standardDeviations.append(moments.sampleVariance.squareRoot())
            plmc.append(try BettingInterval.interval(statistic: "PLMC − fine at η = \(eta) (mean of \(copyNames.count) copies)",
                                                     samples: average, range: range, alpha: alpha))
            lmc.append(try BettingInterval.interval(statistic: "LMC − fine at η = \(eta)", samples: try samples("LMC"),
                                                    range: range, alpha: alpha))
            for m in mutations {
                mutants[m, default: []].append(try BettingInterval.interval(
                    statistic: "\(m) − fine at η = \(eta)", samples: try samples(m.description), range: range, alpha: beta))
            }
            // fine LMC in LMC's place: its difference is identically zero (a small run shows it)
            var small = coupled
            small.chains = 1_000
            small.recordsChainDifferences = false
            let fineRun = try mc.coupled([CoupledCandidate("fine-as-coarse", try .checked(.plmc(.finite(k)), .fineChainAsCoarseStep))],
                                         observables: [observable], design: small)
            let fineStats = fineRun.candidates[0].difference[0]
            fineAsCoarse.append(max(abs(fineStats.minimum), abs(fineStats.maximum)))
        }
        let designNote = "coupled secant (PN-V15): η = " + steps.map { String(format: "%.4g", $0) }.joined(separator: ", ")
            + ", chains " + design.chains.map(String.init).joined(separator: ", ") + ", \(design.copies) PLMC copies, "
            + (mc.startsAtStationarity ? "exact π start" : "start at the origin") + ", burn-in \(burnInTime) + window "
            + "\(design.windowTime) time units, φ = \(observable.name)"
        func secant(_ intervals: [StatisticalInterval], subject: String, scheme: SchemeVariant, role: VerdictRole,
                    metric: String, order: Double, tolerance: Double, extra: [LabelledNumber] = []) throws -> ClaimVerdict {
            let expected = ExpectedValue("secant slope \(order) ± \(tolerance) (R15)", value: order)
            var numbers = [LabelledNumber(role.isMutant ? "β" : "α", role.isMutant ? 2 * beta : 2 * alpha)] + extra
            for (eta, interval) in zip(steps, intervals) {
                numbers.append(LabelledNumber("Δ at η = \(eta)", interval.estimate))
                numbers.append(LabelledNumber("Δ interval lower at η = \(eta)", interval.lower))
                numbers.append(LabelledNumber("Δ interval upper at η = \(eta)", interval.upper))
            }
            for (eta, n) in zip(steps, design.chains) { numbers.append(LabelledNumber("chains at η = \(eta)", Double(n))) }
            let errors = try intervals.map { try $0.absoluteValueInterval() }
            guard errors.allSatisfy({ $0.lower > 0 }), intervals.count == 2 else {
                return ClaimVerdict(claimID: .c10, caseName: mc.name, subject: subject, role: role,
                                    metric: metric + " (coupled secant)", expected: expected, tolerance: tolerance,
                                    outcome: .inconclusive("an error interval contains 0: the design cannot resolve Δ(η) "
                                                           + "(\(designNote)); " + fullTierNote(design, mc)),
                                    numbers: numbers, ledger: role.isMutant ? .c10MutantCoupledSecant : .c10CoupledSecant,
                                    scheme: scheme)
            }
            let decision = try SecantSlopeRule.decide(coarse: errors[0], fine: errors[1], coarseStep: steps[0],
                                                      fineStep: steps[1], expectedOrder: order, tolerance: tolerance)
            numbers.append(LabelledNumber("design width", decision.width))
            let outcome = decision.outcome(note: designNote, hint: fullTierNote(design, mc))
            return ClaimVerdict(claimID: .c10, caseName: mc.name, subject: subject, role: role,
                                metric: metric + " (coupled secant)", expected: expected,
                                measured: log(abs(intervals[0].estimate / intervals[1].estimate)) / log(steps[0] / steps[1]),
                                intervalLower: decision.slopeLower, intervalUpper: decision.slopeUpper,
                                tolerance: tolerance, outcome: outcome, numbers: numbers,
                                ledger: role.isMutant ? .c10MutantCoupledSecant : .c10CoupledSecant, scheme: scheme,
                                bracket: .secant)
        }
        var verdicts: [ClaimVerdict] = []
        let plmcVariant = SchemeVariant(.plmc(.finite(k)))
        verdicts.append(try secant(plmc, subject: "PLMC(K=\(k)) − fine LMC, engine (mean of \(design.copies) copies)",
                                   scheme: plmcVariant, role: .subject, metric: plmcMetric, order: plmcOrder,
                                   tolerance: coupledPLMCTolerance,
                                   extra: zip(steps, standardDeviations).map { LabelledNumber("σ of Yᵢ at η = \($0.0)", $0.1) }))
        for m in mutations {
            verdicts.append(try secant(mutants[m] ?? [], subject: "PLMC(K=\(k)) with \(m), engine", scheme: try .checked(.plmc(.finite(k)), m),
                                       role: .mutant(m.description), metric: plmcMetric, order: plmcOrder,
                                       tolerance: coupledPLMCTolerance))
        }
        verdicts.append(try secant(lmc, subject: "LMC − fine LMC, engine", scheme: SchemeVariant(.lmc), role: .subject,
                                   metric: lmcMetric, order: lmcOrder, tolerance: coupledLMCTolerance))
        verdicts.append(try secant(plmc, subject: "PLMC(K=\(k)) in LMC's place, engine",
                                   scheme: try .checked(.lmc, .replacedBy(.plmc(.finite(k)))),
                                   role: .mutant(SchemeMutation.replacedBy(.plmc(.finite(k))).description),
                                   metric: lmcMetric, order: lmcOrder, tolerance: coupledLMCTolerance))
        verdicts.append(try fineChainInLMCPlaceVerdict(caseName: mc.name, vanishes: fineAsCoarse.allSatisfy { $0 == 0 },
                                                       method: "coupled secant"))
        return verdicts
    }

    /// What the full tier runs for this case, for an inconclusive verdict.
    static func fullTierNote(_ quick: CoupledSecantDesign, _ mc: MonteCarloCase) -> String {
        let full = CoupledSecantDesign.of(.full)
        let work = full.work(dimension: mc.dimension, lipschitz: mc.lipschitz, exactStart: mc.startsAtStationarity)
        let ratio = work / quick.work(dimension: mc.dimension, lipschitz: mc.lipschitz, exactStart: mc.startsAtStationarity)
        return ClaimRunOptions.fullTierHint + String(format: " runs %@ chains (%.1e coarse chain-steps × coordinates, ",
                                                     full.chains.map(String.init).joined(separator: " + "), work)
            + String(format: "%.0f× the quick tier's work; each with K = %d fine sub-steps and %d coarse candidates); ",
                     ratio, substeps, full.copies + 3)
            + "it is one unit, which `--shard` does not split"
    }
}

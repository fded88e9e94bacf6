import Foundation
import Langevin
import SchemeVocabulary

/// Claim C12 (docs/theory.md §4.7, §7.12; PN-P12), a negative control: under the synchronous coupling with fine
/// LMC(η/K), PLMC(η, K) has NO strong-error gain — its RMS distance to the fine chain is O(η) (slope 1, not 2) and
/// larger than coarse LMC's (the exact OU ratio for K = 4 tends to 1.38, for K = 32 to 1.53; ≈ 1.6 at η ≈ 0.1–0.2
/// for large K).
///
/// Metric (PN-V09): e_c(η) = √E[min(|X − X_fine|², c(η))] with the clip c(η) = 2·d·η (per-chain window averages,
/// iid over chains, in [0, c]); empirical Bernstein intervals; the secant rule R15 between the ends of the ladder
/// (slope 1 ± 0.2; every level's interval at α/levels so that all hold jointly). Mutants through the same body:
/// "fine LMC as PLMC" (distance ≡ 0: no power law, rejected) and √η noise (the distance does not vanish: slope ≈ 0).
/// On a 1-D Gaussian case the clipped mean square must also match the exact E Δ² of `CoupledGaussianMoments`
/// (window average of the same design), up to the clip bound E Δ⁴/(4c).
enum ClaimC12 {
    static let claim = Claim(
        id: .c12, title: "no strong-error gain",
        statement: "Under the synchronous coupling with fine LMC(η/K), the RMS distance of PLMC(η, K) to the fine chain has "
            + "slope \(DeclaredOrder.text(DeclaredOrder.of(.plmc(.finite(4)), .strong))) in η (its declared strong order: no gain "
            + "over LMC's \(DeclaredOrder.text(DeclaredOrder.of(.lmc, .strong)))) and is larger than coarse LMC's (≈ 1.4× for "
            + "K = 4, ≈ 1.5–1.6× for large K).",
        provenance: .reconstructed, requiredAssumptions: [.lipschitzDrift, .timeHomogeneous],
        metric: metric,
        expectedRelation: "secant slope \(DeclaredOrder.text(DeclaredOrder.of(.plmc(.finite(4)), .strong))) ± \(tolerance) "
            + "(docs/testing-policy.md R15); ratio to LMC ≥ 1; on OU the exact coupled second moment",
        proofsNote: "PN-P12", kind: .monteCarlo,
        defaultCases: { options in
            // non-log-concave: the mixture with c = 2 (F″(0) = −3) and the cosine case (∂ᵢᵢF ≥ −3), in d = 1 in the
            // quick tier and d = 5 in the full tier (their d = 5 runs cost ≈ 5× as much: L = 3 and 5 shrink the steps);
            // the log-concave (not strongly) mixture c = 1; the OU case with its exact coupled second moment
            let d = options.tier == .full ? 5 : 1
            var cases = [try ClaimCase(try GaussianMixtureCase(dimension: 1, separation: 2)),
                         try ClaimCase(try CosinePerturbedCase(dimension: d, amplitude: 1, frequency: 2)),
                         try ClaimCase(try GaussianMixtureCase(dimension: 1, separation: 1)),
                         try ClaimCase(try IsotropicGaussianCase(dimension: 1))]
            if options.tier == .full { cases.append(try ClaimCase(try GaussianMixtureCase(dimension: 5, separation: 2))) }
            return cases
        },
        check: { try check($0, $1) })

    static let metric = "RMS distance to fine LMC(η/K) under the coupling (clipped), slope in η"
    static let tolerance = 0.2
    static let clipPerStepAndDimension = 2.0

    struct Design {
        let substeps: Int
        let ladder: [Double]
        let chains: [Int]
        let burnInTime: Double
        let windowTime: Double
    }

    static func design(_ tier: ClaimRunOptions.Tier) -> Design {
        switch tier {
        case .quick: return Design(substeps: 4, ladder: [0.4, 0.2, 0.1], chains: [30_000, 60_000, 150_000], burnInTime: 4, windowTime: 4)
        case .full: return Design(substeps: 8, ladder: [0.4, 0.2, 0.1, 0.05], chains: [100_000, 200_000, 400_000, 800_000],
                                  burnInTime: 4, windowTime: 8)
        }
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let mc = try MonteCarloCase(claimCase)
        let d = design(options.tier)
        let scale = 1 / max(mc.lipschitz, 1)
        let ladder = d.ladder.map { $0 * scale }
        let k = d.substeps
        let levels = ladder.count
        let alphaLevel = MonteCarloLevels.c12SecantPerCheck / Double(levels)
        let plmc = SchemeVariant(.plmc(.finite(k)))
        let order = DeclaredOrder.of(.plmc(.finite(k)), .strong)
        let variants: [(String, SchemeVariant)] = [
            ("PLMC", plmc), ("LMC", SchemeVariant(.lmc)),
            ("sqrt-eta-noise", try .checked(.plmc(.finite(k)), .noiseSqrtEta)),
            ("fine-as-coarse", try .checked(.plmc(.finite(k)), .fineChainAsCoarseStep)),
        ]
        let names = variants.map(\.0)
        var intervals: [String: [StatisticalInterval]] = [:]
        var means: [String: [Double]] = [:]
        var verdicts: [ClaimVerdict] = []
        // an exact OU reference when the case is a Gaussian N(m, I/a) with exact start (d = 1 or isotropic)
        let gaussianPrecision: Double? = {
            guard let g = claimCase.gaussian, mc.startsAtStationarity else { return nil }
            let values = g.eigenvalues
            guard let first = values.first, values.allSatisfy({ abs($0 - first) <= 1e-12 * first }) else { return nil }
            return first
        }()
        for (level, eta) in ladder.enumerated() {
            let clip = clipPerStepAndDimension * Double(mc.dimension) * eta
            let burnIn = max(1, Int((d.burnInTime / eta).rounded()))
            let window = max(1, Int((d.windowTime / eta).rounded()))
            let candidates = variants.map { CoupledCandidate($0.0, $0.1) }
            let ensemble = CoupledDesign(stepSize: eta, substeps: k, chains: d.chains[level], burnInSteps: burnIn,
                                         windowSteps: window, seed: derivedSeed(options.seed, "C12 η=\(eta)"),
                                         threads: options.threads, initialLaw: mc.initialLaw, clip: clip)
            let result = try mc.coupled(candidates, observables: [], design: ensemble)
            for name in names {
                guard let s = result.candidate(name) else { throw VerificationError.numerical("missing candidate \(name)") }
                let interval = try s.clippedSquaredDistance.empiricalBernsteinInterval(
                    statistic: "E min(|X_\(name) − X_fine|², \(clip)) at η = \(eta)", range: 0...clip, alpha: alphaLevel)
                intervals[name, default: []].append(interval)
                means[name, default: []].append(s.clippedSquaredDistance.mean)
            }
            if let a = gaussianPrecision {
                // containment of the clipped mean square around the exact E Δ² (minus the clip bound)
                let alphaC = MonteCarloLevels.c12ContainmentPerCheck
                for (name, plmc) in [("PLMC", true), ("LMC", false)] {
                    let moments = try CoupledGaussianMoments(precision: a, stepSize: eta, substeps: k, plmc: plmc,
                                                             steps: burnIn + window)
                    let exact = moments.windowAverages(burnIn: burnIn, window: window, stride: 1)
                    let dim = Double(mc.dimension)
                    let upper = dim * exact.second
                    let lower = upper - dim * dim * exact.fourth / (4 * clip)
                    guard let s = result.candidate(name) else { continue }
                    let interval = try s.clippedSquaredDistance.empiricalBernsteinInterval(
                        statistic: "E min(|Δ|², c) of \(name) at η = \(eta)", range: 0...clip, alpha: alphaC)
                    let meets = interval.lower <= upper && interval.upper >= lower
                    verdicts.append(ClaimVerdict(
                        claimID: .c12, caseName: mc.name, subject: "\(name)(η=\(eta)\(plmc ? ", K=\(k)" : "")) engine",
                        metric: "clipped mean-square distance to fine LMC contains the exact OU value",
                        expected: ExpectedValue("exact E Δ² ∈ [\(lower), \(upper)]", value: upper), measured: interval.estimate,
                        intervalLower: interval.lower, intervalUpper: interval.upper,
                        outcome: meets ? .holds : .fails("exact [\(lower), \(upper)] misses \(interval)"),
                        numbers: [LabelledNumber("α", alphaC), LabelledNumber("clip c", clip),
                                  LabelledNumber("clip bound E Δ⁴/(4c)", upper - lower),
                                  LabelledNumber("exact RMS", upper.squareRoot())],
                        ledger: .c12ContainmentOU, scheme: plmc ? variants[0].1 : variants[1].1))
                }
            }
        }
        // the secant rule: the body shared by subjects and mutants
        func slopeVerdict(_ name: String) throws -> ClaimVerdict {
            let variant = variants.first { $0.0 == name }!.1
            let subject = variant.description + (variant.isMutant ? "" : " engine")
            let role = variant.role
            let expected = ExpectedValue("slope \(DeclaredOrder.text(order)) ± \(tolerance) (no strong-error gain)", value: order)
            let values = means[name] ?? []
            if values.allSatisfy({ $0 == 0 }) {
                return ClaimVerdict(claimID: .c12, caseName: mc.name, subject: subject, role: role, metric: metric,
                                    expected: expected, tolerance: tolerance,
                                    outcome: .fails("the distance to fine LMC is exactly 0 at every step: no power law C·η"),
                                    scheme: variant)
            }
            let errors = try (intervals[name] ?? []).map { try $0.squareRootInterval() }
            guard errors.allSatisfy({ $0.lower > 0 }) else {
                return ClaimVerdict(claimID: .c12, caseName: mc.name, subject: subject, role: role, metric: metric,
                                    expected: expected, tolerance: tolerance,
                                    outcome: .inconclusive("an error interval reaches 0 (R14: more chains needed)"),
                                    scheme: variant)
            }
            let fit = try RateFit.monteCarlo(steps: ladder, estimates: values.map { $0.squareRoot() }, intervals: errors,
                                             alpha: MonteCarloLevels.c12SecantPerCheck, expectedOrder: order, tolerance: tolerance)
            let numbers = zip(ladder, values).map { LabelledNumber("clipped RMS at η = \($0.0)", $0.1.squareRoot()) }
                + [role.isMutant ? LabelledNumber("β", MonteCarloLevels.c12MutantPerCheck)
                                 : LabelledNumber("α", MonteCarloLevels.c12SecantPerCheck)]
            return ClaimVerdict(claimID: .c12, caseName: mc.name, subject: subject, role: role, metric: metric,
                                expected: expected, fit: fit, outcome: MonteCarloRateRule.decide(fit), numbers: numbers,
                                ledger: role.isMutant ? .c12MutantSqrtEtaNoise : .c12Secant, scheme: variant)
        }
        verdicts.append(try slopeVerdict("PLMC"))
        verdicts.append(try slopeVerdict("fine-as-coarse"))
        verdicts.append(try slopeVerdict("sqrt-eta-noise"))
        verdicts.append(try slopeVerdict("LMC"))
        // the ratio PLMC/LMC at the finest step: fails only if PLMC is significantly BETTER (a strong-error gain)
        if let p = intervals["PLMC"]?.last, let l = intervals["LMC"]?.last, l.upper > 0, p.lower >= 0 {
            let lower = l.upper > 0 ? (max(p.lower, 0) / l.upper).squareRoot() : 0
            let upper = l.lower > 0 ? (p.upper / l.lower).squareRoot() : .infinity
            let estimate = ((means["PLMC"]?.last ?? 0) / max(means["LMC"]?.last ?? 1, 1e-300)).squareRoot()
            var numbers = [LabelledNumber("α (two intervals at α/levels)", 2 * alphaLevel)]
            if let a = gaussianPrecision, let eta = ladder.last {
                let steps = 400
                let plmc = try CoupledGaussianMoments(precision: a, stepSize: eta, substeps: k, plmc: true, steps: steps)
                let lmc = try CoupledGaussianMoments(precision: a, stepSize: eta, substeps: k, plmc: false, steps: steps)
                numbers.append(LabelledNumber("exact OU ratio (stationary)",
                                              ((plmc.secondMoments.last ?? .nan) / (lmc.secondMoments.last ?? .nan)).squareRoot()))
            }
            verdicts.append(ClaimVerdict(
                claimID: .c12, caseName: mc.name, subject: "PLMC(K=\(k)) / LMC at η = \(ladder.last ?? .nan)",
                metric: "ratio of clipped RMS distances to fine LMC (no gain: ≥ 1)",
                expected: ExpectedValue("≥ 1 (≈ 1.4 for K = 4, ≈ 1.5–1.6 for K ≥ 16)", value: 1), measured: estimate,
                intervalLower: lower, intervalUpper: upper,
                outcome: upper < 1 ? .fails("PLMC is pathwise closer to fine LMC than LMC: ratio interval [\(lower), \(upper)]")
                                   : .holds, numbers: numbers, scheme: plmc))
        }
        return verdicts
    }
}

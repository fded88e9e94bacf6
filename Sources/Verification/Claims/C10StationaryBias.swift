import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary

/// Claim C10 (docs/theory.md §4.6, §7.10; PN-P10): on non-Gaussian targets with a Lipschitz drift, including
/// targets that are NOT log-concave — the default cases are the mixture ½N(−2, 1) + ½N(2, 1) (F″(0) = 1 − c² = −3),
/// its product in d = 5, and the cosine case F = |x|²/2 + Σ cos(2xᵢ) in d = 5 (∂ᵢᵢF down to −3), their measured
/// curvature checked by `DeclarationCheck` (PN-V14) — the stationary bias of a smooth bounded observable
/// φ(x) = (1/d) Σ cos(xᵢ/2) relative to the fine chain LMC(η/K) on the same Brownian path satisfies
///
///     E φ(PLMC(η, K)) − E φ(fine LMC(η/K)) ∝ η²,     E φ(LMC(η)) − E φ(fine LMC(η/K)) ∝ η.
///
/// This is the paper's quantity for finite K. Against π itself the same PLMC(η, K) chain is FIRST order — its bias
/// is the fine chain's O(η/K) plus O(η²) — and only K = ∞ is second order against π; the exact part reports the bias
/// against E_π φ (quadrature) of PLMC(η, K) and LMC(η) next to each slope, labelled, and does not assert it (the
/// kernel quadrature covers K ≤ 6, not K = ∞).
///
/// The check has three parts (PN-V07, PN-V08):
/// 1. exact (1-D and separable-product cases): the stationary laws of the 1-D marginal chains by kernel quadrature
///    (`StationaryKernelQuadrature`); the two differences over a halving ladder must have local slopes in 2 ± 0.4 and
///    1 ± 0.2 (`ExactRateRule`); mutants (independent midpoint noise, correction weight η/K for the PLMC metric;
///    PLMC and fine LMC in LMC's place for the LMC metric) must be rejected by the same rule;
/// 2. engine (Monte Carlo, common random numbers on one Brownian path per chain, `CoupledDriver`): at each Monte
///    Carlo step the empirical Bernstein interval of the paired difference (per-chain window averages) must contain
///    the exact value of the same design (same start law, burn-in and window); the engine-level mutants
///    (options of the engine's PLMC) must be rejected by the same containment check, with the designed false-pass margin reported;
///    the fine chain's E φ must match the quadrature reference E_π φ (ReferenceLaws `Quadrature.gibbsExpectation`)
///    within the interval plus the exact bias of LMC(η/K) (the fine-chain check); the biases against E_π φ of LMC and
///    PLMC are reported (and asserted against their exact values in the full tier);
/// 3. full tier: the secant rule of docs/testing-policy.md R15 on the Monte Carlo intervals of |difference| between
///    the ends of the Monte Carlo ladder, with its design check.
///
/// Cases without an exact marginal (non-separable, such as the 2-D worked example) are decided in both tiers by the
/// variance-reduced coupled secant of PN-V15 (`coupledSecantVerdicts`): J PLMC copies per fine chain, exact π starts,
/// betting intervals whose width follows the variance of the coupled difference, the R15 secant rule with its mutants.
enum ClaimC10 {
    static let claim = Claim(
        id: .c10, title: "stationary bias orders relative to fine LMC(η/K) on non-log-concave targets",
        statement: "On non-Gaussian, non-log-concave targets with a Lipschitz drift (½N(−2,1) + ½N(2,1), F″(0) = −3; its "
            + "d = 5 product; F = |x|²/2 + Σ cos 2xᵢ), the stationary bias of a smooth bounded observable relative to "
            + "fine LMC(η/K) on the same Brownian path satisfies |E φ(PLMC(η,K)) − E φ(fine LMC(η/K))| ∝ "
            + "η^\(DeclaredOrder.text(plmcOrder)) and |E φ(LMC(η)) − E φ(fine LMC(η/K))| ∝ η^\(DeclaredOrder.text(lmcOrder)) "
            + "(against π, PLMC with fixed K is first order; reported, not asserted).",
        provenance: .reconstructed, requiredAssumptions: [.lipschitzDrift, .logSobolev, .timeHomogeneous],
        metric: plmcMetric + "; " + lmcMetric,
        expectedRelation: "slopes \(DeclaredOrder.text(plmcOrder)) ± \(plmcTolerance) and \(DeclaredOrder.text(lmcOrder)) ± "
            + "\(lmcTolerance) (exact kernel quadrature); engine differences contain the exact values; Monte Carlo secant "
            + "slopes (docs/testing-policy.md R15) in the full tier",
        proofsNote: "PN-P10", kind: .monteCarlo,
        defaultCases: { options in
            var cases = [try ClaimCase(try GaussianMixtureCase(dimension: 1, separation: 2)),
                         try ClaimCase(try GaussianMixtureCase(dimension: 5, separation: 2)),
                         try ClaimCase(try CosinePerturbedCase(dimension: 5, amplitude: 1, frequency: 2))]
            // the log-concave (not strongly) mixture c = 1 of earlier versions: full tier
            if options.tier == .full { cases.append(try ClaimCase(try GaussianMixtureCase(dimension: 1, separation: 1))) }
            return cases
        },
        check: { try check($0, $1) })

    /// The frequencies of the two observables: φ_P(x) = (1/d) Σ cos(ω_P xᵢ) for the PLMC metric (ω_P = ½ always) and
    /// φ_L with ω_L = `observableFrequency` for the LMC metric (PN-P10). Each rate check needs an observable whose
    /// leading coefficient is not nearly zero, and no single ω serves both on every case: on ½N(±2, 1), cos(x/2) has
    /// a nearly vanishing first-order LMC coefficient and cos x a second-order PLMC − fine coefficient that changes sign
    /// near η ≈ 0.1.
    struct Observables: Sendable, Equatable {
        let plmc: Double
        let lmc: Double
    }

    /// The candidate frequencies ω of φ(x) = (1/d) Σ cos(ω xᵢ), in order of preference (PN-P10).
    static let frequencyCandidates = [0.5, 1.0]
    /// The smallest |C₁(φ)| accepted (C₁ = first-order LMC bias coefficient, see `observableFrequency`).
    static let smallestFirstOrderCoefficient = 0.01

    /// ω for a case with 1-D marginal potential F: the first candidate whose first-order LMC coefficient
    /// C₁(φ) = Cov_π(φ, ½F″ − ¼F′²) (E_{LMC(η)} φ − E_π φ = C₁η + O(η²): the first-order correction of LMC's
    /// invariant density is π·(½F″ − ¼F′² − const)) has |C₁| ≥ 0.01, so that the LMC slope-1 check is not decided on a
    /// nearly degenerate coefficient. Computed from π alone (quadrature; F′ = −b, F″ by central differences of b), never
    /// from the schemes under test. ½N(±1, 1): ω = ½ (C₁ ≈ −0.031); ½N(±2, 1): ω = 1 (C₁(½) ≈ 0.003, C₁(1) ≈ 0.14);
    /// cosine case: ω = 1 (C₁(½) ≈ 0.008, C₁(1) ≈ 0.11). Without a marginal: ω = ½.
    static func observableFrequency(potential: OneDimensionalPotential?, drift: (@Sendable (Double) -> Double)?) throws -> Double {
        guard let potential, let b = drift else { return frequencyCandidates[0] }
        return try observableFrequency(potential: potential, drift: b)
    }

    static func observableFrequency(potential: OneDimensionalPotential, drift b: @escaping @Sendable (Double) -> Double) throws -> Double {
        let g: (Double) -> Double = { x in
            let h = 1e-4 * max(1, abs(x))
            let second = -(b(x + h) - b(x - h)) / (2 * h)
            let first = -b(x)
            return 0.5 * second - 0.25 * first * first
        }
        func expectation(_ f: @escaping (Double) -> Double) throws -> Double {
            do {
                return try Quadrature.gibbsExpectation(of: f, potential: potential.potential, from: potential.lower,
                                                       to: potential.upper).value
            } catch { throw VerificationError.numerical("C₁(φ) by quadrature: \(error)") }
        }
        let meanG = try expectation(g)
        for omega in frequencyCandidates {
            let c1 = try expectation { cos(omega * $0) * (g($0) - meanG) }
            if abs(c1) >= smallestFirstOrderCoefficient { return omega }
        }
        return frequencyCandidates[frequencyCandidates.count - 1]
    }
    static let substeps = 4
    /// The declared orders against the fine chain LMC(η/K) (`ErrorMeasure.biasAgainstFineChain`).
    static let plmcOrder = DeclaredOrder.of(.plmc(.finite(substeps)), .biasAgainstFineChain)
    static let lmcOrder = DeclaredOrder.of(.lmc, .biasAgainstFineChain)
    /// The engine-level mutants of the PLMC metric.
    static let mutations: [SchemeMutation] = [.independentMidpointNoise, .correctionWeightOverK]
    static let plmcMetric = "|E φ(PLMC(η,K)) − E φ(fine LMC(η/K))| slope in η"
    static let lmcMetric = "|E φ(LMC(η)) − E φ(fine LMC(η/K))| slope in η"
    static let plmcTolerance = 0.4
    static let lmcTolerance = 0.2

    struct Design {
        let exactLadder: [Double]
        /// Monte Carlo steps and chains per step.
        let monteCarloSteps: [Double]
        let monteCarloChains: [Int]
        let burnInTime: Double
        let windowTime: Double
        /// Whether the Monte Carlo secant rule runs (full tier).
        let secant: Bool
        let assertBiasAgainstReference: Bool
    }

    /// The design of a case with an exact 1-D marginal (d = 1 or a separable product); cases without one use
    /// `CoupledSecantDesign` (PN-V15).
    static func design(_ tier: ClaimRunOptions.Tier) -> Design {
        switch tier {
        case .quick:
            return Design(exactLadder: [0.4, 0.2, 0.1, 0.05], monteCarloSteps: [0.4, 0.2], monteCarloChains: [200_000, 200_000],
                          burnInTime: 4, windowTime: 4, secant: false, assertBiasAgainstReference: false)
        case .full:
            return Design(exactLadder: [0.4, 0.2, 0.1, 0.05, 0.025], monteCarloSteps: [0.4, 0.2],
                          monteCarloChains: [6_000_000, 24_000_000], burnInTime: 4, windowTime: 4, secant: true,
                          assertBiasAgainstReference: true)
        }
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let mc = try MonteCarloCase(claimCase)
        if mc.marginal == nil {
            // no exact marginal (a non-separable case): the variance-reduced coupled secant of PN-V15 decides, in
            // both tiers
            return try coupledSecantVerdicts(mc: mc, options: options)
        }
        var d = design(options.tier)
        if mc.dimension > 1 {
            // product cases: the exact marginal and the containment checks decide; the secant rule's ≈ 10⁷ chains are
            // spent only on the 1-D default case (its range term does not shrink with d)
            // (quick tier: the engine is tied to the exact values at the coarsest step only — the exact slopes decide)
            d = Design(exactLadder: d.exactLadder,
                       monteCarloSteps: options.tier == .quick ? Array(d.monteCarloSteps.prefix(1)) : d.monteCarloSteps,
                       monteCarloChains: d.monteCarloChains.map { min($0, 400_000) }, burnInTime: d.burnInTime,
                       windowTime: d.windowTime, secant: false, assertBiasAgainstReference: d.assertBiasAgainstReference)
        }
        let scale = 1 / max(mc.lipschitz, 1)   // η is measured in units of 1/L
        let omega = Observables(plmc: frequencyCandidates[0],
                                lmc: try observableFrequency(potential: mc.marginal, drift: mc.marginalDrift))
        var verdicts: [ClaimVerdict] = []
        var model: MarginalKernelModel?
        if let potential = mc.marginal, let b1 = mc.marginalDrift {
            let steps = (d.exactLadder + d.monteCarloSteps).map { $0 * scale }
            let m = try MarginalKernelModel(potential: potential, drift: b1, startAtStationarity: mc.startsAtStationarity,
                                            smallestStep: (steps.min() ?? 0.05) / Double(substeps))
            model = m
            let reference: (plmc: Double, lmc: Double)
            do {
                reference = (try Quadrature.gibbsExpectation(of: { cos(omega.plmc * $0) }, potential: potential.potential,
                                                             from: potential.lower, to: potential.upper).value,
                             try Quadrature.gibbsExpectation(of: { cos(omega.lmc * $0) }, potential: potential.potential,
                                                             from: potential.lower, to: potential.upper).value)
            } catch { throw VerificationError.numerical("E_π φ by quadrature: \(error)") }
            verdicts += try exactVerdicts(model: m, ladder: d.exactLadder.map { $0 * scale }, caseName: mc.name,
                                          omega: omega, targetExpectation: reference)
        }
        verdicts += try monteCarloVerdicts(mc: mc, model: model, design: d, scale: scale, omega: omega, options: options)
        return verdicts
    }

    // MARK: exact part

    /// The exact slopes and their mutants; `targetExpectation` = E_π φ (quadrature) for the bias against π, which is
    /// reported next to the subjects (labelled "against π"), not asserted.
    static func exactVerdicts(model: MarginalKernelModel, ladder: [Double], caseName: String, omega: Observables,
                              targetExpectation: (plmc: Double, lmc: Double)? = nil) throws -> [ClaimVerdict] {
        let phiP: (Double) -> Double = { cos(omega.plmc * $0) }, phiL: (Double) -> Double = { cos(omega.lmc * $0) }
        var fine: [Double] = [], lmc: [Double] = [], plmc: [Double] = [], independent: [Double] = [], weight: [Double] = []
        var fineL: [Double] = [], plmcL: [Double] = []
        for eta in ladder {
            let fineLaw = try model.matrix(.lmc(stepSize: eta / Double(substeps))).stationaryLaw()
            fine.append(fineLaw.expectation(phiP))
            fineL.append(fineLaw.expectation(phiL))
            lmc.append(try model.stationaryExpectation(model.matrix(.lmc(stepSize: eta)), phiL))
            let plmcLaw = try model.matrix(.plmc(stepSize: eta, substeps: substeps)).stationaryLaw()
            plmc.append(plmcLaw.expectation(phiP))
            plmcL.append(plmcLaw.expectation(phiL))
            independent.append(try model.stationaryExpectation(
                model.matrix(.plmc(stepSize: eta, substeps: substeps, mutation: .independentMidpointNoise)), phiP))
            weight.append(try model.stationaryExpectation(
                model.matrix(.plmc(stepSize: eta, substeps: substeps, mutation: .correctionWeightOverK)), phiP))
        }
        func differenceL(_ a: [Double]) -> [Double] { zip(a, fineL).map { abs($0 - $1) } }
        func difference(_ a: [Double]) -> [Double] { zip(a, fine).map { abs($0 - $1) } }
        func verdict(_ errors: [Double], subject: String, scheme: SchemeVariant, role: VerdictRole, metric: String, order: Double,
                     tolerance: Double, againstTarget: [Double]? = nil) throws -> ClaimVerdict {
            let (fit, outcome) = try ExactRateRule.evaluate(steps: ladder, errors: errors, expectedOrder: order,
                                                            tolerance: tolerance)
            var numbers = zip(ladder, errors).map { LabelledNumber("exact |Δ E φ| vs fine LMC(η/K) at η = \($0.0)", $0.1) }
            numbers.append(LabelledNumber("ω of φ = (1/d) Σ cos(ω xᵢ)", metric == plmcMetric ? omega.plmc : omega.lmc))
            if let againstTarget, let reference = metric == plmcMetric ? targetExpectation?.plmc : targetExpectation?.lmc {
                let bias = againstTarget.map { $0 - reference }
                numbers += zip(ladder, bias).map { LabelledNumber("exact bias vs π (E φ − E_π φ) at η = \($0.0), not asserted", $0.1) }
                if let first = bias.first, let last = bias.last, ladder.count >= 2, first != 0, last != 0 {
                    numbers.append(LabelledNumber("end-to-end slope of |bias vs π| (theory: first order for fixed K, coefficient C₁(φ)/K; "
                                                  + "not asserted)",
                                                  log(abs(first / last)) / log(ladder[0] / ladder[ladder.count - 1])))
                }
            }
            let expected = ExpectedValue("slope \(order) ± \(tolerance) (exact kernel quadrature, K = \(substeps))", value: order)
            if let fit {
                return ClaimVerdict(claimID: .c10, caseName: caseName, subject: subject, role: role, metric: metric,
                                    expected: expected, fit: fit, outcome: outcome, numbers: numbers, scheme: scheme)
            }
            return ClaimVerdict(claimID: .c10, caseName: caseName, subject: subject, role: role, metric: metric,
                                expected: expected, tolerance: tolerance, outcome: outcome, numbers: numbers, scheme: scheme)
        }
        let k = substeps
        let plmcVariant = SchemeVariant(.plmc(.finite(k)))
        // the bias against π of the same chains, as rows of their own (reported, not asserted; PN-P10 "Against π")
        func againstPi(_ levels: [Double], reference: Double?, subject: String, scheme: SchemeVariant, omega: Double,
                       theory: String) -> ClaimVerdict? {
            guard let reference, ladder.count >= 2 else { return nil }
            let bias = levels.map { $0 - reference }
            guard let first = bias.first, let last = bias.last, first != 0, last != 0 else { return nil }
            let slope = log(abs(first / last)) / log(ladder[0] / ladder[ladder.count - 1])
            var numbers = zip(ladder, bias).map { LabelledNumber("exact bias vs π (E φ − E_π φ) at η = \($0.0)", $0.1) }
            numbers.append(LabelledNumber("ω of φ = (1/d) Σ cos(ω xᵢ)", omega))
            return ClaimVerdict(claimID: .c10, caseName: caseName, subject: subject,
                                metric: "|E φ(scheme) − E_π φ| end-to-end slope in η (bias against π, exact)",
                                expected: ExpectedValue(theory), measured: slope,
                                outcome: .reported("the bias against π of the same chain, shown next to the bias against the "
                                                   + "fine chain so the two meanings can be told apart; not asserted (PN-P10)"),
                                numbers: numbers, scheme: scheme)
        }
        let reportedRows = [
            // on φ_L, whose first-order coefficient C₁ is not nearly zero (on φ_P it can be, PN-P10), so the first order
            // of the fixed-K bias against π shows
            againstPi(plmcL, reference: targetExpectation?.lmc, subject: "PLMC(K=\(k)) against π, exact", scheme: plmcVariant,
                      omega: omega.lmc, theory: "first order for fixed K (fine chain's C₁η/K + O(η²)); not asserted"),
            againstPi(lmc, reference: targetExpectation?.lmc, subject: "LMC against π, exact", scheme: SchemeVariant(.lmc),
                      omega: omega.lmc, theory: "first order (C₁η); not asserted"),
        ].compactMap { $0 }
        return reportedRows + [
            try verdict(difference(plmc), subject: "PLMC(K=\(k)) − fine LMC(η/K), exact", scheme: plmcVariant, role: .subject,
                        metric: plmcMetric, order: plmcOrder, tolerance: plmcTolerance, againstTarget: plmc),
            try verdict(difference(independent), subject: "PLMC(K=\(k)) with independent midpoint noise, exact",
                        scheme: try .checked(.plmc(.finite(k)), .independentMidpointNoise),
                        role: .mutant(SchemeMutation.independentMidpointNoise.description), metric: plmcMetric,
                        order: plmcOrder, tolerance: plmcTolerance),
            try verdict(difference(weight), subject: "PLMC(K=\(k)) with correction weight η/K, exact",
                        scheme: try .checked(.plmc(.finite(k)), .correctionWeightOverK),
                        role: .mutant(SchemeMutation.correctionWeightOverK.description), metric: plmcMetric,
                        order: plmcOrder, tolerance: plmcTolerance),
            try verdict(differenceL(lmc), subject: "LMC − fine LMC(η/K), exact", scheme: SchemeVariant(.lmc), role: .subject,
                        metric: lmcMetric, order: lmcOrder, tolerance: lmcTolerance, againstTarget: lmc),
            try verdict(differenceL(plmcL), subject: "PLMC(K=\(k)) in LMC's place, exact",
                        scheme: try .checked(.lmc, .replacedBy(.plmc(.finite(k)))),
                        role: .mutant(SchemeMutation.replacedBy(.plmc(.finite(k))).description),
                        metric: lmcMetric, order: lmcOrder, tolerance: lmcTolerance),
            try verdict(differenceL(fineL), subject: "fine LMC(η/K) in LMC's place, exact",
                        scheme: try .checked(.lmc, .replacedByFineChain),
                        role: .mutant(SchemeMutation.replacedByFineChain.description), metric: lmcMetric, order: lmcOrder,
                        tolerance: lmcTolerance),
        ]
    }

    // MARK: Monte Carlo part

    static func monteCarloVerdicts(mc: MonteCarloCase, model: MarginalKernelModel?, design d: Design, scale: Double, omega: Observables,
                                   options: ClaimRunOptions) throws -> [ClaimVerdict] {
        // observable 0: φ_P (the PLMC metric and its mutants); observable 1: φ_L (the LMC metric)
        let phi: (Double) -> Double = { cos(omega.plmc * $0) }, phiL: (Double) -> Double = { cos(omega.lmc * $0) }
        let observables = [BoundedObservable.meanCosine(frequency: omega.plmc), BoundedObservable.meanCosine(frequency: omega.lmc)]
        let range: ClosedRange<Double> = -2...2
        let k = substeps
        let plmcVariant = SchemeVariant(.plmc(.finite(k)))
        var verdicts: [ClaimVerdict] = []
        var plmcIntervals: [StatisticalInterval] = [], lmcIntervals: [StatisticalInterval] = []
        var plmcAsLmcIntervals: [StatisticalInterval] = []
        var mutantIntervals: [SchemeMutation: [StatisticalInterval]] = [:]
        var fineAsCoarseMeans: [Double] = []
        let references: [Double]? = try mc.marginal.map { potential throws -> [Double] in
            do {
                return try [phi, phiL].map { f in
                    try Quadrature.gibbsExpectation(of: f, potential: potential.potential, from: potential.lower,
                                                    to: potential.upper).value
                }
            } catch { throw VerificationError.numerical("E_π φ by quadrature: \(error)") }
        }
        let reference = references?[0]
        let secantAlpha = MonteCarloLevels.c10SecantPerCheck / 2
        for (level, baseEta) in d.monteCarloSteps.enumerated() {
            let eta = baseEta * scale
            let burnIn = max(1, Int((d.burnInTime / eta).rounded()))
            let window = max(1, Int((d.windowTime / eta).rounded()))
            var candidates = [CoupledCandidate("LMC", SchemeVariant(.lmc)),
                              CoupledCandidate("PLMC", SchemeVariant(.plmc(.finite(k))))]
            for m in mutations { candidates.append(CoupledCandidate(m.description, try .checked(.plmc(.finite(k)), m))) }
            // PLMC(K = ∞) against π on the 1-D cases (quadrature E_π φ; second order against π), reported
            if model != nil && mc.dimension == 1 { candidates.append(CoupledCandidate("PLMC(K=∞)", SchemeVariant(.plmc(.infinite)))) }
            let ensemble = CoupledDesign(stepSize: eta, substeps: k, chains: d.monteCarloChains[level], burnInSteps: burnIn,
                                         windowSteps: window, seed: derivedSeed(options.seed, "C10 η=\(eta)"),
                                         threads: options.threads, initialLaw: mc.initialLaw, clip: 1)
            let result = try mc.coupled(candidates, observables: observables, design: ensemble)
            func stats(_ name: String) throws -> CandidateStatistics {
                guard let s = result.candidate(name) else { throw VerificationError.numerical("missing candidate \(name)") }
                return s
            }
            let alphaC = MonteCarloLevels.c10ContainmentPerCheck
            let plmcStats = try stats("PLMC"), lmcStats = try stats("LMC")
            // exact window values of the same design
            var exact: [String: Double] = [:]
            if let model {
                let fineMatrix = try model.matrix(.lmc(stepSize: eta / Double(k)))
                let fineWindow = model.windowExpectation(fineMatrix, power: k, burnIn: burnIn, window: window, stride: 1, phi)
                exact["fine"] = fineWindow
                exact["fine-L"] = model.windowExpectation(fineMatrix, power: k, burnIn: burnIn, window: window, stride: 1, phiL)
                exact["LMC"] = model.windowExpectation(try model.matrix(.lmc(stepSize: eta)), power: 1, burnIn: burnIn,
                                                       window: window, stride: 1, phiL)
                // the containment checks (not rate checks) all use φ_L: on ½N(±2, 1) the engine mutants' exact
                // discrepancies are ≈ 10⁻⁴ in φ_P = cos(x/2) (no design margin) but ≈ 10⁻² in φ_L = cos x
                exact["PLMC"] = model.windowExpectation(try model.matrix(.plmc(stepSize: eta, substeps: k)),
                                                        power: 1, burnIn: burnIn, window: window, stride: 1, phiL)
                for m in mutations {
                    exact[m.description] = model.windowExpectation(try model.matrix(.plmc(stepSize: eta, substeps: k, mutation: m)),
                                                                   power: 1, burnIn: burnIn, window: window, stride: 1, phiL)
                }
            }
            let designNote = "η = \(eta), \(ensemble.chains) chains, burn-in \(burnIn) + window \(window) steps"
            // containment: the body shared by subjects and mutants
            func containment(_ s: CandidateStatistics, subject: String, scheme: SchemeVariant, role: VerdictRole, metric: String,
                             exactKey: String, mutantKey: String?, observable o: Int = 0) throws -> ClaimVerdict {
                let interval = try s.difference[o].empiricalBernsteinInterval(
                    statistic: "E φ(\(s.name)) − E φ(fine) at η = \(eta)", range: range, alpha: alphaC)
                guard let exactScheme = exact[exactKey], let exactFine = exact[o == 0 ? "fine" : "fine-L"] else {
                    throw VerificationError.numerical("no exact value for \(exactKey)")
                }
                let value = exactScheme - exactFine
                var numbers = [LabelledNumber("η", eta), LabelledNumber("α", alphaC), LabelledNumber("chains", Double(s.difference[o].count)),
                               LabelledNumber("ω of φ", o == 0 ? omega.plmc : omega.lmc),
                               LabelledNumber("exact window difference", value), LabelledNumber("half-width", interval.halfWidth)]
                let level = try s.level[o].empiricalBernsteinInterval(statistic: "E φ(\(s.name))", range: -1...1, alpha: alphaC)
                if let reference = references?[o] {
                    numbers.append(LabelledNumber("Monte Carlo bias vs E_π φ", level.estimate - reference))
                    numbers.append(LabelledNumber("exact bias vs E_π φ", exactScheme - reference))
                }
                var outcome: ClaimOutcome = interval.contains(value) ? .holds
                    : .fails(String(format: "exact %.6e outside the interval [%.6e, %.6e] (%@)", value, interval.lower,
                                    interval.upper, designNote))
                if let mutantKey, let mutantValue = exact[mutantKey] {
                    let designCheck = try containmentMutantDesign(moments: s.difference[0], range: range, alpha: alphaC,
                                                                  beta: MonteCarloLevels.c10MutantPerCheck, correct: value,
                                                                  mutant: mutantValue - exactFine)
                    numbers.append(LabelledNumber("β", MonteCarloLevels.c10MutantPerCheck))
                    numbers.append(LabelledNumber("mutant exact difference", mutantValue - exactFine))
                    numbers.append(LabelledNumber("design margin |μ′ − μ₀| − t_α − t_β", designCheck.margin))
                    if !designCheck.adequate, !outcome.isFailure {
                        outcome = .inconclusive("design: the mutant's discrepancy does not exceed t_α + t_β (\(designNote))")
                    }
                }
                return ClaimVerdict(claimID: .c10, caseName: mc.name, subject: subject, role: role,
                                    metric: metric + " (engine, η = \(eta))", expected: ExpectedValue("exact \(value)", value: value),
                                    measured: interval.estimate, intervalLower: interval.lower, intervalUpper: interval.upper,
                                    outcome: outcome, numbers: numbers,
                                    ledger: role.isMutant ? .c10MutantContainment : .c10Containment, scheme: scheme)
            }
            if model != nil {
                let metric = "E φ(scheme) − E φ(fine LMC) contains its exact value"
                verdicts.append(try containment(plmcStats, subject: "PLMC(η=\(eta), K=\(k)) engine", scheme: plmcVariant, role: .subject,
                                                metric: metric, exactKey: "PLMC", mutantKey: nil, observable: 1))
                for m in mutations {
                    verdicts.append(try containment(try stats(m.description), subject: "PLMC(η=\(eta), K=\(k)) with \(m)",
                                                    scheme: try .checked(.plmc(.finite(k)), m),
                                                    role: .mutant(m.description), metric: metric, exactKey: "PLMC",
                                                    mutantKey: m.description, observable: 1))
                }
                verdicts.append(try containment(lmcStats, subject: "LMC(η=\(eta)) engine", scheme: SchemeVariant(.lmc), role: .subject, metric: metric,
                                                exactKey: "LMC", mutantKey: nil, observable: 1))
                // PLMC(K = ∞) against π: second order (reported with its interval, not asserted)
                if let reference, let infinite = result.candidate("PLMC(K=∞)") {
                    let alphaR = MonteCarloLevels.c10ContainmentPerCheck
                    let level = try infinite.level[0].empiricalBernsteinInterval(statistic: "E φ(PLMC(K=∞))", range: -1...1,
                                                                                 alpha: alphaR)
                    verdicts.append(ClaimVerdict(
                        claimID: .c10, caseName: mc.name, subject: "PLMC(η=\(eta), K=∞) against π, engine",
                        metric: "E φ(PLMC(η,K=∞)) − E_π φ (bias against π, Monte Carlo, same window)",
                        expected: ExpectedValue("second order against π (K = ∞); not asserted"),
                        measured: level.estimate - reference, intervalLower: level.lower - reference,
                        intervalUpper: level.upper - reference,
                        outcome: .reported(String(format: "not asserted (%d chains, empirical Bernstein at α = %.0e, "
                                                  + "half-width %.1e): ", ensemble.chains, alphaR, level.halfWidth)
                                           + (level.lower <= reference && reference <= level.upper
                                              ? "the interval contains 0, so this design does not resolve the O(η²) bias"
                                              : "the bias is resolved at this η, but one or two steps give no slope to assert")),
                        numbers: [LabelledNumber("α (stated, not spent: not asserted)", alphaR), LabelledNumber("E_π φ", reference),
                                  LabelledNumber("ω of φ", omega.plmc)],
                        scheme: SchemeVariant(.plmc(.infinite)), bracket: .confidence))
                }
                // fine-chain check: fine LMC against the quadrature reference
                if let reference, let exactFine = exact["fine"] {
                    let alphaQ = MonteCarloLevels.c10QuadraturePerCheck
                    let fineInterval = try result.fineLevel[0].empiricalBernsteinInterval(
                        statistic: "E φ(fine LMC(η/K))", range: -1...1, alpha: alphaQ)
                    let biasBound = abs(exactFine - reference) + 1e-9
                    let ok = abs(fineInterval.estimate - reference) <= fineInterval.halfWidth + biasBound
                    verdicts.append(ClaimVerdict(
                        claimID: .c10, caseName: mc.name, subject: "fine LMC(η/K = \(eta / Double(k))) engine",
                        metric: "E φ within half-width + |exact LMC(η/K) bias| of the quadrature E_π φ",
                        expected: ExpectedValue("E_π φ = \(reference)", value: reference), measured: fineInterval.estimate,
                        intervalLower: fineInterval.lower - biasBound, intervalUpper: fineInterval.upper + biasBound,
                        outcome: ok ? .holds : .fails(String(format: "|%.6e − %.6e| > %.3e + %.3e", fineInterval.estimate,
                                                               reference, fineInterval.halfWidth, biasBound)),
                        numbers: [LabelledNumber("α", alphaQ), LabelledNumber("bias bound (exact)", biasBound),
                                  LabelledNumber("half-width", fineInterval.halfWidth)], ledger: .c10Quadrature,
                        scheme: SchemeVariant(.lmc)))
                }
                if d.assertBiasAgainstReference {
                    for (key, s) in [("LMC", lmcStats), ("PLMC", plmcStats)] {
                        let o = 1   // the exact window values are of φ_L
                        let reference = references?[o]
                        let level = try s.level[o].empiricalBernsteinInterval(statistic: "E φ(\(key))", range: -1...1,
                                                                               alpha: alphaC)
                        let value = exact[key] ?? .nan
                        verdicts.append(ClaimVerdict(
                            claimID: .c10, caseName: mc.name, subject: "\(key)(η=\(eta)) engine",
                            metric: "E φ(scheme) contains its exact value (bias vs E_π φ = \((value - (reference ?? .nan))))",
                            expected: ExpectedValue("exact \(value)", value: value), measured: level.estimate,
                            intervalLower: level.lower, intervalUpper: level.upper,
                            outcome: level.contains(value) ? .holds : .fails("exact \(value) outside \(level)"),
                            numbers: [LabelledNumber("α", alphaC), LabelledNumber("E_π φ", reference ?? .nan)],
                            ledger: .c10Containment, scheme: key == "LMC" ? SchemeVariant(.lmc) : plmcVariant))
                    }
                }
            }
            if d.secant && (level == 0 || level == d.monteCarloSteps.count - 1) {
                plmcIntervals.append(try plmcStats.difference[0].empiricalBernsteinInterval(
                    statistic: "PLMC − fine at η = \(eta)", range: range, alpha: secantAlpha))
                lmcIntervals.append(try lmcStats.difference[1].empiricalBernsteinInterval(
                    statistic: "LMC − fine at η = \(eta)", range: range, alpha: secantAlpha))
                plmcAsLmcIntervals.append(try plmcStats.difference[1].empiricalBernsteinInterval(
                    statistic: "PLMC − fine (φ_L) at η = \(eta)", range: range, alpha: secantAlpha))
                for m in mutations {
                    mutantIntervals[m, default: []].append(try stats(m.description).difference[0].empiricalBernsteinInterval(
                        statistic: "\(m) − fine at η = \(eta)", range: range, alpha: secantAlpha))
                }
                // the deterministic mutant "fine LMC in LMC's place" needs no large sample: its difference is exactly 0
                var small = ensemble
                small.chains = 1_000
                let fineRun = try mc.coupled([CoupledCandidate("fine-as-coarse",
                                                               try .checked(.plmc(.finite(k)), .fineChainAsCoarseStep))],
                                             observables: observables, design: small)
                let fineStats = fineRun.candidates[0].difference[0]
                fineAsCoarseMeans.append(max(abs(fineStats.minimum), abs(fineStats.maximum)))
            }
        }
        if d.secant {
            let ends = [d.monteCarloSteps.first!, d.monteCarloSteps.last!].map { $0 * scale }
            func secant(_ intervals: [StatisticalInterval], subject: String, scheme: SchemeVariant, role: VerdictRole, metric: String,
                        order: Double, tolerance: Double) throws -> ClaimVerdict {
                let expected = ExpectedValue("secant slope \(order) ± \(tolerance) (R15)", value: order)
                let errors = try intervals.map { try $0.absoluteValueInterval() }
                guard errors.allSatisfy({ $0.lower > 0 }) else {
                    let allZero = intervals.allSatisfy { $0.estimate == 0 && $0.upper - $0.lower < 1e-300 }
                    return ClaimVerdict(claimID: .c10, caseName: mc.name, subject: subject, role: role, metric: metric,
                                        expected: expected, tolerance: tolerance,
                                        outcome: allZero ? .fails("the difference vanishes: no power law C·η^\(order)")
                                                         : .inconclusive("an error interval contains 0 (R14: more chains needed)"),
                                        scheme: scheme)
                }
                let decision = try SecantSlopeRule.decide(coarse: errors[0], fine: errors[1], coarseStep: ends[0],
                                                          fineStep: ends[1], expectedOrder: order, tolerance: tolerance)
                let outcome = decision.outcome()
                return ClaimVerdict(claimID: .c10, caseName: mc.name, subject: subject, role: role, metric: metric + " (Monte Carlo secant)",
                                    expected: expected, measured: log(abs(intervals[0].estimate / intervals[1].estimate)) / log(ends[0] / ends[1]),
                                    intervalLower: decision.slopeLower, intervalUpper: decision.slopeUpper,
                                    tolerance: tolerance, outcome: outcome,
                                    numbers: [LabelledNumber(role.isMutant ? "β" : "α", role.isMutant
                                                                 ? MonteCarloLevels.c10MutantPerCheck : MonteCarloLevels.c10SecantPerCheck),
                                              LabelledNumber("design width", decision.width)],
                                    ledger: role.isMutant ? .c10MutantSecant : .c10Secant, scheme: scheme, bracket: .secant)
            }
            verdicts.append(try secant(plmcIntervals, subject: "PLMC(K=\(k)) − fine LMC, engine", scheme: plmcVariant, role: .subject,
                                       metric: plmcMetric, order: plmcOrder, tolerance: plmcTolerance + 0.1))
            for m in mutations {
                verdicts.append(try secant(mutantIntervals[m] ?? [], subject: "PLMC(K=\(k)) with \(m), engine",
                                           scheme: try .checked(.plmc(.finite(k)), m),
                                           role: .mutant(m.description), metric: plmcMetric, order: plmcOrder,
                                           tolerance: plmcTolerance + 0.1))
            }
            verdicts.append(try secant(lmcIntervals, subject: "LMC − fine LMC, engine", scheme: SchemeVariant(.lmc), role: .subject, metric: lmcMetric,
                                       order: lmcOrder, tolerance: lmcTolerance + 0.1))
            verdicts.append(try secant(plmcAsLmcIntervals, subject: "PLMC(K=\(k)) in LMC's place, engine",
                                       scheme: try .checked(.lmc, .replacedBy(.plmc(.finite(k)))),
                                       role: .mutant(SchemeMutation.replacedBy(.plmc(.finite(k))).description),
                                       metric: lmcMetric, order: lmcOrder, tolerance: lmcTolerance + 0.1))
            verdicts.append(try fineChainInLMCPlaceVerdict(caseName: mc.name,
                                                           vanishes: fineAsCoarseMeans.allSatisfy { $0 == 0 },
                                                           method: "Monte Carlo secant"))
        }
        return verdicts
    }

    /// The deterministic mutant "fine LMC in LMC's place": its difference from the fine chain vanishes identically,
    /// so no power law C·η fits it and it fails LMC's order; a non-zero difference means the coupling is broken
    /// (inconclusive). `method` names the secant design in the metric.
    static func fineChainInLMCPlaceVerdict(caseName: String, vanishes: Bool, method: String) throws -> ClaimVerdict {
        ClaimVerdict(claimID: .c10, caseName: caseName, subject: "fine LMC in LMC's place, engine",
                     role: .mutant(SchemeMutation.replacedByFineChain.description), metric: lmcMetric + " (\(method))",
                     expected: ExpectedValue("secant slope \(DeclaredOrder.text(lmcOrder))", value: lmcOrder),
                     outcome: vanishes ? .fails("the difference vanishes identically: no power law C·η")
                                       : .inconclusive("fine LMC in LMC's place differs from the fine chain"),
                     scheme: try .checked(.lmc, .replacedByFineChain))
    }
}

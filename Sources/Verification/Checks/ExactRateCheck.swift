import Foundation
import ReferenceLaws
import SchemeVocabulary

/// The plan of one exact rate check: the metric, the claimed order p with δ_model = p/10, the ladder (inside
/// the asymptotic range of the correct scheme's exact series) and the rounding floor (PN-V01, PN-V02).
public struct ExactRatePlan: Sendable {
    public let claimID: ClaimID
    public let caseName: String
    public let metricText: String
    public let expectedOrder: Double
    public let tolerance: Double
    public let steps: [Double]
    /// x₀ = h₀·λ_max: the largest ηλ on the ladder.
    public let scale: Double
    /// max |s(x) − p| of the correct scheme's 1-D exact series below x₀ (≤ δ/2 by construction); nil when the
    /// range comes from a stated rule instead of a series scan (C7, C8, C9).
    public let seriesDeviation: Double?
    public let floor: Double
    /// The leading constant predicted by the exact series, C in e ≈ C h^p (nil if none is stated).
    public let predictedConstant: Double?
    /// How `scale` is labelled in the verdict's numbers.
    public var scaleLabel = "x0 = h0·λmax"
}

/// The one body every exact rate check runs — for the subject and, unchanged, for each mutant (R18).
public enum ExactRateCheck {
    /// δ_model = p/10 for an exact rate of order p: 2δ < 1 ≤ the gap to every competing order, so an order
    /// differing by ≥ 1 (every mutant here) is rejected (PN-V01).
    public static func tolerance(forOrder p: Double) -> Double { abs(p) / 10 }

    /// The default number of halvings of a ladder: 5 (quick), 8 (full).
    public static func defaultLevels(_ tier: ClaimRunOptions.Tier) -> Int { tier == .quick ? 5 : 8 }

    /// The ladder of a case: the case's own ladder trimmed to hλ_max ≤ x₀, or h₀ = x₀/λ_max with the tier's
    /// number of halvings. Nil when fewer than three steps remain.
    public static func ladder(x0: Double, largestEigenvalue lambdaMax: Double, settings: ClaimCaseSettings,
                              tier: ClaimRunOptions.Tier) throws(VerificationError) -> [Double]? {
        if let ladder = settings.ladder {
            let steps = ladder.steps.filter { $0 * lambdaMax <= x0 * (1 + 1e-12) }
            return steps.count >= 3 ? steps : nil
        }
        return try RateLadder(initialStep: x0 / lambdaMax, levels: defaultLevels(tier)).steps
    }

    /// x₀ from the exact 1-D series g of the correct scheme (`AsymptoticRange`, deviation ≤ δ/2 below x₀) and
    /// the deviation actually reached.
    public static func asymptoticScale(expectedOrder p: Double, upperLimit: Double,
                                       series g: (Double) throws -> Double) throws(VerificationError)
        -> (x0: Double, deviation: Double)?
    {
        let delta = tolerance(forOrder: p)
        guard let x0 = try AsymptoticRange.largestScale(expectedOrder: p, maximumDeviation: delta / 2,
                                                        upperLimit: upperLimit, minimumRange: 9, error: g)
        else { return nil }
        let deviation = try AsymptoticRange.maximumDeviation(expectedOrder: p, below: x0, span: 9, error: g)
        return (x0, deviation)
    }

    /// The verdict of a law provider under `plan`: e(η) = metric(provider's law at η, reference at η).
    public static func verdict(_ plan: ExactRatePlan, _ provider: LawProvider,
                               reference: @escaping (Double) throws -> GaussianLaw,
                               measure: @escaping (ChainMoments, GaussianLaw) throws -> Double) -> ClaimVerdict {
        verdict(plan, subject: provider.subject, role: provider.role, scheme: provider.scheme) { eta in
            try measure(try provider.law(eta), try reference(eta))
        }
    }

    /// THE body: errors e(hₖ) on the plan's ladder, the exact fit, and the decision of `ExactRateRule`.
    public static func verdict(_ plan: ExactRatePlan, subject: String, role: VerdictRole, scheme: SchemeVariant? = nil,
                               error: (Double) throws -> Double) -> ClaimVerdict {
        let expected = ExpectedValue("slope \(format(plan.expectedOrder)) ± \(format(plan.tolerance))",
                                     value: plan.expectedOrder)
        var numbers = [LabelledNumber(plan.scaleLabel, plan.scale), LabelledNumber("rounding floor", plan.floor)]
        if let deviation = plan.seriesDeviation { numbers.append(LabelledNumber("series deviation", deviation)) }
        var errors: [Double] = []
        do {
            for eta in plan.steps { errors.append(try error(eta)) }
            let (fit, outcome) = try ExactRateRule.evaluate(steps: plan.steps, errors: errors,
                                                            expectedOrder: plan.expectedOrder,
                                                            tolerance: plan.tolerance, floor: plan.floor)
            if let last = errors.last, let h = plan.steps.last, last > 0 {
                numbers.append(LabelledNumber("constant e/h^p at finest", last / pow(h, plan.expectedOrder)))
            }
            if let predicted = plan.predictedConstant { numbers.append(LabelledNumber("constant predicted", predicted)) }
            guard let fit else {
                return ClaimVerdict(claimID: plan.claimID, caseName: plan.caseName, subject: subject, role: role,
                                    metric: plan.metricText, expected: expected, tolerance: plan.tolerance,
                                    outcome: outcome, numbers: numbers, scheme: scheme)
            }
            return ClaimVerdict(claimID: plan.claimID, caseName: plan.caseName, subject: subject, role: role,
                                metric: plan.metricText, expected: expected, fit: fit, outcome: outcome, numbers: numbers,
                                scheme: scheme)
        } catch {
            let h = plan.steps[min(errors.count, plan.steps.count - 1)]
            return ClaimVerdict(claimID: plan.claimID, caseName: plan.caseName, subject: subject, role: role,
                                metric: plan.metricText, expected: expected, tolerance: plan.tolerance,
                                outcome: .inconclusive("law or metric failed at h = \(h): \(error)"), numbers: numbers,
                                scheme: scheme)
        }
    }

    /// The verdicts of `subjects` that cannot be planned (no asymptotic range): inconclusive.
    static func unplanned(claimID: ClaimID, caseName: String, metricText: String, expectedOrder p: Double,
                          subjects: [(String, VerdictRole)], reason: String) -> [ClaimVerdict] {
        let delta = tolerance(forOrder: p)
        return subjects.map {
            ClaimVerdict(claimID: claimID, caseName: caseName, subject: $0.0, role: $0.1, metric: metricText,
                         expected: ExpectedValue("slope \(format(p)) ± \(format(delta))", value: p), tolerance: delta,
                         outcome: .inconclusive(reason))
        }
    }

    static func format(_ x: Double) -> String { String(format: "%g", x) }
}

extension ExactRateCheck {
    /// Plans a stationary-law rate check on a case and runs the subject and every mutant through `verdict`.
    ///
    /// - Parameters:
    ///   - series: the correct subject's 1-D exact per-block error g(x), x = ηλ (from the printed closed forms),
    ///     which fixes the asymptotic range x₀ (deviation ≤ δ/2) and hence the ladder.
    ///   - reference: η ↦ the reference Gaussian (default: the target π).
    static func stationaryRate(
        claimID: ClaimID, claimCase: ClaimCase, target: GaussianTarget, options: ClaimRunOptions,
        metric: StationaryMetric, metricText: String, expectedOrder p: Double, upperLimit: Double,
        predictedConstant: Double?, reference: (@Sendable (Double) throws -> GaussianLaw)? = nil,
        series: (Double) throws -> Double, subject: LawProvider, mutants: [LawProvider]
    ) throws(VerificationError) -> [ClaimVerdict] {
        let delta = tolerance(forOrder: p)
        guard let (x0, deviation) = try asymptoticScale(expectedOrder: p, upperLimit: upperLimit, series: series),
              let steps = try ladder(x0: x0, largestEigenvalue: target.largestEigenvalue, settings: claimCase.settings,
                                     tier: options.tier)
        else {
            return unplanned(claimID: claimID, caseName: claimCase.name, metricText: metricText, expectedOrder: p,
                             subjects: ([subject] + mutants).map { ($0.subject, $0.role) },
                             reason: "no ladder inside the asymptotic range (|s(x) − p| ≤ δ/2) of the exact series")
        }
        let pi = try target.law()
        let referenceLaw: @Sendable (Double) throws -> GaussianLaw = reference ?? { _ in pi }
        let floor: Double
        do { floor = try metric.roundingFloor(reference: try referenceLaw(steps[0])) } catch {
            throw VerificationError.wrap(error, "reference law at h₀ = \(steps[0])")
        }
        let plan = ExactRatePlan(
            claimID: claimID, caseName: claimCase.name, metricText: metricText, expectedOrder: p, tolerance: delta,
            steps: steps, scale: steps[0] * target.largestEigenvalue, seriesDeviation: deviation, floor: floor,
            predictedConstant: predictedConstant)
        return ([subject] + mutants).map {
            verdict(plan, $0, reference: referenceLaw) { law, ref in try metric.value(of: law, reference: ref) }
        }
    }
}

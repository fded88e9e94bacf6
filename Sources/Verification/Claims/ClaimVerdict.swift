import SchemeVocabulary

/// What a check concluded.
public enum ClaimOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The measured relation agrees with the claim (within the stated tolerance).
    case holds
    /// The measured relation contradicts the claim; the reason gives the numbers.
    case fails(String)
    /// The case lacks an assumption the claim needs: reported, not asserted.
    case outsideAssumptions(String)
    /// The check could not decide (too few usable ladder levels, errors at the rounding floor, a law that
    /// could not be computed); the reason says why.
    case inconclusive(String)
    /// A number reported next to the asserted checks so that the reader sees what it means (e.g. C10's bias against
    /// π beside the bias against the fine chain), never asserted: it neither holds nor fails; the reason says why it
    /// is not asserted.
    case reported(String)

    public var holds: Bool { self == .holds }

    public var isFailure: Bool {
        if case .fails = self { return true }
        return false
    }

    /// Outside the assumptions or reported: shown, never asserted.
    public var isAsserted: Bool {
        switch self {
        case .outsideAssumptions, .reported: return false
        default: return true
        }
    }

    /// "holds", "fails", "outside assumptions" or "inconclusive".
    public var label: String {
        switch self {
        case .holds: return "holds"
        case .fails: return "fails"
        case .outsideAssumptions: return "outside assumptions"
        case .inconclusive: return "inconclusive"
        case .reported: return "reported"
        }
    }

    public var reason: String? {
        switch self {
        case .holds: return nil
        case let .fails(r), let .outsideAssumptions(r), let .inconclusive(r), let .reported(r): return r
        }
    }

    public var description: String { reason.map { "\(label): \($0)" } ?? label }
}

/// Whether a verdict is about the claim's subject (which should hold) or about a mutant (a deliberately wrong
/// scheme run through the same check, which must be rejected: docs/testing-policy.md R18).
public enum VerdictRole: Sendable, Equatable, CustomStringConvertible {
    case subject
    /// A mutant, named (e.g. "independent midpoint noise").
    case mutant(String)

    public var isMutant: Bool {
        if case .mutant = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .subject: return "subject"
        case let .mutant(name): return "mutant: \(name)"
        }
    }
}

/// The expected value of a check: words and, when there is one, the number (an order, a threshold, a ratio).
public struct ExpectedValue: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let value: Double?

    public init(_ text: String, value: Double? = nil) {
        self.text = text
        self.value = value
    }

    public var description: String { text }
}

/// What the bracket [intervalLower, intervalUpper] of a verdict is (the verdict table tags it, the CSV and JSON
/// carry it): never a bare "interval" whose meaning the reader must guess.
public enum VerdictBracket: String, Sendable, Equatable, CaseIterable {
    /// Exact (noise-free) errors: [min, max] of the local slopes; the fitted slope lies inside (PN-V01). Not a
    /// confidence interval: it measures how straight the log–log line is.
    case localSlopeEnvelope = "env"
    /// Monte Carlo errors: the secant slope interval of docs/testing-policy.md R15 at the verdict's level α.
    case secant = "sec"
    /// A guaranteed-level interval of a Monte Carlo estimate (empirical Bernstein, Hoeffding) at the verdict's α.
    case confidence = "ci"
    /// An exact interval of a count (Clopper–Pearson for a binomial, Garwood for a Poisson count) at level α.
    case exactCount = "count"

    /// One line for the table's legend.
    public var legend: String {
        switch self {
        case .localSlopeEnvelope: return "env = range of the local slopes of exact errors (no noise; not a confidence interval)"
        case .secant: return "sec = guaranteed-level secant slope interval of Monte Carlo errors (docs/testing-policy.md R15)"
        case .confidence: return "ci = guaranteed-level interval of a Monte Carlo estimate"
        case .exactCount: return "count = exact interval of a count (Clopper–Pearson / Garwood)"
        }
    }
}

/// A labelled number attached to a verdict (a measured constant, a ladder end, a tolerance, …).
public struct LabelledNumber: Sendable, Equatable, CustomStringConvertible {
    public let label: String
    public let value: Double

    public init(_ label: String, _ value: Double) {
        self.label = label
        self.value = value
    }

    public var description: String { "\(label) = \(value)" }
}

/// The result of checking one claim, for one subject (the scheme the claim is about, or a mutant), on one case,
/// with every number needed to print a verdict table, a CSV row or a plot. Checks return these; they never print.
public struct ClaimVerdict: Sendable, Equatable, CustomStringConvertible {
    public let claimID: ClaimID
    public let caseName: String
    /// The scheme (or law) measured, e.g. "PLMC(K=∞)" or "PLMC(K=∞) with independent midpoint noise".
    public let subject: String
    public let role: VerdictRole
    /// What is measured, e.g. "‖Σ(η) − A⁻¹‖_F slope in η".
    public let metric: String
    public let expected: ExpectedValue
    /// The measured exponent (or value) compared with `expected`.
    public let measured: Double?
    /// The bracket around `measured` (what it is: `bracket`): for exact rates the envelope of the local slopes, for
    /// Monte Carlo rates the guaranteed-level secant interval, for estimates their guaranteed-level interval; nil
    /// when there is none.
    public let intervalLower: Double?
    public let intervalUpper: Double?
    /// The tolerance δ the decision used.
    public let tolerance: Double?
    public let outcome: ClaimOutcome
    /// The rate data (ladder, errors, local slopes, fit), for rate checks.
    public let rate: RateFit?
    public let numbers: [LabelledNumber]
    /// The budget-ledger entry this check spends its level from (nil for deterministic checks and for checks that
    /// reuse intervals already budgeted). The level spent is the number labelled "α" (a subject) or "β" (a mutant).
    public let ledger: LedgerID?
    /// The scheme (correct or mutated) the verdict measures, when it measures one: its theory gives the cost axis of the
    /// plots (`DriftCost`). Nil for verdicts about a relation between schemes or about a law.
    public let scheme: SchemeVariant?
    /// What the bracket is when it is not implied by `rate` (nil: the rate's kind, else a confidence interval).
    public let declaredBracket: VerdictBracket?

    public init(claimID: ClaimID, caseName: String, subject: String, role: VerdictRole = .subject, metric: String,
                expected: ExpectedValue, measured: Double? = nil, intervalLower: Double? = nil,
                intervalUpper: Double? = nil, tolerance: Double? = nil, outcome: ClaimOutcome, rate: RateFit? = nil,
                numbers: [LabelledNumber] = [], ledger: LedgerID? = nil, scheme: SchemeVariant? = nil,
                bracket: VerdictBracket? = nil) {
        self.claimID = claimID
        self.caseName = caseName
        self.subject = subject
        self.role = role
        self.metric = metric
        self.expected = expected
        self.measured = measured
        self.intervalLower = intervalLower
        self.intervalUpper = intervalUpper
        self.tolerance = tolerance
        self.outcome = outcome
        self.rate = rate
        self.numbers = numbers
        self.ledger = ledger
        self.scheme = scheme
        self.declaredBracket = bracket
    }

    /// What [intervalLower, intervalUpper] is; nil when the verdict has no bracket.
    public var bracket: VerdictBracket? {
        guard intervalLower != nil, intervalUpper != nil else { return nil }
        if let declaredBracket { return declaredBracket }
        if let rate {
            switch rate.intervalKind {
            case .localSlopeEnvelope: return .localSlopeEnvelope
            case .secant: return .secant
            }
        }
        return .confidence
    }

    /// A verdict built from a rate fit: measured = the fit's reported slope (the least-squares slope of exact errors,
    /// inside their local-slope envelope; the secant slope of Monte Carlo point estimates, inside the secant
    /// interval), interval = the fit's slope interval.
    public init(claimID: ClaimID, caseName: String, subject: String, role: VerdictRole = .subject, metric: String,
                expected: ExpectedValue, fit: RateFit, outcome: ClaimOutcome, numbers: [LabelledNumber] = [],
                ledger: LedgerID? = nil, scheme: SchemeVariant? = nil) {
        self.init(claimID: claimID, caseName: caseName, subject: subject, role: role, metric: metric, expected: expected,
                  measured: fit.reportedSlope, intervalLower: fit.slopeLower, intervalUpper: fit.slopeUpper,
                  tolerance: fit.tolerance, outcome: outcome, rate: fit, numbers: numbers, ledger: ledger, scheme: scheme)
    }

    /// The check behaved as it should: a subject holds, a mutant is rejected (`.fails`). Verdicts outside the
    /// assumptions or inconclusive are never "as expected".
    public var asExpected: Bool {
        switch role {
        case .subject: return outcome.holds
        case .mutant: return outcome.isFailure
        }
    }

    /// The number labelled `label`, if present.
    public func number(_ label: String) -> Double? { numbers.first { $0.label == label }?.value }

    public var description: String {
        var text = "\(claimID) [\(caseName)] \(subject) (\(role)): \(metric); expected \(expected)"
        if let measured { text += "; measured \(measured)" }
        if let lo = intervalLower, let hi = intervalUpper { text += " ∈ [\(lo), \(hi)]" }
        if let tolerance { text += ", δ = \(tolerance)" }
        text += " → \(outcome)"
        if !numbers.isEmpty { text += "; " + numbers.map(\.description).joined(separator: ", ") }
        return text
    }
}

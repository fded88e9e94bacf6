// Shrinking: after a property fails, look for a simpler case that still fails (docs/testing-policy.md §5).

/// A case that can propose simpler versions of itself.
///
/// `shrinkCandidates()` lists strictly simpler cases, simplest first; the greedy shrinker keeps the first
/// candidate that still fails and asks it for candidates in turn. "Strictly simpler" must be well founded
/// (e.g. smaller d, smaller κ on a fixed grid, diagonal instead of rotated, zero mean), so shrinking ends.
public protocol Shrinkable {
    func shrinkCandidates() -> [Self]
}

/// The result of shrinking a failing case.
public struct ShrinkResult<Case> {
    /// The simplest failing case found.
    public let minimal: Case
    /// The failure message of `minimal`.
    public let message: String
    /// How many candidates were accepted (each one a strictly simpler failing case).
    public let acceptedSteps: Int
    /// How many candidates were evaluated.
    public let attempts: Int
    /// True when the attempt budget ran out before a fixed point was reached.
    public let exhaustedAttempts: Bool
}

/// Greedy shrinking: repeat { take the first candidate of the current case that still fails } until no
/// candidate fails or `maxAttempts` property evaluations have been spent.
///
/// - Parameters:
///   - failing: a case for which `failure` returned a message.
///   - message: that message.
///   - candidates: simpler cases, simplest first.
///   - failure: the failure message of a case, or nil if the property holds for it.
public func shrinkGreedily<Case>(
    _ failing: Case, message: String, maxAttempts: Int,
    candidates: (Case) -> [Case], failure: (Case) -> String?
) -> ShrinkResult<Case> {
    var current = failing
    var currentMessage = message
    var attempts = 0
    var accepted = 0
    var exhausted = false
    search: while true {
        for candidate in candidates(current) {
            guard attempts < maxAttempts else { exhausted = true; break search }
            attempts += 1
            if let candidateMessage = failure(candidate) {
                current = candidate
                currentMessage = candidateMessage
                accepted += 1
                continue search
            }
        }
        break
    }
    return ShrinkResult(minimal: current, message: currentMessage, acceptedSteps: accepted,
                        attempts: attempts, exhaustedAttempts: exhausted)
}

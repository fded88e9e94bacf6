// The engine behind `forAllCases`, free of XCTest so that its behaviour (sub-seeds, shrinking, reports) can be
// tested on properties that are meant to fail.
import Randomness

/// A failure found by `PropertyRunner.run`, before and after shrinking.
public struct PropertyFailure<Case> {
    /// The index of the failing case (what `TEST_CASE` must be set to).
    public let caseIndex: Int
    /// Its seed: `TestSeed.caseSeed(base:index:)`.
    public let caseSeed: UInt64
    public let original: Case
    public let originalMessage: String
    public let shrink: ShrinkResult<Case>
}

/// The result of running a property over generated cases.
public struct PropertyRunReport<Case> {
    /// The base seed of the run.
    public let baseSeed: UInt64
    /// The case indices that were evaluated (all of 0..<count, or the one chosen by `TEST_CASE`), up to and
    /// including the first failure.
    public let casesRun: [Int]
    /// The first failure, if any (the run stops there).
    public let failure: PropertyFailure<Case>?

    /// A multi-line report: seed, case index, failure messages, the original and the shrunk case, shrink
    /// statistics, and the replay command (if `identity` is given). Nil if the property held.
    public func failureReport(identity: TestIdentity?, describe: (Case) -> String = { String(describing: $0) }) -> String? {
        guard let failure else { return nil }
        let shrink = failure.shrink
        var lines = [
            "Property failed at case \(failure.caseIndex) (case seed \(failure.caseSeed)) of base seed \(baseSeed).",
            "Failure: \(failure.originalMessage)",
            "Original case:",
            describe(failure.original),
        ]
        if shrink.acceptedSteps > 0 {
            lines += [
                "Shrunk case (\(shrink.acceptedSteps) simplifications, \(shrink.attempts) attempts"
                    + (shrink.exhaustedAttempts ? ", attempt budget exhausted" : ", minimal") + "):",
                describe(shrink.minimal),
                "Failure of the shrunk case: \(shrink.message)",
            ]
        } else {
            lines.append("No simpler failing case found (\(shrink.attempts) attempts).")
        }
        if let identity {
            lines.append("Replay: \(identity.replayCommand(seed: baseSeed, caseIndex: failure.caseIndex))")
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs properties over cases drawn from per-case sub-seeds, and shrinks the first failure.
public enum PropertyRunner {
    /// Evaluates `body` on a case; a thrown error is a failure whose message is the error's description.
    public static func evaluate<Case>(_ body: (Case) throws -> PropertyOutcome, on value: Case) -> String? {
        do {
            return try body(value).failureMessage
        } catch {
            return "threw \(type(of: error)): \(error)"
        }
    }

    /// Runs case `i` for each i in `indices` (in order): the case is `generator(&Xoshiro256StarStar(seed:
    /// TestSeed.caseSeed(base: baseSeed, index: i)))`. Stops at the first failure and shrinks it greedily
    /// with `shrink`, spending at most `maxShrinkAttempts` evaluations.
    public static func run<Case>(
        baseSeed: UInt64, indices: [Int], maxShrinkAttempts: Int = 500,
        generator: (inout Xoshiro256StarStar) -> Case,
        shrink: (Case) -> [Case],
        body: (Case) throws -> PropertyOutcome
    ) -> PropertyRunReport<Case> {
        var run: [Int] = []
        for index in indices {
            run.append(index)
            let caseSeed = TestSeed.caseSeed(base: baseSeed, index: index)
            var rng = Xoshiro256StarStar(seed: caseSeed)
            let value = generator(&rng)
            guard let message = evaluate(body, on: value) else { continue }
            let shrunk = shrinkGreedily(value, message: message, maxAttempts: maxShrinkAttempts,
                                        candidates: shrink, failure: { evaluate(body, on: $0) })
            let failure = PropertyFailure(caseIndex: index, caseSeed: caseSeed, original: value,
                                          originalMessage: message, shrink: shrunk)
            return PropertyRunReport(baseSeed: baseSeed, casesRun: run, failure: failure)
        }
        return PropertyRunReport(baseSeed: baseSeed, casesRun: run, failure: nil)
    }
}

// What a seeded test carries around: who it is, its base seed, and how to replay it.
import XCTest
import Randomness

/// The seed and replay information of one running test (docs/testing-policy.md R3, R5).
///
/// ```swift
/// func testMeanOfUniforms() throws {
///     let context = try TestContext(self)
///     var rng = context.makeGenerator()
///     …
///     assertInterval(interval, contains: 0.5, budgetID: "TS.selftest.hoeffding", context: context)
/// }
/// ```
public struct TestContext: Sendable, CustomStringConvertible {
    public let identity: TestIdentity
    /// The base seed (what `TEST_SEED` must be set to in order to replay).
    public let seed: UInt64
    public let seedSource: SeedSource
    /// The property case this context belongs to, if any (what `TEST_CASE` must be set to).
    public let caseIndex: Int?
    /// Free text added to failure messages (scheme, step size, …).
    public let note: String

    /// Resolves the seed of `testCase` from its name and the process environment.
    public init(_ testCase: XCTestCase, note: String = "") throws(TestSeedError) {
        try self.init(identity: TestIdentity(testCase), environment: ProcessInfo.processInfo.environment, note: note)
    }

    /// Resolves the seed of `identity` under an explicit environment.
    public init(identity: TestIdentity, environment: [String: String], note: String = "") throws(TestSeedError) {
        let resolved = try TestSeed.baseSeed(for: identity.id, environment: environment)
        self.init(identity: identity, seed: resolved.value, seedSource: resolved.source, note: note)
    }

    /// A context with an explicit seed (no environment lookup).
    public init(identity: TestIdentity, seed: UInt64, seedSource: SeedSource, caseIndex: Int? = nil, note: String = "") {
        self.identity = identity
        self.seed = seed
        self.seedSource = seedSource
        self.caseIndex = caseIndex
        self.note = note
    }

    /// The seed of a named stream of this test: `TestSeed.salted(seed, salt:)`.
    public func seed(salt: String) -> UInt64 { TestSeed.salted(seed, salt: salt) }

    /// A generator for a named stream of this test (the empty salt is the base seed itself).
    public func makeGenerator(salt: String = "") -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: seed(salt: salt))
    }

    /// The same test, restricted to one property case.
    public func forCase(_ index: Int) -> TestContext {
        TestContext(identity: identity, seed: seed, seedSource: seedSource, caseIndex: index, note: note)
    }

    /// The same context with a different note.
    public func noting(_ note: String) -> TestContext {
        TestContext(identity: identity, seed: seed, seedSource: seedSource, caseIndex: caseIndex, note: note)
    }

    /// `TEST_SEED=<seed> [TEST_CASE=<i>] swift test --filter '<Module.Class/method$>'`.
    public var replayCommand: String { identity.replayCommand(seed: seed, caseIndex: caseIndex) }

    /// One line for failure messages: test id, seed (and source), case, note and replay command.
    public var description: String {
        var parts = ["test \(identity.id)", "seed \(seed) (\(seedSource.rawValue))"]
        if let caseIndex { parts.append("case \(caseIndex)") }
        if !note.isEmpty { parts.append(note) }
        parts.append("replay: \(replayCommand)")
        return parts.joined(separator: "; ")
    }
}

import Foundation

/// How a claim check runs: the tier (quick default, or the full tier with longer ladders and more cases), the
/// seed of any randomness (engine cross-checks, Monte Carlo claims), and the number of threads.
public struct ClaimRunOptions: Sendable, Equatable {
    public enum Tier: String, Sendable, Equatable, CaseIterable {
        /// The default: short ladders, few cases (the test suite's default run).
        case quick
        /// Longer ladders and more cases (`LANGEVIN_TIER=full`).
        case full
    }

    public var tier: Tier
    public var seed: UInt64
    public var threads: Int

    public init(tier: Tier = .quick, seed: UInt64 = 20_240_527, threads: Int = 1) {
        self.tier = tier
        self.seed = seed
        self.threads = threads
    }

    /// The environment variable that selects the tier.
    public static let tierVariable = "LANGEVIN_TIER"

    /// How to run the full tier, for reasons of inconclusive verdicts: the tool's flag and the test suite's variable.
    public static let fullTierHint = "the full tier (langevin-verify verify --full; swift test with LANGEVIN_TIER=full)"

    /// The tier named by `LANGEVIN_TIER` ("quick" or "full"; unset means quick). Throws on any other value.
    public static func tier(environment: [String: String]) throws(VerificationError) -> Tier {
        guard let text = environment[tierVariable] else { return .quick }
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let tier = Tier(rawValue: trimmed) else {
            throw .invalidParameter(name: tierVariable, value: text, requirement: "must be \"quick\" or \"full\"")
        }
        return tier
    }

    /// The tier of this process (`LANGEVIN_TIER`).
    public static func tierFromProcessEnvironment() throws(VerificationError) -> Tier {
        try tier(environment: ProcessInfo.processInfo.environment)
    }
}

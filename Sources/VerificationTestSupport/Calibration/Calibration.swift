// Calibration mode (docs/testing-policy.md R5, §8): measure how often a decision rule fails on correct code over
// fresh seeds, at a relaxed level where failures are frequent enough to count.
import Foundation
import XCTest

/// The outcome of a calibration run: failures out of R fresh-seed replicates, with a Clopper–Pearson interval.
public struct CalibrationResult: Sendable, Equatable, CustomStringConvertible {
    public let replicates: Int
    public let failures: Int
    /// The nominal level α_cal the rule was run at.
    public let nominalLevel: Double
    /// The non-coverage of the Clopper–Pearson interval (e.g. 0.05 for 95 %).
    public let intervalAlpha: Double
    public let lower: Double
    public let upper: Double
    /// Replicate r used seed `TestSeed.caseSeed(base: baseSeed, index: r)`.
    public let baseSeed: UInt64
    /// The seeds of the first (up to 20) failing replicates, for inspection.
    public let failingSeeds: [UInt64]

    /// failures / R.
    public var rate: Double { Double(failures) / Double(replicates) }
    /// The Clopper–Pearson upper bound is ≤ α_cal: the rule is certified at least as conservative as declared.
    public var certifiedAtNominalLevel: Bool { upper <= nominalLevel }
    /// α_cal lies at or above the lower bound: the data do not show the rule failing more often than declared.
    public var consistentWithNominalLevel: Bool { lower <= nominalLevel }

    public var description: String {
        "calibration: \(failures)/\(replicates) failures = \(rate) at nominal α_cal = \(nominalLevel); "
            + "Clopper-Pearson \(100 * (1 - intervalAlpha))% interval [\(lower), \(upper)]; base seed \(baseSeed)"
            + (failingSeeds.isEmpty ? "" : "; first failing seeds \(failingSeeds)")
    }
}

/// Runs decision rules over fresh seeds to estimate their false-failure rate.
public enum Calibration {
    /// `LANGEVIN_CALIBRATE=<R>` enables calibration tests with R replicates.
    public static let variable = "LANGEVIN_CALIBRATE"

    /// R from the environment, or nil if the variable is unset. Throws if it is set but not a positive integer.
    public static func replicates(environment: [String: String]) throws(TestSeedError) -> Int? {
        guard let text = environment[variable] else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let r = Int(trimmed), r >= 1 else {
            throw .invalidCount(variable: variable, value: text)
        }
        return r
    }

    /// R from the process environment; throws `XCTSkip` when calibration is not requested (the default run),
    /// so calibration tests are visibly skipped, never silently dropped (R24).
    public static func requestedReplicates() throws -> Int {
        guard let r = try replicates(environment: ProcessInfo.processInfo.environment) else {
            throw XCTSkip("calibration run: set \(variable)=<replicates> (e.g. 2000) to enable")
        }
        return r
    }

    /// Runs `rule` on R seeds and counts rejections (`rule` returns true when it rejects, i.e. fails on what
    /// is correct code). Seeds: `TestSeed.caseSeed(base:index: r)`, r = 0..<R, with `baseSeed` fresh from
    /// /dev/urandom unless given (pass one to reproduce a calibration run).
    ///
    /// - Parameters:
    ///   - level: the nominal level α_cal the rule was built for (reported, compared with the interval).
    ///   - intervalAlpha: non-coverage of the Clopper–Pearson interval of the failure rate (default 0.05).
    public static func estimateFalseFailureRate(
        replicates: Int, level: Double, intervalAlpha: Double = 0.05, baseSeed: UInt64? = nil,
        rule: (UInt64) throws -> Bool
    ) throws -> CalibrationResult {
        try require(replicates >= 1, "replicates", replicates, "must be ≥ 1")
        try require(level > 0 && level < 1, "α_cal", level, "must lie in (0, 1)")
        let base = try baseSeed ?? TestSeed.entropy()
        var failures = 0
        var failingSeeds: [UInt64] = []
        for r in 0..<replicates {
            let seed = TestSeed.caseSeed(base: base, index: r)
            if try rule(seed) {
                failures += 1
                if failingSeeds.count < 20 { failingSeeds.append(seed) }
            }
        }
        let bounds = try ExactBinomial.clopperPearson(successes: failures, trials: replicates, alpha: intervalAlpha)
        return CalibrationResult(replicates: replicates, failures: failures, nominalLevel: level,
                                 intervalAlpha: intervalAlpha, lower: bounds.lower, upper: bounds.upper,
                                 baseSeed: base, failingSeeds: failingSeeds)
    }
}

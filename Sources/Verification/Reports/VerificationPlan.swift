import Foundation
import Langevin

/// One unit of verification work: a claim on one of its default cases. Units are numbered in registry order
/// (claims in id order, cases in the order the claim lists them), so a run, a shard of a run and a merge of
/// shards all agree on the numbering.
public struct VerificationUnit: Sendable {
    public let index: Int
    public let claim: Claim
    public let claimCase: ClaimCase

    public init(index: Int, claim: Claim, claimCase: ClaimCase) {
        self.index = index
        self.claim = claim
        self.claimCase = claimCase
    }
}

/// `--shard i/n`: this process runs the units whose index ≡ i − 1 (mod n).
public struct ShardSelection: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let whole = ShardSelection(uncheckedIndex: 1, count: 1)

    init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "i/n" with 1 ≤ i ≤ n.
    public init(parsing text: String) throws(VerificationError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw .invalidParameter(name: "--shard", value: text, requirement: "must look like i/n, e.g. 2/8")
        }
        guard n >= 1, i >= 1, i <= n else {
            throw .invalidParameter(name: "--shard", value: text, requirement: "needs 1 ≤ i ≤ n")
        }
        self.init(uncheckedIndex: i, count: n)
    }

    public func contains(_ unitIndex: Int) -> Bool { unitIndex % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

/// The units of a run: every registered claim of the default run (`Claim.inDefaultRun`; or the one named, any) on each of its default cases (or the one named).
/// A `--case` name that no selected claim uses by default is looked up among the registered assumption cases
/// (`AssumptionCases.allCases()`, docs/adding-an-assumption-case.md), and every selected claim runs on it.
public enum VerificationPlan {
    /// Builds the units. Throws for an unknown claim id or a case name that no selected claim uses, and `.law` for
    /// an inconsistent case (`ClaimCase.init` validates every engine case and checks its declarations, PN-V14, before
    /// any run). Only the cases of the selected claims are built, so a registered case with a contradicted
    /// declaration refuses the runs that use it and no other (`langevin-verify verify` relies on this and checks
    /// no other case). `registeredCases`: the
    /// registered assumption cases searched for `--case` (nil: `AssumptionCases.allCases()`).
    public static func units(options: ClaimRunOptions, claimID: String? = nil, caseName: String? = nil,
                             registry: [Claim] = ClaimRegistry.all,
                             registeredCases: [any AssumptionCase]? = nil) throws(VerificationError) -> [VerificationUnit] {
        let claims: [Claim]
        if let claimID {
            guard let id = ClaimID(parsing: claimID), let claim = registry.first(where: { $0.id == id }) else {
                throw .invalidParameter(name: "--claim", value: claimID,
                                        requirement: "must be one of " + registry.map(\.id.rawValue).joined(separator: ", "))
            }
            claims = [claim]
        } else {
            claims = registry.filter(\.inDefaultRun)
        }
        var units: [VerificationUnit] = []
        var knownCases: [String] = []
        for claim in claims {
            let cases: [ClaimCase]
            do { cases = try claim.defaultCases(options) } catch {
                throw .law("default cases of \(claim.id) could not be built: \(error)")
            }
            for claimCase in cases {
                if !knownCases.contains(claimCase.name) { knownCases.append(claimCase.name) }
                if let caseName, claimCase.name != caseName { continue }
                units.append(VerificationUnit(index: units.count, claim: claim, claimCase: claimCase))
            }
        }
        if let caseName, units.isEmpty {
            // not a default case of the selected claims: a registered assumption case (built-in, example or
            // user-added, `AssumptionCases.allCases()`), on which every selected claim runs — inside its
            // assumptions it is checked, outside it reports "outside the assumptions"
            let registered: [any AssumptionCase]
            if let registeredCases {
                registered = registeredCases
            } else {
                do { registered = try AssumptionCases.allCases() } catch {
                    throw .law("the registered assumption cases could not be built: \(error)")
                }
            }
            guard let engineCase = registered.first(where: { $0.name == caseName }) else {
                throw .invalidParameter(name: "--case", value: caseName,
                                        requirement: "must be one of " + (knownCases + registered.map(\.name)
                                            .filter { !knownCases.contains($0) }).joined(separator: ", "))
            }
            let claimCase = try ClaimCase(engineCase)   // validates the case: nothing runs on an inconsistent one
            for claim in claims {
                units.append(VerificationUnit(index: units.count, claim: claim, claimCase: claimCase))
            }
        }
        return units
    }
}

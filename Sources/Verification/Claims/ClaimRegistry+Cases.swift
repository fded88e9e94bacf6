import Langevin

extension ClaimRegistry {
    /// Every claim of `claims` (default: all) on one engine assumption case — the extension path for a user-added
    /// case (docs/adding-an-assumption-case.md): claims whose `requiredAssumptions` the case's declared assumptions
    /// satisfy are checked; the others return one `.outsideAssumptions` verdict naming the missing assumption.
    /// A case that cannot be turned into a claim case gives one `.inconclusive` verdict per claim.
    public static func verdicts(on engineCase: any AssumptionCase, options: ClaimRunOptions,
                                claims: [Claim] = ClaimRegistry.all) -> [ClaimVerdict] {
        let claimCase: ClaimCase
        do { claimCase = try ClaimCase(engineCase) } catch {
            return claims.map {
                ClaimVerdict(claimID: $0.id, caseName: engineCase.name, subject: "—", metric: $0.metric,
                             expected: ExpectedValue($0.expectedRelation), outcome: .inconclusive("case rejected: \(error)"))
            }
        }
        return claims.flatMap { $0.run(options, on: claimCase) }
    }

    /// The claims a case is inside the assumptions of (no simulation).
    public static func applicableClaims(to engineCase: any AssumptionCase, claims: [Claim] = ClaimRegistry.all) -> [Claim] {
        guard let claimCase = try? ClaimCase(engineCase) else { return [] }
        return claims.filter { $0.missingAssumptions(in: claimCase).isEmpty }
    }
}

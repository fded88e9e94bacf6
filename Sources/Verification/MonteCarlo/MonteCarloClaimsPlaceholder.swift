// Placeholder until the Monte Carlo claims (C2, C10, C12) land in this folder; their owner replaces this file.
extension ClaimRegistry {
    /// The Monte Carlo claims (none yet).
    public static let monteCarloClaims: [Claim] = []
}

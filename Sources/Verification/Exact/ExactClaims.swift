extension ClaimRegistry {
    /// The exact claims (no Monte Carlo): C1, C3–C9, C11, C13, C14, in id order.
    public static let exactClaims: [Claim] = [
        ClaimC01.claim, ClaimC03.claim, ClaimC04.claim, ClaimC05.claim, ClaimC06.claim, ClaimC07.claim, ClaimC08.claim,
        ClaimC09.claim, ClaimC11.claim, ClaimC13.claim, ClaimC14.claim,
    ]
}

/// Every registered claim, one declaration pattern: each claim is `ClaimCxx.claim` in `Claims/Cxx….swift`. The order
/// is the order of the default run's units (the exact claims, then the Monte Carlo ones, then the engine-agreement check
/// E1, last so that the earlier results rows keep their order).
public enum ClaimRegistry {
    /// The exact claims C1, C3–C9, C11, C13, C14, C15, C16, then the Monte Carlo claims C2, C10, C12, then E1.
    public static let all: [Claim] = [
        ClaimC01.claim, ClaimC03.claim, ClaimC04.claim, ClaimC05.claim, ClaimC06.claim, ClaimC07.claim, ClaimC08.claim,
        ClaimC09.claim, ClaimC11.claim, ClaimC13.claim, ClaimC14.claim, ClaimC15.claim, ClaimC16.claim,
        ClaimC02.claim, ClaimC10.claim, ClaimC12.claim,
        ClaimE01.claim,
    ]

    /// The claim with this id, if registered.
    public static func claim(id: ClaimID) -> Claim? { all.first { $0.id == id } }
}

/// Every claim of issue 4: the exact ones (C1, C3–C9, C11, C13, C14; `Exact/ExactClaims.swift`) followed by the
/// Monte Carlo ones (C2, C10, C12; `MonteCarlo/`).
public enum ClaimRegistry {
    /// `exactClaims + monteCarloClaims`, in id order within each group.
    public static let all: [Claim] = exactClaims + monteCarloClaims

    /// The claim with this id ("C5"), if any.
    public static func claim(id: String) -> Claim? { all.first { $0.id == id } }
}

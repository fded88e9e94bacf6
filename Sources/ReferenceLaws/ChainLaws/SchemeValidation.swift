import SchemeVocabulary

extension Scheme {
    /// `validate()` with its error as a `ChainLawError` (every law entry point throws that type).
    func validateForLaw() throws(ChainLawError) {
        do { try validate() } catch { throw ChainLawError(error) }
    }
}

extension ChainLawError {
    /// The law-level form of a vocabulary error.
    init(_ error: SchemeError) {
        switch error {
        case .invalidMidpointCount(let k): self = .invalidMidpointCount(k)
        case .invalidFriction(let gamma): self = .invalidFriction(gamma)
        case .midpointCountTooLarge(let k):
            self = .unsupported("K = \(k) sub-steps: the exact laws sum over K terms; K ≤ \(MidpointCount.maximumFinite) "
                + "is supported, use .infinite for the Poisson limit")
        case .mutationDoesNotApply: self = .unsupported(error.description)
        }
    }
}

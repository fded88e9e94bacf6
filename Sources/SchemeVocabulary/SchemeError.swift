/// Why a scheme, a mutation of it or one of its parameters is not valid.
public enum SchemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// K < 1.
    case invalidMidpointCount(Int)
    /// K above `MidpointCount.maximumFinite`.
    case midpointCountTooLarge(Int)
    /// γ not finite and > 0.
    case invalidFriction(Double)
    /// The mutation changes nothing the scheme has (e.g. a midpoint mutation of LMC).
    case mutationDoesNotApply(mutation: String, scheme: String)

    public var description: String {
        switch self {
        case .invalidMidpointCount(let k):
            return "the midpoint count K must be a positive integer or ∞, got \(k)"
        case .midpointCountTooLarge(let k):
            return "the midpoint count K = \(k) exceeds the limit \(MidpointCount.maximumFinite); use K = ∞ (the Poisson "
                + "limit, which finite K approaches at rate η/K)"
        case .invalidFriction(let gamma):
            return "the friction γ must be finite and > 0, got \(gamma)"
        case let .mutationDoesNotApply(mutation, scheme):
            return "the mutation \"\(mutation)\" does not apply to \(scheme)"
        }
    }
}

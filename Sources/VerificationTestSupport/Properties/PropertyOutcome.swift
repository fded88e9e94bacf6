/// What a property body says about one case.
public enum PropertyOutcome: Sendable, Equatable {
    case holds
    /// The property fails; the message says how (values, tolerances).
    case fails(String)

    /// `.holds` if `condition`, else `.fails(message())`.
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) -> PropertyOutcome {
        condition ? .holds : .fails(message())
    }

    /// The first failure among `outcomes`, or `.holds`.
    public static func all(_ outcomes: [PropertyOutcome]) -> PropertyOutcome {
        outcomes.first { $0 != .holds } ?? .holds
    }

    /// The failure message, or nil when the property holds.
    public var failureMessage: String? {
        if case let .fails(message) = self { return message }
        return nil
    }
}

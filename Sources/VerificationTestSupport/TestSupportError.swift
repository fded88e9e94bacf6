/// Why an input to a test-support API (generator configuration, hand-built case, bound parameters,
/// error intervals) was rejected.
public enum TestSupportError: Error, Equatable, CustomStringConvertible {
    /// `name` had `value`, which violates `requirement`.
    case invalidParameter(name: String, value: String, requirement: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            return "invalid \(name) = \(value): \(requirement)"
        }
    }
}

/// Throws `.invalidParameter` unless `condition` holds (NaN-safe when the condition is written positively).
@inline(__always)
func require(_ condition: Bool, _ name: String, _ value: @autoclosure () -> Any, _ requirement: String) throws(TestSupportError) {
    guard condition else { throw .invalidParameter(name: name, value: "\(value())", requirement: requirement) }
}

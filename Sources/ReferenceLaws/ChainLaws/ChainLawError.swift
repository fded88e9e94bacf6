import DenseLinearAlgebra

/// Why an exact chain law (or a stability report) could not be computed. Every case is one clear line.
public enum ChainLawError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The step η must be finite and > 0.
    case invalidStep(Double)
    /// The number K of PLMC sub-steps must be ≥ 1.
    case invalidMidpointCount(Int)
    /// The friction γ must be finite and > 0.
    case invalidFriction(Double)
    /// The number of steps n must be ≥ 0.
    case invalidStepCount(Int)
    /// A scalar argument out of its domain (e.g. x = ηa of the 1-D closed forms).
    case invalidParameter(name: String, value: Double, requirement: String)
    /// A matrix or vector input failed validation (non-finite, not square, not symmetric, not positive
    /// definite, empty, wrong dimension), with the offending entry.
    case invalidInput(MatrixError)
    /// The stationary law does not exist: the named mean-square condition fails.
    case unstable(scheme: String, condition: String)
    /// A request outside what this code computes (e.g. a 1-D closed form for an underdamped scheme).
    case unsupported(String)
    /// A numerical failure (GSL error, overflow) with its context.
    case numerical(String)

    public var description: String {
        switch self {
        case .invalidStep(let eta): return "step η = \(eta): must be finite and > 0"
        case .invalidMidpointCount(let k): return "midpoint count K = \(k): must be ≥ 1"
        case .invalidFriction(let gamma): return "friction γ = \(gamma): must be finite and > 0"
        case .invalidStepCount(let n): return "number of steps n = \(n): must be ≥ 0"
        case let .invalidParameter(name, value, requirement): return "\(name) = \(value): \(requirement)"
        case .invalidInput(let error): return error.description
        case let .unstable(scheme, condition): return "\(scheme) has no stationary law: \(condition)"
        case .unsupported(let what): return "unsupported: \(what)"
        case .numerical(let what): return "numerical failure: \(what)"
        }
    }

    /// Wraps the untyped errors of `SymmetricEigen` and GSL calls.
    static func wrap(_ error: any Error, _ context: String) -> ChainLawError {
        switch error {
        case let error as MatrixError: return .invalidInput(error)
        case let error as ChainLawError: return error
        default: return .numerical("\(context): \(error)")
        }
    }
}

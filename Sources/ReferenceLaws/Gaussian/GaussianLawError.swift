import DenseLinearAlgebra

/// Why a Gaussian law, a distance between Gaussians, or a Gaussian process law could not be formed.
/// Every case names the offending input.
public enum GaussianLawError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A matrix or vector failed validation: non-finite entry, not square, not symmetric, not positive
    /// definite (with the failing pivot), dimension mismatch, empty.
    case matrix(MatrixError)
    /// A scalar parameter is out of its domain (time t < 0, NaN, β ≤ 0, coordinate out of range, …).
    case invalidParameter(name: String, value: Double, requirement: String)
    /// GSL reported a failure (eigen-decomposition, distribution function).
    case gsl(GSLError)

    public var description: String {
        switch self {
        case .matrix(let error): return error.description
        case let .invalidParameter(name, value, requirement): return "\(name) = \(value): \(requirement)"
        case .gsl(let error): return error.description
        }
    }

    /// Wraps the untyped errors thrown by `CholeskyFactor` and `SymmetricEigen`.
    static func wrap(_ error: any Error) -> GaussianLawError {
        switch error {
        case let error as MatrixError: return .matrix(error)
        case let error as GSLError: return .gsl(error)
        case let error as GaussianLawError: return error
        default:
            return .gsl(GSLError(code: -1, context: "unexpected error", reason: String(describing: error)))
        }
    }
}

/// Typed wrappers around the untyped-throwing factorisations.
enum GaussianFactor {
    static func cholesky(_ m: Matrix, _ what: String) throws(GaussianLawError) -> CholeskyFactor {
        do { return try CholeskyFactor(m, what: what) } catch { throw GaussianLawError.wrap(error) }
    }

    static func eigen(_ m: Matrix, _ what: String) throws(GaussianLawError) -> SymmetricEigen {
        do { return try SymmetricEigen(m, what: what) } catch { throw GaussianLawError.wrap(error) }
    }

    static func vector(_ v: [Double], _ what: String, count: Int) throws(GaussianLawError) {
        do { try validateVector(v, what, count: count) } catch { throw .matrix(error) }
    }

    static func square(_ m: Matrix, _ what: String, dimension d: Int) throws(GaussianLawError) {
        do { try m.validateDimension(what, d) } catch { throw .matrix(error) }
    }

    static func requireTime(_ t: Double, _ name: String) throws(GaussianLawError) {
        guard t >= 0 else { throw .invalidParameter(name: name, value: t, requirement: "must be ≥ 0 (and not NaN)") }
    }
}

import SchemeVocabulary

/// Why a Verification API rejected its input or could not compute a result. Every case is one clear line.
public enum VerificationError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `name` had `value`, which violates `requirement`.
    case invalidParameter(name: String, value: String, requirement: String)
    /// An exact law (ChainLaw, GaussianLaw, GSL) failed; the underlying error's description.
    case law(String)
    /// A numerical failure (quadrature did not converge, overflow) with its context.
    case numerical(String)
    /// A file written by the tool (a shard's results.csv or manifest.json) is malformed or inconsistent.
    case invalidFile(String)
    /// An output folder could not be prepared, written or put in place (`OutputDirectory`).
    case output(OutputDirectoryError)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            return "invalid \(name) = \(value): \(requirement)"
        case let .law(detail):
            return "exact law failed: \(detail)"
        case let .numerical(detail):
            return "numerical failure: \(detail)"
        case let .output(error):
            return error.description
        case let .invalidFile(detail):
            return detail
        }
    }

    /// Wraps an error of another module (ChainLawError, GaussianLawError, GSLError, …).
    static func wrap(_ error: any Error, _ context: String) -> VerificationError {
        if let error = error as? VerificationError { return error }
        return .law("\(context): \(error)")
    }
}

/// Throws `.invalidParameter` unless `condition` holds (NaN-safe when the condition is written positively).
@inline(__always)
func require(_ condition: Bool, _ name: String, _ value: @autoclosure () -> Any, _ requirement: String) throws(VerificationError) {
    guard condition else { throw .invalidParameter(name: name, value: "\(value())", requirement: requirement) }
}

extension SchemeVariant {
    /// `SchemeVariant(scheme, mutation:)` with this module's typed error.
    static func checked(_ scheme: Scheme, _ mutation: SchemeMutation?) throws(VerificationError) -> SchemeVariant {
        do { return try SchemeVariant(scheme, mutation: mutation) } catch {
            throw .invalidParameter(name: "mutation", value: mutation?.description ?? "none", requirement: error.description)
        }
    }
}

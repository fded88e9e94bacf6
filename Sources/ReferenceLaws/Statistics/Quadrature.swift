import CGSL
import Foundation

/// Why a quadrature failed.
public enum QuadratureError: Error, CustomStringConvertible, Sendable {
    /// a or b is NaN, a > b, or a finite interval was given as (−∞, −∞)/(∞, ∞).
    case invalidInterval(lower: Double, upper: Double)
    /// Tolerances must be finite and ≥ 0, not both 0.
    case invalidTolerance(absolute: Double, relative: Double)
    /// The integrand returned NaN or ±∞ at x.
    case integrandNotFinite(x: Double, value: Double)
    /// The integrand threw at x; the Swift error is kept.
    case integrandThrew(x: Double, underlying: any Error)
    /// GSL stopped without reaching the tolerance (subdivision limit, round-off, divergence, bad behaviour),
    /// with its last estimate and error estimate.
    case notConverged(GSLError, estimate: Double, errorEstimate: Double)
    /// The normalising integral ∫e^{−F} was zero or not finite.
    case degenerateNormalizer(value: Double)

    public var description: String {
        switch self {
        case let .invalidInterval(a, b): return "quadrature: invalid interval [\(a), \(b)]"
        case let .invalidTolerance(abs, rel): return "quadrature: invalid tolerances (absolute \(abs), relative \(rel))"
        case let .integrandNotFinite(x, value): return "quadrature: integrand is \(value) at x = \(x)"
        case let .integrandThrew(x, error): return "quadrature: integrand threw at x = \(x): \(error)"
        case let .notConverged(error, estimate, errorEstimate):
            return "quadrature did not converge (estimate \(estimate) ± \(errorEstimate)): \(error)"
        case let .degenerateNormalizer(value): return "quadrature: normalising integral ∫e^{−F} = \(value)"
        }
    }
}

/// A quadrature value with GSL's absolute error estimate.
public struct QuadratureResult: Sendable, Equatable {
    public let value: Double
    public let errorEstimate: Double
    /// Number of integrand evaluations.
    public let evaluations: Int
}

/// One-dimensional adaptive quadrature of a Swift closure through GSL QUADPACK (PN-L07):
/// finite [a, b] by QAGS (extrapolation, integrable end-point singularities) or QAG (Gauss–Kronrod rule);
/// [a, ∞) by QAGIU, (−∞, b] by QAGIL, (−∞, ∞) by QAGI (all three map to (0, 1] with x = a + (1−t)/t).
///
/// The closure reaches C through `gsl_function` with an unretained context pointer to a box that holds
/// it; a thrown Swift error or a non-finite value is recorded in the box (the C side then sees 0 for
/// every later evaluation, so GSL finishes quickly) and rethrown after GSL returns — it never unwinds
/// through C and never crashes.
public enum Quadrature {
    public enum Rule: Sendable, Equatable {
        /// QAGS: 21-point Gauss–Kronrod with Wynn ε-extrapolation.
        case adaptiveSingular
        /// QAG with the 15, 21, 31, 41, 51 or 61-point Gauss–Kronrod rule.
        case adaptive(points: Int)
    }

    /// ∫ₐᵇ f(x) dx with a ≤ b, either end possibly infinite. Succeeds when GSL reports
    /// |estimate − I| ≤ max(absoluteTolerance, relativeTolerance·|I|) (its error estimate).
    public static func integrate(
        _ f: (Double) throws -> Double, from a: Double, to b: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-10,
        rule: Rule = .adaptiveSingular, limit: Int = 1000
    ) throws(QuadratureError) -> QuadratureResult {
        guard !a.isNaN, !b.isNaN, a <= b, !(a == b && a.isInfinite) else { throw .invalidInterval(lower: a, upper: b) }
        guard absoluteTolerance >= 0, relativeTolerance >= 0, absoluteTolerance.isFinite, relativeTolerance.isFinite,
              absoluteTolerance > 0 || relativeTolerance > 0
        else { throw .invalidTolerance(absolute: absoluteTolerance, relative: relativeTolerance) }
        guard limit >= 1 else { throw .invalidTolerance(absolute: absoluteTolerance, relative: relativeTolerance) }
        if a == b { return QuadratureResult(value: 0, errorEstimate: 0, evaluations: 0) }
        let key: Int32
        switch rule {
        case .adaptiveSingular: key = 0
        case .adaptive(let points):
            guard let k = [15: GSL_INTEG_GAUSS15, 21: GSL_INTEG_GAUSS21, 31: GSL_INTEG_GAUSS31,
                           41: GSL_INTEG_GAUSS41, 51: GSL_INTEG_GAUSS51, 61: GSL_INTEG_GAUSS61][points]
            else { throw .invalidTolerance(absolute: absoluteTolerance, relative: relativeTolerance) }
            key = Int32(k)
        }
        return try withoutActuallyEscaping(f) { (escaping) throws(QuadratureError) -> QuadratureResult in
            let box = IntegrandBox(escaping)
            return try withExtendedLifetime(box) { () throws(QuadratureError) -> QuadratureResult in
                try run(box: box, a: a, b: b, epsabs: absoluteTolerance, epsrel: relativeTolerance, key: key, limit: limit)
            }
        }
    }

    private static func run(box: IntegrandBox, a: Double, b: Double, epsabs: Double, epsrel: Double,
                            key: Int32, limit: Int) throws(QuadratureError) -> QuadratureResult {
        guard let workspace = gsl_integration_workspace_alloc(limit) else {
            throw .notConverged(GSLError(code: Int32(GSL_ENOMEM), context: "gsl_integration_workspace_alloc(\(limit))",
                                         reason: nil), estimate: .nan, errorEstimate: .nan)
        }
        defer { gsl_integration_workspace_free(workspace) }
        var function = gsl_function(
            function: { x, context in
                let box = Unmanaged<IntegrandBox>.fromOpaque(context!).takeUnretainedValue()
                return box.evaluate(x)
            },
            params: Unmanaged.passUnretained(box).toOpaque())
        var result = 0.0, abserr = 0.0
        let name: String
        var status: GSLError?
        do throws(GSLError) {
            switch (a.isInfinite, b.isInfinite) {
            case (true, true):
                name = "gsl_integration_qagi"
                try GSL.check(name) { gsl_integration_qagi(&function, epsabs, epsrel, limit, workspace, &result, &abserr) }
            case (false, true):
                name = "gsl_integration_qagiu"
                try GSL.check(name) { gsl_integration_qagiu(&function, a, epsabs, epsrel, limit, workspace, &result, &abserr) }
            case (true, false):
                name = "gsl_integration_qagil"
                try GSL.check(name) { gsl_integration_qagil(&function, b, epsabs, epsrel, limit, workspace, &result, &abserr) }
            case (false, false):
                if key == 0 {
                    name = "gsl_integration_qags"
                    try GSL.check(name) { gsl_integration_qags(&function, a, b, epsabs, epsrel, limit, workspace, &result, &abserr) }
                } else {
                    name = "gsl_integration_qag"
                    try GSL.check(name) {
                        gsl_integration_qag(&function, a, b, epsabs, epsrel, limit, key, workspace, &result, &abserr)
                    }
                }
            }
        } catch {
            status = error
        }
        if let failure = box.failure { throw failure }
        if let status { throw .notConverged(status, estimate: result, errorEstimate: abserr) }
        guard result.isFinite, abserr.isFinite else {
            throw .notConverged(GSLError(code: Int32(GSL_EDIVERGE), context: "quadrature on [\(a), \(b)]",
                                         reason: "non-finite result \(result) ± \(abserr)"),
                                estimate: result, errorEstimate: abserr)
        }
        return QuadratureResult(value: result, errorEstimate: abserr, evaluations: box.evaluations)
    }
}

/// Holds the Swift integrand for the C callback and records the first failure.
private final class IntegrandBox {
    let body: (Double) throws -> Double
    var failure: QuadratureError?
    var evaluations = 0

    init(_ body: @escaping (Double) throws -> Double) { self.body = body }

    func evaluate(_ x: Double) -> Double {
        if failure != nil { return 0 }
        evaluations += 1
        do {
            let value = try body(x)
            guard value.isFinite else {
                failure = .integrandNotFinite(x: x, value: value)
                return 0
            }
            return value
        } catch {
            failure = .integrandThrew(x: x, underlying: error)
            return 0
        }
    }
}

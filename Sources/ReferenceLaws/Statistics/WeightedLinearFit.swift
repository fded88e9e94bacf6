import CGSL
import Foundation

/// Why a straight-line fit could not be made.
public enum LinearFitError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Mismatched lengths, non-finite data, negative weights, too few points, bad level.
    case invalidInput(what: String, detail: String)
    /// The design is degenerate: fewer than two distinct x with positive weight.
    case degenerate(detail: String)
    case gsl(GSLError)

    public var description: String {
        switch self {
        case let .invalidInput(what, detail): return "linear fit: \(what): \(detail)"
        case let .degenerate(detail): return "linear fit is degenerate: \(detail)"
        case let .gsl(error): return error.description
        }
    }
}

/// Weighted least squares for y = c₀ + c₁ x (GSL `gsl_fit_wlinear`): minimises χ² = Σ wᵢ (yᵢ − c₀ − c₁xᵢ)²,
/// with parameter covariance computed from the weights as if wᵢ = 1/σᵢ² exactly:
///
///   with W = Σwᵢ, x̄ = Σwᵢxᵢ/W, D = Σwᵢ(xᵢ − x̄)²:  var(c₁) = 1/D, var(c₀) = 1/W + x̄²/D, cov(c₀, c₁) = −x̄/D.
///
/// Used by rate fits (log error against log step size). Derivation and interval rules in PN-L09; checked
/// against exact data and this closed-form covariance in `WeightedLinearFitTests`.
public struct WeightedLinearFit: Sendable, Equatable {
    public let intercept: Double
    public let slope: Double
    public let cov00: Double
    public let cov01: Double
    public let cov11: Double
    /// Σ wᵢ (yᵢ − c₀ − c₁xᵢ)².
    public let chiSquared: Double
    /// Number of points with positive weight.
    public let effectiveCount: Int

    /// How the slope's sampling variance is estimated.
    public enum ErrorModel: Sendable, Equatable {
        /// wᵢ = 1/σᵢ² with σᵢ known: c₁ ~ N(slope, cov11); interval from the normal quantile.
        case knownVariances
        /// wᵢ ∝ 1/σᵢ² up to an unknown common factor s²: cov scaled by χ²/(n − 2); interval from Student t with
        /// n − 2 degrees of freedom (exact under Gaussian errors).
        case scaledByResiduals
    }

    public init(x: [Double], y: [Double], weights w: [Double]) throws(LinearFitError) {
        guard x.count == y.count else {
            throw .invalidInput(what: "y", detail: "has \(y.count) values, x has \(x.count)")
        }
        guard x.count == w.count else {
            throw .invalidInput(what: "weights", detail: "has \(w.count) values, x has \(x.count)")
        }
        for (i, v) in x.enumerated() where !v.isFinite { throw .invalidInput(what: "x[\(i)]", detail: "\(v) is not finite") }
        for (i, v) in y.enumerated() where !v.isFinite { throw .invalidInput(what: "y[\(i)]", detail: "\(v) is not finite") }
        for (i, v) in w.enumerated() where !(v >= 0 && v.isFinite) {
            throw .invalidInput(what: "weights[\(i)]", detail: "\(v) must be finite and ≥ 0")
        }
        let used = zip(x, w).filter { $0.1 > 0 }.map { $0.0 }
        guard used.count >= 2 else { throw .degenerate(detail: "\(used.count) point(s) with positive weight; need ≥ 2") }
        guard used.contains(where: { $0 != used[0] }) else {
            throw .degenerate(detail: "all positively weighted points share x = \(used[0])")
        }
        var c0 = 0.0, c1 = 0.0, v00 = 0.0, v01 = 0.0, v11 = 0.0, chi = 0.0
        let n = x.count
        do {
            try GSL.check("gsl_fit_wlinear (n = \(n))") {
                gsl_fit_wlinear(x, 1, w, 1, y, 1, n, &c0, &c1, &v00, &v01, &v11, &chi)
            }
        } catch { throw .gsl(error) }
        guard [c0, c1, v00, v01, v11, chi].allSatisfy(\.isFinite) else {
            throw .degenerate(detail: "GSL returned non-finite estimates (x spread too small for the weights?)")
        }
        intercept = c0; slope = c1; cov00 = v00; cov01 = v01; cov11 = v11; chiSquared = chi
        effectiveCount = used.count
    }

    /// Unweighted least squares (all weights 1).
    public init(x: [Double], y: [Double]) throws(LinearFitError) {
        try self.init(x: x, y: y, weights: [Double](repeating: 1, count: x.count))
    }

    /// c₀ + c₁ x.
    public func predict(_ x: Double) -> Double { intercept + slope * x }

    /// Two-sided interval for the slope with non-coverage α (split equally).
    public func slopeInterval(alpha: Double, errorModel: ErrorModel = .knownVariances) throws(LinearFitError) -> ConfidenceInterval {
        try interval(estimate: slope, variance: cov11, alpha: alpha, errorModel: errorModel)
    }

    /// Two-sided interval for the slope at confidence `level` = 1 − α.
    public func slopeInterval(level: Double, errorModel: ErrorModel = .knownVariances) throws(LinearFitError) -> ConfidenceInterval {
        guard level > 0, level < 1 else { throw .invalidInput(what: "level", detail: "\(level) must lie in (0, 1)") }
        return try slopeInterval(alpha: 1 - level, errorModel: errorModel)
    }

    /// Two-sided interval for the intercept with non-coverage α.
    public func interceptInterval(alpha: Double, errorModel: ErrorModel = .knownVariances) throws(LinearFitError) -> ConfidenceInterval {
        try interval(estimate: intercept, variance: cov00, alpha: alpha, errorModel: errorModel)
    }

    private func interval(estimate: Double, variance: Double, alpha: Double, errorModel: ErrorModel) throws(LinearFitError)
        -> ConfidenceInterval
    {
        guard alpha > 0, alpha < 1 else { throw .invalidInput(what: "alpha", detail: "\(alpha) must lie in (0, 1)") }
        let halfWidth: Double
        do {
            switch errorModel {
            case .knownVariances:
                halfWidth = try StandardNormal.upperQuantile(alpha / 2) * variance.squareRoot()
            case .scaledByResiduals:
                let dof = effectiveCount - 2
                guard dof >= 1 else {
                    throw LinearFitError.invalidInput(what: "errorModel",
                                                      detail: "scaled intervals need ≥ 3 weighted points, have \(effectiveCount)")
                }
                let scale = chiSquared / Double(dof)
                halfWidth = try StudentT(degreesOfFreedom: Double(dof)).upperQuantile(alpha / 2) * (variance * scale).squareRoot()
            }
        } catch let error as GSLError {
            throw .gsl(error)
        } catch let error as LinearFitError {
            throw error
        } catch {
            throw .invalidInput(what: "interval", detail: "\(error)")
        }
        return ConfidenceInterval(lower: estimate - halfWidth, upper: estimate + halfWidth, alpha: alpha)
    }
}

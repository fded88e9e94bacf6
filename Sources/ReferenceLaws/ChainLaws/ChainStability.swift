import Foundation
import SchemeVocabulary

/// Mean-square stability of a chain at step η for a given A (PN-C10).
///
/// The stationary law exists iff, for every eigenvalue λₖ of A, the second-moment map of eigen-block k is a
/// contraction: ρₖ < 1, where ρₖ = E[βₖ²] for the overdamped schemes (βₖ = 1 − ηλₖ + (ηλₖ)² M the random
/// one-step factor) and ρₖ = the spectral radius of X ↦ E[𝔹ₖ X 𝔹ₖᵀ] on symmetric 2×2 X for the
/// underdamped ones. For the overdamped schemes ρ depends on x = ηλ only and increases through 1 at a
/// single x* (LMC 2, PLMC K=2 2, K=4 1.5218, K=10 1.3223, K=100 1.2249, K=∞ 1.2150, RLMC 1.5961), so the
/// stable steps are exactly η < x*/λ_max.
///
/// Verified by: ScalarClosedFormTests.testC14_closedFormThresholdsAndCrossover,
/// UnderdampedLawTests.testULMCStabilityBoundAgreesWithReference, BadInputTests.testUnstableMessagesNameTheCondition.
public struct ChainStability: Sendable, CustomStringConvertible {
    public let scheme: Scheme
    public let eta: Double
    /// The eigenvalues λ₁ ≤ … ≤ λ_d of A.
    public let eigenvalues: [Double]
    /// ρₖ for each eigenvalue (same order).
    public let radii: [Double]
    /// For each eigenvalue a number that is positive iff ρₖ < 1, computed without cancellation (`stabilityMargin` of
    /// the step model): at tiny steps ρₖ rounds to 1 while the block is stable, so stability is decided by these.
    public let margins: [Double]
    /// Overdamped schemes: x* with ρ(x) < 1 ⟺ x = ηλ < x*. Nil for underdamped schemes.
    public let criticalProduct: Double?
    /// The largest η̄ such that the scheme is stable for this A at every step in (0, η̄): x*/λ_max for the
    /// overdamped schemes (exact); for the underdamped ones the first crossing ρ = 1 found by a scan of
    /// (0, 64η] (16 points below η, then ×1.25 steps) refined by bisection to 1e-6 relative, or nil when no
    /// crossing was found in that range or the search was skipped (PLMC-ULMC with K > 20 000).
    public let stableStepBound: Double?

    /// max ρₖ.
    public var maxRadius: Double { radii.max() ?? .nan }
    /// The index k of the least stable block (smallest margin; a NaN margin first).
    public var criticalIndex: Int {
        if let k = margins.firstIndex(where: { $0.isNaN }) { return k }
        return margins.indices.min { margins[$0] < margins[$1] } ?? 0
    }
    /// True iff every ρₖ < 1 (the stationary law exists), decided by the margins (positive iff ρₖ < 1).
    public var isStable: Bool { margins.allSatisfy { $0 > 0 } }

    /// The condition in words.
    public var condition: String {
        scheme.isUnderdamped
            ? "spectral radius ρ < 1 of the second-moment map X ↦ E[𝔹 X 𝔹ᵀ] (symmetric 2×2 X) for every eigenvalue λ of A"
            : "E[β²] < 1 for every eigenvalue λ of A, β = 1 − ηλ + (ηλ)²M the random one-step factor"
    }

    /// One line: the condition, the worst value and the stable range.
    public var description: String {
        (isStable ? "\(scheme) at η = \(Self.format(eta)) is mean-square stable: " : "\(scheme) at η = \(Self.format(eta)) is unstable: ")
            + failureDetail
    }

    /// "needs …; at … it is …; stable for …". Every number is printed with six significant digits; an overflowed or
    /// undefined one is named as such (never "inf" or "nan" as if it were a value).
    var failureDetail: String {
        let k = criticalIndex
        var text = "needs \(condition); "
        if let xStar = criticalProduct {
            let lambdaMax = eigenvalues.max() ?? .nan
            let product = eta * lambdaMax
            if !product.isFinite {
                text += "ηλ_max = \(Self.format(eta)) × \(Self.format(lambdaMax)) overflows; "
            } else {
                text += "at ηλ_max = \(Self.format(product)) it is \(Self.radiusText(radii.max() ?? .nan)); "
            }
            let bound = xStar / lambdaMax
            text += "stable iff ηλ_max < \(Self.format(xStar))"
                + (bound.isFinite ? " (here η < \(Self.format(bound)))" : " (here every finite η, as λ_max = \(Self.format(lambdaMax)))")
        } else {
            text += "at η = \(Self.format(eta)), λ = \(Self.format(eigenvalues[k])) it is \(Self.radiusText(radii[k])); "
            if let bound = stableStepBound {
                text += "stable for η < \(Self.format(bound)) with this A (first crossing of ρ = 1, found by scan and bisection)"
            } else {
                text += "no loss of stability found for η ≤ \(Self.format(64 * eta)) with this A"
            }
        }
        return text
    }

    static func format(_ x: Double) -> String {
        if x.isNaN { return "undefined" }
        if x.isInfinite { return x > 0 ? "∞ (overflow)" : "−∞ (overflow)" }
        return String(format: "%.6g", x)
    }

    /// A radius for messages: "undefined (the moments overflow)" instead of nan.
    static func radiusText(_ rho: Double) -> String {
        rho.isFinite ? format(rho) : "undefined (the moments overflow)"
    }

    /// Builds the report, searching for the stable range.
    static func report(model: ChainStepModel, radii: [Double], margins: [Double], drift: LinearDrift,
                       quadrature: ChainQuadrature) throws(ChainLawError) -> ChainStability {
        let scheme = model.scheme
        let lambdaMax = drift.eigenvalues.max() ?? 1
        if !scheme.isUnderdamped {
            let xStar = ScalarChainLaw.criticalProduct(scheme)
            return ChainStability(scheme: scheme, eta: model.eta, eigenvalues: drift.eigenvalues, radii: radii,
                                  margins: margins, criticalProduct: xStar, stableStepBound: xStar / lambdaMax)
        }
        var bound: Double?
        if case .plmcULMC(_, .finite(let k)) = scheme, k > 20_000 {
            bound = nil
        } else {
            bound = try firstUnstableStep(scheme, eta: model.eta, drift: drift, quadrature: quadrature)
        }
        return ChainStability(scheme: scheme, eta: model.eta, eigenvalues: drift.eigenvalues, radii: radii,
                              margins: margins, criticalProduct: nil, stableStepBound: bound)
    }

    /// Whether every block is mean-square stable at step η (by the margins).
    private static func stable(_ scheme: Scheme, _ eta: Double, _ drift: LinearDrift,
                               _ quadrature: ChainQuadrature) throws(ChainLawError) -> Bool {
        let model = try ChainStepModel(scheme, eta: eta, eigenvalues: drift.eigenvalues, quadrature: quadrature)
        for k in 0..<drift.dimension where !(try model.stabilityMargin(k) > 0) { return false }
        return true
    }

    private static func firstUnstableStep(_ scheme: Scheme, eta: Double, drift: LinearDrift,
                                          quadrature: ChainQuadrature) throws(ChainLawError) -> Double? {
        var grid = (1...16).map { eta * Double($0) / 16 }
        var next = eta * 1.25
        while next <= 64 * eta { grid.append(next); next *= 1.25 }
        var previous = 0.0
        for candidate in grid where candidate.isNormal && candidate > 0 {
            if try !stable(scheme, candidate, drift, quadrature) {
                // bisection to 1e-6 relative; bounded, and never below the smallest positive step tried
                var lo = previous, hi = candidate
                var iterations = 0
                while hi - lo > 1e-6 * hi, iterations < 200 {
                    let mid = lo > 0 ? 0.5 * (lo + hi) : 0.5 * hi
                    guard mid.isNormal, mid > 0, mid < hi else { break }
                    if try stable(scheme, mid, drift, quadrature) { lo = mid } else { hi = mid }
                    iterations += 1
                }
                return hi
            }
            previous = candidate
        }
        return nil
    }
}

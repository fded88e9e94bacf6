import DenseLinearAlgebra
import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary

/// Shared pieces of the exact claims: the Gaussian target of a case, default cases, the mutant sets and the
/// 1-D exact series (ScalarChainLaw's closed forms of docs/theory.md §4.2, independent of ChainLaw's matrix code).
enum ExactClaimSupport {
    /// The case's Gaussian target, or a thrown error (the claim needs `.gaussianTarget`).
    static func target(of claimCase: ClaimCase) throws(VerificationError) -> GaussianTarget {
        guard let target = claimCase.gaussian else {
            throw .invalidParameter(name: "case", value: claimCase.name, requirement: "needs an exact Gaussian target (linear drift)")
        }
        return target
    }

    /// The default Gaussian cases: a 1-D N(0.5, 1/2), the built-in isotropic d = 10 and anisotropic d = 10, κ = 10
    /// targets; the full tier adds an anisotropic d = 16, κ = 100 target.
    static func defaultGaussianCases(_ options: ClaimRunOptions) throws -> [ClaimCase] {
        var cases = [
            try ClaimCase(name: "gaussian-1d-a2", precision: Matrix([[2]]), mean: [0.5]),
            try ClaimCase(IsotropicGaussianCase(dimension: 10)),
            try ClaimCase(AnisotropicGaussianCase(dimension: 10, condition: 10, seed: 20_240_517)),
        ]
        if options.tier == .full {
            cases.append(try ClaimCase(AnisotropicGaussianCase(dimension: 16, condition: 100, seed: 20_240_518)))
        }
        return cases
    }

    /// r(x) = λσ² of a correct overdamped scheme by the printed closed form (ScalarChainLaw).
    static func ratio(_ scheme: Scheme, _ x: Double) throws -> Double {
        try ScalarChainLaw.stationaryVarianceRatio(scheme, x: x)
    }

    /// The mutants of PLMC(K) whose law differs from PLMC(K) (at K = ∞ the Bernoulli(1/(K+1)) and off-by-one
    /// mutants coincide with PLMC and are left out).
    static func plmcMutations(_ count: MidpointCount) -> [SchemeMutation] {
        switch count {
        case .infinite:
            return [.independentMidpointNoise, .correctionWeightOverK, .noiseSqrtEta, .midpointAtStartPoint]
        case .finite:
            return [.independentMidpointNoise, .correctionWeightOverK, .flagProbabilityOneOverKPlusOne, .midpointAtStartPoint,
                    .noiseSqrtEta, .offByOneMidpointIndex]
        }
    }

    /// Exact stationary-law providers of PLMC(K)'s mutants.
    static func plmcMutants(_ count: MidpointCount, target: GaussianTarget) throws(VerificationError) -> [LawProvider] {
        var out: [LawProvider] = []
        for mutation in plmcMutations(count) {
            out.append(.stationary(try .checked(.plmc(count), mutation), target: target))
        }
        return out
    }

    /// Mutants of LMC for the slope-1 claims: LMC with √η noise (order 0) and the PLMC(∞) law in LMC's place
    /// (order 2): a slope-1 check must reject both directions.
    static func lmcMutants(target: GaussianTarget) throws(VerificationError) -> [LawProvider] {
        [
            .stationary(try .checked(.lmc, .noiseSqrtEta), target: target),
            .stationary(try .checked(.lmc, .replacedBy(.plmc(.infinite))), target: target),
        ]
    }

    /// The K of a claim on this case (the case's setting, else the default).
    static func midpointCount(_ claimCase: ClaimCase, default value: MidpointCount) -> MidpointCount {
        claimCase.settings.midpointCount ?? value
    }

    static func format(_ x: Double) -> String { String(format: "%g", x) }

    /// The relative Frobenius difference ‖X − Y‖_F / max(‖Y‖_F, tiny).
    static func relativeDifference(_ x: Matrix, _ y: Matrix) -> Double {
        (x - y).frobeniusNorm / Swift.max(y.frobeniusNorm, .leastNormalMagnitude)
    }

    /// max |xᵢ − yᵢ| / max(1, max |yᵢ|).
    static func relativeDifference(_ x: [Double], _ y: [Double]) -> Double {
        let scale = Swift.max(1, y.map(abs).max() ?? 0)
        return zip(x, y).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }
}

/// The orders claims read from the vocabulary's theory data (`Scheme.theory`): the single place an order is typed is
/// `SchemeTheory` (Sources/SchemeVocabulary/SchemeTheory.swift).
enum DeclaredOrder {
    /// The declared order of `scheme` for `measure`; NaN when none is declared (a rate check planned with it is
    /// inconclusive, never silently passed).
    static func of(_ scheme: Scheme, _ measure: ErrorMeasure) -> Double {
        scheme.theory.order(measure) ?? .nan
    }

    /// The same for a variant (e.g. a mutant whose order is declared, such as independent midpoint noise).
    static func of(_ variant: SchemeVariant, _ measure: ErrorMeasure) -> Double {
        variant.theory.order(measure) ?? .nan
    }

    /// "2", "1.5": an order as the statements print it.
    static func text(_ p: Double) -> String { String(format: "%g", p) }
}

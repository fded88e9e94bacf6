import DenseLinearAlgebra
import Foundation
import Langevin
import ReferenceLaws

/// Shared pieces of the exact claims: the Gaussian target of a case, default cases, the mutant sets and the
/// 1-D exact series (ScalarChainLaw's closed forms of paper-notes §4.2, independent of ChainLaw's matrix code).
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
    static func ratio(_ scheme: ChainScheme, _ x: Double) throws -> Double {
        try ScalarChainLaw.stationaryVarianceRatio(scheme, x: x)
    }

    /// The mutants of PLMC(K) whose law differs from PLMC(K) (at K = ∞ the Bernoulli(1/(K+1)) and off-by-one
    /// mutants coincide with PLMC and are left out).
    static func plmcMutations(_ count: MidpointCount) -> [SchemeMutation] {
        switch count {
        case .infinite:
            return [.independentMidpointNoise, .correctionWeightOverK, .noiseSqrtEta, .midpointAtStartPoint]
        case .finite:
            return SchemeMutation.allCases
        }
    }

    /// Exact stationary-law providers of PLMC(K)'s mutants.
    static func plmcMutants(_ count: MidpointCount, target: GaussianTarget) throws(VerificationError) -> [LawProvider] {
        var out: [LawProvider] = []
        for mutation in plmcMutations(count) {
            let variant = try OverdampedVariant(.plmc(count), mutation: mutation)
            out.append(.stationary(variant, target: target, role: .mutant(mutation.description)))
        }
        return out
    }

    /// Mutants of LMC for the slope-1 claims: LMC with √η noise (order 0) and the PLMC(∞) law in LMC's place
    /// (order 2): a slope-1 check must reject both directions.
    static func lmcMutants(target: GaussianTarget) throws(VerificationError) -> [LawProvider] {
        let noise = try OverdampedVariant(.lmc, mutation: .noiseSqrtEta)
        return [
            .stationary(noise, target: target, role: .mutant(SchemeMutation.noiseSqrtEta.description)),
            LawProvider.stationary(.plmc(.infinite), target: target, role: .mutant("midpoint-corrected update (PLMC(K=∞)) in LMC's place"),
                                   label: "PLMC(K=∞) in place of LMC"),
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

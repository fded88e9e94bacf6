import DenseLinearAlgebra
import Foundation
import ReferenceLaws
import SchemeVocabulary

/// C3 — the stationary mean is exact: for drift −A(x − m) every scheme's mean obeys μₙ − m = E[B]ⁿ(μ₀ − m) with
/// E[B] = I − ηA + η² E[M] A² (E[M] = 0 LMC, (K−1)/(2K) PLMC(K), ½ PLMC(∞) and RLMC; docs/theory.md §4.2), and
/// |1 − x + x² E[M]| < 1 on the whole stable range, so μₙ → m. Checked: ChainLaw's n-step mean against this
/// closed form (eigenvalue by eigenvalue), and the contraction of E[B]. [R]; PN-P03.
/// Not a rate claim; one mutant (PLMC(4) with correction weight η/K, E[M] → E[M]/K) runs through the same body.
enum ClaimC03 {
    static let claim = Claim(
        id: .c3, title: "unbiased stationary mean",
        statement: "For drift −A(x − m), PLMC's stationary mean equals m exactly for every η, K in the stable range.",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "ChainLaw n-step mean vs m + Q diag((1 − x + x²E[M])ⁿ) Qᵀ(μ₀ − m); max |E[β]|",
        expectedRelation: "relative difference ≤ 1e-10 and max |E[β]| < 1 (so the stationary mean is m)",
        proofsNote: "PN-P03", kind: .exact,
        defaultCases: { try ExactClaimSupport.defaultGaussianCases($0) },
        check: { try check($0, $1) })

    static let tolerance = 1e-10

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        let drift = target.drift
        // (subject, E[M] printed in docs/theory.md §4.2, n-step mean provider)
        var subjects: [(SchemeVariant, Double, (Int, Double, ChainMoments) throws -> ChainMoments)] = []
        let schemes: [(Scheme, Double)] = [(.lmc, 0), (.plmc(.finite(1)), 0), (.plmc(.finite(4)), 3.0 / 8),
                                                (.plmc(.infinite), 0.5), (.rlmc, 0.5)]
        for (scheme, meanM) in schemes {
            subjects.append((SchemeVariant(scheme), meanM, { n, eta, start in
                try ChainLaw.afterSteps(n, scheme, eta: eta, drift: drift, from: start)
            }))
        }
        let mutant = try SchemeVariant.checked(.plmc(.finite(4)), .correctionWeightOverK)
        subjects.append((mutant, 3.0 / 8, { n, eta, start in
            try ChainLaw.afterSteps(n, mutant, eta: eta, drift: drift, from: start)
        }))
        return subjects.map { variant, meanM, law in
            verdict(variant, meanM: meanM, law: law, target: target, caseName: claimCase.name)
        }
    }

    /// THE body: at x = ηλ_max ∈ {0.2, 1.0}, n = 25 steps from μ₀ = m + (1, 2, …, d)/d.
    static func verdict(_ variant: SchemeVariant, meanM: Double,
                        law: (Int, Double, ChainMoments) throws -> ChainMoments, target: GaussianTarget,
                        caseName: String) -> ClaimVerdict {
        let subject = variant.description, role = variant.role
        let metric = "relative difference of the 25-step mean from m + Q diag(E[β]ⁿ) Qᵀ(μ₀ − m)"
        let expected = ExpectedValue("≤ \(tolerance), and max |E[β]| < 1", value: 0)
        do {
            let d = target.dimension
            let offset = (1...d).map { Double($0) / Double(d) }
            let start = try ChainMoments(pointMass: zip(target.mean, offset).map { $0 + $1 })
            let n = 25
            var worst = 0.0, radius = 0.0
            for x in [0.2, 1.0] {
                let eta = x / target.largestEigenvalue
                let factors = target.eigenvalues.map { lambda -> Double in
                    let y = eta * lambda
                    return 1 - y + y * y * meanM
                }
                radius = max(radius, factors.map(abs).max() ?? 0)
                let rotated = target.eigen.vectors.transposed * offset
                let predictedShift = target.eigen.vectors * zip(rotated, factors).map { $0 * pow($1, Double(n)) }
                let predicted = zip(target.mean, predictedShift).map { $0 + $1 }
                let mean = try law(n, eta, start).mean
                let scale = max(1, target.mean.map(abs).max() ?? 0)
                worst = max(worst, zip(mean, predicted).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0)
            }
            let outcome: ClaimOutcome
            if !(worst <= tolerance) {
                outcome = .fails("the n-step mean differs from the closed form by \(worst) (relative)")
            } else if !(radius < 1) {
                outcome = .fails("max |E[β]| = \(radius) ≥ 1: the mean does not converge to m")
            } else {
                outcome = .holds
            }
            return ClaimVerdict(claimID: .c3, caseName: caseName, subject: subject, role: role, metric: metric,
                                expected: expected, measured: worst, tolerance: tolerance, outcome: outcome,
                                numbers: [LabelledNumber("max |E[β]|", radius), LabelledNumber("E[M]", meanM)],
                                scheme: variant)
        } catch {
            return ClaimVerdict(claimID: .c3, caseName: caseName, subject: subject, role: role, metric: metric,
                                expected: expected, outcome: .inconclusive("\(error)"), scheme: variant)
        }
    }
}

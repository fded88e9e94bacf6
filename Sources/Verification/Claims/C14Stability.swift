import DenseLinearAlgebra
import Foundation
import ReferenceLaws
import SchemeVocabulary

/// C14 — mean-square stability thresholds x* = η*λ_max (docs/theory.md §4.2, §7.14): LMC and PLMC with K ≤ 2: 2;
/// K = 4: 1.52; K = 10: 1.32; K = 100: 1.225; K = ∞: 1.215; RLMC: 1.596; and PLMC(∞) has a smaller stationary
/// variance bias than LMC iff ηλ < 2/3. Checked by bisection on ChainLaw's stability report for the case's A
/// (η* λ_max must match the printed value to its printed precision and ScalarChainLaw's threshold to 1e-9), and by
/// bisection of r_PLMC(∞)(x) = r_LMC(x) on ChainLaw's 1-D stationary laws. [R]; PN-P14.
enum ClaimC14 {
    /// The schemes whose threshold the theory declares (`SchemeTheory.stabilityThreshold`), in the order checked.
    static let schemes: [Scheme] = [.lmc, .plmc(.finite(1)), .plmc(.finite(2)), .plmc(.finite(4)), .plmc(.finite(10)),
                                    .plmc(.finite(100)), .plmc(.infinite), .rlmc]

    /// "2 (LMC), 2 (PLMC(K=1)), …" from the theory data.
    static var thresholdText: String {
        schemes.compactMap { scheme in scheme.theory.stabilityThreshold.map { "\(DeclaredOrder.text($0.value)) (\(scheme))" } }
            .joined(separator: ", ")
    }

    static let claim = Claim(
        id: .c14, title: "stability thresholds",
        statement: "OU mean-square stability needs ηλ_max below \(thresholdText); PLMC(∞) beats LMC's stationary variance "
            + "bias iff ηλ < 2/3.",
        provenance: .reconstructed, requiredAssumptions: [.gaussianTarget],
        metric: "η*·λ_max from bisection on ChainLaw stability; crossover x of r_PLMC(∞) = r_LMC",
        expectedRelation: "printed values to their printed precision; crossover 2/3 to 1e-9",
        proofsNote: "PN-P14", kind: .exact,
        defaultCases: { try ExactClaimSupport.defaultGaussianCases($0) },
        check: { try check($0, $1) })

    /// (scheme, printed threshold, half a unit of its last printed digit; 1e-9 for the exact value 2), from the theory.
    static var printed: [(Scheme, Double, Double)] {
        schemes.compactMap { scheme in
            scheme.theory.stabilityThreshold.map { (scheme, $0.value, $0.printedPrecision) }
        }
    }

    static func check(_ options: ClaimRunOptions, _ claimCase: ClaimCase) throws -> [ClaimVerdict] {
        let target = try ExactClaimSupport.target(of: claimCase)
        var verdicts = printed.map { thresholdVerdict($0.0, printed: $0.1, halfUnit: $0.2, target: target, caseName: claimCase.name) }
        verdicts.append(crossoverVerdict(caseName: claimCase.name))
        return verdicts
    }

    /// η* by bisection on `ChainLaw.stabilityMargin(...).isStable` over (0, 4/λ_max], 80 halvings.
    static func threshold(_ scheme: Scheme, drift: LinearDrift, lambdaMax: Double) throws -> Double {
        var lo = 1e-3 / lambdaMax, hi = 4 / lambdaMax
        guard try ChainLaw.stabilityMargin(scheme, eta: lo, drift: drift).isStable,
              try !ChainLaw.stabilityMargin(scheme, eta: hi, drift: drift).isStable
        else { throw VerificationError.law("\(scheme): no stability change bracketed in (0.001, 4]/λ_max") }
        for _ in 0..<80 {
            let mid = 0.5 * (lo + hi)
            if try ChainLaw.stabilityMargin(scheme, eta: mid, drift: drift).isStable { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }

    static func thresholdVerdict(_ scheme: Scheme, printed value: Double, halfUnit: Double, target: GaussianTarget,
                                 caseName: String) -> ClaimVerdict {
        let metric = "η*·λ_max (bisection on ChainLaw stability)"
        let expected = ExpectedValue("\(value) ± \(halfUnit) (printed precision)", value: value)
        do {
            let xStar = try threshold(scheme, drift: target.drift, lambdaMax: target.largestEigenvalue) * target.largestEigenvalue
            let closed = try ScalarChainLaw.stabilityThreshold(scheme)
            let relative = abs(xStar - closed) / closed
            let outcome: ClaimOutcome
            if !(abs(xStar - value) <= halfUnit) {
                outcome = .fails("x* = \(xStar) is not \(value) ± \(halfUnit)")
            } else if !(relative <= 1e-9) {
                outcome = .fails("x* = \(xStar) differs from the closed-form threshold \(closed) by \(relative) (relative)")
            } else {
                outcome = .holds
            }
            return ClaimVerdict(claimID: .c14, caseName: caseName, subject: scheme.description, metric: metric,
                                expected: expected, measured: xStar, tolerance: halfUnit, outcome: outcome,
                                numbers: [LabelledNumber("closed-form x*", closed), LabelledNumber("relative difference", relative)],
                                scheme: SchemeVariant(scheme))
        } catch {
            return ClaimVerdict(claimID: .c14, caseName: caseName, subject: scheme.description, metric: metric,
                                expected: expected, outcome: .inconclusive("\(error)"), scheme: SchemeVariant(scheme))
        }
    }

    /// The x ∈ (0.1, 1.2) where the 1-D stationary variances of PLMC(∞) and LMC are equally biased
    /// (ChainLaw on N(0, 1)), by bisection of r_PLMC(x) − r_LMC(x).
    static func crossoverVerdict(caseName: String) -> ClaimVerdict {
        let metric = "x with r_PLMC(K=∞)(x) = r_LMC(x) (ChainLaw, d = 1)"
        let expected = ExpectedValue("2/3 ± 1e-9", value: 2.0 / 3.0)
        do {
            let drift = try LinearDrift(precision: Matrix.identity(1), mean: [0])
            func gap(_ x: Double) throws -> Double {
                try ChainLaw.stationary(.plmc(.infinite), eta: x, drift: drift).covariance[0, 0]
                    - ChainLaw.stationary(.lmc, eta: x, drift: drift).covariance[0, 0]
            }
            var lo = 0.1, hi = 1.2
            guard try gap(lo) < 0, try gap(hi) > 0 else { throw VerificationError.law("no sign change of the bias gap in (0.1, 1.2)") }
            for _ in 0..<100 {
                let mid = 0.5 * (lo + hi)
                if try gap(mid) < 0 { lo = mid } else { hi = mid }
            }
            let x = 0.5 * (lo + hi)
            let outcome: ClaimOutcome = abs(x - 2.0 / 3.0) <= 1e-9 ? .holds : .fails("crossover at x = \(x), not 2/3")
            return ClaimVerdict(claimID: .c14, caseName: caseName, subject: "PLMC(K=∞) vs LMC", metric: metric,
                                expected: expected, measured: x, tolerance: 1e-9, outcome: outcome)
        } catch {
            return ClaimVerdict(claimID: .c14, caseName: caseName, subject: "PLMC(K=∞) vs LMC", metric: metric,
                                expected: expected, outcome: .inconclusive("\(error)"))
        }
    }
}

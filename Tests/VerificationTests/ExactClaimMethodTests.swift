// The verification methods behind the exact claims, each against independent values: the exact rate rule and
// asymptotic range (PN-V01), stationary metrics as per-block sums (PN-V02), mixture KL by quadrature and
// Gauss–Hermite (PN-V03), the moment-parameterised (mutant) laws against ChainLaw (PN-V04), the claim registry and
// assumption matching (PN-V05), and the mutant design (PN-V06). Deterministic.
import DenseLinearAlgebra
import Foundation
import Langevin
import ReferenceLaws
import SchemeVocabulary
import Verification
import VerificationTestSupport
import XCTest

final class ExactClaimMethodTests: XCTestCase {
    // MARK: PN-V01 — exact rate decisions

    /// e(h) = C h^p (1 + c h): local slopes p + log₂((1 + ch)/(1 + ch/2)) (closed form), the least-squares slope lies in
    /// their envelope, and the rule holds/fails exactly as the envelope sits inside/outside p ± δ.
    func testPN_V01_exactRateRuleOnPerturbedPowerLaws() throws {
        let steps = try RateLadder(initialStep: 0.2, levels: 6).steps
        for (p, c) in [(1.0, 0.5), (2.0, -0.8), (4.0, 2.0), (3.0, 0)] {
            let errors = steps.map { 3 * pow($0, p) * (1 + c * $0) }
            let fit = try RateFit.exact(steps: steps, errors: errors, expectedOrder: p, tolerance: p / 10)
            for (k, s) in fit.localSlopes.enumerated() {
                let h = steps[k]
                XCTAssertEqual(s, p + log2((1 + c * h) / (1 + c * h / 2)), accuracy: 1e-12)
            }
            XCTAssertGreaterThanOrEqual(fit.fittedSlope, fit.slopeLower - 1e-12)
            XCTAssertLessThanOrEqual(fit.fittedSlope, fit.slopeUpper + 1e-12)
            let inside = fit.localSlopes.allSatisfy { abs($0 - p) <= p / 10 } && abs(fit.fittedSlope - p) <= p / 10
            XCTAssertEqual(ExactRateRule.decide(fit).holds, inside, "p = \(p), c = \(c): \(fit)")
            // The same data against an order one lower or higher is rejected.
            for q in [p - 1, p + 1] {
                let wrong = try RateFit.exact(steps: steps, errors: errors, expectedOrder: q, tolerance: q / 10)
                XCTAssertTrue(ExactRateRule.decide(wrong).isFailure, "order \(q) for data of order \(p)")
            }
        }
        // Degenerate data: a zero error fails, a NaN is inconclusive; levels below the floor are dropped, and fewer
        // than three usable levels are inconclusive.
        let base = steps.map { $0 * $0 }
        var zero = base; zero[3] = 0
        XCTAssertTrue(try ExactRateRule.evaluate(steps: steps, errors: zero, expectedOrder: 2, tolerance: 0.2).outcome.isFailure)
        var nan = base; nan[2] = .nan
        XCTAssertEqual(try ExactRateRule.evaluate(steps: steps, errors: nan, expectedOrder: 2, tolerance: 0.2).outcome.label, "inconclusive")
        XCTAssertEqual(try ExactRateRule.evaluate(steps: steps, errors: base, expectedOrder: 2, tolerance: 0.2, floor: 5e-3).outcome.label,
                       "inconclusive")
        let trimmed = try ExactRateRule.evaluate(steps: steps, errors: base, expectedOrder: 2, tolerance: 0.2, floor: 1e-3)
        XCTAssertEqual(trimmed.outcome, .holds)
        XCTAssertEqual(trimmed.fit?.steps.count, 3)   // h² = 0.04, 0.01, 0.0025 ≥ 1e-3 > 0.000625
        XCTAssertThrowsError(try RateFit.exact(steps: [0.1, 0.05], errors: [1, 0.5], expectedOrder: 1, tolerance: 0.1))
        XCTAssertThrowsError(try RateFit.exact(steps: [0.1, 0.2, 0.05], errors: [1, 2, 0.5], expectedOrder: 1, tolerance: 0.1))
        XCTAssertThrowsError(try RateFit.exact(steps: steps, errors: base, expectedOrder: .nan, tolerance: 0.1))
    }

    /// AsymptoticRange on g(x) = x²(1 + 3x): s(x) − 2 = log₂((1 + 3x)/(1 + 3x/2)) increases with x, so x₀ is the
    /// largest grid point with log₂((1 + 3x₀)/(1 + 1.5x₀)) ≤ δ (closed form of the band edge: x = (2^δ − 1)/(3 − 1.5·2^δ)).
    func testPN_V01_asymptoticRangeFindsTheBandEdge() throws {
        let delta = 0.1
        let x0 = try XCTUnwrap(try AsymptoticRange.largestScale(expectedOrder: 2, maximumDeviation: delta, upperLimit: 1) {
            $0 * $0 * (1 + 3 * $0)
        })
        let edge = (pow(2, delta) - 1) / (3 - 1.5 * pow(2, delta))
        XCTAssertLessThanOrEqual(x0, edge)
        XCTAssertGreaterThan(x0, edge * pow(2, -1.0 / 8))
        XCTAssertLessThanOrEqual(try AsymptoticRange.maximumDeviation(expectedOrder: 2, below: x0) { $0 * $0 * (1 + 3 * $0) }, delta)
        // A series of the wrong order has no range.
        XCTAssertNil(try AsymptoticRange.largestScale(expectedOrder: 2, maximumDeviation: delta, upperLimit: 1) { $0 })
    }

    /// The Monte Carlo fit: secant interval of R15 from the end intervals, weighted LS slope of the estimates.
    func testPN_V01_monteCarloFitUsesTheSecantInterval() throws {
        let steps = try RateLadder(initialStep: 0.1, levels: 4).steps
        let estimates = steps.map { 2 * $0 * $0 }
        let intervals = try estimates.map { try ErrorInterval(lower: 0.95 * $0, upper: 1.05 * $0) }
        let fit = try RateFit.monteCarlo(steps: steps, estimates: estimates, intervals: intervals, alpha: 1e-9,
                                         expectedOrder: 2, tolerance: 0.1)
        XCTAssertEqual(fit.fittedSlope, 2, accuracy: 1e-12)
        XCTAssertEqual(fit.slopeLower, log(0.95 / 1.05 * 256) / log(16), accuracy: 1e-12)
        XCTAssertEqual(fit.slopeUpper, log(1.05 / 0.95 * 256) / log(16), accuracy: 1e-12)
        XCTAssertEqual(MonteCarloRateRule.decide(fit), .holds)
        let wrong = try RateFit.monteCarlo(steps: steps, estimates: estimates, intervals: intervals, alpha: 1e-9,
                                           expectedOrder: 1, tolerance: 0.1)
        XCTAssertTrue(MonteCarloRateRule.decide(wrong).isFailure)
    }

    // MARK: PN-V02 — stationary metrics decompose over eigen-blocks

    /// For Σ = Q diag(rₖ/λₖ) Qᵀ against π = N(m, Q diag(1/λₖ) Qᵀ): ‖Σ − A⁻¹‖_F² = Σ((rₖ − 1)/λₖ)², relative spectral
    /// error max|rₖ − 1|, KL = Σ ½(rₖ − 1 − log rₖ), W2² = Σ (√rₖ − 1)²/λₖ; TV in 1-D = |P(I) − Q(I)| (Normal CDFs).
    func testPN_V02_metricsAreSumsOverEigenBlocks() throws {
        let generator = try ExactClaimTesting.targets(dimensions: 1...10, kappa: 1...50)
        forAllCases(self, count: 10, generator: { generator.next(using: &$0) }) { sample in
            let target = try GaussianTarget(precision: sample.precision, mean: sample.mean)
            let ratios = target.eigenvalues.indices.map { 1 + 0.01 * Double($0 + 1) / Double(target.dimension) }
            let law = try ChainMoments(mean: target.mean,
                                       covariance: target.fromEigenbasis(diagonal: zip(ratios, target.eigenvalues).map { $0 / $1 }))
            let pi = try target.law()
            let lam = target.eigenvalues
            let expected: [(StationaryMetric, Double)] = [
                (.covarianceError, zip(ratios, lam).reduce(0) { $0 + pow(($1.0 - 1) / $1.1, 2) }.squareRoot()),
                (.relativeSpectralError, ratios.map { abs($0 - 1) }.max()!),
                (.kullbackLeibler, ratios.reduce(0) { $0 + 0.5 * ($1 - 1 - log($1)) }),
                (.wasserstein2, zip(ratios, lam).reduce(0) { $0 + pow($1.0.squareRoot() - 1, 2) / $1.1 }.squareRoot()),
            ]
            var outcomes: [PropertyOutcome] = []
            for (metric, value) in expected {
                let measured = try metric.value(of: law, reference: pi)
                outcomes.append(.check(abs(measured - value) <= 1e-9 * value, "\(metric): \(measured) vs \(value)"))
            }
            return .all(outcomes)
        }
        // TV in 1-D: N(0, r) vs N(0, 1) crosses at ±t, t² = r log r/(r − 1); TV = 2[Φ(t) − Φ(t/√r)].
        let r = 1.3
        let t = (r * log(r) / (r - 1)).squareRoot()
        let tv = 2 * (try StandardNormal.cdf(t) - StandardNormal.cdf(t / r.squareRoot()))
        let law = try ChainMoments(mean: [0], covariance: Matrix([[r]]))
        XCTAssertEqual(try StationaryMetric.totalVariation.value(of: law, reference: GaussianLaw(mean: [0], covariance: Matrix([[1]]))),
                       tv, accuracy: 1e-12)
        XCTAssertEqual(StationaryMetric.totalVariation.blockError(ratioMinusOne: r - 1), tv, accuracy: 1e-12)
        XCTAssertEqual(StationaryMetric.kullbackLeibler.blockError(ratioMinusOne: 1e-4), 0.5 * (1e-4 - log1p(1e-4)), accuracy: 1e-20)
    }

    // MARK: PN-V03 — KL of mixtures by quadrature, Gauss–Hermite

    /// One component: KL(N(0, v I_d) ‖ N(0, w I_d)) = (d/2)(ρ − 1 − log ρ), ρ = v/w; 1-D with means adds
    /// (μ − μ')²/(2w). Two components vs an mpmath-free check: φ(ε) ≥ 0 and the series equals the direct form.
    func testPN_V03_mixtureKLAgainstClosedForms() throws {
        for d in [1, 3, 16] {
            for (v, w) in [(1.2, 1.0), (0.9, 1.1), (1.0 + 1e-4, 1.0)] {
                let kl = try MixtureDivergence.isotropicScaleMixture(weights: [1], variances: [v], referenceVariance: w, dimension: d)
                let rho = v / w
                let exact = 0.5 * Double(d) * (rho - 1 - log(rho))
                XCTAssertEqual(kl, exact, accuracy: 1e-8 * exact, "d = \(d), v = \(v), w = \(w)")
            }
        }
        let kl = try MixtureDivergence.oneDimensionalMixture(weights: [1], means: [0.3], variances: [1.5],
                                                              referenceMean: -0.2, referenceVariance: 1.2)
        let exact = 0.5 * (1.5 / 1.2 - 1 - log(1.5 / 1.2)) + 0.25 / (2 * 1.2)
        XCTAssertEqual(kl, exact, accuracy: 1e-9 * exact)
        // A mixture of two equal components is that component.
        let split = try MixtureDivergence.isotropicScaleMixture(weights: [0.25, 0.75], variances: [1.2, 1.2], referenceVariance: 1, dimension: 4)
        XCTAssertEqual(split, 2 * (1.2 - 1 - log(1.2)), accuracy: 1e-9)
        for e in [-0.09, -1e-5, 0, 1e-6, 0.05, 0.099] {
            let direct = e == 0 ? 0 : (1 + e) * log1p(e) - e
            XCTAssertEqual(MixtureDivergence.phi(e), direct, accuracy: 1e-15 + 1e-9 * abs(direct))
        }
        XCTAssertThrowsError(try MixtureDivergence.isotropicScaleMixture(weights: [0.5], variances: [1], referenceVariance: 1, dimension: 1))
        XCTAssertThrowsError(try MixtureDivergence.isotropicScaleMixture(weights: [1], variances: [-1], referenceVariance: 1, dimension: 1))
    }

    /// Gauss–Hermite with n points integrates E[Z^{2k}] = (2k − 1)!! exactly for 2k ≤ 2n − 1 (checked to 1e-10
    /// relative up to Z³², where the sum's rounding grows), odd moments to 0, and E[cos Z] = e^{−1/2} to 1e-14 at n = 24.
    func testPN_V03_gaussHermiteMoments() throws {
        let rule = try GaussHermiteRule(points: 24)
        XCTAssertEqual(rule.weights.reduce(0, +), 1, accuracy: 1e-14)
        var doubleFactorial = 1.0
        for k in 1...16 {
            doubleFactorial *= Double(2 * k - 1)
            XCTAssertEqual(rule.expectation { pow($0, Double(2 * k)) }, doubleFactorial, accuracy: 1e-10 * doubleFactorial, "E[Z^\(2 * k)]")
            XCTAssertEqual(rule.expectation { pow($0, Double(2 * k - 1)) }, 0, accuracy: 1e-9 * doubleFactorial)
        }
        XCTAssertEqual(rule.expectation { cos($0) }, exp(-0.5), accuracy: 1e-14)
        XCTAssertThrowsError(try GaussHermiteRule(points: 0))
    }

    // MARK: PN-V04 — moment-parameterised laws

    /// The correct moments are the E[M], E[M²], E[S_K·T], E[T²] of docs/theory.md §4.2; the mutants' follow from their definitions
    /// (independent noise: E[S·T] = 0; η/K weight: M/K, T/K; √η noise: s² = ½; start point: all 0; K = ∞ limits).
    func testPN_V04_midpointMomentsMatchTheirDefinitions() throws {
        for k in [1, 2, 3, 4, 7, 10, 64] {
            let kd = Double(k)
            let m = try MidpointMoments(SchemeVariant(.plmc(.finite(k))))
            XCTAssertEqual(m.meanM, (kd - 1) / (2 * kd), accuracy: 1e-15)
            XCTAssertEqual(m.secondM, (kd - 1) * (kd - 1) * (7 * kd - 2) / (12 * kd * kd * kd), accuracy: 1e-14)
            XCTAssertEqual(m.cross * kd, (kd - 1) / 2, accuracy: 1e-12)
            XCTAssertEqual(m.secondT * kd, (kd - 1) * (5 * kd - 4) / (6 * kd), accuracy: 1e-11)
            XCTAssertEqual(m.noiseScaleSquared, 1)
            let independent = try MidpointMoments(try SchemeVariant(.plmc(.finite(k)), mutation: .independentMidpointNoise))
            XCTAssertEqual(independent.cross, 0)
            XCTAssertEqual(independent.secondT, m.secondT, accuracy: 1e-15)
            let weighted = try MidpointMoments(try SchemeVariant(.plmc(.finite(k)), mutation: .correctionWeightOverK))
            XCTAssertEqual(weighted.meanM, m.meanM / kd, accuracy: 1e-15)
            XCTAssertEqual(weighted.secondT, m.secondT / (kd * kd), accuracy: 1e-15)
            let start = try MidpointMoments(try SchemeVariant(.plmc(.finite(k)), mutation: .midpointAtStartPoint))
            XCTAssertEqual([start.meanM, start.varianceM, start.cross, start.secondT], [0, 0, 0, 0])
            let bernoulli = try MidpointMoments(try SchemeVariant(.plmc(.finite(k)), mutation: .flagProbabilityOneOverKPlusOne))
            XCTAssertEqual(bernoulli.meanM, (kd - 1) / (2 * (kd + 1)), accuracy: 1e-15)
            let shifted = try MidpointMoments(try SchemeVariant(.plmc(.finite(k)), mutation: .offByOneMidpointIndex))
            XCTAssertEqual(shifted.meanM, (kd + 1) / (2 * kd), accuracy: 1e-15)
        }
        let infinite = try MidpointMoments(SchemeVariant(.plmc(.infinite)))
        for (value, expected) in zip([infinite.meanM, infinite.secondM, infinite.cross, infinite.secondT], [0.5, 7.0 / 12, 0.5, 5.0 / 6]) {
            XCTAssertEqual(value, expected, accuracy: 1e-15)
        }
        // K = ∞ is the limit of large finite K (differences O(1/K)).
        for mutation in [nil, SchemeMutation.independentMidpointNoise, .noiseSqrtEta, .flagProbabilityOneOverKPlusOne,
                         .offByOneMidpointIndex, .correctionWeightOverK, .midpointAtStartPoint] {
            let a = try MidpointMoments(try SchemeVariant(.plmc(.finite(100_000)), mutation: mutation))
            // the flag-probability and off-by-one mutants coincide with PLMC in the Poisson limit (they do not apply
            // to K = ∞): compare them with the correct limit
            let limitMutation = mutation == .flagProbabilityOneOverKPlusOne || mutation == .offByOneMidpointIndex ? nil : mutation
            let b = try MidpointMoments(try SchemeVariant(.plmc(.infinite), mutation: limitMutation))
            for (x, y) in [(a.meanM, b.meanM), (a.secondM, b.secondM), (a.cross, b.cross), (a.secondT, b.secondT)] {
                XCTAssertEqual(x, y, accuracy: 1e-4, "K → ∞ limit of \(String(describing: mutation))")
            }
        }
        XCTAssertThrowsError(try SchemeVariant(.lmc, mutation: .independentMidpointNoise))
        XCTAssertThrowsError(try MidpointMoments(SchemeVariant(.plmc(.finite(0)))))
    }

    /// The correct moment-parameterised law reproduces ChainLaw (stationary and 5-step laws) for LMC, PLMC(K) and
    /// PLMC(∞); the flag-pattern mixture's moments reproduce ChainLaw's one-step law from a point; the K = 1
    /// off-by-one mutant has the closed form β = 1 − x + x², w = √(2η)(1 − x)Z, λσ² = 2(1 − x)²/(1 − (1 − x + x²)²)·x.
    func testPN_V04_correctMomentsReproduceChainLaw() throws {
        let generator = try ExactClaimTesting.targets(dimensions: 1...12, kappa: 1...100)
        forAllCases(self, count: ExactClaimTesting.caseCount(quick: 8, full: 40), generator: { generator.next(using: &$0) }) { sample in
            let target = try GaussianTarget(precision: sample.precision, mean: sample.mean)
            let start = try ChainMoments(mean: target.mean.map { $0 + 0.7 }, covariance: 0.3 * Matrix.identity(target.dimension))
            var outcomes: [PropertyOutcome] = []
            for base in [Scheme.lmc, .plmc(.finite(1)), .plmc(.finite(3)), .plmc(.finite(16)), .plmc(.infinite)] {
                let variant = SchemeVariant(base)
                let scheme = try MomentParameterisedChain(variant)
                for x in [0.05, 0.4, 1.0] {
                    let eta = x / target.largestEigenvalue
                    let exact = try ChainLaw.stationary(base, eta: eta, drift: target.drift)
                    let mine = try scheme.stationary(eta: eta, drift: target.drift)
                    let e1 = (mine.covariance - exact.covariance).frobeniusNorm / exact.covariance.frobeniusNorm
                    let n1 = try ChainLaw.afterSteps(5, base, eta: eta, drift: target.drift, from: start)
                    let n2 = try scheme.afterSteps(5, eta: eta, drift: target.drift, from: start)
                    let e2 = (n2.covariance - n1.covariance).frobeniusNorm / n1.covariance.frobeniusNorm
                    let e3 = zip(n1.mean, n2.mean).map { abs($0 - $1) }.max() ?? 0
                    outcomes.append(.check(e1 <= 1e-11 && e2 <= 1e-11 && e3 <= 1e-11,
                                           "\(variant) at x = \(x): stationary \(e1), 5-step \(e2), mean \(e3)"))
                }
            }
            return .all(outcomes)
        }
        // One-step mixtures (finite K) against ChainLaw's one-step law from the point y₀ = 0.8 (1-D, λ = 1.7).
        let drift = try LinearDrift(precision: Matrix([[1.7]]), mean: [0])
        for k in [1, 2, 5, 12] {
            for eta in [0.05, 0.3] {
                let variant = SchemeVariant(.plmc(.finite(k)))
                let mixture = try OneStepMixture(variant, eta: eta, eigenvalue: 1.7)
                XCTAssertEqual(mixture.totalWeight, 1, accuracy: 1e-14)
                let y0 = 0.8
                let mean = mixture.components.reduce(0) { $0 + $1.weight * $1.meanFactor * y0 }
                let second = mixture.components.reduce(0) { $0 + $1.weight * ($1.noiseVariance + pow($1.meanFactor * y0, 2)) }
                let exact = try ChainLaw.afterSteps(1, .plmc(.finite(k)), eta: eta, drift: drift, from: ChainMoments(pointMass: [y0]))
                XCTAssertEqual(mean, exact.mean[0], accuracy: 1e-14, "K = \(k), η = \(eta)")
                XCTAssertEqual(second - mean * mean, exact.covariance[0, 0], accuracy: 1e-13, "K = \(k), η = \(eta)")
            }
        }
        // Fine LMC in one step of η = K steps of η/K (closed form q^K, 2h Σ q^{2j}).
        let fine = try fineLMCOneStep(eta: 0.4, midpointCount: 5, eigenvalue: 2)
        let q = 1 - 0.4 * 2 / 5
        XCTAssertEqual(fine.meanFactor, pow(q, 5), accuracy: 1e-15)
        XCTAssertEqual(fine.variance, 2 * 0.08 * (0..<5).reduce(0) { $0 + pow(q, Double(2 * $1)) }, accuracy: 1e-15)
        // K = 1 off-by-one: λσ² = 2x(1 − x)²/(1 − (1 − x + x²)²).
        let offByOne = try MomentParameterisedChain(try SchemeVariant(.plmc(.finite(1)), mutation: .offByOneMidpointIndex))
        for x in [0.1, 0.3, 0.6] {
            let beta = 1 - x + x * x
            XCTAssertEqual(try offByOne.stationaryVarianceRatio(x: x), 2 * x * (1 - x) * (1 - x) / (1 - beta * beta), accuracy: 1e-13)
        }
    }

    // MARK: PN-V05 — registry and assumptions

    /// The registry lists C1, C3–C9, C11, C13–C16 (exact) with unique ids and proofs-note ids PN-Pxx (C1–C14); a non-Gaussian
    /// case gets one `.outsideAssumptions` verdict; a check that throws yields `.inconclusive`.
    func testPN_V05_registryAndAssumptionMatching() throws {
        let exactClaims = ClaimRegistry.all.filter { $0.kind == .exact }
        let ids = exactClaims.map(\.id)
        XCTAssertEqual(ids, [.c1, .c3, .c4, .c5, .c6, .c7, .c8, .c9, .c11, .c13, .c14, .c15, .c16])
        XCTAssertEqual(Set(ClaimRegistry.all.map(\.id)).count, ClaimRegistry.all.count, "duplicate claim ids")
        // The paper's Langevin claims have their notes in PN-P (C15 and C16, the diffusion claims, in PN-D).
        XCTAssertEqual(exactClaims.first { $0.id == .c16 }?.proofsNote, "PN-D05")
        for claim in exactClaims where claim.id < .c15 {
            XCTAssertEqual(claim.kind, .exact)
            XCTAssertEqual(claim.proofsNote, "PN-P" + String(format: "%02d", Int(claim.id.rawValue.dropFirst())!))
            XCTAssertTrue(claim.requiredAssumptions.contains(.gaussianTarget))
        }
        let mixture = try ClaimCase(GaussianMixtureCase(dimension: 1, separation: 1))
        XCTAssertFalse(mixture.satisfiedAssumptions.contains(.gaussianTarget))
        XCTAssertTrue(mixture.satisfiedAssumptions.contains(.lipschitzDrift))
        for claim in exactClaims {
            let verdicts = claim.run(ClaimRunOptions(), on: mixture)
            XCTAssertEqual(verdicts.count, 1)
            XCTAssertEqual(verdicts.first?.outcome.label, "outside assumptions", "\(claim.id)")
            XCTAssertFalse(verdicts.first?.asExpected ?? true)
        }
        let gaussian = try ClaimCase(IsotropicGaussianCase(dimension: 3))
        XCTAssertEqual(gaussian.satisfiedAssumptions, Set(Assumption.allCases))
        let throwing = Claim(id: .c16, title: "t", statement: "s", provenance: .unverified, requiredAssumptions: [], metric: "m",
                             expectedRelation: "r", proofsNote: "PN-V05", kind: .exact, defaultCases: { _ in [] },
                             check: { _, _ in throw VerificationError.numerical("boom") })
        XCTAssertEqual(throwing.run(ClaimRunOptions(), on: gaussian).first?.outcome.label, "inconclusive")
        XCTAssertEqual(try ClaimRunOptions.tier(environment: [:]), .quick)
        XCTAssertEqual(try ClaimRunOptions.tier(environment: ["LANGEVIN_TIER": "full"]), .full)
        XCTAssertThrowsError(try ClaimRunOptions.tier(environment: ["LANGEVIN_TIER": "fast"]))
    }

    // MARK: PN-V06 — mutant design

    /// On the default cases of every exact claim: every subject holds, every mutant is rejected, every rate subject
    /// has ≥ 2 mutants through the same body; with LANGEVIN_VERDICT_TABLE=<path> the verdict table (measured
    /// exponents, intervals, outcomes — the numbers quoted in the proofs-notes) is written to that file.
    func testPN_V06_everyRateSubjectHasRejectedMutants() throws {
        var lines: [String] = []
        // C15 (not in the default run) is a verdict about the paper's headline whose subjects may fail honestly; its
        // decisions are checked value by value in C15MetricTests.
        for claim in ClaimRegistry.all where claim.kind == .exact && claim.inDefaultRun {
            let verdicts = claim.runDefaultCases(ExactClaimTesting.options)
            let isRate = verdicts.contains { $0.rate != nil }
            if let problem = ExactClaimTesting.problems(verdicts, minimumMutants: isRate ? 2 : 0) {
                XCTFail("\(claim.id): \(problem)")
            }
            for v in verdicts {
                let interval = v.intervalLower.map { lo in String(format: "[%.4f, %.4f]", lo, v.intervalUpper ?? .nan) } ?? "—"
                let measured = v.measured.map { String(format: "%.4g", $0) } ?? "—"
                lines.append("\(v.claimID) | \(v.caseName) | \(v.subject) | \(v.role) | \(v.metric) | expected \(v.expected) | "
                    + "measured \(measured) \(interval) | \(v.outcome.label)")
            }
        }
        XCTAssertFalse(lines.isEmpty)
        // LANGEVIN_VERDICT_TABLE=<path> writes the table (one verdict per line) for the proofs-notes.
        if let path = ProcessInfo.processInfo.environment["LANGEVIN_VERDICT_TABLE"] {
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}

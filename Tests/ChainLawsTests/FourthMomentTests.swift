// The exact moments of order ≤ 4 of the overdamped chains (`OverdampedFourthMoments`, PN-V10): what the variance
// bounds of the engine-agreement check E1 rest on. Deterministic checks only.
import DenseLinearAlgebra
import Foundation
import ReferenceLaws
import SchemeVocabulary
import XCTest

final class FourthMomentTests: XCTestCase {
    /// A non-diagonal d = 3 case (rotated spectrum 0.4, 1.1, 2.5), mean m, start x₀ ≠ m.
    static func denseCase() throws -> LinearDrift {
        let (a, _) = ChainTestMatrices.spd(eigenvalues: [0.4, 1.1, 2.5], seed: chainTestSeed("FourthMomentTests.d3"))
        return try LinearDrift(precision: a, mean: [0.3, -1.2, 0.8])
    }

    static let start: [Double] = [1.5, 0.4, -0.7]

    /// Every overdamped scheme and the mutants whose laws are moment-parameterised.
    static func variants() throws -> [SchemeVariant] {
        var out = [SchemeVariant(.lmc), SchemeVariant(.plmc(.finite(4))), SchemeVariant(.plmc(.finite(16))),
                   SchemeVariant(.plmc(.infinite)), SchemeVariant(.rlmc)]
        let mutants: [(Scheme, SchemeMutation)] = [
            (.lmc, .noiseSqrtEta), (.plmc(.finite(4)), .offByOneMidpointIndex), (.plmc(.finite(4)), .independentMidpointNoise),
            (.plmc(.finite(4)), .flagProbabilityOneOverKPlusOne), (.plmc(.finite(4)), .correctionWeightOverK),
            (.plmc(.finite(16)), .offByOneMidpointIndex), (.plmc(.infinite), .halvedPoissonRate),
            (.plmc(.infinite), .independentEndpointNoise), (.plmc(.infinite), .noiseSqrtEta), (.rlmc, .independentMidpointNoise),
            (.rlmc, .independentEndpointNoise),
        ]
        for (scheme, mutation) in mutants { out.append(try SchemeVariant(scheme, mutation: mutation)) }
        return out
    }

    /// The first two moments are `ChainLaw`'s (an independent computation of the same law) to 1e-12.
    func testPN_V10_firstTwoMomentsEqualChainLaw() throws {
        let drift = try Self.denseCase()
        for variant in try Self.variants() {
            for steps in [0, 1, 7] {
                let f = try OverdampedFourthMoments(variant, eta: 0.25, drift: drift).afterSteps(steps, from: Self.start)
                let law = try ChainLaw.afterSteps(steps, variant, eta: 0.25, drift: drift, from: ChainMoments(pointMass: Self.start))
                for i in 0..<3 {
                    XCTAssertEqual(f.mean[i], law.mean[i], accuracy: 1e-12 * max(1, abs(law.mean[i])), "\(variant), \(steps) steps")
                    for j in 0..<3 {
                        XCTAssertEqual(f.covariance[i, j], law.covariance[i, j], accuracy: 1e-12, "\(variant), \(steps) steps")
                    }
                }
                // and the projection moments agree with them
                let u = [0.6, -0.3, 0.74]
                let z = f.projectionMoments(u, about: law.mean)
                var variance = 0.0
                for i in 0..<3 { for j in 0..<3 { variance += u[i] * u[j] * law.covariance[i, j] } }
                XCTAssertEqual(z[0], 0, accuracy: 1e-12)
                XCTAssertEqual(z[1], variance, accuracy: 1e-12 * max(1, variance), "\(variant)")
            }
        }
    }

    /// LMC's law is Gaussian: the central fourth moment of every projection is 3 Var², the third 0.
    func testPN_V10_lmcFourthMomentsAreGaussian() throws {
        let drift = try Self.denseCase()
        for variant in [SchemeVariant(.lmc), try SchemeVariant(.lmc, mutation: .noiseSqrtEta)] {
            let f = try OverdampedFourthMoments(variant, eta: 0.3, drift: drift).afterSteps(5, from: Self.start)
            for u in [[1.0, 0, 0], [0, 1, 0], [0.5, 0.5, 0.7071], [-0.2, 0.9, 0.1]] {
                let z = f.projectionMoments(u, about: f.mean)
                XCTAssertEqual(z[2], 0, accuracy: 1e-12 * z[1] * z[1].squareRoot())
                XCTAssertEqual(z[3], 3 * z[1] * z[1], accuracy: 1e-12 * z[1] * z[1], "\(variant) along \(u)")
            }
        }
    }

    /// PLMC(K = 3) and its mutants in 1-D against a brute-force sum over the 2³ flag patterns, each step built
    /// literally from its fine Brownian increments: given the flags H, y′ = β y + √2 Σₖ cₖ ΔWₖ with
    /// β = 1 − x + x Σᵢ Hᵢ τᵢ h λ and cₖ = 1 − x Σᵢ Hᵢ 1{k < τᵢ} (shared path; the midpoint terms on their own
    /// path when independent), so Var(w | H) = 2h Σₖ cₖ² (+ the independent path's part); then the raw moments of y
    /// by the scalar recursion with the exact Gaussian moments of w.
    func testPN_V10_plmcFiniteKAgainstBruteForceFlagEnumeration() throws {
        let lambda = 1.3, eta = 0.4, k = 3, mean = 0.7, x0 = 2.1, steps = 4
        let drift = try LinearDrift(precision: Matrix.diagonal([lambda]), mean: [mean])
        let x = eta * lambda, h = eta / Double(k)
        for mutation in [nil, SchemeMutation.offByOneMidpointIndex, .independentMidpointNoise, .flagProbabilityOneOverKPlusOne] {
            let variant = try SchemeVariant(.plmc(.finite(k)), mutation: mutation)
            let p = variant.flagProbability(k)
            var eb = [Double](repeating: 0, count: 5)           // E βʲ
            var ebv = [Double](repeating: 0, count: 3)          // E[βʲ V], j ≤ 2
            var ev2 = 0.0                                       // E V²
            for pattern in 0..<(1 << k) {
                var weight = 1.0, beta = 1 - x
                var shared = [Double](repeating: 1, count: k), own = [Double](repeating: 0, count: k)
                for i in 0..<k {
                    let flagged = pattern & (1 << i) != 0
                    weight *= flagged ? p : 1 - p
                    guard flagged else { continue }
                    let tau = variant.midpointIndex(i)
                    beta += x * Double(tau) * h * lambda
                    for kk in 0..<min(tau, k) {
                        if mutation == .independentMidpointNoise { own[kk] -= x } else { shared[kk] -= x }
                    }
                }
                let v = 2 * h * (shared.reduce(0) { $0 + $1 * $1 } + own.reduce(0) { $0 + $1 * $1 })
                for j in 0...4 { eb[j] += weight * pow(beta, Double(j)) }
                for j in 0...2 { ebv[j] += weight * pow(beta, Double(j)) * v }
                ev2 += weight * v * v
            }
            // raw moments of y = x − m
            var m = [1.0, x0 - mean, pow(x0 - mean, 2), pow(x0 - mean, 3), pow(x0 - mean, 4)]
            for _ in 0..<steps {
                m = [1, eb[1] * m[1], eb[2] * m[2] + ebv[0], eb[3] * m[3] + 3 * ebv[1] * m[1],
                     eb[4] * m[4] + 6 * ebv[2] * m[2] + 3 * ev2]
            }
            let f = try OverdampedFourthMoments(variant, eta: eta, drift: drift).afterSteps(steps, from: [x0])
            let z = f.projectionMoments([1], about: [mean])
            for j in 1...4 {
                XCTAssertEqual(z[j - 1], m[j], accuracy: 1e-12 * max(1, abs(m[j])), "\(variant): E yʲ, j = \(j)")
            }
        }
    }

    /// RLMC in 1-D, one step from y₀: β = 1 − x + x²u, V = 2η(1 − 2σxu + x²u) with u ~ U[0, 1), so
    /// E y′⁴ = E β⁴ y₀⁴ + 6 E[β²V] y₀² + 3 E V², each an integral of a polynomial in u (computed here term by term).
    func testPN_V10_rlmcClosedForms() throws {
        let lambda = 0.9, eta = 0.5, mean = -0.4, x0 = 1.3
        let drift = try LinearDrift(precision: Matrix.diagonal([lambda]), mean: [mean])
        let x = eta * lambda, y0 = x0 - mean
        /// ∫₀¹ of the polynomial with these coefficients (in u).
        func integral(_ c: [Double]) -> Double { c.enumerated().reduce(0) { $0 + $1.element / Double($1.offset + 1) } }
        func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: a.count + b.count - 1)
            for (i, p) in a.enumerated() { for (j, q) in b.enumerated() { out[i + j] += p * q } }
            return out
        }
        for (mutation, sigma) in [(SchemeMutation?.none, 1.0), (.independentMidpointNoise, 0.0)] {
            let beta = [1 - x, x * x]
            let v = [2 * eta, 2 * eta * (x * x - 2 * sigma * x)]
            let beta2 = multiply(beta, beta), beta4 = multiply(beta2, beta2)
            let expected = integral(beta4) * pow(y0, 4) + 6 * integral(multiply(beta2, v)) * y0 * y0 + 3 * integral(multiply(v, v))
            let variant = try SchemeVariant(.rlmc, mutation: mutation)
            let z = try OverdampedFourthMoments(variant, eta: eta, drift: drift).afterSteps(1, from: [x0])
                .projectionMoments([1], about: [mean])
            XCTAssertEqual(z[3], expected, accuracy: 1e-13 * expected, "\(variant)")
        }
    }

    /// PLMC(∞)'s moments (Dirichlet generating function) are the K → ∞ limit of the finite-K dynamic programme, two
    /// independent computations: the gap is c/K + d/K² + O(K⁻³) (K·gap changes by < 1 % from K = 256 to 512), and the
    /// second-order Richardson extrapolation (8f(4K) − 6f(2K) + f(K))/3 at K = 128 matches the limit to 2e-5 relative.
    func testPN_V10_poissonLimitOfTheFiniteKMoments() throws {
        let drift = try LinearDrift(precision: Matrix.diagonal([1.7]), mean: [0.2])
        func central(_ count: MidpointCount, _ mutation: SchemeMutation? = nil) throws -> [Double] {
            let variant = try SchemeVariant(.plmc(count), mutation: mutation)
            let f = try OverdampedFourthMoments(variant, eta: 0.35, drift: drift).afterSteps(3, from: [2.5])
            return f.projectionMoments([1], about: f.mean)
        }
        let limit = try central(.infinite)
        let k128 = try central(.finite(128)), k256 = try central(.finite(256)), k512 = try central(.finite(512))
        for j in 1...3 {
            let extrapolated = (8 * k512[j] - 6 * k256[j] + k128[j]) / 3
            XCTAssertEqual(extrapolated, limit[j], accuracy: 2e-5 * abs(limit[j]), "central moment \(j + 1)")
            let scaled256 = 256 * (k256[j] - limit[j]), scaled512 = 512 * (k512[j] - limit[j])
            XCTAssertEqual(scaled512, scaled256, accuracy: 0.01 * abs(scaled256), "K·gap of central moment \(j + 1)")
            XCTAssertGreaterThan(abs(scaled512), 1e-3 * abs(limit[j]), "finite K differs from K = ∞")
        }
        // the halved rate is another law (fourth central moment differs by > 1 %)
        let halved = try central(.infinite, .halvedPoissonRate)
        XCTAssertGreaterThan(abs(halved[3] - limit[3]), 0.01 * limit[3])
    }

    func testUnsupportedVariantsAreTypedErrors() throws {
        let drift = try Self.denseCase()
        for variant in [SchemeVariant(.ulmc(friction: 1)), SchemeVariant(.plmcULMC(friction: 1, .infinite)),
                        SchemeVariant(.plmc(.finite(600))),
                        try SchemeVariant(.plmc(.finite(4)), mutation: .replacedBy(.rlmc))] {
            XCTAssertThrowsError(try OverdampedFourthMoments(variant, eta: 0.1, drift: drift), "\(variant)") { error in
                guard case .unsupported = error as? ChainLawError else { return XCTFail("\(variant): \(error)") }
            }
        }
        XCTAssertThrowsError(try OverdampedFourthMoments(SchemeVariant(.lmc), eta: .nan, drift: drift))
        let f = try OverdampedFourthMoments(SchemeVariant(.lmc), eta: 0.1, drift: drift)
        XCTAssertThrowsError(try f.afterSteps(-1, from: Self.start))
        XCTAssertThrowsError(try f.afterSteps(1, from: [0, 0]))
        XCTAssertThrowsError(try f.afterSteps(1, from: [0, .nan, 0]))
    }
}

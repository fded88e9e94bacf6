// (e) Monte Carlo check of the exact finite-horizon laws against PLAIN, LITERAL implementations of every
// scheme written here (not the code under test), in d = 3 and d = 4 with a non-diagonal SPD A (random
// rotation, condition number 10), a non-zero mean m, and a Gaussian initial law N(m₀, S₀) whose covariance
// does not commute with A.
//
// Statistical design (stated level, CLT; ledger entries "CL.mc.<scheme>.moments"):
//   n independent chains, one state per chain after T steps (i.i.d. by construction): n = 20 000, or 40 000 for
//   PLMC(4), ULMC and PLMC-ULMC(4), whose power design (below) needs up to 36 200.
//   * mean entry i:        z = (x̄ᵢ − μᵢ) / √(Σᵢᵢ/n), Σᵢᵢ the exact variance of the law under test;
//   * covariance entry ij: ĉᵢⱼ = (1/n) Σ_chains (xᵢ − μᵢ)(xⱼ − μⱼ) (centred at the exact mean, unbiased),
//                          z = (ĉᵢⱼ − Σᵢⱼ) / (sᵢⱼ/√n), sᵢⱼ the sample sd of the products;
//   both in the original coordinates and in the coordinates w = L⁻¹(x − μ) whitened by the exact law
//   (Σ = L Lᵀ; expected mean 0, covariance I), where every direction is resolved at the same relative precision.
//   Each test's ledger level α is split across its m entries (m = 46 for the overdamped schemes, 142 for the
//   underdamped ones: 2 cases × 2 frames × (D + D(D+1)/2), computed in the test), and each |z| is compared with
//   z* = Φ⁻¹(1 − α/(2·3m)): the two-sided standard-normal quantile at a third of the per-entry level.
//   This is a CLT level, not a guaranteed one: the statistics are means of n i.i.d. variables with all
//   moments finite (Gaussian scale mixtures and their products); by Cramér's moderate-deviation expansion the
//   tail error at z* is a factor exp(O(z*³ κ₃/√n)) ≈ 1–3 for the skewness κ₃ ≤ 3 of these products, so the
//   true level per entry is ≤ 3 × the nominal α/(3m) = α/m. The step sizes keep ηλ_max ≤ 0.7, where every
//   overdamped scheme has E[β⁴] ≤ 0.33 < 1 (bounded fourth moments; at ηλ_max = 1 PLMC(∞) has E[β⁴] ≈ 1.6 and
//   its fourth moments grow with T, which would void the CLT argument). There are 610 compared entries in this
//   file (2 frames × (92 overdamped + 213 underdamped)); the ledger declares 1e-8 per overdamped and 3e-8 per
//   underdamped test (1.3e-7 in all, z* ≈ 6.5).
//   Power ("CL.mc.<scheme>.mutant-<wrong>-law", β = 1e-9 per test, 5e-10 per case): the same samples, whitened
//   by the law of a different scheme, must REJECT that law (max |z| > 2 z*), e.g. PLMC(K=4)'s samples against
//   RLMC's law. Design check (R2): from the two exact laws, the wrong-frame z of the best entry has noncentrality
//   ≥ 2z* + z_β standard deviations (z_β = Φ⁻¹(1 − β); mean entries: exact sd √Sᵢᵢ; covariance entries: the
//   Gaussian fourth-moment sd of the products times a safety factor 1.2 for the scale mixtures' excess kurtosis),
//   so a false pass needs a ≥ z_β deviation of that z-score (CLT).
//   Seeds: the test's `TestContext` seed salted with the case name ("d3", "d4").
import DenseLinearAlgebra
import Foundation
import Randomness
import ReferenceLaws
import SchemeVocabulary
import VerificationTestSupport
import XCTest

final class MonteCarloLawTests: XCTestCase {
    /// Chains per case unless a test needs more for its power design.
    static let defaultChains = 20_000
    static let steps = 30
    /// Cramér's moderate-deviation factor of the header: z* is taken at the per-entry level / 3.
    static let cramerFactor = 3.0
    /// Safety factor on the sd of the products in the power design (excess kurtosis of the scale mixtures).
    static let powerDesignSafety = 1.2

    /// Mean and covariance entries of a D-dimensional law: D + D(D+1)/2.
    static func entryCount(_ dim: Int) -> Int { dim + dim * (dim + 1) / 2 }

    /// The levels of one test: per-entry α (ledger level / entries), z* at α/3, and β per case.
    struct Levels {
        let budgetID: String
        let powerID: String
        let entries: Int
        let alphaEntry: Double
        let zCritical: Double
        let betaCase: Double
        let zBeta: Double
    }

    // MARK: the Gaussian cases

    struct Case {
        let name: String
        let d: Int
        let a: [[Double]]
        let m: [Double]
        let drift: LinearDrift
        let eta: Double
        let initialX: ChainMoments
        let initialZ: ChainMoments
        let initialXFactor: [[Double]]       // Cholesky factors of the initial covariances (test-side)
        let initialZFactor: [[Double]]

        /// b(x) = −A(x − m).
        @inline(__always) func drift(_ x: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: d)
            for i in 0..<d {
                var s = 0.0
                for j in 0..<d { s -= a[i][j] * (x[j] - m[j]) }
                out[i] = s
            }
            return out
        }
    }

    static func makeCase(_ name: String, eigenvalues: [Double], eta: Double) throws -> Case {
        let d = eigenvalues.count
        let (a, _) = ChainTestMatrices.spd(eigenvalues: eigenvalues, seed: chainTestSeed("MonteCarloLawTests." + name))
        let m = (0..<d).map { 0.5 * Double($0) - 0.8 }
        let drift = try LinearDrift(precision: a, mean: m)
        let s0 = ChainTestMatrices.initialCovariance(dimension: d, seed: chainTestSeed(name + ".S0"))
        let x0 = (0..<d).map { 1.5 - 0.7 * Double($0) }
        let sz = ChainTestMatrices.initialCovariance(dimension: 2 * d, seed: chainTestSeed(name + ".Sz"))
        let z0 = x0 + (0..<d).map { 0.4 - 0.3 * Double($0) }
        return Case(name: name, d: d, a: a.nestedRows, m: m, drift: drift, eta: eta,
                    initialX: try ChainMoments(mean: x0, covariance: s0),
                    initialZ: try ChainMoments(mean: z0, covariance: sz),
                    initialXFactor: cholesky(s0), initialZFactor: cholesky(sz))
    }

    /// Plain Cholesky (test-side), lower factor as nested rows.
    static func cholesky(_ s: Matrix) -> [[Double]] {
        let n = s.rows
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var diag = s[j, j]
            for k in 0..<j { diag -= l[j][k] * l[j][k] }
            l[j][j] = diag.squareRoot()
            for i in (j + 1)..<n {
                var v = s[i, j]
                for k in 0..<j { v -= l[i][k] * l[j][k] }
                l[i][j] = v / l[j][j]
            }
        }
        return l
    }

    static func sampleInitial<G: RandomNumberGenerator>(_ law: ChainMoments, _ factor: [[Double]], _ rng: inout G) -> [Double] {
        let n = law.mean.count
        let z = (0..<n).map { _ in rng.nextStandardNormal() }
        return (0..<n).map { i in law.mean[i] + (0...i).reduce(0) { $0 + factor[i][$1] * z[$1] } }
    }

    // MARK: literal overdamped steps (docs/theory.md §2.1, Shen–Lee RLMC)

    static func lmcStep<G: RandomNumberGenerator>(_ c: Case, _ x: [Double], _ rng: inout G) -> [Double] {
        let b = c.drift(x)
        let s = (2 * c.eta).squareRoot()
        return (0..<c.d).map { x[$0] + c.eta * b[$0] + s * rng.nextStandardNormal() }
    }

    /// PLMC(η, K): K Gaussians Z_j, Bernoulli(1/K) flags Hᵢ, Sᵢ = Σ_{j<i} Z_j,
    /// x′ = x + η b(x) + η Σᵢ Hᵢ [b(x + iη/K b(x) + √(2η/K) Sᵢ) − b(x)] + √(2η/K) S_K.
    static func plmcStep<G: RandomNumberGenerator>(_ c: Case, _ k: Int, _ x: [Double], _ rng: inout G) -> [Double] {
        let h = c.eta / Double(k)
        let s = (2 * h).squareRoot()
        let b0 = c.drift(x)
        var partial = [Double](repeating: 0, count: c.d)        // S_i
        var out = (0..<c.d).map { x[$0] + c.eta * b0[$0] }
        for i in 0..<k {
            let flagged = rng.nextUniform() < 1 / Double(k)
            if flagged {
                let mid = (0..<c.d).map { x[$0] + Double(i) * h * b0[$0] + s * partial[$0] }
                let bm = c.drift(mid)
                for j in 0..<c.d { out[j] += c.eta * (bm[j] - b0[j]) }
            }
            for j in 0..<c.d { partial[j] += rng.nextStandardNormal() }
        }
        for j in 0..<c.d { out[j] += s * partial[j] }
        return out
    }

    /// Poisson(1) by inversion of its CDF.
    static func poisson<G: RandomNumberGenerator>(_ rng: inout G) -> Int {
        let u = rng.nextUniform()
        var n = 0
        var p = exp(-1.0)
        var cdf = p
        while u > cdf && n < 40 { n += 1; p /= Double(n); cdf += p }
        return n
    }

    /// PLMC(η, ∞): N ~ Poisson(1), U_j ~ U[0,1) sorted, one Brownian path W sampled at the sorted U_j η and η:
    /// x′ = x + η b(x) + η Σ_j [b(x + U_j η b(x) + √2 W_{U_j η}) − b(x)] + √2 W_η.
    static func plmcPoissonStep<G: RandomNumberGenerator>(_ c: Case, _ x: [Double], _ rng: inout G) -> [Double] {
        let n = poisson(&rng)
        let times = (0..<n).map { _ in rng.nextUniform() }.sorted()
        let b0 = c.drift(x)
        var w = [Double](repeating: 0, count: c.d)
        var t = 0.0
        var out = (0..<c.d).map { x[$0] + c.eta * b0[$0] }
        let root2 = 2.0.squareRoot()
        for u in times {
            let dt = (u * c.eta - t).squareRoot()
            for j in 0..<c.d { w[j] += dt * rng.nextStandardNormal() }
            t = u * c.eta
            let mid = (0..<c.d).map { x[$0] + u * c.eta * b0[$0] + root2 * w[$0] }
            let bm = c.drift(mid)
            for j in 0..<c.d { out[j] += c.eta * (bm[j] - b0[j]) }
        }
        let dt = (c.eta - t).squareRoot()
        for j in 0..<c.d { w[j] += dt * rng.nextStandardNormal(); out[j] += root2 * w[j] }
        return out
    }

    /// RLMC: u ~ U[0,1], Y = X + uη b(X) + √2 W_{uη}, X′ = X + η b(Y) + √2 W_η on one Brownian path.
    static func rlmcStep<G: RandomNumberGenerator>(_ c: Case, _ x: [Double], _ rng: inout G) -> [Double] {
        let u = rng.nextUniform()
        let root2 = 2.0.squareRoot()
        let w1 = (0..<c.d).map { _ in (u * c.eta).squareRoot() * rng.nextStandardNormal() }
        let w = (0..<c.d).map { w1[$0] + ((1 - u) * c.eta).squareRoot() * rng.nextStandardNormal() }
        let b0 = c.drift(x)
        let y = (0..<c.d).map { x[$0] + u * c.eta * b0[$0] + root2 * w1[$0] }
        let by = c.drift(y)
        return (0..<c.d).map { x[$0] + c.eta * by[$0] + root2 * w[$0] }
    }

    // MARK: literal underdamped steps (state [x; v]; dx = v dt, dv = −γv dt + b(x) dt + √(2γ) dB)

    /// The exact frozen-force kinetic step pieces, written out directly (test-side formulas).
    struct Kinetic {
        let gamma: Double
        func phi(_ t: Double) -> Double { (1 - exp(-gamma * t)) / gamma }
        /// A_t = [[1, φ(t)], [0, e^{−γt}]] applied to (x, v).
        func transit(_ t: Double, _ x: Double, _ v: Double) -> (Double, Double) { (x + phi(t) * v, exp(-gamma * t) * v) }
        /// G_t = ((γt − 1 + e^{−γt})/γ², φ(t)).
        func gain(_ t: Double) -> (Double, Double) { ((gamma * t - 1 + exp(-gamma * t)) / (gamma * gamma), phi(t)) }
        /// A draw of ∫₀ᵗ e^{(t−s)L}(0, √(2γ))ᵀ dB_s: covariance from the Itô isometry, then a 2×2 Cholesky.
        func noise<G: RandomNumberGenerator>(_ t: Double, _ rng: inout G) -> (Double, Double) {
            let e = exp(-gamma * t), e2 = exp(-2 * gamma * t)
            let xx = max(0, 2 / gamma * (t - 2 * (1 - e) / gamma + (1 - e2) / (2 * gamma)))
            let xv = (1 - e) * (1 - e) / gamma
            let vv = 1 - e2
            let l11 = xx.squareRoot()
            let l21 = l11 > 0 ? xv / l11 : 0
            let l22 = max(0, vv - l21 * l21).squareRoot()
            let z1 = rng.nextStandardNormal(), z2 = rng.nextStandardNormal()
            return (l11 * z1, l21 * z1 + l22 * z2)
        }
    }

    /// ULMC(η): (x, v)′ = A_η (x, v) + G_η b(x) + ξ per coordinate.
    static func ulmcStep<G: RandomNumberGenerator>(_ c: Case, _ gamma: Double, _ z: [Double], _ rng: inout G) -> [Double] {
        let k = Kinetic(gamma: gamma)
        let b = c.drift(Array(z[0..<c.d]))
        let g = k.gain(c.eta)
        var out = z
        for j in 0..<c.d {
            let (x, v) = k.transit(c.eta, z[j], z[c.d + j])
            let (nx, nv) = k.noise(c.eta, &rng)
            out[j] = x + g.0 * b[j] + nx
            out[c.d + j] = v + g.1 * b[j] + nv
        }
        return out
    }

    /// PLMC-ULMC(η, K), literal fine construction (docs/theory.md §2.2): fine noises nᵢ ~ N(0, Q_h) per
    /// coordinate; cheap interpolation X̃_{i+1} = A_h X̃ᵢ + G_h b(X₀) + nᵢ; flags Hᵢ ~ Bernoulli(1/K);
    /// X_K = X̃_K + Σᵢ K Hᵢ A_h^{K−1−i} G_h (b(X̃ᵢ) − b(X₀)), the matrix power by repeated multiplication.
    static func plmcULMCStep<G: RandomNumberGenerator>(_ c: Case, _ gamma: Double, _ k: Int, _ z: [Double], _ rng: inout G) -> [Double] {
        let kin = Kinetic(gamma: gamma)
        let h = c.eta / Double(k)
        let b0 = c.drift(Array(z[0..<c.d]))
        let g = kin.gain(h)
        var current = z
        var corrections: [(Int, [Double])] = []
        for i in 0..<k {
            if rng.nextUniform() < 1 / Double(k) {
                let bi = c.drift(Array(current[0..<c.d]))
                corrections.append((i, (0..<c.d).map { bi[$0] - b0[$0] }))
            }
            for j in 0..<c.d {
                let (x, v) = kin.transit(h, current[j], current[c.d + j])
                let (nx, nv) = kin.noise(h, &rng)
                current[j] = x + g.0 * b0[j] + nx
                current[c.d + j] = v + g.1 * b0[j] + nv
            }
        }
        for (i, diff) in corrections {
            var p = g                                   // A_h^{K−1−i} G_h
            for _ in 0..<(k - 1 - i) { p = kin.transit(h, p.0, p.1) }
            for j in 0..<c.d {
                current[j] += Double(k) * p.0 * diff[j]
                current[c.d + j] += Double(k) * p.1 * diff[j]
            }
        }
        return current
    }

    /// PLMC-ULMC(η, ∞): N ~ Poisson(1) midpoints at sorted times t_j = U_j η; the OU noise ν of the step is
    /// sampled at t_j and η by its exact Markov transitions; X̃(t) = A_t X₀ + G_t b(X₀) + ν(t);
    /// X′ = A_η X₀ + G_η b(X₀) + ν(η) + Σ_j η A_{η−t_j} (0, 1)ᵀ (b(x̃(t_j)) − b(X₀))
    /// (the K → ∞ limit of K A_h^{K−1−i} G_h → η A_{η(1−u)} e₂ with i/K → u).
    static func plmcULMCPoissonStep<G: RandomNumberGenerator>(_ c: Case, _ gamma: Double, _ z: [Double], _ rng: inout G) -> [Double] {
        let kin = Kinetic(gamma: gamma)
        let n = poisson(&rng)
        let times = (0..<n).map { _ in rng.nextUniform() * c.eta }.sorted()
        let b0 = c.drift(Array(z[0..<c.d]))
        var nuX = [Double](repeating: 0, count: c.d), nuV = [Double](repeating: 0, count: c.d)
        var t = 0.0
        var correction = [Double](repeating: 0, count: 2 * c.d)
        func advanceNoise(to target: Double) {
            let dt = target - t
            for j in 0..<c.d {
                let (x, v) = kin.transit(dt, nuX[j], nuV[j])
                let (nx, nv) = kin.noise(dt, &rng)
                nuX[j] = x + nx
                nuV[j] = v + nv
            }
            t = target
        }
        for tj in times {
            advanceNoise(to: tj)
            let gj = kin.gain(tj)
            let mid = (0..<c.d).map { kin.transit(tj, z[$0], z[c.d + $0]).0 + gj.0 * b0[$0] + nuX[$0] }
            let bm = c.drift(mid)
            let wx = c.eta * kin.phi(c.eta - tj), wv = c.eta * exp(-gamma * (c.eta - tj))
            for j in 0..<c.d {
                correction[j] += wx * (bm[j] - b0[j])
                correction[c.d + j] += wv * (bm[j] - b0[j])
            }
        }
        advanceNoise(to: c.eta)
        let g = kin.gain(c.eta)
        var out = z
        for j in 0..<c.d {
            let (x, v) = kin.transit(c.eta, z[j], z[c.d + j])
            out[j] = x + g.0 * b0[j] + nuX[j] + correction[j]
            out[c.d + j] = v + g.1 * b0[j] + nuV[j] + correction[c.d + j]
        }
        return out
    }

    // MARK: running the chains and comparing

    /// Sums for the mean and the covariance centred at a given mean (and the second moment of the products).
    struct Accumulator {
        let dim: Int
        let centre: [Double]
        var sum: [Double]
        var products: [Double]        // Σ yᵢyⱼ, i ≤ j
        var productSquares: [Double]  // Σ (yᵢyⱼ)²
        var count = 0

        init(centre: [Double]) {
            dim = centre.count
            self.centre = centre
            sum = [Double](repeating: 0, count: dim)
            products = [Double](repeating: 0, count: dim * dim)
            productSquares = [Double](repeating: 0, count: dim * dim)
        }

        mutating func add(_ x: [Double]) {
            count += 1
            let y = (0..<dim).map { x[$0] - centre[$0] }
            for i in 0..<dim {
                sum[i] += y[i]
                for j in i..<dim {
                    let p = y[i] * y[j]
                    products[i * dim + j] += p
                    productSquares[i * dim + j] += p * p
                }
            }
        }
    }

    /// All z-scores of the samples against a law: mean entries (exact variance) and covariance entries
    /// (centred at the law's mean, sample sd of the products). The accumulator must be centred at law.mean.
    static func zScores(_ acc: Accumulator, _ law: ChainMoments) -> [(String, Double, Double, Double, Double)] {
        let n = Double(acc.count)
        var out: [(String, Double, Double, Double, Double)] = []
        for i in 0..<acc.dim {
            let estimate = law.mean[i] + acc.sum[i] / n
            let se = (law.covariance[i, i] / n).squareRoot()
            out.append(("mean[\(i)]", estimate, law.mean[i], se, (estimate - law.mean[i]) / se))
        }
        for i in 0..<acc.dim { for j in i..<acc.dim {
            let estimate = acc.products[i * acc.dim + j] / n
            let variance = max(0, acc.productSquares[i * acc.dim + j] / n - estimate * estimate) * n / (n - 1)
            let se = (variance / n).squareRoot()
            out.append(("cov[\(i),\(j)]", estimate, law.covariance[i, j], se, (estimate - law.covariance[i, j]) / se))
        } }
        return out
    }

    typealias Step = (Case, [Double], inout Xoshiro256StarStar) -> [Double]

    /// w = L⁻¹(x − μ) with Σ = L Lᵀ (test-side forward substitution).
    static func whiten(_ x: [Double], _ mean: [Double], _ factor: [[Double]]) -> [Double] {
        var w = [Double](repeating: 0, count: x.count)
        for i in 0..<x.count {
            var s = x[i] - mean[i]
            for k in 0..<i { s -= factor[i][k] * w[k] }
            w[i] = s / factor[i][i]
        }
        return w
    }

    /// The smallest n at which the best entry of the wrong frame has noncentrality ≥ threshold + z_β sd (see the
    /// header): y = L_w⁻¹(x − μ_w) ~ (δ, S) with δ = L_w⁻¹(μ − μ_w), S = (L_w⁻¹L)(L_w⁻¹L)ᵀ; mean entry i:
    /// z ≈ N(√n δᵢ, Sᵢᵢ); covariance entry ij: z ≈ N(√n (Sᵢⱼ + δᵢδⱼ − Iᵢⱼ)/sdᵢⱼ, 1) with the Gaussian
    /// sd²ᵢⱼ = SᵢᵢSⱼⱼ + Sᵢⱼ² + δᵢ²Sⱼⱼ + δⱼ²Sᵢᵢ + 2δᵢδⱼSᵢⱼ (× `powerDesignSafety`).
    static func powerDesign(law: ChainMoments, lawFactor: [[Double]], wrongLaw: ChainMoments, wrongFactor: [[Double]],
                            threshold: Double, zBeta: Double) -> (needed: Int, entry: String) {
        let dim = law.mean.count
        let delta = whiten(law.mean, wrongLaw.mean, wrongFactor)
        let zero = [Double](repeating: 0, count: dim)
        let columns = (0..<dim).map { j in whiten((0..<dim).map { lawFactor[$0][j] }, zero, wrongFactor) }   // L_w⁻¹L
        var sMatrix = [[Double]](repeating: zero, count: dim)
        for i in 0..<dim { for j in 0..<dim { sMatrix[i][j] = (0..<dim).reduce(0) { $0 + columns[$1][i] * columns[$1][j] } } }
        var best = (needed: Double.infinity, entry: "none")
        for i in 0..<dim where abs(delta[i]) > 0 {
            let n = pow((threshold + zBeta * sMatrix[i][i].squareRoot()) / abs(delta[i]), 2)
            if n < best.needed { best = (n, "mean[\(i)]") }
        }
        for i in 0..<dim { for j in i..<dim {
            let shift = sMatrix[i][j] + delta[i] * delta[j] - (i == j ? 1 : 0)
            let variance = sMatrix[i][i] * sMatrix[j][j] + sMatrix[i][j] * sMatrix[i][j] + delta[i] * delta[i] * sMatrix[j][j]
                + delta[j] * delta[j] * sMatrix[i][i] + 2 * delta[i] * delta[j] * sMatrix[i][j]
            let sd = powerDesignSafety * variance.squareRoot()
            guard abs(shift) > 0 else { continue }
            let n = pow((threshold + zBeta) * sd / abs(shift), 2)
            if n < best.needed { best = (n, "cov[\(i),\(j)]") }
        } }
        return (best.needed.isFinite ? Int(best.needed.rounded(.up)) : Int.max, best.entry)
    }

    /// Runs `chains` chains for `steps` steps from the initial law and compares with `ChainLaw.afterSteps`
    /// (i) entry by entry in the original coordinates and (ii) in the coordinates whitened by the exact law
    /// (w = L⁻¹(x − μ), expected mean 0 and covariance I), which resolves every direction at the same relative
    /// precision; then checks that the samples whitened by the law of `wrong` reject it (power).
    func check(_ c: Case, _ scheme: Scheme, wrong: Scheme, chains: Int, levels: Levels,
               context testContext: TestContext, step: Step) throws {
        let label = "\(scheme) in d = \(c.d) (\(c.name))"
        let seed = testContext.seed(salt: c.name)
        let context = testContext.noting("\(label), T = \(Self.steps), n = \(chains); stream seed \(seed) = salted(seed, \"\(c.name)\")")
        var rng = Xoshiro256StarStar(seed: seed)
        let initial = scheme.isUnderdamped ? c.initialZ : c.initialX
        let factor = scheme.isUnderdamped ? c.initialZFactor : c.initialXFactor
        let law = try ChainLaw.afterSteps(Self.steps, scheme, eta: c.eta, drift: c.drift, from: initial)
        let wrongLaw = try ChainLaw.afterSteps(Self.steps, wrong, eta: c.eta, drift: c.drift, from: initial)
        let lawFactor = Self.cholesky(law.covariance), wrongFactor = Self.cholesky(wrongLaw.covariance)
        // Power design (R2), before sampling: n suffices for β per case against the wrong law.
        let design = Self.powerDesign(law: law, lawFactor: lawFactor, wrongLaw: wrongLaw, wrongFactor: wrongFactor,
                                      threshold: 2 * levels.zCritical, zBeta: levels.zBeta)
        assertSampleSizeSuffices(n: chains, needed: design.needed,
                                 what: "rejecting the law of \(wrong) (max |z| > 2z* = \(2 * levels.zCritical)) at β = "
                                    + "\(levels.betaCase) through \(design.entry)",
                                 budgetID: levels.powerID, context: context)
        let dim = law.mean.count
        let white = try ChainMoments(mean: [Double](repeating: 0, count: dim), covariance: .identity(dim))
        var acc = Accumulator(centre: law.mean)
        var accWhite = Accumulator(centre: white.mean)
        var accWrong = Accumulator(centre: white.mean)
        for _ in 0..<chains {
            var state = Self.sampleInitial(initial, factor, &rng)
            for _ in 0..<Self.steps { state = step(c, state, &rng) }
            acc.add(state)
            accWhite.add(Self.whiten(state, law.mean, lawFactor))
            accWrong.add(Self.whiten(state, wrongLaw.mean, wrongFactor))
        }
        let method = BoundMethod.cltZ(justification: "see the header of MonteCarloLawTests.swift")
        for (frame, scores) in [("original", Self.zScores(acc, law)), ("whitened", Self.zScores(accWhite, white))] {
            for (entry, estimate, exact, se, z) in scores {
                // CLT level α/m per entry, z* at a third of it (see the header of this file).
                let interval = try StatisticalInterval(
                    statistic: "\(frame) \(entry) (SE \(se), z = \(z), z* = \(levels.zCritical))", estimate: estimate,
                    lower: estimate - levels.zCritical * se, upper: estimate + levels.zCritical * se, n: chains,
                    alpha: levels.alphaEntry, method: method)
                assertInterval(interval, contains: exact, budgetID: levels.budgetID, splitAcross: levels.entries,
                               context: context)
            }
        }
        let maxWrong = Self.zScores(accWrong, white).map { abs($0.4) }.max() ?? 0
        let maxOriginal = Self.zScores(acc, law).map { abs($0.4) }.max() ?? 0
        let maxWhite = Self.zScores(accWhite, white).map { abs($0.4) }.max() ?? 0
        print("MonteCarloLawTests \(label): max |z| original \(maxOriginal), whitened \(maxWhite) (z* = \(levels.zCritical)); "
              + "against \(wrong): \(maxWrong) (> 2z*; design n_min = \(design.needed) via \(design.entry))")
        XCTAssertGreaterThan(maxWrong, 2 * levels.zCritical,
            "[\(levels.powerID) | falsePass β = \(StatisticalBudget.level(of: levels.powerID)), \(levels.betaCase) per case (CLT z)] "
            + "power: samples do not reject the law of \(wrong) (max whitened |z| = \(maxWrong) ≤ 2z* = \(2 * levels.zCritical)); "
            + "\(context)")
    }

    /// One test: both cases, the levels read from the ledger (entries counted here).
    func run(_ scheme: Scheme, wrong: Scheme, chains: Int = defaultChains, budgetID: String, powerID: String,
             step: Step) throws {
        let context = try TestContext(self)
        let cases = [Self.threeD, Self.fourD]
        let entries = cases.reduce(0) { $0 + 2 * Self.entryCount(scheme.isUnderdamped ? 2 * $1.d : $1.d) }
        let alphaEntry = StatisticalBudget.level(of: budgetID, splitAcross: entries)
        let betaCase = StatisticalBudget.level(of: powerID, splitAcross: cases.count)
        let levels = Levels(budgetID: budgetID, powerID: powerID, entries: entries, alphaEntry: alphaEntry,
                            zCritical: try StandardNormal.upperQuantile(alphaEntry / Self.cramerFactor / 2),
                            betaCase: betaCase, zBeta: try StandardNormal.upperQuantile(betaCase))
        for c in cases {
            try check(c, scheme, wrong: wrong, chains: chains, levels: levels, context: context, step: step)
        }
    }

    static let threeD = { try! makeCase("d3", eigenvalues: [0.25, 0.9, 2.5], eta: 0.28) }()
    static let fourD = { try! makeCase("d4", eigenvalues: [0.3, 0.7, 1.4, 3.0], eta: 0.23) }()

    func testLMC() throws {
        try run(.lmc, wrong: .rlmc, budgetID: "CL.mc.lmc.moments", powerID: "CL.mc.lmc.mutant-rlmc-law") { c, x, rng in
            Self.lmcStep(c, x, &rng)
        }
    }

    func testPLMCFiniteK() throws {
        try run(.plmc(.finite(4)), wrong: .rlmc, chains: 40_000, budgetID: "CL.mc.plmc-k4.moments",
                powerID: "CL.mc.plmc-k4.mutant-rlmc-law") { c, x, rng in Self.plmcStep(c, 4, x, &rng) }
    }

    func testPLMCPoisson() throws {
        try run(.plmc(.infinite), wrong: .rlmc, budgetID: "CL.mc.plmc-poisson.moments",
                powerID: "CL.mc.plmc-poisson.mutant-rlmc-law") { c, x, rng in Self.plmcPoissonStep(c, x, &rng) }
    }

    func testRLMC() throws {
        try run(.rlmc, wrong: .lmc, budgetID: "CL.mc.rlmc.moments", powerID: "CL.mc.rlmc.mutant-lmc-law") { c, x, rng in
            Self.rlmcStep(c, x, &rng)
        }
    }

    func testULMC() throws {
        try run(.ulmc(friction: 1.5), wrong: .ulmc(friction: 1.0), chains: 40_000, budgetID: "CL.mc.ulmc.moments",
                powerID: "CL.mc.ulmc.mutant-friction-law") { c, z, rng in Self.ulmcStep(c, 1.5, z, &rng) }
    }

    func testPLMCULMCFiniteK() throws {
        try run(.plmcULMC(friction: 1.5, .finite(4)), wrong: .ulmc(friction: 1.5), chains: 40_000,
                budgetID: "CL.mc.plmc-ulmc-k4.moments",
                powerID: "CL.mc.plmc-ulmc-k4.mutant-ulmc-law") { c, z, rng in Self.plmcULMCStep(c, 1.5, 4, z, &rng) }
    }

    func testPLMCULMCPoisson() throws {
        try run(.plmcULMC(friction: 1.5, .infinite), wrong: .ulmc(friction: 1.5),
                budgetID: "CL.mc.plmc-ulmc-poisson.moments", powerID: "CL.mc.plmc-ulmc-poisson.mutant-ulmc-law") { c, z, rng in
            Self.plmcULMCPoissonStep(c, 1.5, z, &rng)
        }
    }
}

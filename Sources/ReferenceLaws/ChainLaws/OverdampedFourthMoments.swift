import DenseLinearAlgebra
import Foundation
import SchemeVocabulary

/// The joint moments E[Mᵃ Qᵇ] (a ≤ 4, b ≤ 2) of one overdamped step's auxiliary randomness ξ, which with the linear
/// drift fix every moment of order ≤ 4 of the chain (PN-V10). In one eigen-coordinate (x = ηλ) every overdamped step
/// of `MidpointMoments` is y′ = β y + w with, given ξ,
///   β = 1 − x + x² M,   w ~ N(0, V),   V = 2η s² (1 − 2σ x M + x² Q),
/// w independent of y, the w of distinct eigen-coordinates independent, σ = 1 when the midpoints and the endpoint read
/// one Brownian path (0 for independent midpoint or endpoint noise) and s² = 1 (½ for √η noise). With h = η/K and the
/// flagged sub-steps i (times τᵢ h, weight factor f):
///   M = f Σᵢ Hᵢ τᵢ/K,   Q = f² Σᵢⱼ Hᵢ Hⱼ min(τᵢ, τⱼ)/K   (finite K),
///   M = f Σⱼ Uⱼ,  Q = f² Σⱼₗ min(Uⱼ, Uₗ)   (K = ∞: a Poisson(ϱ) number of uniform times Uⱼ),
///   M = Q = u   (RLMC, u ~ U[0, 1)),   M = Q = 0   (LMC).
/// (The shared-noise cross term E[S_K·Nᵢ]/K = τᵢ/K equals M's weight because τᵢ ≤ K, so it is σM.)
///
/// Finite K: an exact dynamic programme over the sub-steps i = K − 1, …, 0 in the number R of flags after i, using
/// Q = (f²/K) Σᵢ Hᵢ τᵢ (2R + 1) (τ is non-decreasing in i). K = ∞: given N = n the sorted times are partial sums of
/// flat-Dirichlet spacings D, so M = f Σₖ k Dₖ and Q = f² Σₖ k² Dₖ (k = 1 … n); D = E/ΣE with Eₖ iid Exp(1) and ΣE
/// independent of D, so E[Mᵃ Qᵇ | n] = E[L₁ᵃ L₂ᵇ] · n!/(n + a + b)! with L₁ = f Σₖ k Eₖ, L₂ = f² Σₖ k² Eₖ, whose joint
/// moments are a! b! times the coefficients of Πₖ 1/(1 − s k f − t k² f²); the Poisson sum stops at n = 60 (the rest
/// is below 10⁻⁴⁰: M ≤ f n, Q ≤ f² n²).
struct MidpointJointMoments: Sendable, Equatable {
    /// moments[a][b] = E[Mᵃ Qᵇ], a = 0 … 4, b = 0 … 2 (a + 2b ≤ 6 is what the recursion reads).
    let moments: [[Double]]
    /// σ: 1 when the midpoints and the endpoint share one Brownian path.
    let sharedNoise: Double
    /// s²: 1, or ½ for √η noise.
    let noiseScaleSquared: Double

    static let maximumPower = 4
    static let maximumQPower = 2
    /// The largest finite K of the exact dynamic programme (O(K²) work).
    static let maximumFiniteK = 512

    init(_ variant: SchemeVariant) throws(ChainLawError) {
        try variant.scheme.validateForLaw()
        switch variant.mutation {
        case .replacedBy?, .replacedByFineChain?, .droppedCorrection?, .fineChainAsCoarseStep?:
            throw .unsupported("the fourth moments of \(variant) are not moment-parameterised")
        default: break
        }
        sharedNoise = variant.sharesMidpointNoise ? 1 : 0
        noiseScaleSquared = variant.noiseScaleSquared
        switch variant.scheme {
        case .lmc:
            moments = Self.table { a, b in a == 0 && b == 0 ? 1 : 0 }
        case .rlmc:
            moments = Self.table { a, b in 1 / Double(a + b + 1) }
        case .plmc(.finite(let k)):
            guard k <= Self.maximumFiniteK else {
                throw .unsupported("fourth moments of PLMC with K = \(k) > \(Self.maximumFiniteK) sub-steps")
            }
            moments = Self.finite(k: k, variant: variant)
        case .plmc(.infinite):
            let rate = variant.mutation == .halvedPoissonRate ? 0.5 : 1.0
            let f: Double = (variant.mutation == .correctionWeightOverK || variant.mutation == .midpointAtStartPoint) ? 0 : 1
            moments = Self.poisson(rate: rate, weight: f)
        case .ulmc, .plmcULMC, .rlmcULMC:
            throw .unsupported("\(variant.scheme) is a kinetic scheme: its fourth moments are not computed here")
        }
    }

    static func table(_ value: (Int, Int) -> Double) -> [[Double]] {
        (0...maximumPower).map { a in (0...maximumQPower).map { b in value(a, b) } }
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        var c = 1.0
        for i in 0..<k { c = c * Double(n - i) / Double(i + 1) }
        return c
    }

    /// E[(M + c)ᵃ (Q + d)ᵇ ...] from the table of E[Mᵃ Qᵇ ...] (binomial expansion).
    static func shifted(_ t: [[Double]], _ c: Double, _ d: Double) -> [[Double]] {
        table { a, b in
            var sum = 0.0
            for a2 in 0...a { for b2 in 0...b {
                sum += binomial(a, a2) * binomial(b, b2) * pow(c, Double(a - a2)) * pow(d, Double(b - b2)) * t[a2][b2]
            } }
            return sum
        }
    }

    /// The dynamic programme over the sub-steps (see the type's comment); states R = flags after i.
    static func finite(k: Int, variant: SchemeVariant) -> [[Double]] {
        let kd = Double(k)
        let p = variant.flagProbability(k)
        let f = variant.weightFactor(k)
        let zero = table { _, _ in 0 }
        var states: [[[Double]]] = [table { a, b in a == 0 && b == 0 ? 1 : 0 }]
        for i in stride(from: k - 1, through: 0, by: -1) {
            let tau = Double(variant.midpointIndex(i))
            let c = f * tau / kd
            var next = [[[Double]]](repeating: zero, count: states.count + 1)
            for r in 0..<states.count {
                // not flagged: R stays
                for a in 0...maximumPower { for b in 0...maximumQPower { next[r][a][b] += (1 - p) * states[r][a][b] } }
                // flagged: M += c, Q += f² τ (2R + 1)/K, R → R + 1
                let moved = shifted(states[r], c, f * f * tau * Double(2 * r + 1) / kd)
                for a in 0...maximumPower { for b in 0...maximumQPower { next[r + 1][a][b] += p * moved[a][b] } }
            }
            states = next
        }
        return table { a, b in states.reduce(0) { $0 + $1[a][b] } }
    }

    /// The Poisson(ϱ) mixture over n of the Dirichlet moments (see the type's comment).
    static func poisson(rate: Double, weight f: Double) -> [[Double]] {
        guard f != 0 else { return table { a, b in a == 0 && b == 0 ? 1 : 0 } }
        var total = table { _, _ in 0 }
        // coefficients of Πₖ 1/(1 − s k f − t k² f²) in sᵃ tᵇ
        var product = table { a, b in a == 0 && b == 0 ? 1 : 0 }
        var logWeight = -rate            // log P(N = 0)
        for n in 0...60 {
            if n > 0 {
                // multiply by the factor of k = n: Σⱼ (s·kf + t·k²f²)ʲ, truncated
                let kf = Double(n) * f, k2f2 = Double(n) * Double(n) * f * f
                let factor = table { a, b in binomial(a + b, b) * pow(kf, Double(a)) * pow(k2f2, Double(b)) }
                var next = table { _, _ in 0 }
                for a in 0...maximumPower { for b in 0...maximumQPower {
                    var sum = 0.0
                    for a2 in 0...a { for b2 in 0...b { sum += product[a2][b2] * factor[a - a2][b - b2] } }
                    next[a][b] = sum
                } }
                product = next
                logWeight += log(rate) - log(Double(n))
            }
            let weight = exp(logWeight)
            for a in 0...maximumPower { for b in 0...maximumQPower {
                // E[L₁ᵃ L₂ᵇ] = a! b! · coefficient; divided by E[(ΣE)^{a+b}] = (n + 1) ⋯ (n + a + b)
                var rising = 1.0
                for j in stride(from: 1, through: a + b, by: 1) { rising *= Double(n + j) }
                let factorials = tgamma(Double(a + 1)) * tgamma(Double(b + 1))
                total[a][b] += weight * factorials * product[a][b] / rising
            } }
        }
        return total
    }
}

/// Exact moments of order ≤ 4 of an overdamped chain (LMC, PLMC with finite K or K = ∞, RLMC, and every mutation of
/// them that `MidpointMoments` covers) under the linear drift b(x) = −A(x − m), started from a point (PN-V10).
///
/// In the eigen-coordinates y = Qᵀ(x − m) one step is yₖ′ = βₖ yₖ + wₖ (see `MidpointJointMoments`: ξ shared by all
/// k, wₖ | ξ ~ N(0, Vₖ) independent across k and of y). Hence the raw moment tensors mᵣ = E[y^{⊗r}] follow
///   m₁′ₐ = E[βₐ] m₁ₐ,   m₂′ₐᵦ = E[βₐβᵦ] m₂ₐᵦ + δₐᵦ E[Vₐ],
///   m₃′ₐᵦ꜀ = E[βₐβᵦβ꜀] m₃ + δᵦ꜀ E[βₐVᵦ] m₁ₐ + δₐ꜀ E[βᵦVₐ] m₁ᵦ + δₐᵦ E[β꜀Vₐ] m₁꜀,
///   m₄′ₐᵦ꜀ₑ = E[βₐβᵦβ꜀βₑ] m₄ + Σ_{pairs p<q} δ(iₚ, i_q) E[βᵣβₛ V_{iₚ}] m₂ᵣₛ + (the three pairings of E[wₐwᵦw꜀wₑ | ξ]),
/// with every expectation a polynomial in the table E[Mᵃ Qᵇ]. Projections Z = uᵀ(x − c) then have exact E Zʲ, j ≤ 4 —
/// what the variance of the engine-agreement check's quadratic forms needs (Var (uᵀ(x − c))² = E Z⁴ − (E Z²)²).
/// Verified by FourthMomentTests (first two moments equal `ChainLaw`'s, Gaussian fourth moments for LMC, brute-force
/// enumeration of the flags for K = 3, the K → ∞ limit, RLMC's closed forms).
public struct OverdampedFourthMoments: Sendable {
    public let variant: SchemeVariant
    public let eta: Double
    let drift: LinearDrift
    let d: Int
    // per-step expectations (eigen-coordinates)
    let e1: [Double], e2: [Double], e3: [Double], e4: [Double]
    let ev: [Double], ebv: [Double], ebbv: [Double], evv: [Double]

    /// Throws `.unsupported` for kinetic schemes and for mutations without the moment parameterisation.
    public init(_ variant: SchemeVariant, eta: Double, drift: LinearDrift) throws(ChainLawError) {
        guard eta > 0, eta.isFinite else { throw .invalidStep(eta) }
        let table = try MidpointJointMoments(variant)
        self.variant = variant
        self.eta = eta
        self.drift = drift
        let d = drift.dimension
        self.d = d
        let x = drift.eigenvalues.map { eta * $0 }
        let m = table.moments, sigma = table.sharedNoise, noise = 2 * eta * table.noiseScaleSquared
        /// E[Π_{i ∈ indices} βᵢ · g(M, Q)] for g = 1 (mode 0) or V_c/noise (mode c + 1).
        func expectation(_ indices: [Int], noiseOf c: Int?) -> Double {
            var poly = [1.0]   // coefficients in M
            for i in indices {
                var next = [Double](repeating: 0, count: poly.count + 1)
                for (j, p) in poly.enumerated() {
                    next[j] += p * (1 - x[i])
                    next[j + 1] += p * x[i] * x[i]
                }
                poly = next
            }
            var sum = 0.0
            for (j, p) in poly.enumerated() {
                if let c = c {
                    sum += p * (m[j][0] - 2 * sigma * x[c] * m[j + 1][0] + x[c] * x[c] * m[j][1])
                } else {
                    sum += p * m[j][0]
                }
            }
            return c == nil ? sum : noise * sum
        }
        var e1 = [Double](repeating: 0, count: d), e2 = [Double](repeating: 0, count: d * d)
        var e3 = [Double](repeating: 0, count: d * d * d), e4 = [Double](repeating: 0, count: d * d * d * d)
        var ev = [Double](repeating: 0, count: d), ebv = [Double](repeating: 0, count: d * d)
        var ebbv = [Double](repeating: 0, count: d * d * d), evv = [Double](repeating: 0, count: d * d)
        for a in 0..<d {
            e1[a] = expectation([a], noiseOf: nil)
            ev[a] = expectation([], noiseOf: a)
            for b in 0..<d {
                e2[a * d + b] = expectation([a, b], noiseOf: nil)
                ebv[a * d + b] = expectation([a], noiseOf: b)
                let xa = x[a], xb = x[b]
                evv[a * d + b] = noise * noise * (1 - 2 * sigma * (xa + xb) * m[1][0] + (xa * xa + xb * xb) * m[0][1]
                    + 4 * sigma * sigma * xa * xb * m[2][0] - 2 * sigma * (xa * xb * xb + xa * xa * xb) * m[1][1]
                    + xa * xa * xb * xb * m[0][2])
                for c in 0..<d {
                    e3[(a * d + b) * d + c] = expectation([a, b, c], noiseOf: nil)
                    ebbv[(a * d + b) * d + c] = expectation([a, b], noiseOf: c)
                    for e in 0..<d { e4[((a * d + b) * d + c) * d + e] = expectation([a, b, c, e], noiseOf: nil) }
                }
            }
        }
        (self.e1, self.e2, self.e3, self.e4) = (e1, e2, e3, e4)
        (self.ev, self.ebv, self.ebbv, self.evv) = (ev, ebv, ebbv, evv)
    }

    /// The exact raw moments of order ≤ 4 after n steps from the point x₀.
    public func afterSteps(_ n: Int, from x0: [Double]) throws(ChainLawError) -> ChainFourthMoments {
        guard n >= 0 else { throw .invalidStepCount(n) }
        do { try validateVector(x0, "initial state", count: d) } catch { throw .invalidInput(error) }
        let y0 = drift.eigen.vectors.transposed * zip(x0, drift.mean).map { $0 - $1 }
        var m1 = y0
        var m2 = [Double](repeating: 0, count: d * d), m3 = [Double](repeating: 0, count: d * d * d)
        var m4 = [Double](repeating: 0, count: d * d * d * d)
        for a in 0..<d { for b in 0..<d {
            m2[a * d + b] = y0[a] * y0[b]
            for c in 0..<d {
                m3[(a * d + b) * d + c] = y0[a] * y0[b] * y0[c]
                for e in 0..<d { m4[((a * d + b) * d + c) * d + e] = y0[a] * y0[b] * y0[c] * y0[e] }
            }
        } }
        for _ in 0..<n {
            var n4 = m4
            for a in 0..<d { for b in 0..<d { for c in 0..<d { for e in 0..<d {
                let i = ((a * d + b) * d + c) * d + e
                var v = e4[i] * m4[i]
                if a == b { v += ebbv[(c * d + e) * d + a] * m2[c * d + e] }
                if a == c { v += ebbv[(b * d + e) * d + a] * m2[b * d + e] }
                if a == e { v += ebbv[(b * d + c) * d + a] * m2[b * d + c] }
                if b == c { v += ebbv[(a * d + e) * d + b] * m2[a * d + e] }
                if b == e { v += ebbv[(a * d + c) * d + b] * m2[a * d + c] }
                if c == e { v += ebbv[(a * d + b) * d + c] * m2[a * d + b] }
                if a == b && c == e { v += evv[a * d + c] }
                if a == c && b == e { v += evv[a * d + b] }
                if a == e && b == c { v += evv[a * d + b] }
                n4[i] = v
            } } } }
            var n3 = m3
            for a in 0..<d { for b in 0..<d { for c in 0..<d {
                let i = (a * d + b) * d + c
                var v = e3[i] * m3[i]
                if b == c { v += ebv[a * d + b] * m1[a] }
                if a == c { v += ebv[b * d + a] * m1[b] }
                if a == b { v += ebv[c * d + a] * m1[c] }
                n3[i] = v
            } } }
            var n2 = m2
            for a in 0..<d { for b in 0..<d { n2[a * d + b] = e2[a * d + b] * m2[a * d + b] + (a == b ? ev[a] : 0) } }
            for a in 0..<d { m1[a] *= e1[a] }
            (m2, m3, m4) = (n2, n3, n4)
        }
        let all = m1 + m2 + m3 + m4
        guard all.allSatisfy(\.isFinite) else {
            throw .numerical("the fourth moments of \(variant) after \(n) steps overflowed")
        }
        return ChainFourthMoments(drift: drift, m1: m1, m2: m2, m3: m3, m4: m4)
    }
}

/// Raw moment tensors of order 1 … 4 of the eigen-coordinates y = Qᵀ(x − m) of an overdamped chain's state
/// (`OverdampedFourthMoments`), and the moments of its linear projections.
public struct ChainFourthMoments: Sendable {
    let drift: LinearDrift
    let m1: [Double], m2: [Double], m3: [Double], m4: [Double]

    /// E x.
    public var mean: [Double] { zip(drift.eigen.vectors * m1, drift.mean).map { $0 + $1 } }

    /// Cov x.
    public var covariance: Matrix {
        let d = drift.dimension
        var c = Matrix(rows: d, cols: d)
        for a in 0..<d { for b in 0..<d { c[a, b] = m2[a * d + b] - m1[a] * m1[b] } }
        return drift.eigen.fromEigenbasis(c).symmetrized
    }

    /// [E Z, E Z², E Z³, E Z⁴] for Z = uᵀ(x − center).
    public func projectionMoments(_ u: [Double], about center: [Double]) -> [Double] {
        let d = drift.dimension
        precondition(u.count == d && center.count == d, "ChainFourthMoments: dimension mismatch")
        let c = drift.eigen.vectors.transposed * u
        var shift = 0.0
        for i in 0..<d { shift += u[i] * (drift.mean[i] - center[i]) }
        var w = [0.0, 0.0, 0.0, 0.0]
        for a in 0..<d {
            w[0] += c[a] * m1[a]
            for b in 0..<d {
                let cab = c[a] * c[b]
                w[1] += cab * m2[a * d + b]
                for e in 0..<d {
                    let cabe = cab * c[e]
                    w[2] += cabe * m3[(a * d + b) * d + e]
                    for f in 0..<d { w[3] += cabe * c[f] * m4[((a * d + b) * d + e) * d + f] }
                }
            }
        }
        // E (W + δ)ᵏ = Σⱼ C(k, j) E Wʲ δ^{k−j}
        let raw = [1.0] + w
        return (1...4).map { k in
            (0...k).reduce(0.0) { $0 + MidpointJointMoments.binomial(k, $1) * raw[$1] * pow(shift, Double(k - $1)) }
        }
    }
}

import DenseLinearAlgebra
import Foundation
import Langevin
import SchemeVocabulary


/// A uniform grid x₀ = lower, …, x_{N−1} = upper for the Nyström discretisation.
public struct KernelGrid: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let points: Int

    /// Throws unless lower < upper are finite and 50 ≤ N ≤ 4000.
    public init(lower: Double, upper: Double, points: Int) throws(VerificationError) {
        try require(lower.isFinite && upper.isFinite && lower < upper, "grid", "[\(lower), \(upper)]", "needs finite lower < upper")
        try require(points >= 50 && points <= 4000, "grid points", points, "must lie in 50…4000")
        self.lower = lower
        self.upper = upper
        self.points = points
    }

    public var spacing: Double { (upper - lower) / Double(points - 1) }
    public var nodes: [Double] { (0..<points).map { lower + Double($0) * spacing } }
}

/// The stationary law of a scheme on a grid: probabilities pᵢ at the nodes xᵢ (Σ pᵢ = 1).
public struct DiscreteStationaryLaw: Sendable {
    public let scheme: SchemeAtStep
    public let nodes: [Double]
    public let probabilities: [Double]
    /// Per row, the mass the kernel lost outside the grid before renormalisation.
    public let leakage: [Double]

    /// Σᵢ pᵢ·leakageᵢ: the mass the stationary chain would lose per step through the grid ends (the truncation error).
    public var expectedLeakage: Double { zip(probabilities, leakage).reduce(0) { $0 + $1.0 * $1.1 } }

    /// Σ pᵢ f(xᵢ).
    public func expectation(_ f: (Double) -> Double) -> Double {
        var s = 0.0
        for (x, p) in zip(nodes, probabilities) { s += p * f(x) }
        return s
    }
}

/// A row-stochastic transition matrix on a grid (row-major), from `StationaryKernelQuadrature.transitionMatrix`.
public struct KernelTransitionMatrix: Sendable {
    public let scheme: SchemeAtStep
    public let nodes: [Double]
    /// Pᵢⱼ, row-major n × n.
    public let entries: [Double]
    /// Per row, the mass the kernel lost outside the grid before renormalisation (large only for rows at the grid ends,
    /// which the stationary law does not visit).
    public let leakage: [Double]

    public var count: Int { nodes.count }

    /// p·P (one step of the law p).
    public func propagate(_ p: [Double]) -> [Double] {
        let n = count
        var out = [Double](repeating: 0, count: n)
        entries.withUnsafeBufferPointer { m in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<n where p[i] != 0 {
                    let pi = p[i], row = i * n
                    for j in 0..<n { o[j] += pi * m[row + j] }
                }
            }
        }
        return out
    }

    /// The stationary law p = p·P, Σp = 1 (dense LU).
    public func stationaryLaw() throws(VerificationError) -> DiscreteStationaryLaw {
        let p = try StationaryKernelQuadrature.solveStationary(entries, n: count)
        return DiscreteStationaryLaw(scheme: scheme, nodes: nodes, probabilities: p, leakage: leakage)
    }
}

/// Stationary expectations of LMC and PLMC(η, K) (and its mutants: independent midpoint or endpoint noise, correction
/// weight η/K, flags Bernoulli(1/(K+1)), √η noise; K ≤ 6) on a ONE-dimensional drift b, by Nyström
/// discretisation of the transition kernel (PN-V07): the stationary density solves p(y) = ∫ p(x) k(x, y) dx; on a
/// uniform grid with trapezoid weights this is the left eigenvector p = p·P of the row-stochastic matrix
/// Pᵢⱼ = k(xᵢ, xⱼ)·Δx (rows renormalised to 1; the leaked mass is reported), found by a dense LU solve of
/// (Pᵀ − I)p = 0 with Σp = 1.
///
/// Kernels (h = η/K, W one Brownian motion on [0, η], arXiv 2405.17068 §2, docs/theory.md §2.1):
/// * LMC(η): k(x, ·) = N(x + ηb(x), 2η).
/// * PLMC(η, K): for each flag set F = {i₁ < … < i_m} ⊆ {1, …, K−1} (probability p^m (1 − p)^{K−1−m}, p = 1/K),
///   given W(i₁h), …, W(i_m h) the step is Gaussian:
///       y ~ N(x + ηb(x) + w Σⱼ [b(x + iⱼh b(x) + s W(iⱼh)) − b(x)] + s W(i_m h),  s² (K − i_m) h),
///   w = η, s = √2; the expectation over the m Brownian values (independent increments) is a tensor
///   Gauss–Hermite rule. Mutants change w (η/K), p (1/(K+1)), s (1) or make the midpoint path independent of W
///   (then y ~ N(x + ηb + wΣ[…], s²η)).
/// The cost grows like (1 + G)^{K−1} (G Gauss–Hermite points): meant for K ≤ 5.
///
/// Accuracy: trapezoid quadrature of smooth, rapidly decaying integrands on a uniform grid converges
/// geometrically (error ~ exp(−2π²σ²/Δx²) for a Gaussian of width σ); the tests compare with an independent numpy
/// implementation (`data/reference/mixture-stationary/`) and with closed forms on Gaussian targets.
public enum StationaryKernelQuadrature {
    /// The stationary law of `scheme` for the drift `b` on `grid`, with `hermitePoints` Gauss–Hermite points per
    /// flagged midpoint. Throws for η ≤ 0, K < 1 or K > 6, a non-finite drift value, or a singular system.
    public static func stationaryLaw(scheme: SchemeAtStep, drift b: (Double) -> Double, grid: KernelGrid,
                                     hermitePoints: Int = 10) throws(VerificationError) -> DiscreteStationaryLaw {
        try transitionMatrix(scheme: scheme, drift: b, grid: grid, hermitePoints: hermitePoints).stationaryLaw()
    }

    /// The row-stochastic matrix Pᵢⱼ = k(xᵢ, xⱼ)Δx / Σⱼ k(xᵢ, xⱼ)Δx of `scheme` on `grid`.
    public static func transitionMatrix(scheme: SchemeAtStep, drift b: (Double) -> Double, grid: KernelGrid,
                                        hermitePoints: Int = 10) throws(VerificationError) -> KernelTransitionMatrix {
        let x = grid.nodes, n = grid.points, dx = grid.spacing
        var drift = [Double](repeating: 0, count: n)
        for i in 0..<n {
            drift[i] = b(x[i])
            try require(drift[i].isFinite, "drift b(\(x[i]))", drift[i], "must be finite")
        }
        let rule = try GaussHermiteRule(points: hermitePoints)
        var kernel = [Double](repeating: 0, count: n * n)
        var leakage = [Double](repeating: 0, count: n)
        var components: [(weight: Double, mean: Double, variance: Double)] = []
        for i in 0..<n {
            components.removeAll(keepingCapacity: true)
            try appendComponents(scheme: scheme, x: x[i], bx: drift[i], drift: b, rule: rule, into: &components)
            var rowSum = 0.0
            kernel.withUnsafeMutableBufferPointer { row in
                let base = i * n
                for c in components {
                    let sd = c.variance.squareRoot()
                    let lo = max(0, Int(((c.mean - 10 * sd - grid.lower) / dx).rounded(.down)))
                    let hi = min(n - 1, Int(((c.mean + 10 * sd - grid.lower) / dx).rounded(.up)))
                    guard lo <= hi else { continue }
                    let scale = c.weight * dx / (2 * Double.pi * c.variance).squareRoot()
                    let inverse = -0.5 / c.variance
                    for j in lo...hi {
                        let e = x[j] - c.mean
                        row[base + j] += scale * exp(inverse * e * e)
                    }
                }
                for j in 0..<n { rowSum += row[base + j] }
                leakage[i] = abs(1 - rowSum)
                if rowSum > 0 { for j in 0..<n { row[base + j] /= rowSum } }
            }
            try require(rowSum > 0, "kernel row at x = \(x[i])", rowSum, "has no mass on the grid (widen the grid)")
        }
        return KernelTransitionMatrix(scheme: scheme, nodes: x, entries: kernel, leakage: leakage)
    }

    /// The Gaussian components (weight, mean, variance) of k(x, ·).
    static func appendComponents(scheme: SchemeAtStep, x: Double, bx: Double, drift b: (Double) -> Double,
                                 rule: GaussHermiteRule,
                                 into components: inout [(weight: Double, mean: Double, variance: Double)]) throws(VerificationError) {
        let eta = scheme.stepSize
        try require(eta > 0 && eta.isFinite, "η", eta, "must be finite and > 0")
        let mutation = scheme.variant.mutation
        switch (scheme.variant.scheme, mutation) {
        case (.lmc, nil):
            components.append((1, x + eta * bx, 2 * eta))
        case (.plmc(.finite(let k)), nil), (.plmc(.finite(let k)), .independentMidpointNoise?),
             (.plmc(.finite(let k)), .independentEndpointNoise?), (.plmc(.finite(let k)), .correctionWeightOverK?),
             (.plmc(.finite(let k)), .flagProbabilityOneOverKPlusOne?), (.plmc(.finite(let k)), .noiseSqrtEta?),
             (.plmc(.finite(let k)), .countsIndexZeroMidpoint?):
            try require(k >= 1 && k <= 6, "K", k, "must lie in 1…6 for the kernel quadrature")
            let h = eta / Double(k)
            let p = mutation == .flagProbabilityOneOverKPlusOne ? 1 / Double(k + 1) : 1 / Double(k)
            let w = mutation == .correctionWeightOverK ? h : eta
            let s2 = mutation == .noiseSqrtEta ? 1.0 : 2.0
            let s = s2.squareRoot()
            let independent = !scheme.variant.sharesMidpointNoise
            let g = rule.nodes.count
            // every subset F of {1, …, K−1} as a bit mask
            for mask in 0..<(1 << (k - 1)) {
                var flagged: [Int] = []
                for i in 1..<k where mask & (1 << (i - 1)) != 0 { flagged.append(i) }
                let m = flagged.count
                let probability = pow(p, Double(m)) * pow(1 - p, Double(k - 1 - m))
                if m == 0 {
                    components.append((probability, x + eta * bx, s2 * eta))
                    continue
                }
                let last = flagged[m - 1]
                let variance = independent ? s2 * eta : s2 * Double(k - last) * h
                var index = [Int](repeating: 0, count: m)
                while true {
                    var weight = probability, path = 0.0, previous = 0
                    var mean = x + eta * bx
                    for j in 0..<m {
                        weight *= rule.weights[index[j]]
                        path += (Double(flagged[j] - previous) * h).squareRoot() * rule.nodes[index[j]]
                        previous = flagged[j]
                        let f = Double(flagged[j]) * h
                        let value = b(x + f * bx + s * path) - bx
                        try require(value.isFinite, "drift at a midpoint of x = \(x)", value, "must be finite")
                        mean += w * value
                    }
                    if !independent { mean += s * path }
                    components.append((weight, mean, variance))
                    // next multi-index
                    var j = m - 1
                    while j >= 0 {
                        index[j] += 1
                        if index[j] < g { break }
                        index[j] = 0
                        j -= 1
                    }
                    if j < 0 { break }
                }
            }
        default:
            throw .invalidParameter(name: "scheme", value: scheme.description,
                                    requirement: "the kernel quadrature covers LMC and PLMC(K ≤ 6) with its flag, weight, "
                                        + "noise and independent-noise mutants")
        }
    }

    /// Solves p = p·P, Σp = 1 for a row-stochastic n×n matrix (row-major) by Gaussian elimination with partial
    /// pivoting on (Pᵀ − I) with its last row replaced by ones.
    static func solveStationary(_ kernel: [Double], n: Int) throws(VerificationError) -> [Double] {
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { a[i * n + j] = kernel[j * n + i] } }   // Pᵀ
        for i in 0..<n { a[i * n + i] -= 1 }
        for j in 0..<n { a[(n - 1) * n + j] = 1 }
        var rhs = [Double](repeating: 0, count: n)
        rhs[n - 1] = 1
        guard let p = solveByPartialPivoting(a, rhs, n) else {
            throw .invalidParameter(name: "stationary system", value: "\(n)×\(n)",
                                    requirement: "must be non-singular with a finite solution (a unique stationary law)")
        }
        return p
    }
}

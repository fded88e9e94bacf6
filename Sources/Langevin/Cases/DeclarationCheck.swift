import DenseLinearAlgebra
import Randomness

/// What the declaration check measured on a case's probe set (PN-V14): the extremes of the finite-difference
/// Hessian −∇b over the probes, next to what the case declares.
public struct DeclarationReport: Sendable, Equatable {
    /// The number of probe points.
    public let probes: Int
    /// min over the probes of the smallest eigenvalue of the symmetric part of −∇b(x) (= ∇²F for b = −∇F; in d = 1
    /// this is min F″), and a point attaining it.
    public let smallestCurvature: Double
    public let smallestCurvaturePoint: [Double]
    /// max over the probes of the operator norm ‖∇b(x)‖₂, and a point attaining it.
    public let largestJacobianNorm: Double
    public let largestJacobianNormPoint: [Double]
    /// Whether b = −∇F was checked against the potential by central differences.
    public let checkedAgainstPotential: Bool

    /// `min λ(∇²F) = … at x = …, max ‖∇b‖ = …` on one line.
    public var summary: String {
        "measured on \(probes) probes: min eigenvalue of ∇²F = \(shortNumber(smallestCurvature)) at x = "
            + "\(pointText(smallestCurvaturePoint)), max ‖∇b‖ = \(shortNumber(largestJacobianNorm))"
            + (checkedAgainstPotential ? "; b = −∇F checked" : "")
    }
}

/// Checks a case's declared assumptions against its own drift and potential before any run (PN-V14):
///
/// * constants: L, m, λ_LSI finite and > 0; m ≤ L (m·I ⪯ ∇²F ⪯ L·I); λ_LSI ≤ L (λ_LSI ≤ 1/Var_π(x₁) ≤ E_π ∂₁₁F ≤ L);
///   m > 0 with the LSI declared unknown is refused (Bakry–Émery: λ_LSI ≥ m);
/// * on a seeded probe set scaled to the target (`probePoints`), the Jacobian J(x) = ∇b(x) by central differences
///   with h = 10⁻⁴·max(1, |xⱼ|): ‖J(x)‖₂ ≤ L(1 + 10⁻⁴) + 10⁻⁶ and λ_min(−(J + Jᵀ)/2) ≥ m − 10⁻⁴·max(1, L) at every
///   probe (central differences are exact to O(h²‖b‴‖) ≈ 10⁻⁸ for the built-in drifts, far inside these margins);
/// * with a potential: bⱼ(x) = −∂ⱼF(x) by central differences (h = 10⁻⁵·max(1, |xⱼ|)), within
///   10⁻⁵·(1 + |bⱼ|) + 10⁻¹⁵·(1 + |F(x)|)/h (the rounding of the difference quotient); a declared gradient must
///   equal −b to 10⁻⁸·(1 + |bⱼ|);
/// * the drift's dimension is the case's and the drift is finite at every probe.
///
/// A probe set can only refute a declaration, never prove it: a bound violated only between probes passes. The
/// probes are the origin, 8 points uniform in each cube [−s, s]ᵈ for s ∈ {¼, ½, 1, 2, 4}·σ₀ with σ₀ = 1/√m when m is
/// declared and max(1, 1/√L) otherwise (the target's scale), 8 exact draws of π when the case has a sampler, and, for a
/// time-varying drift, probe times uniform in [0, 2π]. Deterministic: seeded by `seed` (uniform draws only).
public enum DeclarationCheck {
    /// The default seed of the probe set.
    public static let defaultSeed: UInt64 = 0xDEC1_A2ED
    static let jacobianRelativeStep = 1e-4
    static let potentialRelativeStep = 1e-5

    /// Runs every check; throws the first contradiction, else returns what was measured.
    public static func check(_ assumptionCase: some AssumptionCase, seed: UInt64 = defaultSeed) throws(DeclarationError)
        -> DeclarationReport
    {
        let name = assumptionCase.name, d = assumptionCase.dimension
        let declared = assumptionCase.assumptions
        guard assumptionCase.drift.dimension == d, d >= 1 else {
            throw .driftDimension(caseName: name, declared: d, drift: assumptionCase.drift.dimension)
        }
        try checkConstants(declared, caseName: name)
        let (points, times) = probePoints(assumptionCase, seed: seed)
        var minCurvature = Double.infinity, minPoint = points[0]
        var maxNorm = 0.0, maxPoint = points[0]
        let drift = assumptionCase.drift
        var b = [Double](repeating: 0, count: d)
        var jacobian = Matrix(rows: d, cols: d)
        for (x, t) in zip(points, times) {
            evaluate(drift, x, t, into: &b)
            guard b.allSatisfy(\.isFinite) else { throw .nonFinite(caseName: name, what: "the drift", point: x) }
            // J(x) = ∇b(x), column j by central differences
            for j in 0..<d {
                let h = jacobianRelativeStep * max(1, abs(x[j]))
                var plus = x, minus = x
                plus[j] += h
                minus[j] -= h
                let bp = drift.value(at: plus, time: t), bm = drift.value(at: minus, time: t)
                for i in 0..<d {
                    let entry = (bp[i] - bm[i]) / (2 * h)
                    guard entry.isFinite else { throw .nonFinite(caseName: name, what: "the drift's Jacobian", point: x) }
                    jacobian[i, j] = entry
                }
            }
            let jtj = transposeTimes(jacobian)
            let norm = max(0, jtj.symmetricPartEigenvalues().last ?? 0).squareRoot()
            let curvature = ((-1) * jacobian).symmetricPartEigenvalues().first ?? .nan
            if norm > maxNorm { maxNorm = norm; maxPoint = x }
            if curvature < minCurvature { minCurvature = curvature; minPoint = x }
            if let l = declared.lipschitz, norm > l * (1 + 1e-4) + 1e-6 {
                throw .lipschitzContradicted(caseName: name, declared: l, measured: norm, point: x)
            }
            if let m = declared.stronglyLogConcave, !declared.timeVarying,
               curvature < m - 1e-4 * max(1, declared.lipschitz ?? 1) {
                throw .strongConvexityContradicted(caseName: name, declared: m, measured: curvature, point: x)
            }
            try checkGradient(assumptionCase, x: x, b: b)
        }
        return DeclarationReport(probes: points.count, smallestCurvature: minCurvature, smallestCurvaturePoint: minPoint,
                                 largestJacobianNorm: maxNorm, largestJacobianNormPoint: maxPoint,
                                 checkedAgainstPotential: assumptionCase.potential != nil)
    }

    /// The checks that need no probe: finite positive constants, m ≤ L, λ_LSI ≤ L, Bakry–Émery.
    static func checkConstants(_ declared: DeclaredAssumptions, caseName name: String) throws(DeclarationError) {
        if let l = declared.lipschitz, !(l > 0 && l.isFinite) {
            throw .invalidConstant(caseName: name, name: "Lipschitz constant L", value: l)
        }
        if let m = declared.stronglyLogConcave {
            guard m > 0, m.isFinite else { throw .invalidConstant(caseName: name, name: "strong log-concavity m", value: m) }
            if let l = declared.lipschitz, m > l {
                throw .strongConvexityAboveLipschitz(caseName: name, strongConvexity: m, lipschitz: l)
            }
            if case .unknown = declared.logSobolev {
                throw .logSobolevBelowBakryEmery(caseName: name, declared: "unknown", strongConvexity: m)
            }
        }
        if case let .known(lambda) = declared.logSobolev {
            guard lambda > 0, lambda.isFinite else {
                throw .invalidConstant(caseName: name, name: "log-Sobolev constant λ", value: lambda)
            }
            if let l = declared.lipschitz, lambda > l * (1 + 1e-12), !declared.timeVarying {
                throw .logSobolevAboveLipschitz(caseName: name, declared: lambda, lipschitz: l)
            }
        }
    }

    /// b = −∇F by central differences of F, and a declared ∇F equal to −b.
    static func checkGradient(_ assumptionCase: some AssumptionCase, x: [Double], b: [Double]) throws(DeclarationError) {
        let name = assumptionCase.name
        if let gradient = assumptionCase.gradient {
            let g = gradient(x)
            guard g.count == x.count else { throw .driftDimension(caseName: name + " (gradient)", declared: x.count, drift: g.count) }
            for j in 0..<x.count where !(abs(g[j] + b[j]) <= 1e-8 * (1 + abs(b[j]))) {
                throw .gradientNotMinusDrift(caseName: name, point: x, coordinate: j, gradient: g[j], drift: b[j])
            }
        }
        guard let potential = assumptionCase.potential, !assumptionCase.assumptions.timeVarying else { return }
        let f = potential(x)
        guard f.isFinite else { throw .nonFinite(caseName: name, what: "the potential F", point: x) }
        for j in 0..<x.count {
            let h = potentialRelativeStep * max(1, abs(x[j]))
            var plus = x, minus = x
            plus[j] += h
            minus[j] -= h
            let minusGradient = -(potential(plus) - potential(minus)) / (2 * h)
            let tolerance = 1e-5 * (1 + abs(b[j])) + 1e-15 * (1 + abs(f)) / h
            guard abs(b[j] - minusGradient) <= tolerance else {
                throw .driftNotMinusGradient(caseName: name, point: x, coordinate: j, drift: b[j], minusGradient: minusGradient)
            }
        }
    }

    /// The probe points (and times) of a case; see the type's documentation.
    public static func probePoints(_ assumptionCase: some AssumptionCase, seed: UInt64 = defaultSeed)
        -> (points: [[Double]], times: [Double])
    {
        let d = assumptionCase.dimension, declared = assumptionCase.assumptions
        let sigma: Double
        if let m = declared.stronglyLogConcave, m > 0, m.isFinite {
            sigma = 1 / m.squareRoot()
        } else if let l = declared.lipschitz, l > 0, l.isFinite {
            sigma = max(1, 1 / l.squareRoot())
        } else {
            sigma = 1
        }
        var g = Xoshiro256StarStar(seed: seed, stream: 0xD0_C1A5)
        var points: [[Double]] = [[Double](repeating: 0, count: d)]
        for scale in [0.25, 0.5, 1, 2, 4] {
            for _ in 0..<8 { points.append((0..<d).map { _ in scale * sigma * (2 * g.nextUniform() - 1) }) }
        }
        if let sampler = assumptionCase.stationarySampler {
            var draw = [Double](repeating: 0, count: d)
            for _ in 0..<8 {
                draw.withUnsafeMutableBufferPointer { sampler.draw(&g, $0.baseAddress!, d) }
                points.append(draw)
            }
        }
        let times = points.map { _ in declared.timeVarying ? 2 * Double.pi * g.nextUniform() : 0 }
        return (points, times)
    }

    static func evaluate(_ drift: some BatchDrift, _ x: [Double], _ t: Double, into b: inout [Double]) {
        var time = t
        x.withUnsafeBufferPointer { px in
            b.withUnsafeMutableBufferPointer { pb in drift.evaluate(states: px.baseAddress!, times: &time, count: 1, into: pb.baseAddress!) }
        }
    }

    static func transposeTimes(_ a: Matrix) -> Matrix {
        var out = Matrix(rows: a.cols, cols: a.cols)
        for i in 0..<a.cols { for j in 0..<a.cols { var s = 0.0; for k in 0..<a.rows { s += a[k, i] * a[k, j] }; out[i, j] = s } }
        return out
    }
}

extension AssumptionCase {
    /// `DeclarationCheck.check(self)`: the case's declarations against its drift and potential (PN-V14).
    public func checkDeclarations() throws(DeclarationError) -> DeclarationReport {
        try DeclarationCheck.check(self)
    }
}

import Langevin
import XCTest

/// One step of each overdamped scheme against a hand computation with injected noise (exact checks:
/// the only tolerance is floating-point round-off).
final class OneStepAlgebraTests: XCTestCase {
    // A time-dependent, non-linear 2-D drift: b(x, t) = −A(x − m) + cos(t)·tanh(x) (elementwise tanh), so
    // that wrong midpoint states or wrong midpoint times both change the result.
    static let a: [[Double]] = [[2, 0.5], [0.5, 1]]
    static let m: [Double] = [1, -1]
    static func reference(_ x: [Double], _ t: Double) -> [Double] {
        add(linearDriftReference(a, m)(x), x.map { cos(t) * tanh($0) })
    }
    static let drift = ClosureBatchDrift(dimension: 2) { x, t, out in
        let y0 = x[0] - 1, y1 = x[1] + 1
        out[0] = -(2 * y0 + 0.5 * y1) + cos(t) * tanh(x[0])
        out[1] = -(0.5 * y0 + 1 * y1) + cos(t) * tanh(x[1])
    }
    static let x0: [[Double]] = [[0.3, -0.2], [-1.1, 0.8]]
    static let t0 = 0.3
    static let eta = 0.1
    let tol = 1e-14
    let r2 = 2.0.squareRoot()

    func testLMCStep() throws {
        let g: [[Double]] = [[0.7, -1.2], [0.05, 2.1]]
        var noise = ScriptedNoise(gaussians: g)
        let (out, calls) = try LMC(stepSize: Self.eta).step(from: Self.x0, time: Self.t0, drift: Self.drift, noise: &noise)
        XCTAssertEqual(calls, 2)
        for c in 0..<2 {
            let x = Self.x0[c], b0 = Self.reference(x, Self.t0)
            let expected = add(axpy(Self.eta, b0, x), scale(r2 * Self.eta.squareRoot(), g[c]))
            assertClose(out[c], expected, tolerance: tol, "LMC chain \(c)")
        }
    }

    /// PLMC, K = 4 (direct Bernoulli flags for sub-steps 1, 2, 3).
    func testPLMCFiniteSmallKStep() throws {
        let k = 4, h = Self.eta / Double(k)
        // chain 0: flags (1, 0, 1) → indices {1, 3}; chain 1: flags (0, 1, 0) → {2}
        let flagsUniforms: [[Double]] = [[0.1, 0.9, 0.2], [0.3, 0.24, 0.99]]
        let flagged: [[Int]] = [[1, 3], [2]]
        let g: [[Double]] = [[0.4, -0.3, 1.1, 0.2, -0.7, 0.9], [0.6, -1.4, 0.3, 0.8]]
        var noise = ScriptedNoise(gaussians: g)
        noise.uniforms = flagsUniforms
        let (out, calls) = try PLMC(stepSize: Self.eta, substeps: .finite(k))
            .step(from: Self.x0, time: Self.t0, drift: Self.drift, noise: &noise)
        XCTAssertEqual(calls, 2 + 3)
        for c in 0..<2 {
            let expected = handPLMC(x: Self.x0[c], times: flagged[c].map { Double($0) * h }, gaussians: g[c])
            assertClose(out[c], expected, tolerance: tol, "PLMC K=4 chain \(c)")
        }
        XCTAssertEqual(noise.brownianQueries.count, 2)
        assertClose(noise.brownianQueries[0], [h, 3 * h, Self.eta], tolerance: 1e-15, "query times chain 0")
    }

    /// PLMC, K = 16 (binomial count and sorted subset of {1, …, 15}).
    func testPLMCFiniteLargeKStep() throws {
        let k = 16, h = Self.eta / Double(k)
        let g: [[Double]] = [[0.4, -0.3, 1.1, 0.2, -0.7, 0.9], [0.6, -1.4]]
        var noise = ScriptedNoise(gaussians: g)
        noise.counts = [[2], [0]]
        noise.subsets = [[[2, 9]], [[]]]          // subset of 0 ..< 15 → sub-steps {3, 10}
        let (out, calls) = try PLMC(stepSize: Self.eta, substeps: .finite(k))
            .step(from: Self.x0, time: Self.t0, drift: Self.drift, noise: &noise)
        XCTAssertEqual(calls, 2 + 2)
        assertClose(out[0], handPLMC(x: Self.x0[0], times: [3 * h, 10 * h], gaussians: g[0]), tolerance: tol, "chain 0")
        assertClose(out[1], handPLMC(x: Self.x0[1], times: [], gaussians: g[1]), tolerance: tol, "chain 1")
    }

    /// PLMC, K = ∞ (Poisson(1) count, uniform times sorted).
    func testPLMCPoissonStep() throws {
        let g: [[Double]] = [[0.4, -0.3, 1.1, 0.2, -0.7, 0.9], [0.6, -1.4, 0.3, 0.8]]
        var noise = ScriptedNoise(gaussians: g)
        noise.counts = [[2], [1]]
        noise.uniforms = [[0.7, 0.2], [0.55]]
        let (out, calls) = try PLMC(stepSize: Self.eta, substeps: .infinite)
            .step(from: Self.x0, time: Self.t0, drift: Self.drift, noise: &noise)
        XCTAssertEqual(calls, 2 + 3)
        assertClose(out[0], handPLMC(x: Self.x0[0], times: [0.2 * Self.eta, 0.7 * Self.eta], gaussians: g[0]),
                    tolerance: tol, "chain 0")
        assertClose(out[1], handPLMC(x: Self.x0[1], times: [0.55 * Self.eta], gaussians: g[1]), tolerance: tol, "chain 1")
    }

    func testRLMCStep() throws {
        let g: [[Double]] = [[0.4, -0.3, 1.1, 0.2], [0.6, -1.4, 0.3, 0.8]]
        var noise = ScriptedNoise(gaussians: g)
        noise.uniforms = [[0.4], [0.85]]
        let (out, calls) = try RLMC(stepSize: Self.eta).step(from: Self.x0, time: Self.t0, drift: Self.drift, noise: &noise)
        XCTAssertEqual(calls, 4)
        for c in 0..<2 {
            let u = [0.4, 0.85][c], s = u * Self.eta, x = Self.x0[c]
            let w1 = scale(s.squareRoot(), Array(g[c][0..<2]))
            let w2 = add(w1, scale((Self.eta - s).squareRoot(), Array(g[c][2..<4])))
            let b0 = Self.reference(x, Self.t0)
            let y = add(axpy(s, b0, x), scale(r2, w1))
            let expected = add(axpy(Self.eta, Self.reference(y, Self.t0 + s), x), scale(r2, w2))
            assertClose(out[c], expected, tolerance: tol, "RLMC chain \(c)")
        }
    }

    /// PLMC with K = 1 makes no auxiliary draw and reduces to LMC on the same Gaussian (claim C1).
    /// Claim C1 (PN-P01).
    func testC01_plmcWithOneSubstepIsLMCOnOneStep() throws {
        let g: [[Double]] = [[0.7, -1.2], [0.05, 2.1]]
        var a = ScriptedNoise(gaussians: g), b = ScriptedNoise(gaussians: g)
        let lmc = try LMC(stepSize: Self.eta).step(from: Self.x0, time: Self.t0, drift: Self.drift, noise: &a)
        let plmc = try PLMC(stepSize: Self.eta, substeps: .finite(1))
            .step(from: Self.x0, time: Self.t0, drift: Self.drift, noise: &b)
        XCTAssertEqual(lmc.states, plmc.states)
        XCTAssertEqual(plmc.driftCalls, 2)
    }

    /// The O(1 + N) construction equals the literal K-Gaussian PLMC of docs/theory.md §2.1 (boxed formula)
    /// when both read the same fine Brownian path: W(ih) = √h·Σ_{j<i} Z_j. The literal version sums over
    /// ALL flagged indices including i = 0 (whose term must vanish).
    func testSparseConstructionEqualsLiteralOnTheSamePath() throws {
        let k = 8, h = Self.eta / Double(k), d = 2
        let z: [[Double]] = (0..<k).map { (i: Int) -> [Double] in
            let a = Double(3 * i + 1), b = Double(5 * i + 2)
            return [sin(a), cos(b)]
        }
        var path: [[Double]] = [[0, 0]]
        for i in 0..<k { path.append(add(path[i], scale(h.squareRoot(), z[i]))) }
        let flags = [true, false, true, false, false, true, true, false]   // H_0 … H_7 (H_0 irrelevant)
        // literal (docs/theory.md §2.1): X' = X + ηb0 + η Σ_i H_i [b(X + ih b0 + √2 W(ih)) − b0] + √2 W(η)
        let x = Self.x0[0], b0 = Self.reference(x, Self.t0)
        var literal = axpy(Self.eta, b0, x)
        for i in 0..<k where flags[i] {
            let xi = add(axpy(Double(i) * h, b0, x), scale(r2, path[i]))
            literal = add(literal, scale(Self.eta, sub(Self.reference(xi, Self.t0 + Double(i) * h), b0)))
        }
        literal = add(literal, scale(r2, path[k]))
        var noise = ScriptedNoise(gaussians: [[]])
        noise.pathTimes = (0...k).map { Double($0) * h }
        noise.pathValues = [path]
        noise.uniforms = [flags.dropFirst().map { $0 ? 0.01 : 0.99 }]   // K = 8 ≤ 8: direct flags for i = 1 … 7
        let (out, calls) = try PLMC(stepSize: Self.eta, substeps: .finite(k))
            .step(from: [x], time: Self.t0, drift: Self.drift, noise: &noise)
        XCTAssertEqual(calls, 1 + 3)
        assertClose(out[0], literal, tolerance: 1e-13, "sparse vs literal PLMC (d = \(d))")
    }

    /// The hand formula: W built from scripted increments at `times` and η; midpoints X + s b0 + √2 W(s) at
    /// time t0 + s; X' = X + η b0 + η Σ (b(X̃_s) − b0) + √2 W(η).
    func handPLMC(x: [Double], times: [Double], gaussians g: [Double]) -> [Double] {
        let all = times + [Self.eta]
        var w: [[Double]] = []
        var previous = 0.0, current = [0.0, 0.0]
        for (k, s) in all.enumerated() {
            current = add(current, scale((s - previous).squareRoot(), Array(g[(2 * k)..<(2 * k + 2)])))
            previous = s
            w.append(current)
        }
        let b0 = Self.reference(x, Self.t0)
        var out = add(axpy(Self.eta, b0, x), scale(r2, w.last!))
        for (k, s) in times.enumerated() {
            let mid = add(axpy(s, b0, x), scale(r2, w[k]))
            out = add(out, scale(Self.eta, sub(Self.reference(mid, Self.t0 + s), b0)))
        }
        return out
    }
}

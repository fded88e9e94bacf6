/// The per-fine-step coefficients of a scalar-coefficient chain x_{n+1} = a_n x_n + b_n·f(x_n, τ_n) + σ_n z_n,
/// n = 0 … M−1 (e.g. the reverse DDPM chain, with f the noise-prediction network; or LMC with a = 1, b = h,
/// σ = √(2h)). See docs/theory.md §1 ("DDPM as such a chain") and §2.2.
public struct CoefficientSchedule: Sendable, Equatable {
    public let a: [Double]
    public let b: [Double]
    public let sigma: [Double]
    /// τ_n, the time at which f is evaluated in fine step n.
    public let times: [Double]

    public var count: Int { a.count }

    /// Throws unless the four arrays are non-empty, of equal length and finite (σ_n ≥ 0).
    public init(a: [Double], b: [Double], sigma: [Double], times: [Double]) throws(SimulationError) {
        guard !a.isEmpty else { throw .invalidParameter(name: "schedule", value: "empty", reason: "needs at least one step") }
        try validateSimulationVector(b, "schedule b", count: a.count)
        try validateSimulationVector(sigma, "schedule σ", count: a.count)
        try validateSimulationVector(times, "schedule τ", count: a.count)
        try validateSimulationVector(a, "schedule a", count: a.count)
        for (n, s) in sigma.enumerated() where s < 0 { throw .nonFiniteInput(what: "schedule σ (negative)", index: n, value: s) }
        self.a = a
        self.b = b
        self.sigma = sigma
        self.times = times
    }

    /// The LMC(h) chain: a = 1, b = h, σ = √(2h), τ_n = t₀ + n h.
    public static func langevin(stepSize h: Double, steps: Int, startTime: Double = 0) throws(SimulationError)
        -> CoefficientSchedule {
        try validateStepSize(h)
        guard steps >= 1 else { throw .invalidStepCount(steps) }
        return try CoefficientSchedule(a: Array(repeating: 1, count: steps), b: Array(repeating: h, count: steps),
                                       sigma: Array(repeating: (2 * h).squareRoot(), count: steps),
                                       times: (0..<steps).map { startTime + Double($0) * h })
    }
}

/// The fine scalar-coefficient chain x_{n+1} = a_n x_n + b_n·f(x_n, τ_n) + σ_n z_n (one drift call per step;
/// z_n = d Gaussians from the Brownian stream). Step n of the engine is fine step n; its time is τ_n
/// (`stepSize` is unused and reported as 1). Run with the same seed as `ScalarPLMC` (K sub-steps), the two
/// read the same z's: fine steps mK … mK+K−1 consume exactly the Gaussians of coarse step m (synchronous
/// coupling). Reference: docs/theory.md §1, §2.2 (Ho et al. DDPM coefficients are one instance).
package struct ScalarFineChain: LangevinScheme {
    package let schedule: CoefficientSchedule
    package init(schedule: CoefficientSchedule) { self.schedule = schedule }

    package var stepSize: Double { 1 }
    package var maximumSteps: Int? { schedule.count }
    package var midpointRowsPerChain: Int { 1 }
    package func stepStartTime(step: Int, startTime: Double) -> Double { schedule.times[step] }

    package var label: String { "scalar fine chain (M=\(schedule.count))" }
    package var isUnderdamped: Bool { false }

    package func validate() throws(SimulationError) {}

    package func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                     noise: inout N) -> Int {
        let d = ws.dimension
        let calls = ws.evaluateBaseDrift(drift, time: time)
        let an = schedule.a[step], bn = schedule.b[step], sn = schedule.sigma[step]
        let z = ws.scratch
        ws.midpointRows = 0
        for c in 0..<ws.count {
            noise.standardNormals(chain: c, count: d, into: z)
            let x = ws.x + c * d, e = ws.base + c * d
            for j in 0..<d { x[j] = an * x[j] + bn * e[j] + sn * z[j] }
        }
        return calls
    }
}

/// The Poisson midpoint coarse version of a scalar-coefficient chain (the DDPM version of docs/theory.md §2.2;
/// PN-S06). Coarse step m covers fine indices n = mK + i, i = 0 … K−1:
///
///     e₀ = f(Y, τ_{mK})                                               (1 drift call)
///     Y₀ = Y,  Y_{i+1} = a_{mK+i} Y_i + b_{mK+i} e₀ + σ_{mK+i} Z_i    (cheap; the SAME Z_i as the fine chain)
///     Y' = Y_K + Σ_{i flagged} (Π_{l=i+1}^{K−1} a_{mK+l})·b_{mK+i}·K·[f(Y_i, τ_{mK+i}) − e₀]
///
/// flags as in PLMC (sub-steps 1 … K−1, each with probability 1/K; the i = 0 term is identically zero). The
/// literal construction (K·d Gaussians per chain and coarse step) is used: for diffusion models the drift
/// (a network) dominates. Expected drift calls per coarse step 2 − 1/K. The engine's step m starts at τ_{mK};
/// `stepSize` is unused (reported as 1). With K = 1 it equals `ScalarFineChain` pathwise.
package struct ScalarPLMC: LangevinScheme {
    package let schedule: CoefficientSchedule
    package let substeps: Int
    /// (Π_{l=i+1}^{K−1} a_{mK+l})·b_{mK+i}·K for every fine index n = mK + i.
    let pushForward: [Double]
    let countLaw: DiscreteCDF

    package init(schedule: CoefficientSchedule, substeps k: Int) {
        self.schedule = schedule
        self.substeps = k
        var w = [Double](repeating: 0, count: schedule.count)
        if k >= 1 {
            for m in 0..<(schedule.count / k) {
                var product = 1.0
                for i in stride(from: k - 1, through: 0, by: -1) {
                    let n = m * k + i
                    w[n] = product * schedule.b[n] * Double(k)
                    product *= schedule.a[n]
                }
            }
        }
        pushForward = w
        countLaw = midpointCountLaw(.finite(max(k, 1)))
    }

    package var stepSize: Double { 1 }
    package var maximumSteps: Int? { substeps >= 1 ? schedule.count / substeps : nil }
    package func stepStartTime(step: Int, startTime: Double) -> Double { schedule.times[step * substeps] }

    package var label: String { "scalar PLMC (M=\(schedule.count), K=\(substeps))" }
    package var isUnderdamped: Bool { false }

    package func validate() throws(SimulationError) {
        guard substeps >= 1 else { throw .invalidSubsteps(substeps) }
        guard schedule.count >= substeps else {
            throw .invalidParameter(name: "K", value: "\(substeps)",
                                    reason: "exceeds the schedule's \(schedule.count) fine steps")
        }
    }

    package func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                     noise: inout N) -> Int {
        let d = ws.dimension, k = substeps, first = step * k
        var calls = ws.evaluateBaseDrift(drift, time: time)
        ws.ensureChainScratch(k + 1)
        ws.ensureVectorScratch(k * d)
        var rows = 0
        schedule.a.withUnsafeBufferPointer { aa in
        schedule.b.withUnsafeBufferPointer { bb in
        schedule.sigma.withUnsafeBufferPointer { ss in
        countLaw.cumulative.withUnsafeBufferPointer { table in
            for c in 0..<ws.count {
                let m = drawSubstepFlags(k: k, chain: c, table: table, into: ws.indexScratch.pointer, noise: &noise)
                ws.ensureMidpointRows(rows + m, used: rows)
                let idx = ws.indexScratch.pointer
                let z = ws.vectorScratch.pointer
                noise.standardNormals(chain: c, count: k * d, into: z)
                let y = ws.x + c * d, e0 = ws.base + c * d
                var next = 0
                for i in 0..<k {
                    if next < m && idx[next] == i {
                        let r = rows + next
                        (ws.midStates.pointer + r * d).update(from: y, count: d)
                        ws.midTimes.pointer[r] = schedule.times[first + i]
                        ws.midChain.pointer[r] = Int32(truncatingIfNeeded: c)
                        ws.midCoefficients.pointer[2 * r] = pushForward[first + i]
                        next += 1
                    }
                    let an = aa[first + i], bn = bb[first + i], sn = ss[first + i]
                    let zi = z + i * d
                    for j in 0..<d { y[j] = an * y[j] + bn * e0[j] + sn * zi[j] }
                }
                rows += m
            }
        } } } }
        ws.midpointRows = rows
        calls += ws.evaluateMidpoints(drift)
        let out = ws.midOut.pointer, owner = ws.midChain.pointer, w = ws.midCoefficients.pointer
        for r in 0..<rows {
            let c = Int(owner[r])
            let y = ws.x + c * d, e0 = ws.base + c * d, o = out + r * d, wr = w[2 * r]
            for j in 0..<d { y[j] += wr * (o[j] - e0[j]) }
        }
        return calls
    }
}

/// The randomized midpoint method for overdamped Langevin dynamics (Shen & Lee, arXiv 1909.05503, the
/// overdamped form of their Alg. 1), with the midpoint and the endpoint on ONE Brownian path:
///
///     u ~ U[0, 1)
///     Y  = X + u·η·b(X, t) + √2·W(uη)
///     X' = X + η·b(Y, t + uη) + √2·W(η)
///
/// Two drift calls per step (base b(X, t) and b(Y)). Stationary covariance bias O(η³) on Gaussian targets
/// (paper-notes §4.2: aσ² = 3(2 − 2x + x²)/(6 − 6x + 3x² − x³) = 1 + x³/6 + …). The uniform u is drawn from
/// the auxiliary stream; W(uη), W(η) from the Brownian stream by independent increments (PN-S05).
/// Reference: Shen & Lee, "The randomized midpoint method for log-concave sampling", arXiv 1909.05503;
/// paper-notes §2.1 and §6.
public struct RLMC: LangevinScheme {
    public let stepSize: Double

    public init(stepSize: Double) { self.stepSize = stepSize }

    public var metadata: SchemeMetadata {
        SchemeMetadata(
            name: "RLMC(η=\(stepSize))", expectedDriftCallsPerStep: 2, weakOrder: 1, strongOrder: 1.5,
            stationaryBiasOrder: 3,
            reference: "Shen & Lee, arXiv 1909.05503 (randomized midpoint, overdamped form); paper-notes §6",
            proofsNote: "PN-S05")
    }

    public var midpointRowsPerChain: Int { 2 }

    public func validate() throws(SimulationError) { try validateStepSize(stepSize) }

    public func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                     noise: inout N) -> Int {
        let d = ws.dimension, eta = stepSize, n = ws.count
        var calls = ws.evaluateBaseDrift(drift, time: time)
        let sqrt2 = 2.0.squareRoot()
        ws.ensureMidpointRows(n + 1, used: 0)
        let mid = ws.midStates.pointer, times = ws.midTimes.pointer, owner = ws.midChain.pointer
        ws.ensureChainScratch(2)
        let tq = ws.timeScratch.pointer
        tq[1] = eta
        for c in 0..<n {
            tq[0] = noise.uniform(chain: c) * eta
            // W(uη) lands in the midpoint row, W(η) in the next row (overwritten by the next chain).
            let row = mid + c * d
            noise.brownian(chain: c, times: tq, count: 2, dimension: d, into: row)
            let x = ws.x + c * d, b0 = ws.base + c * d, wEnd = row + d
            let s = tq[0]
            for j in 0..<d {
                let endNoise = sqrt2 * wEnd[j]
                row[j] = x[j] + s * b0[j] + sqrt2 * row[j]
                x[j] += endNoise
            }
            times[c] = time + s
            owner[c] = Int32(truncatingIfNeeded: c)
        }
        ws.midpointRows = n
        calls += ws.evaluateMidpoints(drift)
        let out = ws.midOut.pointer
        for c in 0..<n {
            let x = ws.x + c * d, o = out + c * d
            for j in 0..<d { x[j] += eta * o[j] }
        }
        return calls
    }
}

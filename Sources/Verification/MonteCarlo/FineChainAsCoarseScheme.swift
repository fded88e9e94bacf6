import Langevin

/// The C12 mutant "fine LMC as PLMC": one coarse step of size η made of K LMC(η/K) sub-steps on the Brownian path
/// of the step,
///
///     x_{j+1} = x_j + h·b(x_j, t + jh) + √2·(W((j+1)h) − W(jh)),   h = η/K, j = 0 … K−1,
///
/// i.e. the fine chain itself presented as a coarse scheme (K drift calls per step). Under the coupling it is
/// pathwise identical to the fine chain (the same values and the same floating-point operations as the engine's
/// `LMC` step), so its distance to fine LMC is exactly 0: a strong-error "order" cannot be measured and the C12
/// check must reject it (testing-rules R18). Reference: paper-notes §4.7.
public struct FineChainAsCoarseScheme: LangevinScheme {
    public let stepSize: Double
    public let substeps: Int

    public init(stepSize: Double, substeps: Int) {
        self.stepSize = stepSize
        self.substeps = substeps
    }

    public var metadata: SchemeMetadata {
        SchemeMetadata(name: "fine LMC(η/K) as a coarse scheme (η=\(stepSize), K=\(substeps))",
                       expectedDriftCallsPerStep: Double(substeps), weakOrder: 1, strongOrder: 1, stationaryBiasOrder: 1,
                       reference: "mutant (testing-rules R18); paper-notes §4.7", proofsNote: "PN-V07")
    }

    public var midpointRowsPerChain: Int { 1 }

    public func validate() throws(SimulationError) {
        guard stepSize > 0, stepSize.isFinite else { throw .invalidStepSize(stepSize) }
        guard substeps >= 1 else { throw .invalidSubsteps(substeps) }
    }

    public func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                     noise: inout N) -> Int {
        let d = ws.dimension, n = ws.count, k = substeps
        let h = stepSize / Double(k)
        let sqrt2 = 2.0.squareRoot()
        ws.ensureChainScratch(k + 1)
        ws.ensureVectorScratch((k + 1) * d)
        let tq = ws.timeScratch.pointer
        for j in 0..<k { tq[j] = Double(j + 1) * h }
        let w = ws.vectorScratch.pointer   // W(h), …, W(Kh) of one chain
        // W((j+1)h) of every chain, then K fine steps (each a batched drift call)
        let path = UnsafeMutablePointer<Double>.allocate(capacity: n * k * d)
        defer { path.deallocate() }
        for c in 0..<n {
            noise.brownian(chain: c, times: tq, count: k, dimension: d, into: w)
            (path + c * k * d).update(from: w, count: k * d)
        }
        var calls = 0
        ws.midpointRows = 0
        for j in 0..<k {
            calls += ws.evaluateBaseDrift(drift, time: time + Double(j) * h)
            for c in 0..<n {
                let x = ws.x + c * d, b0 = ws.base + c * d, row = path + c * k * d
                for i in 0..<d {
                    let increment = j == 0 ? row[i] : row[j * d + i] - row[(j - 1) * d + i]
                    x[i] += h * b0[i] + sqrt2 * increment
                }
            }
        }
        return calls
    }
}

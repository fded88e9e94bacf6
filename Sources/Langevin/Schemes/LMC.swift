/// The Langevin Monte Carlo step (Euler–Maruyama for dX = b(X, t) dt + √2 dB):
///
///     X' = X + η·b(X, t) + √2·W(η),      W(η) ~ N(0, η I), W(η) = √η·g
///
/// One drift call per step. Weak order 1, strong order 1 for additive noise; stationary covariance bias of
/// order η on Gaussian targets (Σ = A⁻¹(I − ηA/2)⁻¹).
/// Reference: the OLMC row of the general form X_{t+1} = A_η X_t + G_η b(X_t, tη) + Γ_η Z_t with
/// (A, G, Γ) = (I, ηI, √(2η) I), Kandasamy & Nagaraj, arXiv 2405.17068, §2 (paper-notes §1).
/// The noise is queried as the Brownian value W(η) (PN-S05), so LMC can share a path with other schemes.
public struct LMC: LangevinScheme {
    public let stepSize: Double

    public init(stepSize: Double) { self.stepSize = stepSize }

    public var metadata: SchemeMetadata {
        SchemeMetadata(
            name: "LMC(η=\(stepSize))", expectedDriftCallsPerStep: 1, weakOrder: 1, strongOrder: 1,
            stationaryBiasOrder: 1,
            reference: "Euler–Maruyama / unadjusted Langevin; general form of Kandasamy & Nagaraj, arXiv 2405.17068 §2",
            proofsNote: nil)
    }

    public var midpointRowsPerChain: Int { 1 }

    public func validate() throws(SimulationError) { try validateStepSize(stepSize) }

    public func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                     noise: inout N) -> Int {
        let d = ws.dimension, eta = stepSize, n = ws.count
        let calls = ws.evaluateBaseDrift(drift, time: time)
        let sqrt2 = 2.0.squareRoot()
        let w = ws.scratch
        var endTime = eta
        ws.midpointRows = 0
        for c in 0..<n {
            noise.brownian(chain: c, times: &endTime, count: 1, dimension: d, into: w)
            let x = ws.x + c * d, b0 = ws.base + c * d
            for j in 0..<d { x[j] += eta * b0[j] + sqrt2 * w[j] }
        }
        return calls
    }
}

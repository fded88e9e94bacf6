extension LangevinScheme {
    /// One step of this scheme for a few chains with injected noise (tests, reference computations, the
    /// coupled runner's reference). `states[c]` is chain c's state: x (d entries) for overdamped schemes,
    /// [x; v] (2d entries) for underdamped ones; chain indices passed to `noise` are 0 ..< states.count.
    /// Returns the new states and the number of drift rows evaluated. Runs exactly the engine's code path.
    package func step<D: BatchDrift, N: StepNoise>(from states: [[Double]], step: Int = 0, time: Double = 0,
                                                  drift: D, noise: inout N) throws(SimulationError)
        -> (states: [[Double]], driftCalls: Int) {
        try validate()
        let d = drift.dimension
        let per = isUnderdamped ? 2 * d : d
        guard !states.isEmpty else { throw .invalidChainCount(0) }
        for s in states { try validateSimulationVector(s, "state", count: per) }
        let ws = BlockWorkspace(dimension: d, chainCapacity: states.count, hasVelocity: isUnderdamped,
                                midpointRowsPerChain: midpointRowsPerChain)
        ws.count = states.count
        for (c, s) in states.enumerated() {
            for j in 0..<d { ws.x[c * d + j] = s[j] }
            if isUnderdamped { for j in 0..<d { ws.v[c * d + j] = s[d + j] } }
        }
        let calls = advance(ws, drift: drift, step: step, time: time, noise: &noise)
        var out: [[Double]] = []
        for c in 0..<states.count {
            var s = (0..<d).map { ws.x[c * d + $0] }
            if isUnderdamped { s += (0..<d).map { ws.v[c * d + $0] } }
            out.append(s)
        }
        return (out, calls)
    }
}

extension Simulation {
    /// Runs the ensemble like `run` and also returns every chain's final state (chain order; x, or [x; v]
    /// for underdamped schemes). Memory N·D: meant for tests and small diagnostic runs.
    package static func finalStates<S: LangevinScheme, D: BatchDrift>(
        scheme: S, drift: D, configuration: EnsembleConfiguration
    ) throws(SimulationError) -> [[Double]] {
        let plan = try RunPlan(scheme: scheme, drift: drift, configuration: configuration, observables: [])
        let ws = BlockWorkspace(dimension: plan.dimension, chainCapacity: plan.blockSize,
                                hasVelocity: plan.underdamped, midpointRowsPerChain: scheme.midpointRowsPerChain)
        let streams = BlockStreams(capacity: plan.blockSize)
        defer { streams.deallocate() }
        var result: [[Double]] = []
        result.reserveCapacity(plan.chains)
        var failure: LocatedFailure?
        let d = plan.dimension
        for k in 0..<plan.blockCount {
            let outcome = runBlock(k, ws: ws, streams: streams, scheme: scheme, drift: drift, plan: plan)
            if let f = outcome.failure {
                if failure == nil || f.precedes(failure!) { failure = f }
                continue
            }
            for c in 0..<ws.count {
                var s = (0..<d).map { ws.x[c * d + $0] }
                if plan.underdamped { s += (0..<d).map { ws.v[c * d + $0] } }
                result.append(s)
            }
        }
        if let failure { throw failure.error }
        return result
    }
}

import Dispatch
import SchemeVocabulary

/// Every chain's final state of an ensemble run, in chain order, row-major: chain c's state (x, or [x; v] for the
/// kinetic schemes) is `values[c·D ..< (c + 1)·D]`. What estimators that need the individual samples (Catoni's mean
/// estimator of the engine-agreement check E1, PN-V10) read; memory N·D doubles.
package struct FinalStateSample: Sendable {
    package let chains: Int
    /// D = d (overdamped) or 2d (kinetic).
    package let stateDimension: Int
    package let values: [Double]

    /// The state of chain c.
    package func state(_ c: Int) -> ArraySlice<Double> {
        values[(c * stateDimension)..<((c + 1) * stateDimension)]
    }
}

/// The final states of one block (chain order within the block), merged in block order by concatenation.
struct FinalStateBlockOutcome: BlockOutcome {
    var values: [Double]
    var failure: LocatedFailure?

    mutating func merge(_ other: FinalStateBlockOutcome) { values += other.values }
}

extension Simulation {
    /// Runs a scheme of the vocabulary (correct or mutated) like `run(_:stepSize:drift:configuration:)` and returns
    /// every chain's final state. The same blocks, streams and per-chain numbers as `run` (each chain's state depends
    /// only on the seed, its index and the scheme; PN-S07), worked on by `configuration.threads` threads and
    /// concatenated in block order, so the sample is identical for every thread count. Throws what `run` throws.
    package static func finalStates<D: BatchDrift>(_ variant: SchemeVariant, stepSize: Double, drift: D,
                                                   configuration: EnsembleConfiguration) throws(SimulationError)
        -> FinalStateSample
    {
        switch try EngineScheme(variant, stepSize: stepSize) {
        case .lmc(let s): return try finalStateSample(scheme: s, drift: drift, configuration: configuration)
        case .plmc(let s): return try finalStateSample(scheme: s, drift: drift, configuration: configuration)
        case .rlmc(let s): return try finalStateSample(scheme: s, drift: drift, configuration: configuration)
        case .ulmc(let s): return try finalStateSample(scheme: s, drift: drift, configuration: configuration)
        case .plmcULMC(let s): return try finalStateSample(scheme: s, drift: drift, configuration: configuration)
        case .rlmcULMC(let s): return try finalStateSample(scheme: s, drift: drift, configuration: configuration)
        }
    }

    static func finalStateSample<S: LangevinScheme, D: BatchDrift>(scheme: S, drift: D,
                                                                   configuration: EnsembleConfiguration)
        throws(SimulationError) -> FinalStateSample
    {
        var plain = configuration
        plain.recordSteps = nil
        plain.trackCovariance = false
        let plan = try RunPlan(scheme: scheme, drift: drift, configuration: plain, observables: [])
        let merger = OrderedBlockMerger(empty: FinalStateBlockOutcome(values: []))
        let workers = min(configuration.threads, plan.blockCount)
        let work: @Sendable (Int) -> Void = { w in
            let ws = BlockWorkspace(dimension: plan.dimension, chainCapacity: plan.blockSize,
                                    hasVelocity: plan.underdamped, midpointRowsPerChain: scheme.midpointRowsPerChain)
            let streams = BlockStreams(capacity: plan.blockSize)
            defer { streams.deallocate() }
            var k = w
            while k < plan.blockCount {
                let outcome = runBlock(k, ws: ws, streams: streams, scheme: scheme, drift: drift, plan: plan)
                var block = FinalStateBlockOutcome(values: [], failure: outcome.failure)
                if outcome.failure == nil {
                    let d = plan.dimension, D = plan.stateDimension
                    block.values = [Double](repeating: 0, count: ws.count * D)
                    block.values.withUnsafeMutableBufferPointer { out in
                        for c in 0..<ws.count {
                            (out.baseAddress! + c * D).update(from: ws.x + c * d, count: d)
                            if plan.underdamped { (out.baseAddress! + c * D + d).update(from: ws.v + c * d, count: d) }
                        }
                    }
                }
                merger.submit(block: k, block)
                k += workers
            }
        }
        if workers <= 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        let (total, failure) = merger.finish()
        if let failure { throw failure.error }
        return FinalStateSample(chains: plan.chains, stateDimension: plan.stateDimension, values: total.values)
    }
}

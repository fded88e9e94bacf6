import Langevin
import Randomness
import SchemeVocabulary
import XCTest

/// The engine's PLMC fast paths visit the chains of a block grouped by their midpoint count
/// (`PLMC.planGroupedByCount`, taken when the noise source has per-chain streams), and with the engine's lane-grouped
/// streams draw the noise of four chains at once (`StepNoise.standardNormals(lanes:…)`, PN-S10); LMC, RLMC and ULMC do
/// the same four consecutive chains at a time. Every chain must get exactly the numbers of the plain path, which visits the chains
/// in order one by one (PN-S01, PN-S02). Exact check: bit-identical states, no tolerance.
final class PLMCGroupedPlanTests: XCTestCase {
    /// The engine's stream noise with `chainsAreIndependent` = false, which sends PLMC down the plain path.
    struct InOrderNoise: ForwardsToStreamNoise {
        var inner: StreamNoise
    }

    /// Per-chain streams without the lane-group fills: the grouped path chain by chain (the coupled runner's case).
    struct ChainByChainNoise: ForwardsToStreamNoise {
        var inner: StreamNoise
        static var chainsAreIndependent: Bool { true }
    }

    enum Visit: CaseIterable { case plain, chainByChain, laneGroups }

    /// A non-linear, time-dependent 3-D drift, so that a midpoint at the wrong state or time changes the result.
    static let drift = ClosureBatchDrift(dimension: 3) { x, t, out in
        out[0] = -2 * x[0] + 0.3 * x[1] + cos(t) * tanh(x[2])
        out[1] = 0.3 * x[0] - x[1] + sin(3 * x[0])
        out[2] = -1.5 * x[2] + 0.2 * t
    }

    /// Runs `scheme` for 6 steps on `chains` chains (deterministic starting states) with the engine's streams, visited
    /// as `visit` says.
    func run<S: LangevinScheme>(_ scheme: S, chains: Int, visit: Visit, seed: UInt64) throws -> [[Double]] {
        let d = 3
        let brownian = LaneNormalStreams(capacity: chains)
        let auxiliary = UnsafeMutablePointer<Xoshiro256StarStar>.allocate(capacity: chains)
        defer { brownian.deallocate(); auxiliary.deallocate() }
        for c in 0..<chains {
            brownian[chain: c] = ChainStreams.normals(seed: seed, chain: c, purpose: .brownian)
            auxiliary[c] = ChainStreams.generator(seed: seed, chain: c, purpose: .auxiliary)
        }
        let streamNoise = StreamNoise(brownianStreams: brownian, auxiliaryStreams: auxiliary)
        var states: [[Double]] = []
        for c in 0..<chains {   // x, and for kinetic schemes v after it
            var x = [Double](repeating: 0, count: scheme.isUnderdamped ? 2 * d : d)
            for j in x.indices { x[j] = Double((c * 7 + j * 3) % 11) / 5.0 - 1.0 }
            states.append(x)
        }
        var calls = 0
        for step in 0..<6 {
            let time = Double(step) * scheme.stepSize
            switch visit {
            case .plain:
                var noise = InOrderNoise(inner: streamNoise)
                (states, calls) = try scheme.step(from: states, step: step, time: time, drift: Self.drift, noise: &noise)
            case .chainByChain:
                var noise = ChainByChainNoise(inner: streamNoise)
                (states, calls) = try scheme.step(from: states, step: step, time: time, drift: Self.drift, noise: &noise)
            case .laneGroups:
                var noise = streamNoise
                (states, calls) = try scheme.step(from: states, step: step, time: time, drift: Self.drift, noise: &noise)
            }
            XCTAssertGreaterThanOrEqual(calls, chains, "\(scheme.label): every chain's drift is evaluated")
        }
        return states
    }

    func testGroupedPathGivesEveryChainThePlainPathsNumbers() throws {
        let seed = testSeed(name)
        for chains in [203, 2] {   // 203: the last lane group of most classes is partly unused
            for substeps in [MidpointCount.infinite, .finite(12), .finite(64)] {
                let scheme = PLMC(stepSize: 0.3, substeps: substeps)
                let plain = try run(scheme, chains: chains, visit: .plain, seed: seed)
                for visit in [Visit.chainByChain, .laneGroups] {
                    let grouped = try run(scheme, chains: chains, visit: visit, seed: seed)
                    for c in 0..<chains {
                        XCTAssertEqual(grouped[c], plain[c],
                                       "K = \(substeps), \(visit), chain \(c) of \(chains): differs from the plain path " +
                                       "(replay: swift test --filter PLMCGroupedPlanTests)")
                    }
                }
            }
        }
    }

    func testLMCRLMCAndULMCLaneGroupsGiveEveryChainThePlainPathsNumbers() throws {
        let seed = testSeed(name)
        let ulmcSqrtEta = try ULMC(stepSize: 0.3, friction: 1.3, mutation: .noiseSqrtEta)
        for chains in [203, 3] {
            for (label, lanes, plain) in [
                ("LMC", try run(LMC(stepSize: 0.3), chains: chains, visit: .laneGroups, seed: seed),
                 try run(LMC(stepSize: 0.3), chains: chains, visit: .plain, seed: seed)),
                ("RLMC", try run(RLMC(stepSize: 0.3), chains: chains, visit: .laneGroups, seed: seed),
                 try run(RLMC(stepSize: 0.3), chains: chains, visit: .plain, seed: seed)),
                ("ULMC", try run(ULMC(stepSize: 0.3, friction: 1.3), chains: chains, visit: .laneGroups, seed: seed),
                 try run(ULMC(stepSize: 0.3, friction: 1.3), chains: chains, visit: .plain, seed: seed)),
                ("ULMC √η noise", try run(ulmcSqrtEta, chains: chains, visit: .laneGroups, seed: seed),
                 try run(ulmcSqrtEta, chains: chains, visit: .plain, seed: seed)),
            ] {
                for c in 0..<chains {
                    XCTAssertEqual(lanes[c], plain[c], "\(label), chain \(c) of \(chains): lane groups differ from the plain path")
                }
            }
        }
    }
}

extension PLMCGroupedPlanTests {
    /// RLMC-ULMC with the engine's per-chain streams draws every chain's u first and computes the block's coefficients
    /// four durations at a time (`UnderdampedStep.fill`); with a source that serves draws in call order it goes chain by
    /// chain. Both must give every chain the same numbers (and its √η-noise mutant too).
    func testRLMCULMCBlockCoefficientsGiveEveryChainThePlainPathsNumbers() throws {
        let seed = testSeed(name)
        for scheme in [RLMCULMC(stepSize: 0.3, friction: 1.3),
                       try RLMCULMC(stepSize: 0.3, friction: 1.3, mutation: .noiseSqrtEta)] {
            try assertBlockGivesEveryChainThePlainPathsNumbers(scheme, seed: seed)
        }
    }

    /// PLMC-ULMC with the engine's per-chain streams draws every chain's flagged times first, computes the block's
    /// interval and flow coefficients four durations at a time (`fill`, `fillFlows`) and each chain's Gaussians in one
    /// call; with a source that serves draws in call order it goes chain by chain. Both must give every chain the same
    /// numbers — for K = ∞, direct flags (K = 4), subset flags (K = 12) and the engine's two mutants.
    func testPLMCULMCBlockCoefficientsGiveEveryChainThePlainPathsNumbers() throws {
        let seed = testSeed(name)
        for substeps in [MidpointCount.infinite, .finite(4), .finite(12)] {
            try assertBlockGivesEveryChainThePlainPathsNumbers(PLMCULMC(stepSize: 0.3, friction: 1.3, substeps: substeps),
                                                               seed: seed)
        }
        for mutation in [SchemeMutation.noiseSqrtEta, .droppedCorrection] {
            let scheme = try PLMCULMC(stepSize: 0.3, friction: 1.3, substeps: .infinite, mutation: mutation)
            try assertBlockGivesEveryChainThePlainPathsNumbers(scheme, seed: seed)
        }
    }

    /// The engine's streams (block at once) against the same streams served in call order (chain by chain), 203 and 3
    /// chains: bit-identical states for every chain.
    func assertBlockGivesEveryChainThePlainPathsNumbers<S: LangevinScheme>(_ scheme: S, seed: UInt64) throws {
        for chains in [203, 3] {
            let block = try run(scheme, chains: chains, visit: .laneGroups, seed: seed)
            let plain = try run(scheme, chains: chains, visit: .plain, seed: seed)
            for c in 0..<chains {
                XCTAssertEqual(block[c], plain[c], "\(scheme.label), chain \(c) of \(chains): the block's coefficients " +
                               "differ from the chain-by-chain path (replay: swift test --filter PLMCGroupedPlanTests)")
            }
        }
    }
}

/// A noise source that answers every chain-by-chain query from the engine's `StreamNoise` but keeps the protocol's
/// defaults for the rest (no lane-group fills; `chainsAreIndependent` as the conforming type says).
protocol ForwardsToStreamNoise: StepNoise {
    var inner: StreamNoise { get set }
}

extension ForwardsToStreamNoise {
    mutating func brownian(chain: Int, times: UnsafePointer<Double>, count: Int, dimension: Int,
                           into: UnsafeMutablePointer<Double>) {
        inner.brownian(chain: chain, times: times, count: count, dimension: dimension, into: into)
    }
    mutating func standardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) {
        inner.standardNormals(chain: chain, count: count, into: into)
    }
    mutating func uniform(chain: Int) -> Double { inner.uniform(chain: chain) }
    mutating func sortedSubset(chain: Int, size: Int, from n: Int, into: UnsafeMutablePointer<Int>) {
        inner.sortedSubset(chain: chain, size: size, from: n, into: into)
    }
}

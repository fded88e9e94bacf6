import Dispatch
import Foundation
import Langevin
import SchemeVocabulary
import XCTest

/// The engine on hostile inputs and schedules: bounded memory for any thread count (a bounded reorder window),
/// divergence judged relative to the problem's scale, live progress, overflow-free block counts. Deterministic: no
/// statistical assertion.
final class EngineReliabilityTests: XCTestCase {
    struct Count: BlockOutcome {
        var blocks = 0
        var failure: LocatedFailure? { nil }
        mutating func merge(_ other: Count) { blocks += other.blocks }
    }

    /// A worker that holds block 0 without finishing it cannot let the others run ahead by more than the window:
    /// they wait, so at most `window` outcomes are ever held (before, every later block piled up in memory).
    func testReorderWindowBoundsWhatWaitsForASlowBlock() throws {
        let window = 8, blocks = 1000
        let merger = OrderedBlockMerger(empty: Count(), window: window)
        let first = try XCTUnwrap(merger.nextBlock(below: blocks))
        XCTAssertEqual(first, 0)
        let taken = LockedCounter()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while let k = merger.nextBlock(below: blocks) {
                taken.increment()
                merger.submit(block: k, Count(blocks: 1))
            }
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(taken.value, window - 1, "the fast worker took exactly the window's other blocks, then waited")
        XCTAssertLessThanOrEqual(merger.largestPending, window)
        merger.submit(block: 0, Count(blocks: 1))     // the slow block arrives: everything drains
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success, "the run finishes once block 0 is in")
        XCTAssertEqual(merger.finish().total.blocks, blocks)
        XCTAssertLessThanOrEqual(merger.largestPending, window)
    }

    /// Many blocks on every thread count: the same numbers as one thread, and never more than the window waiting.
    func testManyBlocksOnSeveralThreadsGiveIdenticalNumbers() throws {
        let drift = try LinearBatchDrift(diagonal: [1, 2])
        var results: [[Double]] = []
        for threads in [1, 2, 3, 8] {
            let config = EnsembleConfiguration(chains: 20_000, steps: 3, seed: 5, threads: threads, blockSize: 16)
            let result = try Simulation.run(SchemeVariant(.plmc(.infinite)), stepSize: 0.1, drift: drift, configuration: config)
            results.append(result.mean + result.covariance.storage)
        }
        XCTAssertEqual(Set(results.map { $0.map(\.bitPattern) }).count, 1, "bit-identical for every thread count")
    }

    /// Divergence is measured from the centre (the target mean here) relative to max(1, ‖centre‖): chains around
    /// m = 10¹³ are stable, the same unstable step is still caught, and the message states the threshold.
    func testDivergenceIsRelativeToTheProblemsScale() throws {
        let far = try LinearBatchDrift(diagonal: [1], mean: [1e13])
        let stable = EnsembleConfiguration(chains: 100, steps: 50, seed: 1, explosionCenter: [1e13])
        let result = try Simulation.run(SchemeVariant(.lmc), stepSize: 0.5, drift: far, configuration: stable)
        XCTAssertEqual(result.mean[0] / 1e13, 1, accuracy: 1e-9)
        // without the centre, the distance from the initial state 0 is 10¹³ > 10¹²: the old absolute rule's false alarm
        let uncentred = EnsembleConfiguration(chains: 100, steps: 50, seed: 1)
        XCTAssertThrowsError(try Simulation.run(SchemeVariant(.lmc), stepSize: 0.5, drift: far, configuration: uncentred))
        let unstable = EnsembleConfiguration(chains: 100, steps: 400, seed: 1, explosionCenter: [1e13])
        XCTAssertThrowsError(try Simulation.run(SchemeVariant(.lmc), stepSize: 2.5, drift: far, configuration: unstable)) {
            guard case let .unstable(_, _, norm, threshold) = $0 as? SimulationError else { return XCTFail("\($0)") }
            XCTAssertEqual(threshold, 1e25, accuracy: 1e10, "10¹² × ‖centre‖")
            XCTAssertGreaterThan(norm, threshold)
            XCTAssertTrue("\($0)".contains("diverged"), "\($0)")
        }
        let badCentre = EnsembleConfiguration(chains: 10, steps: 1, explosionCenter: [1, 2])
        XCTAssertThrowsError(try Simulation.run(SchemeVariant(.lmc), stepSize: 0.1, drift: far, configuration: badCentre)) {
            XCTAssertEqual($0 as? SimulationError, .dimensionMismatch(what: "divergence centre", expected: 1, got: 2))
        }
    }

    /// The divergence check names the first (step, chain) whose distance from the centre passes ρ·max(1, ‖centre‖),
    /// chains in block order — whichever lane of a four-chain group it sits in, with or without a centre, with or
    /// without a velocity, and in the 1–3 chains a block leaves over. Expected values from the chains' states after
    /// 1, 2, … steps of a run without a threshold (`finalStates`), whose distances this test computes itself.
    /// Pure Brownian motion (zero drift) from x₀, so the distances grow like √(2ηn) and the first crossings spread
    /// over many steps and chains. Exact check (no statistics: the crossing is a deterministic function of the streams).
    func testDivergenceCheckNamesTheFirstChainInEveryLaneAndTail() throws {
        let drift = ZeroDrift(dimension: 2)
        var lanesSeen = Set<Int>()
        for (scheme, start, rho) in [(SchemeVariant(.lmc), [0.0, 0.0], 7.0), (SchemeVariant(.lmc), [3.0, -2.0], 2.0),
                                     (SchemeVariant(.ulmc(friction: 1)), [0.0, 0.0], 6.0),
                                     (SchemeVariant(.ulmc(friction: 1)), [3.0, -2.0], 1.8)] {
            for seed: UInt64 in 1...10 {
                // blocks of 18 chains: four lane groups and a tail of two in every block
                func configuration(steps: Int, threshold: Double?) -> EnsembleConfiguration {
                    EnsembleConfiguration(chains: 203, steps: steps, seed: seed, initialState: start, blockSize: 18,
                                          explosionThreshold: threshold)
                }
                let centre = start + (scheme.scheme.isUnderdamped ? [0, 0] : [])
                let limit = rho * max(1, (centre.map { $0 * $0 }.reduce(0, +)).squareRoot())
                var expected: (step: Int, chain: Int)?
                for steps in 1...60 where expected == nil {
                    let sample = try Simulation.finalStates(scheme, stepSize: 0.5, drift: drift,
                                                            configuration: configuration(steps: steps, threshold: nil))
                    if let chain = (0..<sample.chains).first(where: { c in
                        zip(sample.state(c), centre).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() > limit
                    }) {
                        expected = (steps, chain)
                    }
                }
                guard let expected else { return XCTFail("\(scheme), seed \(seed): no chain crossed in 60 steps") }
                lanesSeen.insert(expected.chain % 18 < 16 ? expected.chain % 18 % 4 : 4)
                XCTAssertThrowsError(try Simulation.run(scheme, stepSize: 0.5, drift: drift,
                                                        configuration: configuration(steps: 60, threshold: rho))) {
                    guard case let .unstable(chain, step, _, _) = $0 as? SimulationError else { return XCTFail("\($0)") }
                    XCTAssertEqual(step, expected.step, "\(scheme) from \(start), seed \(seed)")
                    XCTAssertEqual(chain, expected.chain, "\(scheme) from \(start), seed \(seed)")
                }
            }
        }
        // the cases must reach every lane of a group and the tail (4 stands for the tail)
        XCTAssertEqual(lanesSeen, [0, 1, 2, 3, 4], "lanes of the first crossing chains: \(lanesSeen.sorted())")
    }

    /// The progress counter reaches chains × steps, and the result's time includes building the scheme.
    func testProgressCountsEveryChainStep() throws {
        let progress = EngineProgress()
        let drift = try LinearBatchDrift(diagonal: [1])
        for (chains, steps) in [(1000, 3), (3, 1000), (130, 513)] {
            let config = EnsembleConfiguration(chains: chains, steps: steps, seed: 2, threads: 2, progress: progress)
            _ = try Simulation.run(SchemeVariant(.rlmc), stepSize: 0.1, drift: drift, configuration: config)
            XCTAssertEqual(progress.completed, chains * steps)
            XCTAssertEqual(progress.total, chains * steps)
            XCTAssertEqual(progress.fraction, 1)
        }
        let start = ContinuousClock().now
        let result = try Simulation.run(SchemeVariant(.plmc(.finite(MidpointCount.maximumFinite))), stepSize: 0.1,
                                        drift: drift, configuration: EnsembleConfiguration(chains: 2, steps: 1))
        let wall = (ContinuousClock().now - start) / .seconds(1)
        XCTAssertGreaterThanOrEqual(result.seconds, 0.5 * wall, "seconds (\(result.seconds)) covers the run (\(wall) s)")
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

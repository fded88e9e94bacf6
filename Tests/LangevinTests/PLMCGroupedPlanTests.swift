import Langevin
import Randomness
import SchemeVocabulary
import XCTest

/// The engine's PLMC fast path visits the chains of a block grouped by their midpoint count
/// (`PLMC.planGroupedByCount`, taken when the noise source has per-chain streams). It must give every chain
/// exactly the numbers of the plain path, which visits the chains in order (PN-S01, PN-S02). Exact check:
/// bit-identical states, no tolerance.
final class PLMCGroupedPlanTests: XCTestCase {
    /// The engine's stream noise with `chainsAreIndependent` = false, which sends PLMC down the plain path.
    struct InOrderNoise: StepNoise {
        var inner: StreamNoise
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

    /// A non-linear, time-dependent 3-D drift, so that a midpoint at the wrong state or time changes the result.
    static let drift = ClosureBatchDrift(dimension: 3) { x, t, out in
        out[0] = -2 * x[0] + 0.3 * x[1] + cos(t) * tanh(x[2])
        out[1] = 0.3 * x[0] - x[1] + sin(3 * x[0])
        out[2] = -1.5 * x[2] + 0.2 * t
    }

    func testGroupedPathGivesEveryChainThePlainPathsNumbers() throws {
        let chains = 200, d = 3, seed = testSeed(name)
        for substeps in [MidpointCount.infinite, .finite(12), .finite(64)] {
            let scheme = PLMC(stepSize: 0.3, substeps: substeps)
            func run(inOrder: Bool) throws -> [[Double]] {
                let brownian = UnsafeMutablePointer<VectorNormalStream>.allocate(capacity: chains)
                let auxiliary = UnsafeMutablePointer<Xoshiro256StarStar>.allocate(capacity: chains)
                defer { brownian.deallocate(); auxiliary.deallocate() }
                for c in 0..<chains {
                    (brownian + c).initialize(to: ChainStreams.normals(seed: seed, chain: c, purpose: .brownian))
                    auxiliary[c] = ChainStreams.generator(seed: seed, chain: c, purpose: .auxiliary)
                }
                let streamNoise = StreamNoise(brownianStreams: brownian, auxiliaryStreams: auxiliary)
                var states: [[Double]] = []
                for c in 0..<chains {
                    var x = [Double](repeating: 0, count: d)
                    for j in 0..<d { x[j] = Double((c * 7 + j * 3) % 11) / 5.0 - 1.0 }
                    states.append(x)
                }
                var calls = 0
                for step in 0..<6 {
                    let time = Double(step) * scheme.stepSize
                    if inOrder {
                        var noise = InOrderNoise(inner: streamNoise)
                        (states, calls) = try scheme.step(from: states, step: step, time: time, drift: Self.drift, noise: &noise)
                    } else {
                        var noise = streamNoise
                        (states, calls) = try scheme.step(from: states, step: step, time: time, drift: Self.drift, noise: &noise)
                    }
                    XCTAssertGreaterThan(calls, chains, "K = \(substeps): some midpoints are evaluated")
                }
                return states
            }
            let grouped = try run(inOrder: false), plain = try run(inOrder: true)
            for c in 0..<chains {
                XCTAssertEqual(grouped[c], plain[c],
                               "K = \(substeps), chain \(c): the grouped path differs from the plain path " +
                               "(replay: swift test --filter PLMCGroupedPlanTests)")
            }
        }
    }
}

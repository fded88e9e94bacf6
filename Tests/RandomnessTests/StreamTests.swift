import Foundation
import Randomness
import VerificationTestSupport
import XCTest

/// Streams and seeds: FNV-1a test vectors, keyed streams (distinct, reproducible, independent of creation order),
/// StreamKey validation, and the algebra of jumps (they commute with stepping). One statistical assertion
/// (neighbouring streams, α = 1e-9, ledger id RT.streams.neighbour-bits).
final class StreamTests: XCTestCase {
    /// Published FNV-1a 64-bit test vectors (Fowler/Noll/Vo reference test suite).
    func testFNV1aTestVectors() {
        XCTAssertEqual(FNV1a64.hash(""), 0xCBF2_9CE4_8422_2325)
        XCTAssertEqual(FNV1a64.hash("a"), 0xAF63_DC4C_8601_EC8C)
        XCTAssertEqual(FNV1a64.hash("foobar"), 0x8594_4171_F739_67E8)
        XCTAssertEqual(stableSeed(for: "foobar"), 0x8594_4171_F739_67E8)
        // Words are absorbed as little-endian bytes: "a" is the byte 0x61.
        var hasher = FNV1a64()
        hasher.combine(byte: 0x61)
        XCTAssertEqual(hasher.value, 0xAF63_DC4C_8601_EC8C)
        var wordHasher = FNV1a64(), byteHasher = FNV1a64()
        wordHasher.combine(UInt64(0x0102_0304_0506_0708))
        byteHasher.combine(bytes: [8, 7, 6, 5, 4, 3, 2, 1] as [UInt8])
        XCTAssertEqual(wordHasher.value, byteHasher.value)
        var doubleHasher = FNV1a64(), intHasher = FNV1a64()
        doubleHasher.combine(1.0)
        wordHasher = FNV1a64(); wordHasher.combine((1.0).bitPattern)
        XCTAssertEqual(doubleHasher.value, wordHasher.value)
        intHasher.combine(-1)
        wordHasher = FNV1a64(); wordHasher.combine(UInt64.max)
        XCTAssertEqual(intHasher.value, wordHasher.value)
    }

    func testStreamKeysAreDistinctAndReproducible() throws {
        var firstOutputs = Set<UInt64>()
        var states = Set<[UInt64]>()
        for chain in 0..<200 {
            for purpose in [StreamPurpose.brownian, .auxiliary, .initialState] {
                let key = try StreamKey(seed: 2024, chain: chain, purpose: purpose)
                XCTAssertEqual(key.stream, UInt64(chain) << 8 | UInt64(purpose.rawValue))
                var generator = key.makeGenerator()
                let s = generator.state
                states.insert([s.0, s.1, s.2, s.3])
                firstOutputs.insert(generator.next())
                let again = Xoshiro256StarStar(key: key).state
                let direct = Xoshiro256StarStar(seed: 2024, stream: key.stream).state
                XCTAssertEqual([again.0, again.1, again.2, again.3], [s.0, s.1, s.2, s.3])
                XCTAssertEqual([direct.0, direct.1, direct.2, direct.3], [s.0, s.1, s.2, s.3])
            }
        }
        XCTAssertEqual(states.count, 600)
        XCTAssertEqual(firstOutputs.count, 600)
        // A different master seed gives different streams.
        var other = try StreamKey(seed: 2025, chain: 0, purpose: .brownian).makeGenerator()
        var base = try StreamKey(seed: 2024, chain: 0, purpose: .brownian).makeGenerator()
        XCTAssertNotEqual(other.next(), base.next())
    }

    /// A chain's stream depends only on its key: drawing chains in any order (as threads would) gives the same
    /// values per chain.
    func testStreamsDoNotDependOnCreationOrder() throws {
        func draws(order: [Int]) throws -> [Int: [Double]] {
            var result: [Int: [Double]] = [:]
            for chain in order {
                var generator = try StreamKey(seed: 7, chain: chain, purpose: .brownian).makeGenerator()
                result[chain] = (0..<5).map { _ in generator.nextStandardNormal() }
            }
            return result
        }
        XCTAssertEqual(try draws(order: Array(0..<16)), try draws(order: Array((0..<16).reversed())))
    }

    /// Keyed streams with neighbouring stream numbers look unrelated: over the disjoint pairs (2i, 2i + 1),
    /// i < 5000, of one seed, the first outputs differ in Bin(320000, ½) bits if the streams behave like independent
    /// uniform words. Two-sided Chernoff–Hoeffding bound at α = 1e-9.
    func testNeighbouringStreamsLookUnrelated() throws {
        let context = try TestContext(self)
        let seed = context.seed, alpha = StatisticalBudget.level(of: "RT.streams.neighbour-bits")
        var differing = 0
        for pair in 0..<5000 {
            var even = Xoshiro256StarStar(seed: seed, stream: UInt64(2 * pair))
            var odd = Xoshiro256StarStar(seed: seed, stream: UInt64(2 * pair + 1))
            differing += (even.next() ^ odd.next()).nonzeroBitCount
        }
        let bound = Bounds.chernoffTail(count: differing, trials: 320_000, probability: 0.5)
        XCTAssertGreaterThan(bound, alpha / 2,
            "\(differing) of 320000 bits differ between neighbouring streams; Chernoff bound \(bound) ≤ α/2 (α = \(alpha)); \(budgetNote("RT.streams.neighbour-bits", context: context))")
    }

    func testStreamKeyRejectsBadChainIndices() {
        for chain in [-1, Int.min, StreamKey.maximumChainIndex + 1, Int.max] {
            XCTAssertThrowsError(try StreamKey(seed: 1, chain: chain, purpose: .auxiliary)) { error in
                XCTAssertEqual(error as? RandomnessError,
                               .chainIndexOutOfRange(value: chain, maximum: StreamKey.maximumChainIndex))
            }
        }
        XCTAssertNoThrow(try StreamKey(seed: 1, chain: StreamKey.maximumChainIndex, purpose: .initialState))
        XCTAssertEqual(StreamPurpose.brownian.description, "brownian")
        XCTAssertEqual(StreamPurpose(rawValue: 9).description, "purpose(9)")
    }

    /// Jumps are polynomials in the transition T, so they commute with stepping: jump(next(s)) = next(jump(s)).
    /// And two jumps from different states are different.
    func testJumpsCommuteWithStepping() {
        for seed: UInt64 in [1, 2, 3] {
            var a = Xoshiro256StarStar(seed: seed), b = a
            _ = a.next(); a.jump()
            b.jump(); _ = b.next()
            XCTAssertEqual([a.state.0, a.state.1, a.state.2, a.state.3], [b.state.0, b.state.1, b.state.2, b.state.3])
            var c = Xoshiro256StarStar(seed: seed), d = c
            _ = c.next(); _ = c.next(); c.longJump()
            d.longJump(); _ = d.next(); _ = d.next()
            XCTAssertEqual([c.state.0, c.state.1, c.state.2, c.state.3], [d.state.0, d.state.1, d.state.2, d.state.3])
            var e = Xoshiro256StarStar(seed: seed), f = e
            e.jump(); f.longJump()
            XCTAssertNotEqual(e.next(), f.next())
        }
    }
}

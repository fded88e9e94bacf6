import Foundation
import Randomness
import XCTest

/// Every throwing entry point rejects each class of bad input with the documented `RandomnessError`, without
/// trapping and without consuming randomness.
final class BadInputTests: XCTestCase {
    private let badProbabilities: [Double] = [-0.1, 1.0000001, -.infinity, .infinity, .nan, -.nan, .signalingNaN,
                                              -Double.leastNonzeroMagnitude, 1 + Double.ulpOfOne]

    private func assertThrows<T>(_ expected: RandomnessError, _ generator: inout Xoshiro256StarStar,
                                 _ body: (inout Xoshiro256StarStar) throws(RandomnessError) -> T,
                                 file: StaticString = #filePath, line: UInt = #line) {
        let before = generator.state
        do {
            _ = try body(&generator)
            XCTFail("expected \(expected)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.description, expected.description, file: file, line: line)
            XCTAssertEqual(error, expected, file: file, line: line)
        }
        let after = generator.state
        XCTAssertEqual([before.0, before.1, before.2, before.3], [after.0, after.1, after.2, after.3],
                       "no words consumed", file: file, line: line)
    }

    func testBernoulliRejectsBadProbabilities() {
        var g = Xoshiro256StarStar(seed: 1)
        for p in badProbabilities {
            // NaN payloads compare unequal, so compare through the description for NaNs.
            do {
                _ = try g.nextBernoulli(p)
                XCTFail("Bernoulli(\(p)) did not throw")
            } catch {
                guard case let .invalidProbability(what, value) = error else { return XCTFail("wrong error \(error)") }
                XCTAssertEqual(what, "Bernoulli probability p")
                XCTAssertTrue(value.isNaN ? p.isNaN : value == p)
            }
        }
    }

    func testPoissonRejectsBadMeans() {
        var g = Xoshiro256StarStar(seed: 2)
        for lambda in [-1, -Double.leastNonzeroMagnitude, .infinity, -.infinity, DrawLimits.maximumPoissonMean.nextUp, 1e300] {
            assertThrows(.invalidMean(what: "Poisson mean λ", value: lambda), &g) { g throws(RandomnessError) in
                try g.nextPoisson(mean: lambda)
            }
        }
        for lambda in [Double.nan, -.nan] {
            do {
                _ = try g.nextPoisson(mean: lambda)
                XCTFail("Poisson(NaN) did not throw")
            } catch {
                guard case let .invalidMean(_, value) = error else { return XCTFail("wrong error \(error)") }
                XCTAssertTrue(value.isNaN)
            }
        }
    }

    func testBinomialRejectsBadCountsAndProbabilities() {
        var g = Xoshiro256StarStar(seed: 3)
        for n in [-1, Int.min, DrawLimits.maximumBinomialCount + 1, Int.max] {
            assertThrows(.invalidCount(what: "binomial count n", value: n, maximum: DrawLimits.maximumBinomialCount), &g) {
                g throws(RandomnessError) in try g.nextBinomial(count: n, probability: 0.5)
            }
        }
        for p in badProbabilities {
            do {
                _ = try g.nextBinomial(count: 10, probability: p)
                XCTFail("Bin(10, \(p)) did not throw")
            } catch {
                guard case let .invalidProbability(what, value) = error else { return XCTFail("wrong error \(error)") }
                XCTAssertEqual(what, "binomial probability p")
                XCTAssertTrue(value.isNaN ? p.isNaN : value == p)
            }
        }
        // The count is checked first.
        assertThrows(.invalidCount(what: "binomial count n", value: -5, maximum: DrawLimits.maximumBinomialCount), &g) {
            g throws(RandomnessError) in try g.nextBinomial(count: -5, probability: .nan)
        }
    }

    func testUniformIntegersRejectEmptyRanges() {
        var g = Xoshiro256StarStar(seed: 4)
        assertThrows(.emptyRange(what: "upper bound n"), &g) { g throws(RandomnessError) in try g.nextUInt64(below: 0) }
        for n in [0, -1, Int.min] {
            assertThrows(.emptyRange(what: "upper bound n"), &g) { g throws(RandomnessError) in try g.nextInt(below: n) }
        }
    }

    func testSortedSubsetRejectsBadShapes() {
        var g = Xoshiro256StarStar(seed: 5)
        let storage = UnsafeMutableBufferPointer<Int>.allocate(capacity: 8)
        defer { storage.deallocate() }
        storage.initialize(repeating: -1)
        let cases: [(Int, Int, UnsafeMutableBufferPointer<Int>, RandomnessError)] = [
            (3, -1, storage, .invalidCount(what: "population size K", value: -1, maximum: Int.max)),
            (-1, 5, storage, .invalidCount(what: "subset size m", value: -1, maximum: 5)),
            (6, 5, storage, .subsetLargerThanPopulation(size: 6, population: 5)),
            (9, 20, storage, .bufferTooSmall(what: "subset buffer", needed: 9, available: 8)),
            (1, 20, UnsafeMutableBufferPointer(start: nil, count: 0), .bufferTooSmall(what: "subset buffer", needed: 1, available: 0)),
        ]
        for (m, population, buffer, expected) in cases {
            assertThrows(expected, &g) { g throws(RandomnessError) in
                try g.sampleSortedSubset(size: m, population: population, into: buffer)
            }
        }
        XCTAssertEqual(Array(storage), [Int](repeating: -1, count: 8), "nothing written on rejection")
        // m = 0 with an empty buffer is valid.
        XCTAssertNoThrow(try g.sampleSortedSubset(size: 0, population: 0, into: UnsafeMutableBufferPointer(start: nil, count: 0)))
    }

    func testZeroStateIsRejected() {
        XCTAssertThrowsError(try Xoshiro256StarStar(validatingState: (0, 0, 0, 0))) { error in
            XCTAssertEqual(error as? RandomnessError, .zeroState)
        }
        XCTAssertNoThrow(try Xoshiro256StarStar(validatingState: (0, 0, 0, 1)))
    }
}

import Langevin
import Randomness
import XCTest

/// `SIMD4<Double>.packedSquareRoot()` (PLMC's and RLMC's Brownian scales, the kinetic noise factors) must give every
/// lane the bits of `Double.squareRoot()`, or the lane paths would no longer give the plain paths' numbers. Exact check:
/// bit patterns, no tolerance.
final class PackedSquareRootTests: XCTestCase {
    func testEveryLaneHasTheScalarSquareRootsBits() {
        var values: [Double] = [0, -0.0, 1, 2, 0.25, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                                .infinity, -1, -.infinity, .nan, 1e-300, 1e300, 0.1, 0.5.nextUp, 2.0.nextDown]
        var generator = Xoshiro256StarStar(seed: 20_261_207)
        for _ in 0..<40_000 {   // spread over 600 decades, every lane position
            values.append(pow(10, 600 * generator.nextUniform() - 300) * (1 + generator.nextUniform()))
        }
        var mismatches = 0
        for start in stride(from: 0, to: values.count - 3, by: 1) where start % 3 == 0 {
            let lanes = SIMD4(values[start], values[start + 1], values[start + 2], values[start + 3])
            let packed = lanes.packedSquareRoot()
            for l in 0..<4 where packed[l].bitPattern != lanes[l].squareRoot().bitPattern
                && !(packed[l].isNaN && lanes[l].squareRoot().isNaN) {
                mismatches += 1
                if mismatches <= 5 {
                    XCTFail("√\(lanes[l]) in lane \(l): \(packed[l]) ≠ \(lanes[l].squareRoot()) " +
                            "(replay: swift test --filter PackedSquareRootTests)")
                }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }
}

// Small pinned draws for the generators. The stdlib's `Int.random(in:using:)` / `Double.random(in:using:)`
// are avoided: their algorithms may change between Swift versions, which would silently change every case.
import Foundation
import Randomness

extension RandomNumberGenerator {
    /// An integer in `range`, by Lemire's multiply-shift without rejection: ⌊next() · n / 2⁶⁴⌋ + lower,
    /// n = range.count. The bias is at most n/2⁶⁴, irrelevant for test-case generation.
    mutating func nextInteger(in range: ClosedRange<Int>) -> Int {
        let n = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: n).high)
    }

    /// A log-uniform value in [lower, upper] (both > 0): lower · (upper/lower)^U, U uniform in [0, 1).
    /// Returns `lower` when lower == upper.
    mutating func nextLogUniform(in range: ClosedRange<Double>) -> Double {
        guard range.upperBound > range.lowerBound else { return range.lowerBound }
        let u = nextUniform()
        return range.lowerBound * pow(range.upperBound / range.lowerBound, u)
    }

    /// One element of a non-empty array, uniformly.
    mutating func nextElement<T>(of values: [T]) -> T {
        values[nextInteger(in: 0...(values.count - 1))]
    }
}

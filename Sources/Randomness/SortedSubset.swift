// A uniformly random subset of fixed size, sorted, written into caller-provided memory (no allocation).

extension RandomNumberGenerator {
    /// Draws a uniformly random m-element subset of {0, …, K − 1} into `buffer[0..<m]`, sorted ascending
    /// (see `sampleSortedSubsetUnchecked(size:population:into:)`). Throws `RandomnessError.invalidCount` for
    /// m < 0 or K < 0, `.subsetLargerThanPopulation` for m > K, and `.bufferTooSmall` if `buffer.count < m`.
    @inlinable
    public mutating func sampleSortedSubset(
        size m: Int, population K: Int, into buffer: UnsafeMutableBufferPointer<Int>
    ) throws(RandomnessError) {
        guard K >= 0 else { throw .invalidCount(what: "population size K", value: K, maximum: Int.max) }
        guard m >= 0 else { throw .invalidCount(what: "subset size m", value: m, maximum: K) }
        guard m <= K else { throw .subsetLargerThanPopulation(size: m, population: K) }
        guard buffer.count >= m else { throw .bufferTooSmall(what: "subset buffer", needed: m, available: buffer.count) }
        sampleSortedSubsetUnchecked(size: m, population: K, into: buffer)
    }

    /// Floyd's algorithm (J. Bentley with R. Floyd, "Programming Pearls: A sample of brilliance", CACM 30(9), 1987):
    /// ```
    /// S = ∅;  for j in K−m ..< K { t = uniform in 0...j;  S ∪= (t ∈ S ? {j} : {t}) }
    /// ```
    /// By induction every m-subset has probability 1/C(K, m): after the step for j, S is a uniform
    /// (j − K + m + 1)-subset of {0, …, j}. One uniform integer (Lemire, `nextUInt64Unchecked(below:)`) per element.
    /// S is kept sorted in `buffer` (binary search, then a shift), so membership costs O(log m) and the whole
    /// draw O(m log m) comparisons plus O(m²) element moves in the worst case — meant for m up to a few thousand.
    /// When t ∈ S, j exceeds every element so far and is appended. Requires 0 ≤ m ≤ K and buffer.count ≥ m
    /// (not checked; m ≤ 0 writes nothing).
    @inlinable
    public mutating func sampleSortedSubsetUnchecked(
        size m: Int, population K: Int, into buffer: UnsafeMutableBufferPointer<Int>
    ) {
        guard m > 0, let base = buffer.baseAddress else { return }
        var count = 0
        for j in (K - m)..<K {
            let t = Int(truncatingIfNeeded: nextUInt64Unchecked(below: UInt64(j + 1)))
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) >> 1
                if base[middle] < t { low = middle + 1 } else { high = middle }
            }
            if low < count && base[low] == t {
                base[count] = j
            } else {
                var index = count
                while index > low {
                    base[index] = base[index - 1]
                    index -= 1
                }
                base[low] = t
            }
            count += 1
        }
    }
}

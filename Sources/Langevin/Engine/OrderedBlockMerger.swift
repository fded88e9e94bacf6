import Dispatch
import Synchronization

/// What one block of chains produced, mergeable in block order.
package protocol BlockOutcome: Sendable {
    /// The earliest failure of the block, if any (its statistics are then not merged).
    var failure: LocatedFailure? { get }
    /// Adds another block's statistics (the other block comes later in block order).
    mutating func merge(_ other: Self)
}

/// Hands out blocks in order and merges their outcomes strictly in block order as they arrive, whatever the thread
/// that produced them, so every merged statistic is bit-identical for every thread count (PN-S07). The failure
/// reported is the smallest (step, chain) of any failing block.
///
/// Memory is bounded for any thread count: a block that finishes before an earlier one waits in `pending`, and a
/// worker may take a new block only while fewer than `window` blocks are taken but not yet merged (a semaphore of
/// `window` permits, one returned per merged block). Blocks are handed out in increasing order, so the block every
/// other block waits for is always running or merged, and a worker never waits for a block it holds: no deadlock.
package final class OrderedBlockMerger<Outcome: BlockOutcome>: Sendable {
    struct State: ~Copyable {
        var pending: [Int: Outcome] = [:]
        var next = 0
        var total: Outcome
        var failure: LocatedFailure?
        var largestPending = 0
    }
    let mutex: Mutex<State>
    /// Blocks handed out so far.
    let handedOut = Atomic<Int>(0)
    let permits: DispatchSemaphore
    /// The most blocks taken but not yet merged.
    package let window: Int

    /// `empty`: the merge of no block; `window`: the most blocks taken but not merged at any time (≥ 1).
    package init(empty: Outcome, window: Int = .max) {
        mutex = Mutex(State(total: empty))
        self.window = max(1, window)
        permits = DispatchSemaphore(value: min(max(1, window), 1 << 30))
    }

    /// The reorder window for `workers` threads: four blocks per worker (at least 4).
    package static func window(workers: Int) -> Int { max(4, 4 * workers) }

    /// The next block to run, below `count`, or nil when every block has been handed out. Waits while `window` blocks
    /// are taken but not merged.
    package func nextBlock(below count: Int) -> Int? {
        guard handedOut.load(ordering: .relaxed) < count else { return nil }
        permits.wait()
        let k = handedOut.wrappingAdd(1, ordering: .relaxed).oldValue
        guard k < count else {
            permits.signal()
            return nil
        }
        return k
    }

    package func submit(block k: Int, _ outcome: Outcome) {
        let merged = mutex.withLock { state -> Int in
            state.pending[k] = outcome
            state.largestPending = max(state.largestPending, state.pending.count)
            var merged = 0
            while let o = state.pending.removeValue(forKey: state.next) {
                if let f = o.failure {
                    if state.failure == nil || f.precedes(state.failure!) { state.failure = f }
                } else {
                    state.total.merge(o)
                }
                state.next += 1
                merged += 1
            }
            return merged
        }
        for _ in 0..<merged { permits.signal() }
    }

    /// The merged statistics and the first failure.
    package func finish() -> (total: Outcome, failure: LocatedFailure?) {
        mutex.withLock { state in (state.total, state.failure) }
    }

    /// The most outcomes that ever waited for an earlier block at once (≤ `window`).
    package var largestPending: Int { mutex.withLock { $0.largestPending } }
}

/// A failure located at (step, chain); a run reports the smallest in that order.
package struct LocatedFailure: Sendable {
    package var step: Int
    package var chain: Int
    package var error: SimulationError
    package init(step: Int, chain: Int, error: SimulationError) {
        self.step = step
        self.chain = chain
        self.error = error
    }
    package func precedes(_ other: LocatedFailure) -> Bool { (step, chain) < (other.step, other.chain) }
}

import Synchronization

/// What one block of chains produced, mergeable in block order.
package protocol BlockOutcome: Sendable {
    /// The earliest failure of the block, if any (its statistics are then not merged).
    var failure: LocatedFailure? { get }
    /// Adds another block's statistics (the other block comes later in block order).
    mutating func merge(_ other: Self)
}

/// Merges block outcomes strictly in block order as they arrive, whatever the thread that produced them, so every
/// merged statistic is bit-identical for every thread count (PN-S07). Blocks that finish early wait in `pending`
/// until the blocks before them arrive. The failure reported is the smallest (step, chain) of any failing block.
package final class OrderedBlockMerger<Outcome: BlockOutcome>: Sendable {
    struct State: ~Copyable {
        var pending: [Int: Outcome] = [:]
        var next = 0
        var total: Outcome
        var failure: LocatedFailure?
    }
    let mutex: Mutex<State>

    /// `empty`: the merge of no block.
    package init(empty: Outcome) {
        mutex = Mutex(State(total: empty))
    }

    package func submit(block k: Int, _ outcome: Outcome) {
        mutex.withLock { state in
            state.pending[k] = outcome
            while let o = state.pending.removeValue(forKey: state.next) {
                if let f = o.failure {
                    if state.failure == nil || f.precedes(state.failure!) { state.failure = f }
                } else {
                    state.total.merge(o)
                }
                state.next += 1
            }
        }
    }

    /// The merged statistics and the first failure.
    package func finish() -> (total: Outcome, failure: LocatedFailure?) {
        mutex.withLock { state in (state.total, state.failure) }
    }
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

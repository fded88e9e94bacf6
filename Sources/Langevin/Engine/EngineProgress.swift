import Synchronization

/// A live count of an ensemble run's completed chain-steps, for progress lines: the engine adds to it every
/// `EngineProgress.stride` steps of each block (a relaxed atomic add, never on the per-step path of a chain), and any
/// thread may read it while the run goes on. It changes no number of the run.
public final class EngineProgress: Sendable {
    /// Steps between two updates of a block.
    public static let stride = 256

    private let done = Atomic<Int>(0)
    /// chains × steps of the run, set when the run starts (0 before).
    private let planned = Atomic<Int>(0)

    public init() {}

    /// Chain-steps completed so far.
    public var completed: Int { done.load(ordering: .relaxed) }
    /// Chain-steps of the whole run (0 until the run has started; saturates at Int.max).
    public var total: Int { planned.load(ordering: .relaxed) }

    /// The completed fraction in [0, 1] (0 before the run starts).
    public var fraction: Double {
        let t = total
        return t > 0 ? min(1, Double(completed) / Double(t)) : 0
    }

    func start(total: Int) {
        planned.store(total, ordering: .relaxed)
        done.store(0, ordering: .relaxed)
    }

    func add(_ chainSteps: Int) { done.wrappingAdd(chainSteps, ordering: .relaxed) }
}

/// A noise-prediction model ε(x, ᾱ): what every diffusion sampler evaluates, one network call (NFE) per state
/// (docs/theory.md §8; PN-D01). Under the forward process x = √ᾱ x₀ + √(1 − ᾱ) ε the exact model is
/// ε*(x, ᾱ) = −√(1 − ᾱ) ∇log p_ᾱ(x).
///
/// Evaluation is split in two so a batched engine can share work: `level(alphaBar:)` does everything that depends on
/// ᾱ alone (once per sampler step, shared by every chain and thread), and `predict` evaluates rows of states at that
/// level. `predict` must compute each row independently of the others and of `rows` (so results do not depend on how
/// chains are split into blocks or threads), must not allocate, and writes `rows × dimension` values.
public protocol NoisePredictor: Sendable {
    /// What `predict` needs at one noise level.
    associatedtype Level: Sendable
    /// Scratch memory for `predict`, one per thread.
    associatedtype Workspace

    /// The data dimension d.
    var dimension: Int { get }

    /// The precomputation at ᾱ ∈ (0, 1) (callers validate the range).
    func level(alphaBar: Double) -> Level

    /// Scratch memory for batches of up to `maximumRows` states.
    func makeWorkspace(maximumRows: Int) -> Workspace

    /// ε for `rows` states (row-major, `rows × dimension`) at `level`, into `output` (same layout).
    func predict(_ states: UnsafePointer<Double>, rows: Int, at level: Level, into output: UnsafeMutablePointer<Double>,
                 workspace: inout Workspace)
}

// The batched drift interface. Layout is chain-major: row r of `states` is the d coordinates of one
// chain (or midpoint), contiguous; row r of the output is b(states[r], times[r]).

/// A drift b(x, t) evaluated on a batch of rows, each with its own time (so midpoints at different
/// times of different chains go in ONE call).
///
/// Contract: `evaluate` writes `count × dimension` values into `into`, row r being
/// b(states[r·d ..< (r+1)·d], times[r]); rows are independent (the value of a row must not depend on the
/// other rows of the batch — the engine's bit-identical results for every thread count rely on it);
/// `into` never aliases `states`. Non-finite outputs are allowed: the engine reports them as
/// `SimulationError.nonFiniteDrift` with the chain and step.
///
/// Conformers should be small value types; the engine is generic over the drift, so a conformer's
/// `evaluate` is called directly (one call per batch, never per row through an existential).
public protocol BatchDrift: Sendable {
    /// The dimension d of x (and of b(x, t)).
    var dimension: Int { get }
    /// Writes b(states[r], times[r]) for r = 0 ..< count.
    func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                  into: UnsafeMutablePointer<Double>)
}

extension BatchDrift {
    /// b(x, t) for one point (convenience for tests and reference code; not used on the hot path).
    public func value(at x: [Double], time: Double = 0) -> [Double] {
        precondition(x.count == dimension, "BatchDrift.value: x has dimension \(x.count), expected \(dimension)")
        var out = [Double](repeating: 0, count: dimension)
        var t = time
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                evaluate(states: px.baseAddress!, times: &t, count: 1, into: po.baseAddress!)
            }
        }
        return out
    }
}

/// A drift given by a per-point closure b(x, t) (convenient for prototypes; one closure call per row,
/// so prefer a dedicated `BatchDrift` conformer on hot paths).
public struct ClosureBatchDrift: BatchDrift {
    public let dimension: Int
    public let pointwise: @Sendable (_ x: UnsafePointer<Double>, _ time: Double, _ out: UnsafeMutablePointer<Double>) -> Void

    public init(dimension: Int,
                pointwise: @escaping @Sendable (UnsafePointer<Double>, Double, UnsafeMutablePointer<Double>) -> Void) {
        self.dimension = dimension
        self.pointwise = pointwise
    }

    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        for r in 0..<count { pointwise(states + r * dimension, times[r], into + r * dimension) }
    }
}

/// b ≡ 0 (pure Brownian motion; used to check noise bookkeeping).
public struct ZeroDrift: BatchDrift {
    public let dimension: Int
    public init(dimension: Int) { self.dimension = dimension }
    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        into.update(repeating: 0, count: count * dimension)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// b(x)ᵢ = −xᵢ + c·tanh(c·xᵢ): the drift of π ∝ Πᵢ e^{−xᵢ²/2}cosh(c xᵢ) = Πᵢ [½N(−c, 1) + ½N(c, 1)]
/// (F(x) = Σ xᵢ²/2 − log cosh(c xᵢ); docs/theory.md §4.6). Lipschitz with L = max(1, c² − 1); non-log-concave for c > 1.
public struct GaussianMixtureDrift: BatchDrift {
    public let dimension: Int
    public let separation: Double
    public init(dimension: Int, separation c: Double) { self.dimension = dimension; separation = c }
    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        let c = separation
        for k in 0..<(count * dimension) { let x = states[k]; into[k] = -x + c * tanh(c * x) }
    }
}

/// b(x)ᵢ = −xᵢ + α·ω·sin(ω xᵢ): the drift of F(x) = |x|²/2 + α Σᵢ cos(ω xᵢ) (non-convex when αω² > 1; Lipschitz
/// gradient with L = 1 + αω²).
public struct CosinePerturbedDrift: BatchDrift {
    public let dimension: Int
    public let amplitude: Double
    public let frequency: Double
    public init(dimension: Int, amplitude: Double, frequency: Double) {
        self.dimension = dimension; self.amplitude = amplitude; self.frequency = frequency
    }
    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        let a = amplitude * frequency, w = frequency
        for k in 0..<(count * dimension) { let x = states[k]; into[k] = -x + a * sin(w * x) }
    }
}

/// b(x)ᵢ = xᵢ − xᵢ³: the drift of the double well F(x) = Σᵢ xᵢ⁴/4 − xᵢ²/2 (not globally Lipschitz).
public struct DoubleWellDrift: BatchDrift {
    public let dimension: Int
    public init(dimension: Int) { self.dimension = dimension }
    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        for k in 0..<(count * dimension) { let x = states[k]; into[k] = x - x * x * x }
    }
}

/// b(x, t) = −a·(1 + ε·sin t)·(x − m): a time-varying Ornstein–Uhlenbeck drift (isotropic rate a(t)).
public struct TimeVaryingOUDrift: BatchDrift {
    public let dimension: Int
    public let rate: Double
    public let modulation: Double
    public let mean: [Double]
    public init(rate a: Double, modulation epsilon: Double = 0.5, mean: [Double]) {
        dimension = mean.count; rate = a; modulation = epsilon; self.mean = mean
    }
    /// a(t) = a·(1 + ε sin t).
    public func rate(at t: Double) -> Double { rate * (1 + modulation * sin(t)) }
    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        let d = dimension
        mean.withUnsafeBufferPointer { m in
            for r in 0..<count {
                let a = rate(at: times[r])
                for j in 0..<d { into[r * d + j] = -a * (states[r * d + j] - m[j]) }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A separable drift b(x)ᵢ = −F₁′(xᵢ) of the potential F(x) = Σᵢ F₁(xᵢ): the ONE place a separable case writes its
/// formula. The case derives its potential, gradient and 1-D quadrature reference from `potential1D` and
/// `derivative1D`, and the batched drift evaluates −`derivative1D` (a static dispatch, no closure on the hot path);
/// `CaseTests` checks `derivative1D` against finite differences of `potential1D` for every built-in case.
public protocol SeparableDrift: BatchDrift {
    /// F₁(x).
    func potential1D(_ x: Double) -> Double
    /// F₁′(x).
    func derivative1D(_ x: Double) -> Double
}

extension SeparableDrift {
    /// F(x) = Σᵢ F₁(xᵢ).
    public func potential(_ x: [Double]) -> Double { x.reduce(0) { $0 + potential1D($1) } }
    /// ∇F(x) = (F₁′(xᵢ))ᵢ.
    public func gradient(_ x: [Double]) -> [Double] { x.map { derivative1D($0) } }
}

/// b(x)ᵢ = −xᵢ + c·tanh(c·xᵢ): the drift of π ∝ Πᵢ e^{−xᵢ²/2}cosh(c xᵢ) = Πᵢ [½N(−c, 1) + ½N(c, 1)]
/// (F(x) = Σ xᵢ²/2 − log cosh(c xᵢ); docs/theory.md §4.6). Lipschitz with L = max(1, c² − 1); non-log-concave for c > 1.
public struct GaussianMixtureDrift: SeparableDrift {
    public let dimension: Int
    public let separation: Double
    public init(dimension: Int, separation c: Double) { self.dimension = dimension; separation = c }
    /// F₁(x) = x²/2 − log cosh(c x) (log cosh evaluated without overflow).
    public func potential1D(_ x: Double) -> Double { x * x / 2 - Self.logCosh(separation * x) }
    /// F₁′(x) = x − c tanh(c x).
    @inline(__always)
    public func derivative1D(_ x: Double) -> Double { x - separation * tanh(separation * x) }
    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        for k in 0..<(count * dimension) { into[k] = -derivative1D(states[k]) }
    }
    /// log cosh y = |y| + log(1 + e^{−2|y|}) − log 2.
    static func logCosh(_ y: Double) -> Double { let a = abs(y); return a + log1p(exp(-2 * a)) - log(2.0) }
}

/// b(x)ᵢ = −xᵢ + α·ω·sin(ω xᵢ): the drift of F(x) = |x|²/2 + α Σᵢ cos(ω xᵢ) (non-convex when αω² > 1; Lipschitz
/// gradient with L = 1 + αω²).
public struct CosinePerturbedDrift: SeparableDrift {
    public let dimension: Int
    public let amplitude: Double
    public let frequency: Double
    public init(dimension: Int, amplitude: Double, frequency: Double) {
        self.dimension = dimension; self.amplitude = amplitude; self.frequency = frequency
    }
    /// F₁(x) = x²/2 + α cos(ω x).
    public func potential1D(_ x: Double) -> Double { x * x / 2 + amplitude * cos(frequency * x) }
    /// F₁′(x) = x − αω sin(ω x).
    @inline(__always)
    public func derivative1D(_ x: Double) -> Double { x - (amplitude * frequency) * sin(frequency * x) }
    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        for k in 0..<(count * dimension) { into[k] = -derivative1D(states[k]) }
    }
}

/// b(x)ᵢ = xᵢ − xᵢ³: the drift of the double well F(x) = Σᵢ xᵢ⁴/4 − xᵢ²/2 (not globally Lipschitz).
public struct DoubleWellDrift: SeparableDrift {
    public let dimension: Int
    public init(dimension: Int) { self.dimension = dimension }
    /// F₁(x) = x⁴/4 − x²/2.
    public func potential1D(_ x: Double) -> Double { x * x * x * x / 4 - x * x / 2 }
    /// F₁′(x) = x³ − x.
    @inline(__always)
    public func derivative1D(_ x: Double) -> Double { x * x * x - x }
    public func evaluate(states: UnsafePointer<Double>, times: UnsafePointer<Double>, count: Int,
                         into: UnsafeMutablePointer<Double>) {
        for k in 0..<(count * dimension) { into[k] = -derivative1D(states[k]) }
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

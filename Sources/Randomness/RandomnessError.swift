/// Why a draw or a generator set-up was rejected. Raised by the validated (throwing) entry points; the
/// `…Unchecked` fast paths skip validation and require valid parameters.
public enum RandomnessError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A probability outside [0, 1], or NaN.
    case invalidProbability(what: String, value: Double)
    /// A Poisson mean that is negative, NaN, infinite, or above `DrawLimits.maximumPoissonMean`.
    case invalidMean(what: String, value: Double)
    /// A count that is negative or above its limit.
    case invalidCount(what: String, value: Int, maximum: Int)
    /// An empty range of integers (upper bound 0 for a draw in 0..<n).
    case emptyRange(what: String)
    /// A subset size larger than the population it is drawn from.
    case subsetLargerThanPopulation(size: Int, population: Int)
    /// A caller-provided buffer with room for fewer elements than needed.
    case bufferTooSmall(what: String, needed: Int, available: Int)
    /// The all-zero xoshiro256** state (a fixed point of the generator).
    case zeroState
    /// A chain index outside 0…`StreamKey.maximumChainIndex`.
    case chainIndexOutOfRange(value: Int, maximum: Int)

    public var description: String {
        switch self {
        case let .invalidProbability(what, value):
            return "\(what) must be a probability in [0, 1], got \(value)"
        case let .invalidMean(what, value):
            return "\(what) must be finite, ≥ 0 and ≤ \(DrawLimits.maximumPoissonMean), got \(value)"
        case let .invalidCount(what, value, maximum):
            return "\(what) must be in 0...\(maximum), got \(value)"
        case let .emptyRange(what):
            return "\(what) must be positive (the range 0..<0 is empty)"
        case let .subsetLargerThanPopulation(size, population):
            return "a subset of size \(size) cannot be drawn from a population of \(population)"
        case let .bufferTooSmall(what, needed, available):
            return "\(what) has room for \(available) elements, \(needed) needed"
        case .zeroState:
            return "xoshiro256** state must not be all zero"
        case let .chainIndexOutOfRange(value, maximum):
            return "chain index must be in 0...\(maximum), got \(value)"
        }
    }
}

/// Parameter limits of the validated draws. Within them every draw is exact in law up to binary64 rounding:
/// integers up to 2⁵⁰ and the floor of the rejection candidates stay exactly representable.
public enum DrawLimits {
    /// Largest accepted Poisson mean λ, 2⁵⁰.
    public static let maximumPoissonMean: Double = 0x1p50
    /// Largest accepted binomial count n, 2⁵⁰.
    public static let maximumBinomialCount: Int = 1 << 50
}

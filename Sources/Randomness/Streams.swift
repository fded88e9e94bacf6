// Independent, reproducible streams: one generator per (seed, chain, purpose), so that a chain's
// randomness never depends on how chains are spread over threads, and auxiliary draws (Bernoulli flags,
// Poisson counts, uniform times) never shift the Brownian path.

extension Xoshiro256StarStar {
    /// A generator for stream `stream` of master seed `seed` (keyed split).
    ///
    /// Derivation, with mix the SplitMix64 output function (a bijection of UInt64) and γ = 0x9E3779B97F4A7C15:
    /// ```
    /// a = seed,  b = stream
    /// b ^= mix(a + 1γ);  a ^= mix(b + 2γ);  b ^= mix(a + 3γ);  a ^= mix(b + 4γ)   (four Feistel rounds)
    /// state = (mix(a + γ), mix(b + γ), mix(a + 2γ), mix(b + 2γ))
    /// ```
    /// i.e. s0, s2 are the first two SplitMix64 outputs from a, and s1, s3 those from b (all sums mod 2⁶⁴).
    ///
    /// Why streams do not collide or overlap:
    /// * The Feistel rounds are a bijection of (seed, stream) ∈ UInt64², and (s0, s1) = (mix(a+γ), mix(b+γ))
    ///   determines (a, b). So distinct (seed, stream) pairs give distinct states — guaranteed, not probable —
    ///   and the state is never all zero (mix is a bijection with mix(0) = 0, so s0 = 0 forces a = −γ and then
    ///   s2 = mix(γ) ≠ 0).
    /// * After four rounds every state word depends on all 128 key bits through mix, so the starting states
    ///   behave like independent uniform points on the generator's single cycle of length P = 2²⁵⁶ − 1 (the usual
    ///   heuristic for a well-mixed seeding; the distinctness above is exact). Two segments of L outputs overlap
    ///   only if one start lies within L − 1 steps after the other, probability ≤ (2L − 1)/P for a pair; by the
    ///   union bound over the n(n − 1)/2 pairs, n streams of at most L outputs overlap with probability
    ///   ≤ n²·L/P (the bound Vigna gives for random seeding, prng.di.unimi.it). E.g. n = 2⁴⁰ streams of
    ///   L = 2⁶⁴ draws: ≤ 2⁻¹⁰⁸.
    ///
    /// `init(seed: s, stream: t)` is unrelated to `init(seed: s)` (the plain SplitMix64 expansion).
    public init(seed: UInt64, stream: UInt64) {
        let (a, b) = Self.keyedPair(seed: seed, stream: stream)
        var fromA = SplitMix64(seed: a)
        var fromB = SplitMix64(seed: b)
        s0 = fromA.next()
        s1 = fromB.next()
        s2 = fromA.next()
        s3 = fromB.next()
    }

    /// The pair (a, b) of the keyed split: four Feistel rounds on (seed, stream), a bijection of UInt64²
    /// (see `init(seed:stream:)`). Also the root of the lanes of `VectorNormalStream(seed:stream:)`.
    static func keyedPair(seed: UInt64, stream: UInt64) -> (UInt64, UInt64) {
        let gamma = SplitMix64.increment
        var a = seed
        var b = stream
        b ^= SplitMix64.mix(a &+ gamma)
        a ^= SplitMix64.mix(b &+ 2 &* gamma)
        b ^= SplitMix64.mix(a &+ 3 &* gamma)
        a ^= SplitMix64.mix(b &+ 4 &* gamma)
        return (a, b)
    }

    /// The generator of a stream key: `Xoshiro256StarStar(seed: key.seed, stream: key.stream)`.
    public init(key: StreamKey) {
        self.init(seed: key.seed, stream: key.stream)
    }
}

/// What a stream is used for. The raw value is the low byte of the stream number (see `StreamKey`), so two
/// purposes with different raw values never share a stream. Values 1–5 are taken; add new purposes as
/// further static constants with unused raw values.
public struct StreamPurpose: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The Brownian increments of a chain (the only stream that is shared across schemes under coupling).
    public static let brownian = StreamPurpose(rawValue: 1)
    /// Auxiliary randomness of a chain: Bernoulli flags, Poisson counts, uniform midpoint times.
    public static let auxiliary = StreamPurpose(rawValue: 2)
    /// Draws of a chain's initial state.
    public static let initialState = StreamPurpose(rawValue: 3)
    /// The Brownian-bridge values a candidate scheme of a coupled run inserts between the shared path's points
    /// (keyed by the candidate as well, so candidates never consume each other's draws).
    public static let candidateBridge = StreamPurpose(rawValue: 4)
    /// The auxiliary draws of a candidate scheme of a coupled run (keyed by the candidate as well).
    public static let candidateAuxiliary = StreamPurpose(rawValue: 5)

    public var description: String {
        switch rawValue {
        case 1: return "brownian"
        case 2: return "auxiliary"
        case 3: return "initialState"
        case 4: return "candidateBridge"
        case 5: return "candidateAuxiliary"
        default: return "purpose(\(rawValue))"
        }
    }
}

/// The key of one stream: master seed, chain index and purpose. Its stream number is
/// `chain · 2⁸ + purpose.rawValue`, which is injective for 0 ≤ chain ≤ 2⁵⁶ − 1, and its generator is
/// `Xoshiro256StarStar(seed: seed, stream: stream)` — so distinct keys give distinct, non-overlapping streams
/// (see `init(seed:stream:)`), and a chain's draws depend only on (seed, chain, purpose), never on the
/// thread count or the order in which chains run.
public struct StreamKey: Hashable, Sendable, CustomStringConvertible {
    /// The largest accepted chain index, 2⁵⁶ − 1.
    public static let maximumChainIndex = (1 << 56) - 1

    public let seed: UInt64
    public let chain: Int
    public let purpose: StreamPurpose

    /// Throws `RandomnessError.chainIndexOutOfRange` unless 0 ≤ chain ≤ 2⁵⁶ − 1.
    public init(seed: UInt64, chain: Int, purpose: StreamPurpose) throws(RandomnessError) {
        guard chain >= 0, chain <= StreamKey.maximumChainIndex else {
            throw .chainIndexOutOfRange(value: chain, maximum: StreamKey.maximumChainIndex)
        }
        self.seed = seed
        self.chain = chain
        self.purpose = purpose
    }

    /// chain · 2⁸ + purpose.rawValue.
    public var stream: UInt64 { UInt64(chain) << 8 | UInt64(purpose.rawValue) }

    /// A fresh generator at the start of this stream.
    public func makeGenerator() -> Xoshiro256StarStar { Xoshiro256StarStar(key: self) }

    public var description: String { "StreamKey(seed: \(seed), chain: \(chain), purpose: \(purpose))" }
}

// The project's own pseudo-random generator. Everything that is pinned (golden streams, test
// seeds, `--seed` runs) flows from this type, never from `SystemRandomNumberGenerator`.

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
/// constants as in Vigna's reference `splitmix64.c`). Used only to expand one 64-bit seed into
/// generator states:
/// ```
/// z = (state += 0x9E3779B97F4A7C15)
/// z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
/// z = (z ^ (z >> 27)) * 0x94D049BB133111EB
/// return z ^ (z >> 31)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4), 2021; reference code `xoshiro256starstar.c`). Period 2²⁵⁶ − 1.
/// ```
/// result = rotl(s1 * 5, 7) * 9
/// t = s1 << 17;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 45)
/// ```
/// Seeding: the four state words are four consecutive SplitMix64 outputs of the seed (Vigna's
/// recommendation), so every 64-bit seed gives a valid, non-zero state.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    public var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        s0 = expander.next(); s1 = expander.next(); s2 = expander.next(); s3 = expander.next()
    }

    /// A generator with an explicit state (must not be all zero).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    @inlinable @inline(__always) static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }

    @inlinable @inline(__always) public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }
}

// The project's own pseudo-random generator. Everything that is pinned (golden streams, test
// seeds, `--seed` runs) flows from this type, never from `SystemRandomNumberGenerator`.
// Golden outputs (seeded, explicit states, jump, long jump) are checked against a C transcription of
// Vigna's reference code: scripts/reference/randomness/reference_streams.c →
// data/reference/randomness/reference_streams.json (`GoldenStreamTests`).

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
/// constants as in Vigna's reference `splitmix64.c`). Used to expand 64-bit seeds into generator states:
/// ```
/// z = (state += 0x9E3779B97F4A7C15)
/// z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
/// z = (z ^ (z >> 27)) * 0x94D049BB133111EB
/// return z ^ (z >> 31)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The Weyl increment γ = 0x9E3779B97F4A7C15 (2⁶⁴/φ rounded to odd).
    @inlinable public static var increment: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    /// The SplitMix64 output function mix(z) (the three lines after the increment above). It is a
    /// bijection of UInt64: each xor-shift `z ^ (z >> s)` and each multiplication by an odd constant is invertible.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inlinable public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }
}

/// xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4), 2021; reference code `xoshiro256starstar.c`). Period 2²⁵⁶ − 1.
/// ```
/// result = rotl(s1 * 5, 7) * 9
/// t = s1 << 17;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 45)
/// ```
/// Seeding: `init(seed:)` takes the four state words as four consecutive SplitMix64 outputs of the seed
/// (Vigna's recommendation), so every 64-bit seed gives a valid, non-zero state. Independent streams:
/// `init(seed:stream:)` and `StreamKey` (keyed split, see `Streams.swift`), or `jump()` / `longJump()`.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    public var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        s0 = expander.next(); s1 = expander.next(); s2 = expander.next(); s3 = expander.next()
    }

    /// A generator with an explicit state. Requires a state that is not all zero (the one fixed point of the
    /// linear engine); this initialiser traps otherwise. For untrusted input use `init(validatingState:)`.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// A generator with an explicit state; throws `RandomnessError.zeroState` for the all-zero state.
    public init(validatingState state: (UInt64, UInt64, UInt64, UInt64)) throws(RandomnessError) {
        guard state != (0, 0, 0, 0) else { throw .zeroState }
        (s0, s1, s2, s3) = state
    }

    /// The current state (s0, s1, s2, s3).
    @inlinable public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

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

    /// Advances the state by 2¹²⁸ steps (Vigna's `jump()`): the new state is P(T)·s, where T is the
    /// engine's linear transition and P the published jump polynomial
    /// (0x180ec6d33cfd0aba, 0xd5a61266f0c9392c, 0xa9582618e03fc9aa, 0x39abdc4529b1661c; bit b of word i is
    /// the coefficient of T^(64i+b)). Calling it repeatedly gives 2¹²⁸ non-overlapping blocks of 2¹²⁸ outputs.
    public mutating func jump() {
        applyJumpPolynomial(0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C)
    }

    /// Advances the state by 2¹⁹² steps (Vigna's `long_jump()`, polynomial 0x76e15d3efefdcbbf,
    /// 0xc5004e441c522fb3, 0x77710069854ee241, 0x39109bb02acbe635): 2⁶⁴ starting points, each of which
    /// `jump()` can split further into 2⁶⁴ blocks.
    public mutating func longJump() {
        applyJumpPolynomial(0x76E1_5D3E_FEFD_CBBF, 0xC500_4E44_1C52_2FB3, 0x7771_0069_854E_E241, 0x3910_9BB0_2ACB_E635)
    }

    /// s ← Σ_j c_j T^j s for the polynomial with coefficient bits `w0…w3` (Horner-free form of Vigna's code:
    /// accumulate the state whenever the current bit is set, then step once).
    private mutating func applyJumpPolynomial(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in [w0, w1, w2, w3] {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }
}

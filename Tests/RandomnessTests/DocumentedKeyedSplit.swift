/// The keyed split of `Xoshiro256StarStar(seed:stream:)` transcribed from its documentation, not from the code: four
/// Feistel rounds on (seed, stream) give the pair (a, b); A(n) and B(n) are the n-th SplitMix64 outputs from a and b.
/// The seeding tests of the Gaussian streams check their lane states against it.
struct DocumentedKeyedSplit {
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    let a: UInt64, b: UInt64

    init(seed: UInt64, stream: UInt64) {
        var a = seed, b = stream
        b ^= Self.mix(a &+ Self.gamma)
        a ^= Self.mix(b &+ 2 &* Self.gamma)
        b ^= Self.mix(a &+ 3 &* Self.gamma)
        a ^= Self.mix(b &+ 4 &* Self.gamma)
        self.a = a
        self.b = b
    }

    /// The generator state (A(n), B(n), A(n + 1), B(n + 1)).
    func state(from n: UInt64) -> [UInt64] {
        [Self.mix(a &+ n &* Self.gamma), Self.mix(b &+ n &* Self.gamma),
         Self.mix(a &+ (n + 1) &* Self.gamma), Self.mix(b &+ (n + 1) &* Self.gamma)]
    }
}

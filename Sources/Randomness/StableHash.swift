// A hash whose value never changes between runs, processes, platforms or Swift versions (unlike `Hasher`),
// for deriving test seeds from test names and for pinning streams in golden tests.

/// 64-bit FNV-1a (Fowler, Noll & Vo; reference: http://www.isthe.com/chongo/tech/comp/fnv/ and the IETF draft
/// draft-eastlake-fnv): starting from the offset basis h = 0xCBF29CE484222325, each byte b is absorbed as
/// ```
/// h = (h XOR b) · 0x100000001B3   (mod 2⁶⁴)
/// ```
/// Multi-byte values are absorbed as their little-endian bytes (a `Double` through its IEEE bit pattern, an
/// `Int` as its 64-bit two's complement), so a hash of a stream of values is a hash of a fixed byte string.
/// Test vectors (from the reference test suite): "" → 0xCBF29CE484222325, "a" → 0xAF63DC4C8601EC8C,
/// "foobar" → 0x85944171F73967E8.
public struct FNV1a64: Sendable, Hashable {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of everything absorbed so far.
    @inlinable public var value: UInt64 { state }

    @usableFromInline var state: UInt64

    public init() { state = FNV1a64.offsetBasis }

    /// Absorbs one byte.
    @inlinable public mutating func combine(byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// Absorbs the bytes in order.
    @inlinable public mutating func combine(bytes: some Sequence<UInt8>) {
        for byte in bytes { combine(byte: byte) }
    }

    /// Absorbs the 8 little-endian bytes of `word`.
    @inlinable public mutating func combine(_ word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { combine(byte: UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    /// Absorbs the 8 little-endian bytes of the IEEE-754 bit pattern of `x`.
    @inlinable public mutating func combine(_ x: Double) { combine(x.bitPattern) }

    /// Absorbs the 8 little-endian bytes of the 64-bit two's complement of `n`.
    @inlinable public mutating func combine(_ n: Int) { combine(UInt64(bitPattern: Int64(n))) }

    /// Absorbs `true` as the byte 1 and `false` as 0.
    @inlinable public mutating func combine(_ flag: Bool) { combine(byte: flag ? 1 : 0) }

    /// FNV-1a of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> UInt64 {
        var hasher = FNV1a64()
        hasher.combine(bytes: text.utf8)
        return hasher.value
    }
}

/// A seed derived from a name (e.g. "RandomnessTests.testPoissonLaw"): the 64-bit FNV-1a hash of its UTF-8 bytes.
/// Stable across runs and platforms, so a test's seed is fixed by its name and can be printed and replayed.
public func stableSeed(for name: String) -> UInt64 { FNV1a64.hash(name) }

// Draws built on any `RandomNumberGenerator`, so that every consumer (engine, laws, tests) calls the
// same owned transforms. The stdlib's `Double.random(in:using:)` is not used anywhere that is pinned:
// its algorithm may change between Swift versions.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits: (next() >> 11) · 2⁻⁵³.
    @inlinable @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal draw.
    ///
    /// Current implementation: Marsaglia's polar method (exact in law, slow). The ziggurat
    /// replaces it; the signature stays.
    @inlinable
    public mutating func nextStandardNormal() -> Double {
        while true {
            let u = 2 * nextUniform() - 1
            let v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * log(s) / s).squareRoot()
            }
        }
    }
}


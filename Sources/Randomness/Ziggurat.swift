// The standard normal sampler behind `nextStandardNormal()`: a 256-layer ziggurat.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The 256-layer ziggurat for the standard normal (Marsaglia & Tsang, "The Ziggurat Method for Generating
/// Random Variables", J. Stat. Softw. 5(8), 2000), in the 52-bit layout numpy uses (`random_standard_normal`).
///
/// Geometry. With f(x) = e^(−x²/2), the region under f on x ≥ 0 is covered by 256 pieces of equal area
/// v = r·f(r) + ∫_r^∞ f = 0.0049286732339746553…: layers i = 1…255 are the rectangles
/// [0, x_i] × [f(x_i), f(x_(i−1))] with x_0 = 0 < x_1 < … < x_255 = r = 3.6541528853610087716…, and layer 0 is
/// the base strip [0, r] × [0, f(r)] plus the tail x > r. The edges solve x_(i−1) = √(−2·log(v/x_i + f(x_i)))
/// from x_255 = r down, r being the root that makes the top layer close (v/x_1 + f(x_1) = 1).
///
/// Tables (M = 2⁵², q = v/f(r) the virtual width of the base strip): w_0 = q/M, w_i = x_i/M;
/// k_0 = ⌊M·r/q⌋, k_1 = 0, k_i = ⌊M·x_(i−1)/x_i⌋; f_0 = 1, f_i = f(x_i). They are computed at 60 digits by
/// `scripts/reference/randomness/ziggurat_tables.py` and each rounded once to binary64 (`GeneratedTables.swift`);
/// numpy's own tables were computed in double precision and differ from these by a few ulp.
///
/// Draw (one 64-bit word u per attempt): i = bits 0–7 of u, sign s = bit 8, j = bits 9–60 (52 bits),
/// x = j·w_i.
/// 1. If j < k_i then x lies inside the layer's rectangle that is entirely under f: return ±x (98.5 % of attempts).
/// 2. Layer 0 with j ≥ k_i: a tail draw by Marsaglia's method (1964): repeat x̃ = −log(1−U₁)/r,
///    ỹ = −log(1−U₂) until 2ỹ > x̃², return ±(r + x̃) — its density is ∝ f on (r, ∞).
/// 3. Layers i ≥ 1 with j ≥ k_i (the wedge): accept ±x if f_i + U·(f_(i−1) − f_i) < f(x), else start over.
/// Every accepted point is uniform under the graph of f, so the output has exactly the N(0, 1) law, up to the
/// 52-bit resolution of j, the 53-bit uniforms and the binary64 rounding of the tables. The sign is the
/// independent bit 8 also in the tail (numpy reuses bit 8 of j there); otherwise, given the same 64-bit words,
/// this reproduces numpy's algorithm step for step (checked against numpy's compiled code in `GoldenStreamTests`).
///
/// The tables live in memory allocated once (`zigguratTables`, a global constant), so the hot path has no
/// reference counting, exclusivity checks or bounds checks.
public enum ZigguratNormal {
    /// The number of layers, 256.
    public static let layerCount = 256
    /// r = x_255, where the tail starts.
    public static var tailStart: Double { GeneratedZiggurat.tailStart }
    /// v, the common area of the 256 pieces (for f(x) = e^(−x²/2), not normalised).
    public static var layerArea: Double { GeneratedZiggurat.layerArea }

    /// One row of the tables: the acceptance threshold k_i, the scale w_i and the density value f_i.
    public struct Layer: Equatable, Sendable {
        public let threshold: UInt64
        public let scale: Double
        public let density: Double
    }

    /// Row `index` of the tables, or nil outside 0..<256.
    public static func layer(_ index: Int) -> Layer? {
        guard index >= 0, index < layerCount else { return nil }
        return Layer(threshold: zigguratTables.k[index], scale: zigguratTables.w[index], density: zigguratTables.f[index])
    }
}

/// The tables in memory allocated once and never freed (immutable after `init`, hence `@unchecked Sendable`).
/// A struct of raw pointers, not a class: copying it into a local on every draw costs no reference counting,
/// so threads drawing in parallel do not contend on a shared retain count.
@usableFromInline
struct ZigguratTables: @unchecked Sendable {
    @usableFromInline let k: UnsafeMutablePointer<UInt64>
    @usableFromInline let w: UnsafeMutablePointer<Double>
    @usableFromInline let f: UnsafeMutablePointer<Double>

    init() {
        k = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
        w = UnsafeMutablePointer<Double>.allocate(capacity: 256)
        f = UnsafeMutablePointer<Double>.allocate(capacity: 256)
        k.initialize(from: GeneratedZiggurat.k, count: 256)
        w.initialize(from: GeneratedZiggurat.w, count: 256)
        f.initialize(from: GeneratedZiggurat.f, count: 256)
    }
}

@usableFromInline let zigguratTables = ZigguratTables()

/// A handle on the ziggurat tables for hot loops: fetch it once (one access to the lazily initialised
/// global), then draw many times without touching the global again. Without it every draw from another
/// module goes through the global's accessor (a call and a once-check per Gaussian), which also forces the
/// caller's loop variables out of registers. Same algorithm and same numbers as `nextStandardNormal()`.
public struct StandardNormalSampler: Sendable {
    @usableFromInline let tables: ZigguratTables

    @inlinable
    public init() { tables = zigguratTables }

    /// One N(0, 1) draw from `g` (see `ZigguratNormal`).
    @inlinable @inline(__always)
    public func next<G: RandomNumberGenerator>(_ g: inout G) -> Double {
        while true {
            let u = g.next()
            let layer = Int(truncatingIfNeeded: u & 0xFF)
            let j = (u >> 9) & 0x000F_FFFF_FFFF_FFFF
            let sign = (u >> 8) << 63
            let x = Double(Int64(bitPattern: j)) * tables.w[layer]
            if j < tables.k[layer] {
                return Double(bitPattern: x.bitPattern ^ sign)
            }
            // The rare edge draw works on a copy: only the copy's address escapes into the out-of-line call,
            // so the caller's generator state can stay in registers on the fast path.
            var edge = g
            let z = edge.zigguratEdge(layer: layer, magnitude: x, sign: sign, tables: tables)
            g = edge
            if let z { return z }
        }
    }

    /// `count` iid N(0, 1) draws from `g` into `into[0 ..< count]`.
    @inlinable @inline(__always)
    public func fill<G: RandomNumberGenerator>(_ g: inout G, _ into: UnsafeMutablePointer<Double>, count: Int) {
        for index in 0..<count { into[index] = next(&g) }
    }
}

extension RandomNumberGenerator {
    /// A standard normal draw N(0, 1) by the 256-layer ziggurat (see `ZigguratNormal` for the algorithm, its
    /// reference and the table construction). One 64-bit word per draw 98.5 % of the time. In a hot loop,
    /// fetch a `StandardNormalSampler` once and draw from it instead.
    @inlinable @inline(__always)
    public mutating func nextStandardNormal() -> Double {
        StandardNormalSampler().next(&self)
    }

    /// Fills `buffer` with iid N(0, 1) draws (the same numbers as repeated `nextStandardNormal()` calls).
    @inlinable
    public mutating func fillStandardNormal(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return }
        StandardNormalSampler().fill(&self, base, count: buffer.count)
    }

    /// Steps 2 and 3 of the ziggurat (tail and wedge), out of line. Returns nil when a wedge point is rejected.
    @inlinable @inline(never)
    mutating func zigguratEdge(layer: Int, magnitude x: Double, sign: UInt64, tables: ZigguratTables) -> Double? {
        if layer == 0 {
            let r = GeneratedZiggurat.tailStart
            let inverseR = GeneratedZiggurat.inverseTailStart
            while true {
                let xx = -inverseR * log1p(-nextUniform())
                let yy = -log1p(-nextUniform())
                if yy + yy > xx * xx {
                    return Double(bitPattern: (r + xx).bitPattern ^ sign)
                }
            }
        }
        let upper = tables.f[layer - 1]
        let lower = tables.f[layer]
        if (upper - lower) * nextUniform() + lower < exp(-0.5 * x * x) {
            return Double(bitPattern: x.bitPattern ^ sign)
        }
        return nil
    }
}

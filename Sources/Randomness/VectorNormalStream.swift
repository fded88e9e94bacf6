// A vectorised standard-normal generator: four xoshiro256** lanes in SIMD registers feeding a ziggurat whose
// fast path handles four words at once (1024 layers). A stream family of its own, separate from `Xoshiro256StarStar` +
// `StandardNormalSampler` (other words, another ziggurat layout). Construction and exactness: PN-S09. Goals, in
// order: exact law and a stream that depends on (key, n) only; no allocation; speed of bulk and short fills. The
// engine's streams are `LaneNormalStream`s instead (PN-S10: one lane per chain, four chains per fill), which share this
// file's tables, edge step and lane arithmetic.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// N(0, 1) draws from four xoshiro256** lanes run side by side in SIMD registers, for bulk Gaussian noise.
///
/// **Words.** Five xoshiro256** 1.0 generators (Blackman & Vigna, "Scrambled linear pseudorandom number
/// generators", ACM TOMS 47(4), 2021): four *main lanes* held in `SIMD4<UInt64>` registers and stepped together,
/// and one scalar *edge lane*. One step of the main lanes gives a block of four words; the main word stream is
/// the blocks in order, lane 0 first: W(4t + l) = the t-th output of main lane l.
///
/// **Seeding.** `init(seed:stream:)` takes the keyed pair (a, b) of `Xoshiro256StarStar(seed:stream:)` (four
/// Feistel rounds, a bijection of (seed, stream)) and gives lane l = 0…4 (lane 4 is the edge lane) the state
/// (A(2l+3), B(2l+3), A(2l+4), B(2l+4)), where A(n) and B(n) are the n-th SplitMix64 outputs from a and from b.
/// Outputs 1 and 2 are the scalar keyed generator's state, so no lane repeats the scalar stream of the same key;
/// the lanes of one key differ (A is a bijection of its index) and none is zero (A(n) = 0 forces
/// A(n + 1) = mix(γ) ≠ 0). `init(seed:)` is stream 0 and `init(key:)` the stream of a `StreamKey`, so a chain's
/// vector stream depends only on its key, never on threads or the order chains run in.
///
/// **Normals.** A 1024-layer ziggurat (Marsaglia & Tsang, "The Ziggurat Method for Generating Random Variables",
/// J. Stat. Softw. 5(8), 2000), built exactly like the 256-layer one of `ZigguratNormal` but with 1024 layers
/// (tables x_i, k_i, w_i = x_i/2⁵², f_i from `scripts/reference/randomness/ziggurat1024_tables.py`; r = 4.0388…), in
/// Marsaglia and Tsang's signed form. The n-th normal takes main word n as its first attempt:
/// ```
/// i = u & 0x3FF                                  layer
/// m = ((u >> 12) | 1) − 2⁵¹                      odd, uniform on ±1, ±3, …, ±(2⁵¹ − 1)
///     computed exactly as bits(0x4330000000000001 | u >> 12) − 1.5·2⁵²
/// fast path: |m| < k_i/2  →  return m·(2w_i)     (2|m| is the midpoint of one of 2⁵⁰ equal cells of [0, 2⁵²))
/// layer 0, |m| ≥ k_0/2:   tail (Marsaglia 1964): repeat x̃ = −log(1 − U₁)/r, ỹ = −log(1 − U₂) until 2ỹ > x̃²;
///                         return sign(m)·(r + x̃)
/// layer i ≥ 1, |m| ≥ k_i/2: wedge: x = m·2w_i; return x if f_i + U·(f_(i−1) − f_i) < e^(−x²/2), else
///                         a fresh attempt with the next edge-lane word as u
/// ```
/// Everything after a first attempt that misses the fast path (0.43 % of first attempts, against 1.49 % with 256
/// layers) — the uniforms U = (word >> 11)·2⁻⁵³ and the words of further attempts — comes from the edge lane, in the
/// order the normals are produced. Accepted points are uniform under the graph of e^(−x²/2), so the law is exactly
/// N(0, 1) up to the resolution of the horizontal coordinate — 2⁵⁰ cells per layer, each represented by its
/// midpoint, a cell width x_i·2⁻⁵⁰ ≤ r·2⁻⁵⁰ = 3.6·10⁻¹⁵ — the 53-bit uniforms of the edge steps and the binary64
/// rounding of the tables. The sign is carried by m, symmetric by construction. Bits of a word: 0–9 layer, 13–63
/// sign and magnitude (10–12 unused).
///
/// **Stream rule.** The n-th normal is a function of main word n and of the edge-lane words that the normals before
/// it left unused — so of the seed (or key) and n only. The stream computes normals ahead, in order, and keeps a
/// *reserve* of up to 32 of them (whole blocks of 8); a normal's value does not depend on when it is computed, since
/// the normals are still produced in output order and so read the edge lane in output order. Hence any split of N
/// normals into `fill` (or `nextStandardNormal()`) calls gives the same N numbers, on any machine, thread count or
/// build: only integer and correctly rounded binary64 arithmetic is involved, except that the edge steps call libm's
/// `exp` and `log1p` (as the scalar ziggurat does).
///
/// **Vector fast path.** The four normals of a block are computed together (`SIMD4<Double>` arithmetic, the table
/// entries loaded per lane) and stored; the lanes that missed the fast path are then redone by the edge step, in
/// output order, at the end of a chunk of blocks (a reserve refill of 8 blocks is one chunk). The reserve makes a
/// short fill (the engine's 10–30 normals per chain and step) an inline copy, with a refill of 8 blocks every few
/// calls, instead of a few blocks and partial blocks per call.
///
/// The shift counts of the lane arithmetic are partly read from memory instead of written as literals: with literal
/// counts the optimiser rewrites `(x << 2) + x` as a multiplication and the shift pairs as rotations, for which the
/// generic x86-64 target (SSE2) has no vector instructions, and it then moves every lane to the scalar registers and
/// back (3× slower). A build for an AVX-512 CPU that declares it (`-Xswiftc -target-cpu -Xswiftc skylake-avx512
/// -Xswiftc -DLANGEVIN_AVX512`, README "Speed") uses the literals, which become vector rotates; the words, and so
/// the normals, are the same in every build (PN-S09).
///
/// A value type of 432 bytes (4 lanes, the reserve, the edge lane, a table pointer); `fill` allocates nothing (a long
/// fill's buffer of words is on the stack, under 1 KiB).
@frozen
public struct VectorNormalStream: Sendable {
    /// Number of main lanes (words per block), 4.
    public static var laneCount: Int { 4 }
    /// Number of ziggurat layers, 1024.
    public static var layerCount: Int { 1024 }
    /// r = x_1023, where the tail starts.
    public static var tailStart: Double { GeneratedZiggurat1024.tailStart }
    /// 1/r (correctly rounded from the 60-digit r), the factor of the tail step.
    public static var inverseTailStart: Double { GeneratedZiggurat1024.inverseTailStart }
    /// v, the common area of the 1024 pieces (for f(x) = e^(−x²/2), not normalised).
    public static var layerArea: Double { GeneratedZiggurat1024.layerArea }

    /// Row `index` of the 1024-layer tables (k_i, w_i, f_i), or nil outside 0..<1024.
    public static func layer(_ index: Int) -> ZigguratNormal.Layer? {
        guard index >= 0, index < layerCount else { return nil }
        return ZigguratNormal.Layer(threshold: GeneratedZiggurat1024.k[index], scale: GeneratedZiggurat1024.w[index],
                                    density: GeneratedZiggurat1024.f[index])
    }

    @usableFromInline var s0: SIMD4<UInt64>
    @usableFromInline var s1: SIMD4<UInt64>
    @usableFromInline var s2: SIMD4<UInt64>
    @usableFromInline var s3: SIMD4<UInt64>
    /// The reserve: the next `reserveCount` normals of the sequence, already computed (8 blocks); entries
    /// `used ..< reserveCount` are still to be returned.
    @usableFromInline var reserve: Reserve
    /// Normals of the reserve already returned (`reserveCount`: none left).
    @usableFromInline var used: Int
    /// The edge lane.
    @usableFromInline var edgeLane: Xoshiro256StarStar
    /// The shared tables (one pointer, so that a fill needs no access to a lazily initialised global).
    @usableFromInline let tables: VectorZigguratTables

    /// Normals computed ahead and kept by the stream (8 blocks of 4).
    @usableFromInline static var reserveCount: Int { 32 }

    /// Storage of the reserve: 32 doubles.
    @usableFromInline @frozen
    struct Reserve {
        @usableFromInline var storage: (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>, SIMD8<Double>)
        @inlinable init() { storage = (SIMD8(), SIMD8(), SIMD8(), SIMD8()) }
    }

    /// Stream 0 of `seed`: `init(seed: seed, stream: 0)`.
    public init(seed: UInt64) {
        self.init(seed: seed, stream: 0)
    }

    /// The vector stream of the keyed pair (seed, stream) (lane states: see the type's documentation).
    public init(seed: UInt64, stream: UInt64) {
        let (a, b) = Xoshiro256StarStar.keyedPair(seed: seed, stream: stream)
        func lane(_ l: UInt64) -> Xoshiro256StarStar {
            let gamma = SplitMix64.increment
            func output(_ root: UInt64, _ n: UInt64) -> UInt64 { SplitMix64.mix(root &+ n &* gamma) }
            return Xoshiro256StarStar(state: (output(a, 2 * l + 3), output(b, 2 * l + 3),
                                              output(a, 2 * l + 4), output(b, 2 * l + 4)))
        }
        self.init(lanes: (lane(0), lane(1), lane(2), lane(3)), edgeLane: lane(4))
    }

    /// The vector stream of a stream key: `init(seed: key.seed, stream: key.stream)`.
    public init(key: StreamKey) {
        self.init(seed: key.seed, stream: key.stream)
    }

    /// A stream whose main lanes 0…3 and edge lane start at the given generators' states (no normals pending).
    public init(lanes: (Xoshiro256StarStar, Xoshiro256StarStar, Xoshiro256StarStar, Xoshiro256StarStar),
                edgeLane: Xoshiro256StarStar) {
        s0 = SIMD4(lanes.0.state.0, lanes.1.state.0, lanes.2.state.0, lanes.3.state.0)
        s1 = SIMD4(lanes.0.state.1, lanes.1.state.1, lanes.2.state.1, lanes.3.state.1)
        s2 = SIMD4(lanes.0.state.2, lanes.1.state.2, lanes.2.state.2, lanes.3.state.2)
        s3 = SIMD4(lanes.0.state.3, lanes.1.state.3, lanes.2.state.3, lanes.3.state.3)
        reserve = Reserve()
        used = VectorNormalStream.reserveCount
        self.edgeLane = edgeLane
        tables = vectorZigguratTables
    }

    /// The main lanes' current states as scalar generators (the words of the next block are their next outputs).
    public var lanes: [Xoshiro256StarStar] {
        (0..<4).map { Xoshiro256StarStar(state: (s0[$0], s1[$0], s2[$0], s3[$0])) }
    }

    /// The current state of the edge lane.
    public var edgeLaneState: Xoshiro256StarStar { edgeLane }

    /// Normals computed ahead and not yet returned (0 … 31 of them); they come before the normals of the next block.
    public var pendingNormals: [Double] {
        var copy = reserve
        return withUnsafeBytes(of: &copy) { raw in
            (used..<VectorNormalStream.reserveCount).map { raw.load(fromByteOffset: 8 * $0, as: Double.self) }
        }
    }

    /// The next N(0, 1) draw of the sequence (the number `fill` would give next).
    public mutating func nextStandardNormal() -> Double {
        var value = 0.0
        fill(&value, count: 1)
        return value
    }

    /// Fills `buffer` with the next normals of the sequence (see `fill(_:count:)`).
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return }
        fill(base, count: buffer.count)
    }

    /// Fills the array with the next normals of the sequence (see `fill(_:count:)`).
    public mutating func fill(_ buffer: inout [Double]) {
        buffer.withUnsafeMutableBufferPointer { fill($0) }
    }

    /// Writes the next `count` normals of the sequence to `buffer[0 ..< count]` (nothing for count ≤ 0): first from
    /// the reserve; what the reserve cannot give is generated — whole blocks straight into `buffer` when at least
    /// 32 normals are missing — and the reserve is refilled with the next 8 blocks for the last 0 … 31 normals.
    /// Computing normals ahead does not change them: they are still produced in output order, so the edge lane is
    /// read in output order.
    @inlinable
    public mutating func fill(_ buffer: UnsafeMutablePointer<Double>, count: Int) {
        let available = VectorNormalStream.reserveCount &- used
        if count <= available {
            if count > 0 { takeFromReserve(buffer, count: count) }
            return
        }
        fillBeyondReserve(buffer, count: count)
    }

    /// Copies `count` ≤ the available normals from the reserve: four at a time with unaligned vector loads and stores,
    /// then the last 0 … 3 one by one (a library `memcpy` call costs more than the copy for the engine's 10–30 draws).
    @inlinable @inline(__always)
    mutating func takeFromReserve(_ buffer: UnsafeMutablePointer<Double>, count: Int) {
        let start = used
        withUnsafeMutableBytes(of: &reserve) { raw in
            let source = UnsafeRawPointer(raw.baseAddress! + 8 &* start), target = UnsafeMutableRawPointer(buffer)
            var i = 0
            while i &+ 4 <= count {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<Double>.self),
                                  toByteOffset: 8 &* i, as: SIMD4<Double>.self)
                i &+= 4
            }
            while i < count {
                buffer[i] = source.load(fromByteOffset: 8 &* i, as: Double.self)
                i &+= 1
            }
        }
        used = start &+ count
    }

    /// `fill` when the reserve holds fewer than `count` normals.
    @usableFromInline @inline(never)
    mutating func fillBeyondReserve(_ buffer: UnsafeMutablePointer<Double>, count: Int) {
        let available = VectorNormalStream.reserveCount &- used
        takeFromReserve(buffer, count: available)
        var index = available
        let missing = count &- available
        if missing >= VectorNormalStream.reserveCount {
            let blocks = missing >> 2
            generate(buffer + index, blocks: blocks)
            index &+= 4 &* blocks
        }
        if index < count {
            refillReserve()
            takeFromReserve(buffer + index, count: count &- index)
        }
    }

    /// The next 8 blocks into the reserve (which must be used up): one chunk of `normals(blocks:…)`, so the layer
    /// indices are reloaded from the stored words and the edge steps deferred to the end of the refill.
    @usableFromInline
    mutating func refillReserve() {
        var lanes = LaneState(s0: s0, s1: s1, s2: s2, s3: s3)
        var edge = edgeLane
        let tables = self.tables
        let blocks = VectorNormalStream.reserveCount / 4
        withUnsafeTemporaryAllocation(of: SIMD4<UInt64>.self, capacity: blocks + 1) { storage in
            let words = storage.baseAddress!
            let misses = UnsafeMutableRawPointer(words + blocks).bindMemory(to: UInt8.self, capacity: 4 * blocks)
            withUnsafeMutableBytes(of: &reserve) { raw in
                VectorNormalStream.normals(blocks: blocks, lanes: &lanes, words: words,
                                           into: raw.baseAddress!.assumingMemoryBound(to: Double.self), edgeLane: &edge,
                                           tables: tables, misses: misses)
            }
        }
        (s0, s1, s2, s3) = (lanes.s0, lanes.s1, lanes.s2, lanes.s3)
        edgeLane = edge
        used = 0
    }

    /// `blocks` blocks into `buffer` (the reserve must be used up), in chunks with the edge steps deferred to the end
    /// of each chunk.
    mutating func generate(_ buffer: UnsafeMutablePointer<Double>, blocks wholeBlocks: Int) {
        var lanes = LaneState(s0: s0, s1: s1, s2: s2, s3: s3)
        var edge = edgeLane
        let tables = self.tables
        withUnsafeTemporaryAllocation(of: SIMD4<UInt64>.self, capacity: VectorNormalStream.chunkStorage) { storage in
            let words = storage.baseAddress!
            let misses = UnsafeMutableRawPointer(words + VectorNormalStream.chunkBlocks)
                .bindMemory(to: UInt8.self, capacity: 4 * VectorNormalStream.chunkBlocks)
            var done = 0
            while done < wholeBlocks {
                let blocks = min(VectorNormalStream.chunkBlocks, wholeBlocks - done)
                VectorNormalStream.normals(blocks: blocks, lanes: &lanes, words: words, into: buffer + 4 * done,
                                           edgeLane: &edge, tables: tables, misses: misses)
                done += blocks
            }
        }
        (s0, s1, s2, s3) = (lanes.s0, lanes.s1, lanes.s2, lanes.s3)
        edgeLane = edge
    }

    /// Blocks generated at a time by `generate` (24 blocks: 768 bytes of words on the stack).
    static var chunkBlocks: Int { 24 }
    /// The stack buffer of a chunk, in blocks of 32 bytes: the words, then up to 4·chunkBlocks one-byte indices of
    /// the outputs whose edge steps are deferred (864 bytes in all, under the 1 KiB that is always stack-allocated).
    static var chunkStorage: Int { chunkBlocks + chunkBlocks / 8 }

    /// The tail (layer 0) and wedge (layers ≥ 1) steps of an attempt that missed the fast path, and any further
    /// attempts, all from the edge lane.
    @usableFromInline @inline(never)
    static func edgeStep(layer firstLayer: Int, m firstM: Double, edgeLane g: inout Xoshiro256StarStar,
                         tables: VectorZigguratTables) -> Double {
        var layer = firstLayer, m = firstM
        while true {
            if layer == 0 {
                let r = GeneratedZiggurat1024.tailStart, inverseR = GeneratedZiggurat1024.inverseTailStart
                while true {
                    let xx = -inverseR * log1p(-g.nextUniform())
                    let yy = -log1p(-g.nextUniform())
                    if yy + yy > xx * xx { return m < 0 ? -(r + xx) : r + xx }
                }
            }
            let x = m * tables.doubleScale(layer)
            let upper = tables.density[layer - 1], lower = tables.density[layer]
            if (upper - lower) * g.nextUniform() + lower < exp(-0.5 * x * x) { return x }
            let u = g.next()
            layer = Int(truncatingIfNeeded: u & 0x3FF)
            m = Double(bitPattern: (u >> 12) | 0x4330_0000_0000_0001) - 0x1.8p52
            if abs(m) < tables.halfThreshold(layer) { return m * tables.doubleScale(layer) }
        }
    }
}

extension VectorNormalStream {
    /// m for the four words of a block (odd integers in (−2⁵¹, 2⁵¹), exact: bits(0x4330000000000001 | u >> 12) −
    /// 1.5·2⁵²), and |m|.
    @inline(__always)
    static func signedMagnitudes(_ u: SIMD4<UInt64>) -> (SIMD4<Double>, SIMD4<Double>) {
        let d = unsafeBitCast((u &>> 12) | SIMD4(repeating: 0x4330_0000_0000_0001), to: SIMD4<Double>.self)
        let m = d - SIMD4(repeating: 0x1.8p52)
        let magnitude = unsafeBitCast(unsafeBitCast(m, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x7FFF_FFFF_FFFF_FFFF),
                                      to: SIMD4<Double>.self)
        return (m, magnitude)
    }

    /// Whether some lane of the mask is set: the halves or-ed in a register first (cheaper than `any`).
    @inline(__always)
    static func anyLane(_ mask: SIMDMask<SIMD4<Int64>>) -> Bool {
        let bits = unsafeBitCast(mask, to: SIMD4<Int64>.self)
        let halves = bits.lowHalf | bits.highHalf
        return halves[0] | halves[1] != 0
    }

    /// Generates `blocks` blocks of main words (stored to `words[0 ..< blocks]`) and the four normals of each by the
    /// vector fast path, written to `out[0 ..< 4·blocks]`; then the edge step, in output order, for the outputs whose
    /// first attempt missed the fast path (their indices are appended to `misses` in the rare blocks that have any).
    @inline(__always)
    static func normals(blocks: Int, lanes: inout LaneState, words: UnsafeMutablePointer<SIMD4<UInt64>>,
                        into out: UnsafeMutablePointer<Double>, edgeLane: inout Xoshiro256StarStar,
                        tables: VectorZigguratTables, misses: UnsafeMutablePointer<UInt8>) {
        var missCount = 0
        var state = lanes
        let counts = LaneShiftCounts(tables.shiftCounts)
        for b in 0..<blocks {
            let u = state.step(counts)
            (words + b).initialize(to: u)
            let (m, magnitude) = signedMagnitudes(u)
            // The layer indices reloaded from the stored words (cheaper than extracting them from the registers).
            let raw = UnsafeRawPointer(words + b), pairs = tables.pairs
            let p0 = pairs[Int(raw.load(fromByteOffset: 0, as: UInt16.self) & 0x3FF)]
            let p1 = pairs[Int(raw.load(fromByteOffset: 8, as: UInt16.self) & 0x3FF)]
            let p2 = pairs[Int(raw.load(fromByteOffset: 16, as: UInt16.self) & 0x3FF)]
            let p3 = pairs[Int(raw.load(fromByteOffset: 24, as: UInt16.self) & 0x3FF)]
            let k = SIMD4(p0[0], p1[0], p2[0], p3[0]), w = SIMD4(p0[1], p1[1], p2[1], p3[1])
            UnsafeMutableRawPointer(out + 4 &* b).storeBytes(of: m * w, as: SIMD4<Double>.self)
            let miss = magnitude .>= k
            if _slowPath(anyLane(miss)) {
                for lane in 0..<4 where miss[lane] {
                    misses[missCount] = UInt8(truncatingIfNeeded: 4 &* b &+ lane)
                    missCount &+= 1
                }
            }
        }
        lanes = state
        let wordAt = UnsafeRawPointer(words).assumingMemoryBound(to: UInt64.self)
        for miss in 0..<missCount {
            let index = Int(misses[miss])
            let u = wordAt[index]
            let m = Double(bitPattern: (u >> 12) | 0x4330_0000_0000_0001) - 0x1.8p52
            out[index] = edgeStep(layer: Int(truncatingIfNeeded: u & 0x3FF), m: m, edgeLane: &edgeLane, tables: tables)
        }
    }
}

/// The four main lane states, s_j holding word j of every lane.
@usableFromInline
struct LaneState {
    @usableFromInline var s0: SIMD4<UInt64>, s1: SIMD4<UInt64>, s2: SIMD4<UInt64>, s3: SIMD4<UInt64>

    @inlinable
    init(s0: SIMD4<UInt64>, s1: SIMD4<UInt64>, s2: SIMD4<UInt64>, s3: SIMD4<UInt64>) {
        self.s0 = s0; self.s1 = s1; self.s2 = s2; self.s3 = s3
    }

    /// One xoshiro256** step of every lane; returns the four outputs rotl(s1·5, 7)·9, with x·5 = x + (x << 2),
    /// y·9 = y + (y << 3) and rotl(x, k) = (x << k) | (x >> (64 − k)). One count of each shift pair comes from
    /// `LaneShiftCounts` (read from memory in the generic build, literals in the AVX-512 build); the words are the same
    /// either way.
    @inline(__always)
    mutating func step(_ c: LaneShiftCounts) -> SIMD4<UInt64> {
        typealias V = SIMD4<UInt64>
        let x = (s1 &<< V(repeating: c.two)) &+ s1
        let r = (x &<< 7) | (x &>> V(repeating: c.fiftySeven))
        let result = (r &<< V(repeating: c.three)) &+ r
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 &<< 45) | (s3 &>> V(repeating: c.nineteen))
        return result
    }
}

/// The shift counts 2, 57, 3 and 19 of `LaneState.step`. In the generic build they are loaded from memory (`step`
/// splats them where they are used, so the optimiser still sees one count for all lanes but cannot rewrite the
/// shifts as multiplications and rotations, which SSE2 lacks). Built with `-Xswiftc -DLANGEVIN_AVX512` (README
/// "Speed": together with an AVX-512 `-target-cpu`) they are literals, so the rotations become single AVX-512 rotate
/// instructions.
@usableFromInline
struct LaneShiftCounts {
    let two: UInt64, fiftySeven: UInt64, three: UInt64, nineteen: UInt64

    @inline(__always)
    init(_ p: UnsafePointer<UInt64>) {
        #if LANGEVIN_AVX512
        two = 2; fiftySeven = 57; three = 3; nineteen = 19
        #else
        two = p[0]; fiftySeven = p[1]; three = p[2]; nineteen = p[3]
        #endif
    }
}

/// The tables of the vector ziggurat, in one block of memory allocated once and never freed (immutable after
/// `make()`): the pairs (k_i/2, 2w_i) (both exact in binary64, k_i being an integer below 2⁵³), then f_i, then the
/// shift counts 2, 57, 3, 19 of `LaneShiftCounts` (the magnitude bits' shift by 12 is a literal: it forms no pattern
/// the generic target lacks).
@usableFromInline @frozen
struct VectorZigguratTables: @unchecked Sendable {
    /// 1024 pairs (k_i/2, 2w_i), 1024 values f_i, 8 shift counts.
    @usableFromInline let base: UnsafeMutableRawPointer

    static func make() -> VectorZigguratTables {
        let layers = VectorNormalStream.layerCount
        let base = UnsafeMutableRawPointer.allocate(byteCount: 24 * layers + 64, alignment: 64)
        let pairs = base.bindMemory(to: SIMD2<Double>.self, capacity: layers)
        for i in 0..<layers {
            pairs[i] = SIMD2(Double(GeneratedZiggurat1024.k[i]) / 2, 2 * GeneratedZiggurat1024.w[i])
        }
        let density = (base + 16 * layers).bindMemory(to: Double.self, capacity: layers)
        for i in 0..<layers { density[i] = GeneratedZiggurat1024.f[i] }
        let counts = (base + 24 * layers).bindMemory(to: UInt64.self, capacity: 8)
        for (i, count) in ([2, 57, 3, 19, 0, 0, 0, 0] as [UInt64]).enumerated() { counts[i] = count }
        return VectorZigguratTables(base: base)
    }

    @usableFromInline @inline(__always) var pairs: UnsafePointer<SIMD2<Double>> { UnsafePointer(base.assumingMemoryBound(to: SIMD2<Double>.self)) }
    @inline(__always) var density: UnsafePointer<Double> {
        UnsafePointer((base + 16 * VectorNormalStream.layerCount).assumingMemoryBound(to: Double.self))
    }
    @inline(__always) var shiftCounts: UnsafePointer<UInt64> {
        UnsafePointer((base + 24 * VectorNormalStream.layerCount).assumingMemoryBound(to: UInt64.self))
    }
    @inline(__always) func halfThreshold(_ layer: Int) -> Double { pairs[layer][0] }
    @inline(__always) func doubleScale(_ layer: Int) -> Double { pairs[layer][1] }
}

@usableFromInline let vectorZigguratTables = VectorZigguratTables.make()

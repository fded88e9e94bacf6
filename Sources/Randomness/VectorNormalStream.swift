// A vectorised standard-normal generator: four xoshiro256** lanes in SIMD registers feeding a ziggurat whose
// fast path handles four words at once (1024 layers). A stream family of its own, separate from `Xoshiro256StarStar` +
// `StandardNormalSampler` (other words, another ziggurat layout): it changes no existing stream. Construction and
// exactness: PN-S09.
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
/// it left unused — so of the seed (or key) and n only. `fill` keeps the unused words of its last block for the next
/// call, so any split of N normals into `fill` (or `nextStandardNormal()`) calls gives the same N numbers, on any
/// machine, thread count or build: only integer and correctly rounded binary64 arithmetic is involved, except that
/// the edge steps call libm's `exp` and `log1p` (as the scalar ziggurat does). `nextWord()` and `nextUniform()` take
/// the next main word, i.e. they take the place of one normal.
///
/// **Vector fast path.** The four normals of a block are computed together (`SIMD4<Double>` arithmetic, the table
/// entries loaded per lane) and stored; the lanes that missed the fast path are then redone by the edge step, in
/// output order (deferred to the end of a chunk of blocks in long fills, so that the loop has no unpredictable
/// branch). The arithmetic is that of the scalar rule used for partial blocks, so the values are identical.
///
/// The shift counts of the lane arithmetic are partly read from memory instead of written as literals: with literal
/// counts the optimiser rewrites `(x << 2) + x` as a multiplication and the shift pairs as rotations, for which the
/// generic x86-64 target (SSE2) has no vector instructions, and it then moves every lane to the scalar registers and
/// back (3× slower).
///
/// A value type of 200 bytes (stride 208); `fill` allocates nothing (its buffer of words is on the stack, under 1 KiB).
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
    /// The last block of main words; its words `used ..< 4` are the next main words.
    @usableFromInline var block: SIMD4<UInt64>
    /// Words of `block` already consumed (4: none left).
    @usableFromInline var used: Int
    /// The edge lane.
    @usableFromInline var edgeLane: Xoshiro256StarStar

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

    /// A stream whose main lanes 0…3 and edge lane start at the given generators' states (no words pending).
    public init(lanes: (Xoshiro256StarStar, Xoshiro256StarStar, Xoshiro256StarStar, Xoshiro256StarStar),
                edgeLane: Xoshiro256StarStar) {
        let states = [lanes.0.state, lanes.1.state, lanes.2.state, lanes.3.state]
        s0 = SIMD4(states.map(\.0))
        s1 = SIMD4(states.map(\.1))
        s2 = SIMD4(states.map(\.2))
        s3 = SIMD4(states.map(\.3))
        block = SIMD4()
        used = 4
        self.edgeLane = edgeLane
    }

    /// The main lanes' current states as scalar generators (their next outputs follow `pendingWords`).
    public var lanes: [Xoshiro256StarStar] {
        (0..<4).map { Xoshiro256StarStar(state: (s0[$0], s1[$0], s2[$0], s3[$0])) }
    }

    /// The current state of the edge lane.
    public var edgeLaneState: Xoshiro256StarStar { edgeLane }

    /// Main words of the current block not yet consumed (0…3 of them); they come before any new block.
    public var pendingWords: [UInt64] {
        (used..<4).map { block[$0] }
    }

    /// The next main word (the first attempt of the normal it replaces).
    public mutating func nextWord() -> UInt64 {
        if used == 4 {
            var lanes = LaneState(s0: s0, s1: s1, s2: s2, s3: s3)
            block = lanes.step(LaneShiftCounts(vectorZigguratTables.shiftCounts))
            (s0, s1, s2, s3) = (lanes.s0, lanes.s1, lanes.s2, lanes.s3)
            used = 0
        }
        let word = block[used]
        used += 1
        return word
    }

    /// A uniform double in [0, 1) from the next main word: (word >> 11)·2⁻⁵³.
    public mutating func nextUniform() -> Double {
        Double(nextWord() >> 11) * 0x1.0p-53
    }

    /// The next N(0, 1) draw of the sequence (the number `fill` would give next).
    public mutating func nextStandardNormal() -> Double {
        VectorNormalStream.normal(firstWord: nextWord(), edgeLane: &edgeLane, tables: vectorZigguratTables)
    }

    /// Fills `buffer` with the next normals of the sequence (see `fill(_:count:)`).
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return }
        fill(base, count: buffer.count)
    }

    /// Writes the next `count` normals of the sequence to `buffer[0 ..< count]` (nothing for count ≤ 0).
    public mutating func fill(_ buffer: UnsafeMutablePointer<Double>, count: Int) {
        guard count > 0 else { return }
        let tables = vectorZigguratTables
        var index = 0
        // 1. The pending words of the last block, one at a time.
        while used < 4 && index < count {
            buffer[index] = VectorNormalStream.normal(firstWord: block[used], edgeLane: &edgeLane, tables: tables)
            used += 1
            index += 1
        }
        if index == count { return }
        var lanes = LaneState(s0: s0, s1: s1, s2: s2, s3: s3)
        var edge = edgeLane
        let counts = LaneShiftCounts(tables.shiftCounts)
        // 2. Whole blocks: four normals each.
        let wholeBlocks = (count - index) >> 2
        if wholeBlocks > VectorNormalStream.inlineBlocks {
            // A chunk of blocks at a time, the edge steps deferred to the end of each chunk.
            withUnsafeTemporaryAllocation(of: SIMD4<UInt64>.self, capacity: VectorNormalStream.chunkStorage) { storage in
                let words = storage.baseAddress!
                let misses = UnsafeMutableRawPointer(words + VectorNormalStream.chunkBlocks)
                    .bindMemory(to: UInt8.self, capacity: 4 * VectorNormalStream.chunkBlocks)
                var done = 0
                while done < wholeBlocks {
                    let blocks = min(VectorNormalStream.chunkBlocks, wholeBlocks - done)
                    VectorNormalStream.normals(blocks: blocks, lanes: &lanes, counts: counts, words: words,
                                               into: buffer + index + 4 * done, edgeLane: &edge, tables: tables,
                                               misses: misses)
                    done += blocks
                }
            }
        } else if wholeBlocks > 0 {
            VectorNormalStream.normalsInline(blocks: wholeBlocks, lanes: &lanes, counts: counts, into: buffer + index,
                                             edgeLane: &edge, tables: tables)
        }
        index += 4 * wholeBlocks
        // 3. The last 1–3 normals start a new block, whose unused words are kept.
        if index < count {
            block = lanes.step(counts)
            used = 0
            while index < count {
                buffer[index] = VectorNormalStream.normal(firstWord: block[used], edgeLane: &edge, tables: tables)
                used += 1
                index += 1
            }
        }
        (s0, s1, s2, s3) = (lanes.s0, lanes.s1, lanes.s2, lanes.s3)
        edgeLane = edge
    }

    /// Above this many whole blocks `fill` works in chunks with deferred edge steps; up to it, block by block.
    @usableFromInline static var inlineBlocks: Int { 8 }
    /// Blocks generated at a time by `fill` in chunks (24 blocks: 768 bytes of words on the stack).
    @usableFromInline static var chunkBlocks: Int { 24 }
    /// The stack buffer of a chunk, in blocks of 32 bytes: the words, then up to 4·chunkBlocks one-byte indices of
    /// the outputs whose edge steps are deferred (864 bytes in all, under the 1 KiB that is always stack-allocated).
    @usableFromInline static var chunkStorage: Int { chunkBlocks + chunkBlocks / 8 }

    /// One normal by the scalar rule: `firstWord` is the first attempt (see the type's documentation).
    @inline(__always)
    static func normal(firstWord u: UInt64, edgeLane: inout Xoshiro256StarStar, tables: VectorZigguratTables) -> Double {
        let layer = Int(truncatingIfNeeded: u & 0x3FF)
        let m = Double(bitPattern: (u >> 12) | 0x4330_0000_0000_0001) - 0x1.8p52
        if abs(m) < tables.halfThreshold[layer] { return m * tables.doubleScale[layer] }
        return edgeStep(layer: layer, m: m, edgeLane: &edgeLane, tables: tables)
    }

    /// The tail (layer 0) and wedge (layers ≥ 1) steps of an attempt that missed the fast path, and any further
    /// attempts, all from the edge lane.
    @inline(never)
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
            let x = m * tables.doubleScale[layer]
            let upper = tables.density[layer - 1], lower = tables.density[layer]
            if (upper - lower) * g.nextUniform() + lower < exp(-0.5 * x * x) { return x }
            let u = g.next()
            layer = Int(truncatingIfNeeded: u & 0x3FF)
            m = Double(bitPattern: (u >> 12) | 0x4330_0000_0000_0001) - 0x1.8p52
            if abs(m) < tables.halfThreshold[layer] { return m * tables.doubleScale[layer] }
        }
    }
}



extension VectorNormalStream {
    /// `blocks` blocks of main words and their normals, one block at a time, the edge steps of a block's missed
    /// lanes done at once in lane order (for short fills; the same numbers as `normals(blocks:…)`).
    @inline(__always)
    static func normalsInline(blocks: Int, lanes: inout LaneState, counts: LaneShiftCounts,
                              into out: UnsafeMutablePointer<Double>, edgeLane: inout Xoshiro256StarStar,
                              tables: VectorZigguratTables) {
        let half = tables.halfThreshold, scale = tables.doubleScale
        let shift12 = SIMD4<UInt64>(repeating: tables.shiftCounts[7])
        var state = lanes
        for b in 0..<blocks {
            let u = state.step(counts)
            let d = unsafeBitCast((u &>> shift12) | SIMD4(repeating: 0x4330_0000_0000_0001), to: SIMD4<Double>.self)
            let m = d - SIMD4(repeating: 0x1.8p52)
            let magnitude = unsafeBitCast(unsafeBitCast(m, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x7FFF_FFFF_FFFF_FFFF),
                                          to: SIMD4<Double>.self)
            let layers = SIMD4<Int>(truncatingIfNeeded: u & SIMD4(repeating: 0x3FF))
            let k = SIMD4(half[layers[0]], half[layers[1]], half[layers[2]], half[layers[3]])
            let w = SIMD4(scale[layers[0]], scale[layers[1]], scale[layers[2]], scale[layers[3]])
            let target = out + 4 &* b
            UnsafeMutableRawPointer(target).storeBytes(of: m * w, as: SIMD4<Double>.self)
            let fast = magnitude .< k
            if !all(fast) {
                for lane in 0..<4 where !fast[lane] {
                    target[lane] = edgeStep(layer: layers[lane], m: m[lane], edgeLane: &edgeLane, tables: tables)
                }
            }
        }
        lanes = state
    }

    /// Generates `blocks` blocks of main words (stored to `words[0 ..< blocks]`) and the four normals of each by the
    /// vector fast path, written to `out[0 ..< 4·blocks]`; then the edge step, in output order, for the outputs whose
    /// first attempt missed the fast path. Deferring them keeps the loop free of unpredictable branches (an edge step
    /// inline costs a pipeline flush behind the `exp` its wedge test waits for).
    @inline(__always)
    static func normals(blocks: Int, lanes: inout LaneState, counts: LaneShiftCounts, words: UnsafeMutablePointer<SIMD4<UInt64>>,
                             into out: UnsafeMutablePointer<Double>,
                             edgeLane: inout Xoshiro256StarStar, tables: VectorZigguratTables,
                             misses: UnsafeMutablePointer<UInt8>) {
        let half = tables.halfThreshold, scale = tables.doubleScale
        let shift12 = SIMD4<UInt64>(repeating: tables.shiftCounts[7])
        let raw = UnsafeRawPointer(words)
        var missCount = 0
        var state = lanes
        for b in 0..<blocks {
            let u = state.step(counts)
            (words + b).initialize(to: u)
            let d = unsafeBitCast((u &>> shift12) | SIMD4(repeating: 0x4330_0000_0000_0001), to: SIMD4<Double>.self)
            let m = d - SIMD4(repeating: 0x1.8p52)
            let magnitude = unsafeBitCast(unsafeBitCast(m, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x7FFF_FFFF_FFFF_FFFF),
                                          to: SIMD4<Double>.self)
            var k = SIMD4<Double>(), w = SIMD4<Double>()
            for lane in 0..<4 {
                let layer = Int(raw.load(fromByteOffset: 32 &* b &+ 8 &* lane, as: UInt16.self) & 0x3FF)
                k[lane] = half[layer]
                w[lane] = scale[layer]
            }
            UnsafeMutableRawPointer(out + 4 &* b).storeBytes(of: m * w, as: SIMD4<Double>.self)
            // Branch-free append of the lanes that missed (each lane's test is 0 or −1 in an Int64).
            let miss = unsafeBitCast(magnitude .>= k, to: SIMD4<Int64>.self)
            for lane in 0..<4 {
                misses[missCount] = UInt8(truncatingIfNeeded: 4 &* b &+ lane)
                missCount &-= Int(miss[lane])
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
    /// y·9 = y + (y << 3) and rotl(x, k) = (x << k) | (x >> (64 − k)). One count of each shift pair is read from
    /// memory (see `VectorNormalStream`).
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

    /// `blocks` steps, their outputs stored to `words[0 ..< blocks]`.
    @inline(never)
    mutating func generate(blocks: Int, into words: UnsafeMutablePointer<SIMD4<UInt64>>, counts: LaneShiftCounts) {
        var state = self
        for b in 0..<blocks { (words + b).initialize(to: state.step(counts)) }
        self = state
    }
}

/// The shift counts 2, 57, 3 and 19 of `LaneState.step`, loaded from memory; `step` splats them where they are
/// used, so the optimiser still sees one count for all lanes.
@usableFromInline
struct LaneShiftCounts {
    let two: UInt64, fiftySeven: UInt64, three: UInt64, nineteen: UInt64

    @inline(__always)
    init(_ p: UnsafeMutablePointer<UInt64>) {
        two = p[0]; fiftySeven = p[1]; three = p[2]; nineteen = p[3]
    }
}

/// The tables of the vector ziggurat, in memory allocated once and never freed (immutable after `init`):
/// k_i/2 and 2w_i (both exact in binary64, k_i being an integer below 2⁵³), f_i, and the shift counts 2, 57, 3, 19
/// of `LaneShiftCounts` followed (at index 7) by 12, the shift of the magnitude bits.
@usableFromInline
struct VectorZigguratTables: @unchecked Sendable {
    let halfThreshold: UnsafeMutablePointer<Double>
    let doubleScale: UnsafeMutablePointer<Double>
    let density: UnsafeMutablePointer<Double>
    let shiftCounts: UnsafeMutablePointer<UInt64>

    init() {
        let layers = VectorNormalStream.layerCount
        halfThreshold = .allocate(capacity: layers)
        doubleScale = .allocate(capacity: layers)
        density = .allocate(capacity: layers)
        shiftCounts = .allocate(capacity: 8)
        for i in 0..<layers {
            halfThreshold[i] = Double(GeneratedZiggurat1024.k[i]) / 2
            doubleScale[i] = 2 * GeneratedZiggurat1024.w[i]
            density[i] = GeneratedZiggurat1024.f[i]
        }
        for (i, count) in ([2, 57, 3, 19, 0, 0, 0, 12] as [UInt64]).enumerated() { shiftCounts[i] = count }
    }
}

let vectorZigguratTables = VectorZigguratTables()

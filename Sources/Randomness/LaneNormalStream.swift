// One chain's stream of N(0, 1) draws, built so that the streams of four chains advance together in SIMD lanes: the
// engine's Brownian increments (PN-S10). Same 1024-layer ziggurat and edge step as `VectorNormalStream`; the difference
// is where the lanes are: `VectorNormalStream` puts four lanes inside one stream (fast for one long fill), this type
// gives every chain one lane and puts four chains side by side (fast for the engine's 10–30 normals per chain and step).

/// The N(0, 1) stream of one chain: a xoshiro256** *main lane* whose n-th output is the first attempt of the n-th
/// normal, and an *edge lane* for everything after a first attempt that misses the ziggurat's fast path.
///
/// **Seeding.** From the keyed pair (a, b) of `Xoshiro256StarStar(seed:stream:)` and the SplitMix64 outputs A(n), B(n)
/// from a and from b: main lane (A(13), B(13), A(14), B(14)), edge lane (A(15), B(15), A(16), B(16)). Outputs 1–2 are
/// the scalar keyed generator's state and 3–12 the lanes of `VectorNormalStream(seed:stream:)`, so no lane here
/// repeats either stream of the same key; no state is zero (A(n) = 0 forces A(n + 1) = mix(γ) ≠ 0).
///
/// **Normals.** The n-th normal is the 1024-layer ziggurat of `VectorNormalStream` applied to main word n (layer
/// i = u & 0x3FF, m = ((u >> 12) | 1) − 2⁵¹, fast path |m| < k_i/2 → m·2w_i), with the tail and wedge steps and any
/// further attempts drawn from the edge lane (`VectorNormalStream.edgeStep`, same law: exactly N(0, 1) up to the
/// 2⁻⁵⁰ cell resolution, PN-S09). So the n-th normal is a function of the key and n only: the same for any split into
/// calls, for the scalar path and the four-chain path, and for any grouping of chains into lanes.
///
/// A value type of 64 bytes; `LaneNormalStreams` stores the streams of a block of chains lane-major for the
/// four-chain path.
@frozen
public struct LaneNormalStream: Sendable, Equatable {
    /// The lane whose n-th output starts the n-th normal.
    public var main: Xoshiro256StarStar
    /// The lane of the edge steps.
    public var edge: Xoshiro256StarStar

    /// The stream of the keyed pair (seed, stream) (lane states: see the type's documentation).
    public init(seed: UInt64, stream: UInt64) {
        let (a, b) = Xoshiro256StarStar.keyedPair(seed: seed, stream: stream)
        let gamma = SplitMix64.increment
        func output(_ root: UInt64, _ n: UInt64) -> UInt64 { SplitMix64.mix(root &+ n &* gamma) }
        main = Xoshiro256StarStar(state: (output(a, 13), output(b, 13), output(a, 14), output(b, 14)))
        edge = Xoshiro256StarStar(state: (output(a, 15), output(b, 15), output(a, 16), output(b, 16)))
    }

    /// The stream of a stream key: `init(seed: key.seed, stream: key.stream)`.
    public init(key: StreamKey) {
        self.init(seed: key.seed, stream: key.stream)
    }

    /// A stream whose lanes start at the given generators' states.
    public init(main: Xoshiro256StarStar, edge: Xoshiro256StarStar) {
        self.main = main
        self.edge = edge
    }

    public static func == (lhs: LaneNormalStream, rhs: LaneNormalStream) -> Bool {
        lhs.main.state == rhs.main.state && lhs.edge.state == rhs.edge.state
    }

    /// The next N(0, 1) draw.
    @inlinable
    public mutating func nextStandardNormal() -> Double {
        LaneNormalStream.normal(word: main.next(), edge: &edge, tables: vectorZigguratTables)
    }

    /// Writes the next `count` normals to `buffer[0 ..< count]` (nothing for count ≤ 0).
    @inlinable
    public mutating func fill(_ buffer: UnsafeMutablePointer<Double>, count: Int) {
        let tables = vectorZigguratTables
        var i = 0
        while i < count {
            buffer[i] = LaneNormalStream.normal(word: main.next(), edge: &edge, tables: tables)
            i &+= 1
        }
    }

    /// The normal whose first attempt is `word` (fast path inline, the rest by the edge step).
    @usableFromInline @inline(__always)
    static func normal(word u: UInt64, edge: inout Xoshiro256StarStar, tables: VectorZigguratTables) -> Double {
        let layer = Int(truncatingIfNeeded: u & 0x3FF)
        let m = Double(bitPattern: (u >> 12) | 0x4330_0000_0000_0001) - 0x1.8p52
        let pair = tables.pairs[layer]
        if _fastPath(abs(m) < pair[0]) { return m * pair[1] }
        return VectorNormalStream.edgeStep(layer: layer, m: m, edgeLane: &edge, tables: tables)
    }
}

/// The `LaneNormalStream`s of a block of chains, stored for the four-chain path: word j of every chain's main lane
/// in one array (so four chains' lanes load into SIMD registers), the edge lanes in another, and one spare stream
/// (index `capacity`) that stands in for unused lanes. Allocated once and reused; `deallocate()` frees it.
public struct LaneNormalStreams: @unchecked Sendable {
    /// Streams held (chain indices 0 ..< capacity).
    public let capacity: Int
    /// 4 × (capacity + 1) words: main-lane word j of chain c at j·(capacity + 1) + c.
    let words: UnsafeMutablePointer<UInt64>
    let edges: UnsafeMutablePointer<Xoshiro256StarStar>
    let tables: VectorZigguratTables

    /// Storage for `capacity` ≥ 0 streams (all set to stream 0 of seed 0 until assigned).
    public init(capacity: Int) {
        precondition(capacity >= 0, "capacity must be non-negative")
        self.capacity = capacity
        words = .allocate(capacity: 4 * (capacity + 1))
        edges = .allocate(capacity: capacity + 1)
        tables = vectorZigguratTables
        let start = LaneNormalStream(seed: 0, stream: 0)
        edges.initialize(repeating: start.edge, count: capacity + 1)
        for c in 0...capacity { store(start.main.state, chain: c) }
    }

    /// Frees the storage (the value must not be used afterwards).
    public func deallocate() {
        words.deallocate()
        edges.deallocate()
    }

    /// The stream of chain `c` (0 ..< capacity).
    public subscript(chain c: Int) -> LaneNormalStream {
        get {
            let stride = capacity + 1
            return LaneNormalStream(main: Xoshiro256StarStar(state: (words[c], words[stride + c], words[2 * stride + c],
                                                                     words[3 * stride + c])),
                                    edge: edges[c])
        }
        nonmutating set {
            store(newValue.main.state, chain: c)
            edges[c] = newValue.edge
        }
    }

    private func store(_ state: (UInt64, UInt64, UInt64, UInt64), chain c: Int) {
        let stride = capacity + 1
        words[c] = state.0
        words[stride + c] = state.1
        words[2 * stride + c] = state.2
        words[3 * stride + c] = state.3
    }

    /// The next `count` normals of chain `c` into `buffer[0 ..< count]`, one chain at a time (the scalar path:
    /// `LaneNormalStream.fill` on the chain's stream).
    public func fill(chain c: Int, _ buffer: UnsafeMutablePointer<Double>, count: Int) {
        var stream = self[chain: c]
        stream.fill(buffer, count: count)
        self[chain: c] = stream
    }

    /// The next `count` normals of four chains at once, interleaved: `buffer[4n + l]` is the n-th of chain
    /// `lanes[l]`. A negative lane is unused (it runs the spare stream; its values are to be ignored). The chains of
    /// the used lanes must be distinct. The numbers are those of `fill(chain:_:count:)` chain by chain: the main
    /// lanes step together in SIMD registers and the fast path runs on four words at once; a lane that misses it
    /// takes the edge step of its own chain at once, so every chain's edge lane is read in its output order.
    public func fill(lanes: SIMD4<Int>, _ buffer: UnsafeMutablePointer<Double>, count: Int) {
        let spare = SIMD4<Int>(repeating: capacity)
        let chains = lanes.replacing(with: spare, where: lanes .< 0)
        fillLanes(chains, buffer, count: count)
    }

    func fillLanes(_ c: SIMD4<Int>, _ buffer: UnsafeMutablePointer<Double>, count: Int) {
        let stride = capacity &+ 1
        let w0 = words, w1 = words + stride, w2 = words + 2 &* stride, w3 = words + 3 &* stride
        var state = LaneState(s0: SIMD4(w0[c[0]], w0[c[1]], w0[c[2]], w0[c[3]]),
                              s1: SIMD4(w1[c[0]], w1[c[1]], w1[c[2]], w1[c[3]]),
                              s2: SIMD4(w2[c[0]], w2[c[1]], w2[c[2]], w2[c[3]]),
                              s3: SIMD4(w3[c[0]], w3[c[1]], w3[c[2]], w3[c[3]]))
        let tables = self.tables
        let counts = LaneShiftCounts(tables.shiftCounts)
        let pairs = tables.pairs
        // Blocks with a lane off the fast path are kept (index and words) and finished in batches of up to
        // `missCapacity`, in block order: each chain's edge lane is still read in its output order, and the hot loop
        // keeps no edge-step state alive.
        let missCapacity = 16
        withUnsafeTemporaryAllocation(of: SIMD4<UInt64>.self, capacity: missCapacity) { missWords in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: missCapacity) { missBlocks in
                var misses = 0
                for n in 0..<max(count, 0) {
                    let u = state.step(counts)
                    let (m, magnitude) = VectorNormalStream.signedMagnitudes(u)
                    let layers = u & SIMD4(repeating: 0x3FF)
                    let p0 = pairs[Int(truncatingIfNeeded: layers[0])], p1 = pairs[Int(truncatingIfNeeded: layers[1])]
                    let p2 = pairs[Int(truncatingIfNeeded: layers[2])], p3 = pairs[Int(truncatingIfNeeded: layers[3])]
                    let k = SIMD4(p0[0], p1[0], p2[0], p3[0]), w = SIMD4(p0[1], p1[1], p2[1], p3[1])
                    UnsafeMutableRawPointer(buffer + 4 &* n).storeBytes(of: m * w, as: SIMD4<Double>.self)
                    if _slowPath(VectorNormalStream.anyLane(magnitude .>= k)) {
                        missWords[misses] = u
                        missBlocks[misses] = n
                        misses &+= 1
                        if misses == missCapacity {
                            finishMisses(misses, words: missWords.baseAddress!, blocks: missBlocks.baseAddress!, chains: c,
                                         buffer)
                            misses = 0
                        }
                    }
                }
                if misses > 0 {
                    finishMisses(misses, words: missWords.baseAddress!, blocks: missBlocks.baseAddress!, chains: c, buffer)
                }
            }
        }
        for lane in 0..<4 {
            w0[c[lane]] = state.s0[lane]
            w1[c[lane]] = state.s1[lane]
            w2[c[lane]] = state.s2[lane]
            w3[c[lane]] = state.s3[lane]
        }
    }

    /// The kept blocks' normals redone lane by lane by the one-chain rule (`LaneNormalStream.normal`), in block order:
    /// a lane on the fast path gets the same product again and reads no edge word; a lane that missed it takes its
    /// edge step from its own chain's edge lane.
    @inline(never)
    func finishMisses(_ count: Int, words: UnsafePointer<SIMD4<UInt64>>, blocks: UnsafePointer<Int>, chains c: SIMD4<Int>,
                      _ buffer: UnsafeMutablePointer<Double>) {
        for i in 0..<count {
            for lane in 0..<4 {
                buffer[4 &* blocks[i] &+ lane] = LaneNormalStream.normal(word: words[i][lane], edge: &edges[c[lane]],
                                                                         tables: tables)
            }
        }
    }
}

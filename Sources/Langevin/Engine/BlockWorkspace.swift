import Randomness

/// A growable raw buffer (capacity doubles on overflow; contents preserved). Owned by a workspace.
package struct GrowableBuffer<Element> {
    package private(set) var pointer: UnsafeMutablePointer<Element>
    package private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    /// Makes room for at least `count` elements (keeps the first `preserving` elements).
    @inline(__always)
    mutating func ensure(_ count: Int, preserving: Int) {
        if count <= capacity { return }
        grow(to: count, preserving: preserving)
    }

    @inline(never)
    mutating func grow(to count: Int, preserving: Int) {
        var newCapacity = capacity
        while newCapacity < count { newCapacity *= 2 }
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: pointer, count: min(preserving, capacity))
        pointer.deallocate()
        pointer = fresh
        capacity = newCapacity
    }

    func deallocate() { pointer.deallocate() }
}

/// The buffers of one block of chains, allocated once and reused for every step (no heap allocation per
/// step; the midpoint buffers grow geometrically on the rare overflow).
///
/// Layout is chain-major: chain c's position is `x[c·d ..< (c+1)·d]`, its velocity (underdamped schemes)
/// `v[c·d ..< (c+1)·d]`, its base drift `base[c·d ..< (c+1)·d]`. Midpoint row r (all midpoints of the block,
/// evaluated in ONE batched drift call) is `midStates[r·d ..< (r+1)·d]` at time `midTimes[r]`, belonging to
/// block-local chain `midChain[r]`, with drift output `midOut[r·d ..< (r+1)·d]`, up to two per-row
/// coefficients `midCoefficients[2r], [2r+1]` and a second d-vector `midAux[r·d ..< (r+1)·d]`.
package final class BlockWorkspace {
    /// d, the position dimension.
    package let dimension: Int
    /// Maximum number of chains in the block.
    package let chainCapacity: Int
    /// Whether `v` is allocated (underdamped schemes).
    package let hasVelocity: Bool
    /// Number of active chains (≤ chainCapacity).
    package internal(set) var count: Int
    /// Global index of block-local chain 0.
    package internal(set) var firstChain: Int

    package let x: UnsafeMutablePointer<Double>
    package let v: UnsafeMutablePointer<Double>
    package let base: UnsafeMutablePointer<Double>
    package let baseTimes: UnsafeMutablePointer<Double>
    /// chainCapacity · d doubles of scheme scratch.
    package let scratch: UnsafeMutablePointer<Double>

    package var midStates: GrowableBuffer<Double>
    package var midOut: GrowableBuffer<Double>
    package var midAux: GrowableBuffer<Double>
    package var midTimes: GrowableBuffer<Double>
    package var midCoefficients: GrowableBuffer<Double>
    package var midChain: GrowableBuffer<Int32>
    /// Rows used in the current step.
    package var midpointRows: Int = 0
    /// Per-chain scratch of sub-step indices and query times (grown on demand).
    package var indexScratch: GrowableBuffer<Int>
    package var timeScratch: GrowableBuffer<Double>
    /// Per-chain vector scratch (grown on demand; e.g. 4d doubles for the underdamped noise integrals).
    package var vectorScratch: GrowableBuffer<Double>
    /// Per-block scratch of frozen-force step coefficients (grown on demand; RLMC-ULMC's random durations and PLMC-ULMC's
    /// OU intervals, all chains' at once).
    package var stepScratch: GrowableBuffer<UnderdampedStep>
    /// Per-block scratch of frozen-force flows (grown on demand; PLMC-ULMC's midpoint flows, all chains' at once).
    package var flowScratch: GrowableBuffer<UnderdampedStep.Flow>
    /// chainCapacity entries each: a per-chain count (e.g. midpoints this step) and a visiting order of the
    /// block-local chains (e.g. grouped by that count).
    package let chainCounts: UnsafeMutablePointer<Int32>
    package let chainOrder: UnsafeMutablePointer<Int32>

    /// `midpointRowsPerChain` sizes the midpoint buffers up front (rows = chainCapacity · that + 8).
    package init(dimension: Int, chainCapacity: Int, hasVelocity: Bool, midpointRowsPerChain: Int = 2) {
        precondition(dimension >= 1 && chainCapacity >= 1, "BlockWorkspace: dimension and capacity must be positive")
        self.dimension = dimension
        self.chainCapacity = chainCapacity
        self.hasVelocity = hasVelocity
        self.count = chainCapacity
        self.firstChain = 0
        let n = chainCapacity * dimension
        x = .allocate(capacity: n); x.initialize(repeating: 0, count: n)
        v = .allocate(capacity: hasVelocity ? n : 1); v.initialize(repeating: 0, count: hasVelocity ? n : 1)
        base = .allocate(capacity: n); base.initialize(repeating: 0, count: n)
        baseTimes = .allocate(capacity: chainCapacity); baseTimes.initialize(repeating: 0, count: chainCapacity)
        scratch = .allocate(capacity: n); scratch.initialize(repeating: 0, count: n)
        let rows = chainCapacity * max(midpointRowsPerChain, 1) + 8
        midStates = GrowableBuffer(capacity: rows * dimension)
        midOut = GrowableBuffer(capacity: rows * dimension)
        midAux = GrowableBuffer(capacity: rows * dimension)
        midTimes = GrowableBuffer(capacity: rows)
        midCoefficients = GrowableBuffer(capacity: 2 * rows)
        midChain = GrowableBuffer(capacity: rows)
        indexScratch = GrowableBuffer(capacity: 64)
        timeScratch = GrowableBuffer(capacity: 64)
        vectorScratch = GrowableBuffer(capacity: 4 * dimension)
        stepScratch = GrowableBuffer(capacity: 16)
        flowScratch = GrowableBuffer(capacity: 16)
        chainCounts = .allocate(capacity: chainCapacity); chainCounts.initialize(repeating: 0, count: chainCapacity)
        chainOrder = .allocate(capacity: chainCapacity); chainOrder.initialize(repeating: 0, count: chainCapacity)
    }

    deinit {
        x.deallocate(); v.deallocate(); base.deallocate(); baseTimes.deallocate(); scratch.deallocate()
        midStates.deallocate(); midOut.deallocate(); midAux.deallocate(); midTimes.deallocate()
        midCoefficients.deallocate(); midChain.deallocate(); indexScratch.deallocate(); timeScratch.deallocate()
        vectorScratch.deallocate(); stepScratch.deallocate(); flowScratch.deallocate()
        chainCounts.deallocate(); chainOrder.deallocate()
    }

    /// Makes room for `rows` midpoint rows, keeping the first `used` rows (state, time, chain, coefficients,
    /// aux). Returns true when the buffers moved (reload any cached midpoint pointers then).
    @inline(__always) @discardableResult
    package func ensureMidpointRows(_ rows: Int, used: Int) -> Bool {
        if rows <= midpointRowCapacity { return false }
        growMidpointRows(rows, used: used)
        return true
    }

    /// Rows the midpoint buffers hold now.
    package var midpointRowCapacity: Int { midTimes.capacity }

    @inline(never)
    func growMidpointRows(_ rows: Int, used: Int) {
        let d = dimension
        midStates.grow(to: rows * d, preserving: used * d)
        midOut.grow(to: rows * d, preserving: used * d)
        midAux.grow(to: rows * d, preserving: used * d)
        midTimes.grow(to: rows, preserving: used)
        midCoefficients.grow(to: 2 * rows, preserving: 2 * used)
        midChain.grow(to: rows, preserving: used)
    }

    /// Makes room for `count` per-chain sub-step indices and query times (keeping the first `preserving`).
    /// Returns true when the buffers moved.
    @inline(__always) @discardableResult
    package func ensureChainScratch(_ count: Int, preserving: Int = 0) -> Bool {
        if count <= timeScratch.capacity && count <= indexScratch.capacity { return false }
        indexScratch.ensure(count, preserving: preserving)
        timeScratch.ensure(count, preserving: preserving)
        return true
    }

    /// Makes room for `count` doubles of per-chain vector scratch.
    @inline(__always)
    package func ensureVectorScratch(_ count: Int) { vectorScratch.ensure(count, preserving: 0) }

    /// Makes room for `count` step coefficients (the contents are not kept).
    package func ensureStepScratch(_ count: Int) { stepScratch.ensure(count, preserving: 0) }

    /// Makes room for `count` flows (the contents are not kept).
    package func ensureFlowScratch(_ count: Int) { flowScratch.ensure(count, preserving: 0) }

    /// Sets `baseTimes[0 ..< count]` to `time` and evaluates the base drift b(x_c, time) of every chain in
    /// one batched call. Returns the number of rows evaluated.
    @inline(__always)
    package func evaluateBaseDrift<D: BatchDrift>(_ drift: D, time: Double) -> Int {
        baseTimes.update(repeating: time, count: count)
        drift.evaluate(states: x, times: baseTimes, count: count, into: base)
        return count
    }

    /// Evaluates all `midpointRows` midpoints in one batched call. Returns the number of rows evaluated.
    @inline(__always)
    package func evaluateMidpoints<D: BatchDrift>(_ drift: D) -> Int {
        if midpointRows == 0 { return 0 }
        drift.evaluate(states: midStates.pointer, times: midTimes.pointer, count: midpointRows, into: midOut.pointer)
        return midpointRows
    }
}

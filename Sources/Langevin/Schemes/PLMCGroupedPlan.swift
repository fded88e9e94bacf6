/// The engine's fast path of `PLMC.plan` (same law and, chain by chain, the same numbers; PN-S01/PN-S02).
///
/// The per-chain midpoint count m is random (Poisson(1) for K = ∞), so a loop that visits the chains in
/// order and runs m-dependent inner loops mispredicts its branches several times per chain. When the noise
/// source draws every chain's numbers from that chain's own streams (`StepNoise.chainsAreIndependent`), the
/// order in which chains are visited does not change any chain's numbers, so this path first draws every
/// chain's count (the first auxiliary draw of its step, as in the plain path), sorts the chains stably into
/// m = 0, 1, 2 and ≥ 3, and visits the classes in that order (the first three with the count fixed at compile
/// time). Each chain draws its
/// times, its Brownian values and updates its state exactly as the plain path does; only the order of the
/// midpoint rows in the batch differs (each chain's rows stay in time order).
extension PLMC {
    /// True when the count of flagged sub-steps is drawn first, by table inversion (K > 8 and K = ∞).
    var drawsMidpointCount: Bool {
        switch substeps {
        case .infinite: return true
        case .finite(let k): return k > PLMC.directBernoulliMaximumK
        }
    }

    func planGroupedByCount<N: StepNoise>(_ ws: BlockWorkspace, table: UnsafeBufferPointer<Double>, time: Double,
                                         noise: inout N) {
        let n = ws.count, d = ws.dimension, eta = stepSize, sqrt2 = 2.0.squareRoot()
        let counts = ws.chainCounts, order = ws.chainOrder
        var zeros = 0, ones = 0, twos = 0, threes = 0, totalRows = 0, largest = 0
        for c in 0..<n {
            let m = noise.draw(chain: c, cumulative: table.baseAddress!, count: table.count)
            counts[c] = Int32(truncatingIfNeeded: m)
            totalRows += m
            largest = max(largest, m)
            zeros += m == 0 ? 1 : 0
            ones += m == 1 ? 1 : 0
            twos += m == 2 ? 1 : 0
            threes += m == 3 ? 1 : 0
        }
        // stable counting sort of the chains into the classes m = 0, 1, 2, 3, ≥ 4 (branch-free placement)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 5) { next in
            next[0] = 0; next[1] = zeros; next[2] = zeros + ones; next[3] = zeros + ones + twos
            next[4] = zeros + ones + twos + threes
            for c in 0..<n {
                let group = Int(min(counts[c], 4))
                order[next[group]] = Int32(truncatingIfNeeded: c)
                next[group] += 1
            }
        }
        let finiteK: Int
        switch substeps {
        case .finite(let k): finiteK = k
        case .infinite: finiteK = 0
        }
        ws.ensureChainScratch(max(finiteK, largest, 16) + 1)
        ws.ensureMidpointRows(totalRows + 1, used: 0)   // + 1: the W(η) row written past the chain's midpoints
        // the workspace's buffers, read once (class properties cost an exclusivity check per access)
        let buffers = PLMCChainBuffers(dimension: d, x: ws.x, base: ws.base, times: ws.timeScratch.pointer,
                                       indices: ws.indexScratch.pointer, midStates: ws.midStates.pointer,
                                       midTimes: ws.midTimes.pointer, midChain: ws.midChain.pointer)
        if N.fillsLaneGroups {
            var rows = 0
            var start = 0
            for (m, size) in [zeros, ones, twos, threes].enumerated() {
                advanceInLaneGroups(order: order + start, chains: size, midpoints: m, finiteK: finiteK, buffers,
                                    ws: ws, time: time, rows: &rows, noise: &noise)
                start += size
            }
            for i in start..<n {
                let c = Int(order[i])
                advanceChain(c, midpoints: Int(counts[c]), finiteK: finiteK, buffers, time: time, rows: &rows, noise: &noise)
            }
            ws.midpointRows = rows
            return
        }
        let w = buffers.midStates
        // m = 0: x ← x + η b₀ + √2 W(η)   (a local query time, so √η is computed once for the loop)
        var end = eta
        for i in 0..<zeros {
            let c = Int(order[i])
            noise.brownian(chain: c, times: &end, count: 1, dimension: d, into: w)
            let x = buffers.x + c * d, b0 = buffers.base + c * d
            for j in 0..<d { x[j] += eta * b0[j] + sqrt2 * w[j] }
        }
        // m = 1 and m = 2: midpoint rows X + s·b₀ + √2 W(s), then x ← x + η b₀ + √2 W(η)
        var rows = 0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3) { tq in
            for i in zeros..<(zeros + ones) {
                let c = Int(order[i])
                tq[0] = flaggedTime(chain: c, finiteK: finiteK, buffers, noise: &noise)
                tq[1] = eta
                formMidpoints(chain: c, midpoints: 1, times: tq.baseAddress!, buffers, time: time, rows: &rows, noise: &noise)
            }
            for i in (zeros + ones)..<(zeros + ones + twos) {
                let c = Int(order[i])
                flaggedTimes(chain: c, count: 2, finiteK: finiteK, buffers, into: tq.baseAddress!, noise: &noise)
                tq[2] = eta
                formMidpoints(chain: c, midpoints: 2, times: tq.baseAddress!, buffers, time: time, rows: &rows, noise: &noise)
            }
        }
        for i in (zeros + ones + twos)..<n {
            let c = Int(order[i])
            advanceChain(c, midpoints: Int(counts[c]), finiteK: finiteK, buffers, time: time, rows: &rows, noise: &noise)
        }
        ws.midpointRows = rows
    }

    /// The chains `order[0 ..< chains]`, all with m midpoints, four at a time: each chain's flagged times (drawn chain
    /// by chain from its auxiliary stream, as the plain path draws them), the (m + 1)·d Gaussians of the four chains in
    /// one `standardNormals(lanes:…)` call, then `formMidpointsInLanes`; the last 1–3 chains go chain by chain
    /// (`advanceChain`). The same numbers as the plain path for every chain.
    func advanceInLaneGroups<N: StepNoise>(order: UnsafeMutablePointer<Int32>, chains: Int, midpoints m: Int,
                                           finiteK: Int, _ buffers: PLMCChainBuffers, ws: BlockWorkspace,
                                           time: Double, rows: inout Int, noise: inout N) {
        let d = buffers.dimension, eta = stepSize
        ws.ensureVectorScratch(4 * d * (m + 1) + 8 * (m + 1))
        let normals = ws.vectorScratch.pointer, times = normals + 4 * d * (m + 1), scales = times + 4 * (m + 1)
        var first = 0
        while first + 4 <= chains {
            let lanes = SIMD4(Int(order[first]), Int(order[first + 1]), Int(order[first + 2]), Int(order[first + 3]))
            for l in 0..<4 {
                flaggedTimes(chain: lanes[l], count: m, finiteK: finiteK, buffers, into: buffers.times, noise: &noise)
                for s in 0..<m { times[4 * s + l] = buffers.times[s] }
                times[4 * m + l] = eta
            }
            noise.standardNormals(lanes: lanes, count: (m + 1) * d, into: normals)
            formMidpointsInLanes(lanes, midpoints: m, times: times, normals: normals, scales: scales, buffers, time: time,
                                 rows: &rows)
            first += 4
        }
        for i in first..<chains {
            advanceChain(Int(order[i]), midpoints: m, finiteK: finiteK, buffers, time: time, rows: &rows, noise: &noise)
        }
    }

    /// `formMidpoints` for four chains at once, the chains' coordinate j side by side in SIMD lanes, from their
    /// Gaussians interleaved by lane (`normals[4·(k·d + j) + l]`, increment k) and query times (`times[4k + l]`,
    /// t_m = η): W(t_k) = W(t_(k−1)) + √(t_k − t_(k−1))·g_k built on the fly (PN-S05), the midpoint rows
    /// X + t_k·b₀ + √2 W(t_k) and x ← x + η b₀ + √2 W(η) — the plain path's expressions in its order, so the same
    /// numbers. Each chain's m rows are consecutive (lane 0's first); `scales` (4(m + 1) doubles of scratch) holds the
    /// √(t_k − t_(k−1)).
    @inline(__always)
    func formMidpointsInLanes(_ lanes: SIMD4<Int>, midpoints m: Int, times: UnsafePointer<Double>,
                              normals: UnsafePointer<Double>, scales: UnsafeMutablePointer<Double>,
                              _ buffers: PLMCChainBuffers, time: Double, rows: inout Int) {
        typealias V = SIMD4<Double>
        let d = buffers.dimension, eta = stepSize, sqrt2 = 2.0.squareRoot()
        let x0 = buffers.x + lanes[0] * d, x1 = buffers.x + lanes[1] * d
        let x2 = buffers.x + lanes[2] * d, x3 = buffers.x + lanes[3] * d
        let b0 = buffers.base + lanes[0] * d, b1 = buffers.base + lanes[1] * d
        let b2 = buffers.base + lanes[2] * d, b3 = buffers.base + lanes[3] * d
        let g = UnsafeRawPointer(normals), at = UnsafeRawPointer(times), scale = UnsafeMutableRawPointer(scales)
        let first = buffers.midStates + rows * d, chainRows = m * d
        // √(t_k − t_(k−1)) of every lane, once per group
        var previous = V(repeating: 0)
        for k in 0...m {
            let t = at.loadUnaligned(fromByteOffset: 32 * k, as: V.self)
            scale.storeBytes(of: (t - previous).packedSquareRoot(), toByteOffset: 32 * k, as: V.self)
            previous = t
        }
        for j in 0..<d {
            let xj = V(x0[j], x1[j], x2[j], x3[j]), bj = V(b0[j], b1[j], b2[j], b3[j])
            var w = V(repeating: 0)
            for k in 0...m {
                let gk = g.loadUnaligned(fromByteOffset: 32 * (k * d + j), as: V.self)
                let sk = scale.loadUnaligned(fromByteOffset: 32 * k, as: V.self)
                w = k == 0 ? gk * sk : w + sk * gk
                if k < m {
                    let row = xj + at.loadUnaligned(fromByteOffset: 32 * k, as: V.self) * bj + sqrt2 * w
                    let r = first + k * d + j
                    r[0] = row[0]; r[chainRows] = row[1]; r[2 * chainRows] = row[2]; r[3 * chainRows] = row[3]
                }
            }
            let next = xj + (eta * bj + sqrt2 * w)
            x0[j] = next[0]; x1[j] = next[1]; x2[j] = next[2]; x3[j] = next[3]
        }
        for l in 0..<4 {
            for k in 0..<m {
                buffers.midTimes[rows + l * m + k] = time + times[4 * k + l]
                buffers.midChain[rows + l * m + k] = Int32(truncatingIfNeeded: lanes[l])
            }
        }
        rows += 4 * m
    }

    /// W at `times[0 ... m]` (the last one η) into rows `rows ..< rows + m + 1`, the m midpoint rows
    /// X + s·b₀ + √2 W(s) in place, and x ← x + η b₀ + √2 W(η).
    @inline(__always)
    func formMidpoints<N: StepNoise>(chain c: Int, midpoints m: Int, times tq: UnsafeMutablePointer<Double>,
                                     _ buffers: PLMCChainBuffers, time: Double, rows: inout Int, noise: inout N) {
        let d = buffers.dimension, eta = stepSize, sqrt2 = 2.0.squareRoot()
        let block = buffers.midStates + rows * d
        noise.brownian(chain: c, times: tq, count: m + 1, dimension: d, into: block)
        let x = buffers.x + c * d, b0 = buffers.base + c * d
        for s in 0..<m {
            let row = block + s * d, f = tq[s]
            for j in 0..<d { row[j] = x[j] + f * b0[j] + sqrt2 * row[j] }
            buffers.midTimes[rows + s] = time + f
            buffers.midChain[rows + s] = Int32(truncatingIfNeeded: c)
        }
        let wEnd = block + m * d
        for j in 0..<d { x[j] += eta * b0[j] + sqrt2 * wEnd[j] }
        rows += m
    }

    /// `count` sorted flagged times of a chain: (i + 1)·h for a sorted `count`-subset of 0 … K−2, or `count`
    /// uniforms times η sorted by insertion (K = ∞); the same draws as the general path.
    @inline(__always)
    func flaggedTimes<N: StepNoise>(chain c: Int, count m: Int, finiteK: Int, _ buffers: PLMCChainBuffers,
                                    into tq: UnsafeMutablePointer<Double>, noise: inout N) {
        if finiteK > 0 {
            let idx = buffers.indices, h = stepSize / Double(finiteK)
            noise.sortedSubset(chain: c, size: m, from: finiteK - 1, into: idx)
            for s in 0..<m { tq[s] = Double(idx[s] + 1) * h }
        } else {
            drawSortedUniformTimes(count: m, chain: c, length: stepSize, into: tq, noise: &noise)
        }
    }

    /// The single flagged time of a chain with m = 1: (i + 1)·h for i uniform on 0 … K−2, or U·η (K = ∞);
    /// the same draw as the general path's subset of size one.
    @inline(__always)
    func flaggedTime<N: StepNoise>(chain c: Int, finiteK: Int, _ buffers: PLMCChainBuffers, noise: inout N) -> Double {
        if finiteK > 0 {
            noise.sortedSubset(chain: c, size: 1, from: finiteK - 1, into: buffers.indices)
            return Double(buffers.indices[0] + 1) * (stepSize / Double(finiteK))
        }
        return noise.uniform(chain: c) * stepSize
    }

    /// One chain with its count m already drawn (any m): its flagged times, then `formMidpoints`.
    @inline(never)
    func advanceChain<N: StepNoise>(_ c: Int, midpoints m: Int, finiteK: Int, _ buffers: PLMCChainBuffers,
                                    time: Double, rows: inout Int, noise: inout N) {
        flaggedTimes(chain: c, count: m, finiteK: finiteK, buffers, into: buffers.times, noise: &noise)
        buffers.times[m] = stepSize
        formMidpoints(chain: c, midpoints: m, times: buffers.times, buffers, time: time, rows: &rows, noise: &noise)
    }
}

/// The workspace pointers one PLMC step writes through, read once per step.
struct PLMCChainBuffers {
    let dimension: Int
    let x: UnsafeMutablePointer<Double>
    let base: UnsafeMutablePointer<Double>
    let times: UnsafeMutablePointer<Double>
    let indices: UnsafeMutablePointer<Int>
    let midStates: UnsafeMutablePointer<Double>
    let midTimes: UnsafeMutablePointer<Double>
    let midChain: UnsafeMutablePointer<Int32>
}

import SchemeVocabulary

/// The randomized midpoint method for overdamped Langevin dynamics (Shen & Lee, arXiv 1909.05503, the
/// overdamped form of their Alg. 1), with the midpoint and the endpoint on ONE Brownian path:
///
///     u ~ U[0, 1)
///     Y  = X + u·η·b(X, t) + √2·W(uη)
///     X' = X + η·b(Y, t + uη) + √2·W(η)
///
/// Two drift calls per step (base b(X, t) and b(Y)). Stationary covariance bias O(η³) on Gaussian targets
/// (docs/theory.md §4.2: aσ² = 3(2 − 2x + x²)/(6 − 6x + 3x² − x³) = 1 + x³/6 + …). The uniform u is drawn from
/// the auxiliary stream; W(uη), W(η) from the Brownian stream by independent increments (PN-S05).
/// Reference: Shen & Lee, "The randomized midpoint method for log-concave sampling", arXiv 1909.05503;
/// docs/theory.md §2.1 and §2.4.
///
/// Mutations: independent midpoint noise (W(uη) of the midpoint from an independent path drawn from the auxiliary
/// stream), independent endpoint noise (W(η) of the update independent of the midpoint's W(uη), drawn from the
/// auxiliary stream), √η noise (the factor √2 dropped).
package struct RLMC: VocabularyScheme {
    package let stepSize: Double
    package let variant: SchemeVariant

    package init(stepSize: Double) {
        self.stepSize = stepSize
        variant = SchemeVariant(.rlmc)
    }

    /// RLMC with a mutation the engine runs: independent midpoint or endpoint noise, √η noise.
    package init(stepSize: Double, mutation: SchemeMutation?) throws(SimulationError) {
        switch mutation {
        case nil, .independentMidpointNoise?, .independentEndpointNoise?, .noiseSqrtEta?: break
        case .some(let m): throw .unsupported("the engine's RLMC has no mutation \"\(m)\"")
        }
        self.stepSize = stepSize
        variant = try .engineVariant(.rlmc, mutation)
    }

    package var midpointRowsPerChain: Int { 2 }

    package func validate() throws(SimulationError) { try validateVariant() }

    package func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                      noise: inout N) -> Int {
        if variant.mutation != nil { return advanceMutant(ws, drift: drift, time: time, noise: &noise) }
        let d = ws.dimension, eta = stepSize, n = ws.count
        var calls = ws.evaluateBaseDrift(drift, time: time)
        let sqrt2 = 2.0.squareRoot()
        ws.ensureMidpointRows(n + 1, used: 0)
        let mid = ws.midStates.pointer, times = ws.midTimes.pointer, owner = ws.midChain.pointer
        ws.ensureChainScratch(2)
        let tq = ws.timeScratch.pointer
        tq[1] = eta
        let laneChains = N.fillsLaneGroups ? advanceInLaneGroups(ws, time: time, noise: &noise) : 0
        for c in laneChains..<n {
            tq[0] = noise.uniform(chain: c) * eta
            // W(uη) lands in the midpoint row, W(η) in the next row (overwritten by the next chain).
            let row = mid + c * d
            noise.brownian(chain: c, times: tq, count: 2, dimension: d, into: row)
            let x = ws.x + c * d, b0 = ws.base + c * d, wEnd = row + d
            let s = tq[0]
            for j in 0..<d {
                let endNoise = sqrt2 * wEnd[j]
                row[j] = x[j] + s * b0[j] + sqrt2 * row[j]
                x[j] += endNoise
            }
            times[c] = time + s
            owner[c] = Int32(truncatingIfNeeded: c)
        }
        ws.midpointRows = n
        calls += ws.evaluateMidpoints(drift)
        let out = ws.midOut.pointer
        for c in 0..<n {
            let x = ws.x + c * d, o = out + c * d
            for j in 0..<d { x[j] += eta * o[j] }
        }
        return calls
    }

    /// The mutated step: the same arithmetic with the mutation's noise (see the type's comment).
    func advanceMutant<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, time: Double,
                                                   noise: inout N) -> Int {
        let d = ws.dimension, eta = stepSize, n = ws.count
        var calls = ws.evaluateBaseDrift(drift, time: time)
        let scale = variant.mutation == .noiseSqrtEta ? 1 : 2.0.squareRoot()
        ws.ensureMidpointRows(n + 1, used: 0)
        ws.ensureVectorScratch(d)
        let mid = ws.midStates.pointer, times = ws.midTimes.pointer, owner = ws.midChain.pointer
        let fresh = ws.vectorScratch.pointer
        ws.ensureChainScratch(2)
        let tq = ws.timeScratch.pointer
        tq[1] = eta
        for c in 0..<n {
            tq[0] = noise.uniform(chain: c) * eta
            let row = mid + c * d
            noise.brownian(chain: c, times: tq, count: 2, dimension: d, into: row)
            switch variant.mutation {
            case .independentMidpointNoise?:
                // W′(uη) = √(uη)·g′ from the auxiliary stream replaces the midpoint's W(uη)
                noise.auxiliaryStandardNormals(chain: c, count: d, into: fresh)
                let root = tq[0].squareRoot()
                for j in 0..<d { row[j] = root * fresh[j] }
            case .independentEndpointNoise?:
                // W″(η) = √η·g″ from the auxiliary stream replaces the update's W(η)
                noise.auxiliaryStandardNormals(chain: c, count: d, into: fresh)
                let root = eta.squareRoot()
                for j in 0..<d { row[d + j] = root * fresh[j] }
            default: break
            }
            let x = ws.x + c * d, b0 = ws.base + c * d, wEnd = row + d
            let s = tq[0]
            for j in 0..<d {
                let endNoise = scale * wEnd[j]
                row[j] = x[j] + s * b0[j] + scale * row[j]
                x[j] += endNoise
            }
            times[c] = time + s
            owner[c] = Int32(truncatingIfNeeded: c)
        }
        ws.midpointRows = n
        calls += ws.evaluateMidpoints(drift)
        let out = ws.midOut.pointer
        for c in 0..<n {
            let x = ws.x + c * d, o = out + c * d
            for j in 0..<d { x[j] += eta * o[j] }
        }
        return calls
    }
}

extension RLMC {
    /// The first ⌊n/4⌋·4 chains of the block, four consecutive chains at a time: each chain's u from its auxiliary
    /// stream (as the plain path draws it), the four chains' 2d Gaussians in one `standardNormals(lanes:…)` call,
    /// W(uη) = √(uη)·g₁ and W(η) = W(uη) + √(η − uη)·g₂ (PN-S05), the midpoint row X + uη·b₀ + √2 W(uη) and
    /// x ← x + √2 W(η), with the four chains' coordinate j side by side in SIMD lanes — the plain path's expressions,
    /// so the same numbers. Returns the number of chains done (the caller does the rest chain by chain).
    func advanceInLaneGroups<N: StepNoise>(_ ws: BlockWorkspace, time: Double, noise: inout N) -> Int {
        typealias V = SIMD4<Double>
        let d = ws.dimension, eta = stepSize, n = ws.count, sqrt2 = 2.0.squareRoot()
        ws.ensureVectorScratch(8 * d)
        let g = UnsafeRawPointer(ws.vectorScratch.pointer)
        let mid = ws.midStates.pointer, times = ws.midTimes.pointer, owner = ws.midChain.pointer
        var first = 0
        while first + 4 <= n {
            let u = V(noise.uniform(chain: first) * eta, noise.uniform(chain: first + 1) * eta,
                      noise.uniform(chain: first + 2) * eta, noise.uniform(chain: first + 3) * eta)
            noise.standardNormals(lanes: SIMD4(first, first + 1, first + 2, first + 3), count: 2 * d,
                                  into: ws.vectorScratch.pointer)
            let toMidpoint = u.packedSquareRoot(), toEnd = (V(repeating: eta) - u).packedSquareRoot()
            let x0 = ws.x + first * d, b = ws.base + first * d, r = mid + first * d
            for j in 0..<d {
                let wMid = g.loadUnaligned(fromByteOffset: 32 * j, as: V.self) * toMidpoint
                let wEnd = wMid + toEnd * g.loadUnaligned(fromByteOffset: 32 * (d + j), as: V.self)
                let xj = V(x0[j], x0[d + j], x0[2 * d + j], x0[3 * d + j])
                let bj = V(b[j], b[d + j], b[2 * d + j], b[3 * d + j])
                let row = xj + u * bj + sqrt2 * wMid, next = xj + sqrt2 * wEnd
                r[j] = row[0]; r[d + j] = row[1]; r[2 * d + j] = row[2]; r[3 * d + j] = row[3]
                x0[j] = next[0]; x0[d + j] = next[1]; x0[2 * d + j] = next[2]; x0[3 * d + j] = next[3]
            }
            for l in 0..<4 {
                times[first + l] = time + u[l]
                owner[first + l] = Int32(truncatingIfNeeded: first + l)
            }
            first += 4
        }
        return first
    }
}

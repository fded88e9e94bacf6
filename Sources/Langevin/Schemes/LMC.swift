import SchemeVocabulary

/// The Langevin Monte Carlo step (Euler–Maruyama for dX = b(X, t) dt + √2 dB):
///
///     X' = X + η·b(X, t) + √2·W(η),      W(η) ~ N(0, η I), W(η) = √η·g
///
/// One drift call per step; first order in every sense (`Scheme.lmc.theory`). Reference: the OLMC row of the
/// general form X_{t+1} = A_η X_t + G_η b(X_t, tη) + Γ_η Z_t with (A, G, Γ) = (I, ηI, √(2η) I), Kandasamy & Nagaraj,
/// arXiv 2405.17068, §2 (docs/theory.md §1). The noise is queried as the Brownian value W(η) (PN-S05), so LMC can
/// share a path with other schemes. Mutation: √η noise (the factor √2 dropped).
package struct LMC: VocabularyScheme {
    package let stepSize: Double
    package let variant: SchemeVariant
    /// √2, or 1 for the √η-noise mutant.
    let noiseScale: Double

    package init(stepSize: Double) {
        self.stepSize = stepSize
        variant = SchemeVariant(.lmc)
        noiseScale = 2.0.squareRoot()
    }

    /// LMC with a mutation the engine runs: `.noiseSqrtEta`.
    package init(stepSize: Double, mutation: SchemeMutation?) throws(SimulationError) {
        guard mutation == nil || mutation == .noiseSqrtEta else {
            throw .unsupported("the engine's LMC has no mutation \"\(mutation!)\"")
        }
        self.stepSize = stepSize
        variant = try .engineVariant(.lmc, mutation)
        noiseScale = mutation == .noiseSqrtEta ? 1 : 2.0.squareRoot()
    }

    package var midpointRowsPerChain: Int { 1 }

    package func validate() throws(SimulationError) { try validateVariant() }

    package func advance<D: BatchDrift, N: StepNoise>(_ ws: BlockWorkspace, drift: D, step: Int, time: Double,
                                                      noise: inout N) -> Int {
        let d = ws.dimension, eta = stepSize, n = ws.count
        let calls = ws.evaluateBaseDrift(drift, time: time)
        let scale = noiseScale
        ws.midpointRows = 0
        let laneChains = N.fillsLaneGroups ? advanceInLaneGroups(ws, noise: &noise) : 0
        let w = ws.scratch
        var endTime = eta
        for c in laneChains..<n {
            noise.brownian(chain: c, times: &endTime, count: 1, dimension: d, into: w)
            let x = ws.x + c * d, b0 = ws.base + c * d
            for j in 0..<d { x[j] += eta * b0[j] + scale * w[j] }
        }
        return calls
    }
}

extension LMC {
    /// Four consecutive chains at a time: their d Gaussians in one `standardNormals(lanes:…)` call, W(η) = √η·g
    /// (PN-S05) and x ← x + η b₀ + scale·W(η) with the four chains' coordinate j side by side in SIMD lanes — the plain
    /// path's expressions, so the same numbers. Returns the number of chains done, ⌊n/4⌋·4 (the caller does the rest
    /// chain by chain).
    func advanceInLaneGroups<N: StepNoise>(_ ws: BlockWorkspace, noise: inout N) -> Int {
        let d = ws.dimension, eta = stepSize, n = ws.count, scale = noiseScale
        ws.ensureVectorScratch(4 * d)
        let g = UnsafeRawPointer(ws.vectorScratch.pointer), x = ws.x, base = ws.base
        let rootEta = SIMD4<Double>(repeating: eta.squareRoot())
        var first = 0
        while first + 4 <= n {
            noise.standardNormals(lanes: SIMD4(first, first + 1, first + 2, first + 3), count: d,
                                  into: ws.vectorScratch.pointer)
            let x0 = x + first * d, b = base + first * d
            for j in 0..<d {
                let xj = SIMD4(x0[j], x0[d + j], x0[2 * d + j], x0[3 * d + j])
                let bj = SIMD4(b[j], b[d + j], b[2 * d + j], b[3 * d + j])
                let w = g.loadUnaligned(fromByteOffset: 32 * j, as: SIMD4<Double>.self) * rootEta
                let next = xj + (eta * bj + scale * w)
                x0[j] = next[0]; x0[d + j] = next[1]; x0[2 * d + j] = next[2]; x0[3 * d + j] = next[3]
            }
            first += 4
        }
        return first
    }
}

extension SchemeVariant {
    /// Wraps `SchemeVariant.init(_:mutation:)`'s error for the engine.
    static func engineVariant(_ scheme: Scheme, _ mutation: SchemeMutation?) throws(SimulationError) -> SchemeVariant {
        do { return try SchemeVariant(scheme, mutation: mutation) } catch { throw SimulationError(error) }
    }
}

import Randomness
import SchemeVocabulary

/// PLMC on the DDPM chain (Kandasamy & Nagaraj, arXiv 2405.17068, §2, DDPM version; docs/theory.md §8.8; PN-D04).
extension DiffusionEnsemble {
    /// Blocks of n consecutive fine steps x′ = Aᵢx + Bᵢε(x, tᵢ) + Sᵢzᵢ from t = T − 1 down. In each block:
    ///   e₀ = ε(X, t₀);  Ỹ₀ = X,  Ỹᵢ₊₁ = AᵢỸᵢ + Bᵢe₀ + Sᵢzᵢ (the chain's own update noise zᵢ);
    ///   X′ = Ỹₙ + Σ_{i=1}^{n−1} Hᵢ · n(Π_{l>i} A_l)Bᵢ · (ε(Ỹᵢ, tᵢ) − e₀),  Hᵢ ~ Bernoulli(1/n) from the auxiliary stream.
    /// E[NFE] = 2 − 1/n per block; n = 1 is the fine step itself, so K = 1 reproduces DDPM-T pathwise. Mutants:
    /// `.midpointAtBlockStartTime` evaluates ε(Ỹᵢ, t₀); `.independentCheapPathNoise` evaluates the midpoints on a path
    /// driven by the independent z′ᵢ of the `.candidateBridge` stream while the endpoint Ỹₙ keeps zᵢ.
    func runPLMC(fine: [AncestralStep], blocks: [Int], sign: Double) throws(DiffusionError) {
        let atStart = variant.mutation == .midpointAtBlockStartTime
        let separatePath = variant.mutation == .independentCheapPathNoise
        var weights = [Double](repeating: 0, count: blocks.max() ?? 1)
        var first = 0
        for (blockIndex, size) in blocks.enumerated() {
            let steps = fine[first..<(first + size)]
            let startLevel = model.level(alphaBar: steps[first].alphaBar)
            let probability = 1 / Double(size)
            // Phase 1: e₀, the flags, an empty correction sum (and the mutant's midpoint path at X).
            forEachBlock { w, firstChain, count in
                let x = states + firstChain * d
                predict(w, x, count: count, level: startLevel, into: carried + firstChain * d)
                for r in 0..<count {
                    let chain = firstChain + r
                    evaluations[chain] += 1
                    let words = flags + chain * flagWords
                    for k in 0..<flagWords { words[k] = 0 }
                    if size >= 2 {
                        for i in 1..<size where auxiliary[chain].nextBernoulliUnchecked(probability) {
                            words[i >> 6] |= 1 << UInt64(i & 63)
                        }
                    }
                }
                for i in 0..<(count * d) { corrections[firstChain * d + i] = 0 }
                if separatePath { for i in 0..<(count * d) { midpointPath[firstChain * d + i] = x[i] } }
            }
            for k in 0..<flagWords { flagUnion[k] = 0 }
            for chain in 0..<n { for k in 0..<flagWords { flagUnion[k] |= flags[chain * flagWords + k] } }
            // Weights n (Π_{l>i} A_l) Bᵢ with the score sign.
            var suffix = 1.0
            for i in stride(from: size - 1, through: 0, by: -1) {
                weights[i] = Double(size) * suffix * sign * steps[first + i].scoreFactor
                suffix *= steps[first + i].stateFactor
            }
            // Phase 2: for i = 0 … n − 1, the flagged midpoints at Ỹᵢ, then the cheap step to Ỹᵢ₊₁.
            for i in 0..<size {
                let step = steps[first + i]
                let flagged = i >= 1 && flagUnion[i >> 6] & (1 << UInt64(i & 63)) != 0
                let midLevel = flagged ? (atStart ? startLevel : model.level(alphaBar: step.alphaBar)) : startLevel
                let a = step.stateFactor, b = sign * step.scoreFactor, s = step.noiseScale
                let weight = weights[i]
                let last = i == size - 1
                forEachBlock { w, firstChain, count in
                    let gathered = scratch(w, 0), eps = scratch(w, 1), z = scratch(w, 2)
                    let path = separatePath ? midpointPath : states
                    if flagged {
                        var rows = 0
                        for r in 0..<count where flags[(firstChain + r) * flagWords + (i >> 6)] & (1 << UInt64(i & 63)) != 0 {
                            let source = path + (firstChain + r) * d
                            for j in 0..<d { gathered[rows * d + j] = source[j] }
                            rows += 1
                        }
                        if rows > 0 { predict(w, gathered, count: rows, level: midLevel, into: eps) }
                        rows = 0
                        for r in 0..<count where flags[(firstChain + r) * flagWords + (i >> 6)] & (1 << UInt64(i & 63)) != 0 {
                            let chain = firstChain + r
                            evaluations[chain] += 1
                            let e0 = carried + chain * d, sum = corrections + chain * d, er = eps + rows * d
                            for j in 0..<d { sum[j] += weight * (er[j] - e0[j]) }
                            rows += 1
                        }
                    }
                    for r in 0..<count {
                        let chain = firstChain + r
                        let y = states + chain * d, e0 = carried + chain * d
                        if s != 0 {
                            drawUpdateNoise(chain, into: z)
                            for j in 0..<d { y[j] = a * y[j] + b * e0[j] + s * z[j] }
                            if separatePath {
                                let m = midpointPath + chain * d
                                bridge[chain].fill(z, count: d)
                                for j in 0..<d { m[j] = a * m[j] + b * e0[j] + s * z[j] }
                            }
                        } else {
                            for j in 0..<d { y[j] = a * y[j] + b * e0[j] }
                            if separatePath {
                                let m = midpointPath + chain * d
                                for j in 0..<d { m[j] = a * m[j] + b * e0[j] }
                            }
                        }
                        if last {
                            let sum = corrections + chain * d
                            for j in 0..<d { y[j] += sum[j] }
                        }
                    }
                    if last { checkFinite(w, first: firstChain, count: count) }
                }
            }
            try throwIfDiverged(step: blockIndex)
            first += size
        }
    }
}

import SchemeVocabulary

/// The sampler loops. Each mirrors the arithmetic of the formulas in docs/theory.md §8.2–§8.7 term by term (the
/// pathwise references in data/reference/diffusion were computed with the same arrangement).
extension DiffusionEnsemble {
    func run() throws(DiffusionError) {
        switch plan {
        case let .ancestral(steps, sign): try runAncestral(steps, sign: sign)
        case let .dpmSolver2(steps, final, sign):
            try runDPMSolver2(steps, sign: sign)
            try runAncestral([final], sign: sign, stepOffset: steps.count)
        case let .dpmSolverPP2M(steps, sign): try runDPMSolverPP2M(steps, sign: sign)
        case let .heun(sigmas, sign): try runHeun(sigmas, sign: sign)
        case let .plmc(fine, blocks, sign): try runPLMC(fine: fine, blocks: blocks, sign: sign)
        }
    }

    /// x′ = a x + b ε(x, ᾱ) + s z (DDPM, Ho et al. 2020, Alg. 2; DDIM, Song et al. 2021, Eq. 12, s = 0).
    func runAncestral(_ steps: [AncestralStep], sign: Double, stepOffset: Int = 0) throws(DiffusionError) {
        for (index, step) in steps.enumerated() {
            let level = model.level(alphaBar: step.alphaBar)
            let a = step.stateFactor, b = sign * step.scoreFactor, s = step.noiseScale
            forEachBlock { w, first, count in
                let eps = scratch(w, 0), z = scratch(w, 1)
                let x = states + first * d
                predict(w, x, count: count, level: level, into: eps)
                for r in 0..<count {
                    let chain = first + r
                    evaluations[chain] += 1
                    let xr = x + r * d, er = eps + r * d
                    if s != 0 {
                        drawUpdateNoise(chain, into: z)
                        for j in 0..<d { xr[j] = a * xr[j] + b * er[j] + s * z[j] }
                    } else {
                        for j in 0..<d { xr[j] = a * xr[j] + b * er[j] }
                    }
                }
                checkFinite(w, first: first, count: count)
            }
            try throwIfDiverged(step: stepOffset + index)
        }
    }

    /// DPM-Solver-2 (Lu et al. 2022a, Alg. 1, r₁ = ½): u = a_m x + b_m ε(x, s), x′ = a_t x + b_t ε(u, m).
    func runDPMSolver2(_ steps: [MidpointStep], sign: Double) throws(DiffusionError) {
        for (index, step) in steps.enumerated() {
            let start = model.level(alphaBar: step.alphaBarStart), mid = model.level(alphaBar: step.alphaBarMidpoint)
            let am = step.midpointStateFactor, bm = sign * step.midpointScoreFactor
            let at = step.endStateFactor, bt = sign * step.endScoreFactor
            forEachBlock { w, first, count in
                let eps = scratch(w, 0), u = scratch(w, 1)
                let x = states + first * d
                predict(w, x, count: count, level: start, into: eps)
                for i in 0..<(count * d) { u[i] = am * x[i] + bm * eps[i] }
                predict(w, u, count: count, level: mid, into: eps)
                for i in 0..<(count * d) { x[i] = at * x[i] + bt * eps[i] }
                for r in 0..<count { evaluations[first + r] += 2 }
                checkFinite(w, first: first, count: count)
            }
            try throwIfDiverged(step: index)
        }
    }

    /// DPM-Solver++(2M) (Lu et al. 2022b, Alg. 2): x̂₀ = (x − σε)/α; D = x̂₀ (first step) or
    /// (1 + 1/(2r)) x̂₀ − x̂₀_prev/(2r); x′ = (σ′/σ) x − α′(e^{−h} − 1) D; the last step returns x̂₀.
    func runDPMSolverPP2M(_ steps: [MultistepStep], sign: Double) throws(DiffusionError) {
        for (index, step) in steps.enumerated() {
            let level = model.level(alphaBar: step.alphaBar)
            let sigma = sign * step.sigma, alpha = step.alpha
            forEachBlock { w, first, count in
                let eps = scratch(w, 0)
                let x = states + first * d, previous = carried + first * d
                predict(w, x, count: count, level: level, into: eps)
                for r in 0..<count { evaluations[first + r] += 1 }
                if step.isLast {
                    for i in 0..<(count * d) { x[i] = (x[i] - sigma * eps[i]) / alpha }
                } else if let ratio = step.stepRatio {
                    let c1 = 1 + 1 / (2 * ratio), c2 = 2 * ratio
                    for i in 0..<(count * d) {
                        let data = (x[i] - sigma * eps[i]) / alpha
                        let extrapolated = c1 * data - previous[i] / c2
                        x[i] = step.ratio * x[i] + step.dataFactor * extrapolated
                        previous[i] = data
                    }
                } else {
                    for i in 0..<(count * d) {
                        let data = (x[i] - sigma * eps[i]) / alpha
                        x[i] = step.ratio * x[i] + step.dataFactor * data
                        previous[i] = data
                    }
                }
                checkFinite(w, first: first, count: count)
            }
            try throwIfDiverged(step: index)
        }
    }

    /// Heun on the probability-flow ODE in VE variables (Karras et al. 2022, Alg. 1, σ(t) = t, s(t) = 1, no churn):
    /// x̂ = x√(1 + σ̂₀²); D(x̂; σ̂) = x̂ − σ̂ ε(x̂/√(1 + σ̂²), 1/(1 + σ̂²)), d = (x̂ − D)/σ̂; Euler predictor, trapezoidal
    /// corrector except on the last step to σ̂ = 0.
    func runHeun(_ sigmas: [Double], sign: Double) throws(DiffusionError) {
        let scale = (1 + sigmas[0] * sigmas[0]).squareRoot()
        forEachBlock { _, first, count in
            let x = states + first * d
            for i in 0..<(count * d) { x[i] *= scale }
        }
        var level = model.level(alphaBar: 1 / (1 + sigmas[0] * sigmas[0]))
        for index in 0..<(sigmas.count - 1) {
            let s = sigmas[index], next = sigmas[index + 1]
            let nextLevel = next == 0 ? level : model.level(alphaBar: 1 / (1 + next * next))
            let root = (1 + s * s).squareRoot(), nextRoot = (1 + next * next).squareRoot()
            forEachBlock { w, first, count in
                let eps = scratch(w, 0), scaled = scratch(w, 1), slope = scratch(w, 2), euler = scratch(w, 3)
                let x = states + first * d
                for i in 0..<(count * d) { scaled[i] = x[i] / root }
                predict(w, scaled, count: count, level: level, into: eps)
                for i in 0..<(count * d) {
                    let denoised = x[i] - s * (sign * eps[i])
                    slope[i] = (x[i] - denoised) / s
                    euler[i] = x[i] + (next - s) * slope[i]
                }
                if next == 0 {
                    for i in 0..<(count * d) { x[i] = euler[i] }
                    for r in 0..<count { evaluations[first + r] += 1 }
                } else {
                    for i in 0..<(count * d) { scaled[i] = euler[i] / nextRoot }
                    predict(w, scaled, count: count, level: nextLevel, into: eps)
                    for i in 0..<(count * d) {
                        let denoised = euler[i] - next * (sign * eps[i])
                        let corrected = (euler[i] - denoised) / next
                        x[i] = x[i] + (next - s) * 0.5 * (slope[i] + corrected)
                    }
                    for r in 0..<count { evaluations[first + r] += 2 }
                }
                checkFinite(w, first: first, count: count)
            }
            try throwIfDiverged(step: index)
            level = nextLevel
        }
    }
}

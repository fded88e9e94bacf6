import Foundation

/// A two-sided interval for the mean of iid values in [a, b] by betting (Waudby-Smith & Ramdas, "Estimating means of
/// bounded random variables by betting", JRSS-B 2024, §4, the hedged capital process; docs/testing-policy.md R12).
///
/// With yᵢ = (xᵢ − a)/(b − a) ∈ [0, 1] and a candidate mean m, the capital processes
///   K⁺(m) = Πᵢ (1 + λᵢ (yᵢ − m)),   K⁻(m) = Πᵢ (1 − λᵢ (yᵢ − m)),
/// with bets λᵢ ∈ [0, ½] chosen from y₁ … yᵢ₋₁ only (predictable plug-in: λᵢ = min(½, √(2 ln(2/α)/(n σ̂²ᵢ₋₁))),
/// σ̂²ᵢ₋₁ = (¼ + Σ_{j<i} (yⱼ − ȳⱼ)²)/i), are non-negative martingales with initial value 1 at the true mean, so by Ville's
/// inequality P(K⁺(μ) ≥ 2/α) ≤ α/2 and P(K⁻(μ) ≥ 2/α) ≤ α/2. The interval {m : K⁺(m) < 2/α and K⁻(m) < 2/α} therefore
/// holds with probability ≥ 1 − α. The bets do not depend on m, so K⁺ decreases and K⁻ increases in m, and each end is
/// found by bisection. Unlike the empirical Bernstein bound (range term 7(b − a) ln(4/α)/(3(n − 1))), its width follows
/// the sample's spread down to about (b − a) ln(2/α)/n, which is what paired differences under common random numbers need.
public func bettingInterval(_ values: [Double], range: ClosedRange<Double>, alpha: Double) throws(VerificationError)
    -> (lower: Double, upper: Double, mean: Double) {
    try requireSampleSize(values.count, minimum: 2)
    try requireLevel(alpha, "α")
    let width = try rangeWidth(range)
    let a = range.lowerBound, n = values.count
    let mean = values.reduce(0, +) / Double(n)
    guard width > 0 else { return (a, a, a) }
    var y = [Double](repeating: 0, count: n), bets = [Double](repeating: 0, count: n)
    var sum = 0.0, squares = 0.25
    let logTerm = log(2 / alpha)
    for i in 0..<n {
        let v = (values[i] - a) / width
        try require(v >= -1e-12 && v <= 1 + 1e-12, "value", values[i], "must lie in \(range)")
        y[i] = min(1, max(0, v))
        let variance = squares / Double(i + 1)
        bets[i] = min(0.5, (2 * logTerm / (Double(n) * variance)).squareRoot())
        let runningMean = (0.5 + sum) / Double(i + 1)
        squares += (y[i] - runningMean) * (y[i] - runningMean)
        sum += y[i]
    }
    let threshold = log(2 / alpha)
    func logCapital(_ m: Double, _ sign: Double) -> Double {
        var total = 0.0
        for i in 0..<n { total += log1p(sign * bets[i] * (y[i] - m)) }
        return total
    }
    let centre = min(1, max(0, (mean - a) / width))
    // Lower end: the smallest m ∈ [0, centre] with log K⁺(m) < threshold (K⁺ decreasing in m).
    var lo = 0.0, hi = centre
    if logCapital(0, 1) < threshold { hi = 0 } else {
        for _ in 0..<42 { let m = 0.5 * (lo + hi); if logCapital(m, 1) >= threshold { lo = m } else { hi = m } }
    }
    let lower = hi
    // Upper end: the largest m ∈ [centre, 1] with log K⁻(m) < threshold (K⁻ increasing in m).
    lo = centre
    hi = 1
    if logCapital(1, -1) < threshold { lo = 1 } else {
        for _ in 0..<42 { let m = 0.5 * (lo + hi); if logCapital(m, -1) >= threshold { hi = m } else { lo = m } }
    }
    let upper = lo
    return (a + width * min(lower, centre), a + width * max(upper, centre), mean)
}

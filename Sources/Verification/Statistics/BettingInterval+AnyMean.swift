import Foundation

extension BettingInterval {
    /// A two-sided interval for the mean of iid values in [a, b] by betting, for a mean anywhere in [a, b] (Waudby-Smith & Ramdas, "Estimating means of
    /// bounded random variables by betting", JRSS-B 2024, §4, the hedged capital process; docs/testing-policy.md R12).
    ///
    /// With yᵢ = (xᵢ − a)/(b − a) ∈ [0, 1] and a candidate mean m, the capital processes
    ///   K⁺(m) = Πᵢ (1 + λᵢ (yᵢ − m)),   K⁻(m) = Πᵢ (1 − λᵢ (yᵢ − m)),
    /// with bets λᵢ ∈ [0, ½] chosen from y₁ … yᵢ₋₁ only (predictable plug-in: λᵢ = min(½, √(2 ln(2/α)/(n σ̂²ᵢ₋₁))),
    /// σ̂²ᵢ₋₁ = (¼ + Σ_{j<i} (yⱼ − ȳⱼ)²)/i), are non-negative martingales with initial value 1 at the true mean, so by Ville's
    /// inequality P(K⁺(μ) ≥ 2/α) ≤ α/2 and P(K⁻(μ) ≥ 2/α) ≤ α/2. The interval {m : K⁺(m) < 2/α and K⁻(m) < 2/α} therefore
    /// holds with probability ≥ 1 − α. The bets do not depend on m, so K⁺ decreases and K⁻ increases in m, and each end is
    /// found by bisection (reporting the still-rejected side, so the search never narrows the interval). Unlike the empirical Bernstein bound (range term 7(b − a) ln(4/α)/(3(n − 1))), its width follows
    /// the sample's spread down to about (b − a) ln(2/α)/n, which is what paired differences under common random numbers need.
    ///
    /// Same capital processes as `interval(statistic:samples:range:alpha:)`, with a smaller bet cap (½ on the unit scale,
    /// i.e. 1/(2(b − a))) that keeps every factor positive for every candidate m ∈ [a, b]; `interval` bets up to
    /// ¾/(1.25·(b − a)/2) and tests only candidates within a quarter half-range of the centre, which suits differences
    /// centred in their range (PN-V15) but not moments near an end of theirs (the clipped moments of PN-D06).
    public static func anyMeanInterval(_ values: [Double], range: ClosedRange<Double>, alpha: Double) throws(VerificationError)
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
        // Each end by bisection inside a bracket grown from the sample spread; the end reported is the bracket's outer
        // point (the one still rejected), so rounding of the search never narrows the interval.
        var spread = 0.0
        for v in y { spread += (v - centre) * (v - centre) }
        let start = max(1e-9, 3 * (2 * spread / Double(n) * logTerm / Double(n)).squareRoot() + 4 * logTerm / Double(n))
        func end(_ sign: Double) -> Double {
            // sign +1: the lower end (K⁺ decreases in m); −1: the upper end (K⁻ increases in m).
            let limit = sign > 0 ? 0.0 : 1.0
            var inner = centre, outer = centre, w = start
            while true {
                outer = sign > 0 ? max(limit, centre - w) : min(limit, centre + w)
                if logCapital(outer, sign) >= threshold { break }
                inner = outer
                if outer == limit { return limit }
                w *= 2
            }
            for _ in 0..<16 {
                let m = 0.5 * (inner + outer)
                if logCapital(m, sign) >= threshold { outer = m } else { inner = m }
            }
            return outer
        }
        let lower = end(1), upper = end(-1)
        return (a + width * min(lower, centre), a + width * max(upper, centre), mean)
    }
}

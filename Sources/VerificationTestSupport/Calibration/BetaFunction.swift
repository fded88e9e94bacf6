// The regularized incomplete beta function and its inverse, for exact binomial (Clopper–Pearson) intervals.
import Foundation

/// The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b) and its quantiles.
///
/// Evaluation (Numerical Recipes, 3rd ed., §6.4, `betai`/`betacf`): with
/// front = x^a (1 − x)^b / (a B(a, b)) computed through `logBeta` (Stirling-corrected, see below),
/// I_x(a, b) = front · CF(x; a, b) for x < (a + 1)/(a + b + 2), where CF is the continued fraction
/// 1/(1+ d₁/(1+ d₂/(1+ …))) with d_{2m+1} = −(a+m)(a+b+m)x/((a+2m)(a+2m+1)) and
/// d_{2m} = m(b−m)x/((a+2m−1)(a+2m)), evaluated by the modified Lentz method; otherwise
/// I_x(a, b) = 1 − I_{1−x}(b, a). Relative accuracy ≈ 1e-13 or better for the parameters used here
/// (a, b ≤ 10⁷; checked against mpmath in CalibrationTests).
public enum BetaFunction {
    /// I_x(a, b). Throws unless a, b > 0 are finite and x ∈ [0, 1].
    public static func regularizedIncomplete(x: Double, a: Double, b: Double) throws(TestSupportError) -> Double {
        try require(a > 0 && a.isFinite, "a", a, "must be finite and > 0")
        try require(b > 0 && b.isFinite, "b", b, "must be finite and > 0")
        try require(x >= 0 && x <= 1, "x", x, "must lie in [0, 1]")
        return lowerTail(x, a, b)
    }

    /// 1 − I_x(a, b) = I_{1−x}(b, a), without cancellation for small values.
    public static func regularizedIncompleteComplement(x: Double, a: Double, b: Double) throws(TestSupportError) -> Double {
        _ = try regularizedIncomplete(x: x, a: a, b: b)  // validates x, a, b
        return lowerTail(x: 1 - x, complement: x, b, a)
    }

    /// The p-quantile of Beta(a, b): the x with I_x(a, b) = p, by bisection on [0, 1] to full double precision.
    /// Throws unless a, b > 0 finite and p ∈ [0, 1].
    public static func quantile(probability p: Double, a: Double, b: Double) throws(TestSupportError) -> Double {
        try require(p >= 0 && p <= 1, "probability", p, "must lie in [0, 1]")
        _ = try regularizedIncomplete(x: 0.5, a: a, b: b)  // validates a, b
        return bisect { lowerTail($0, a, b) < p }
    }

    /// The x with 1 − I_x(a, b) = q (the upper-tail quantile), computed through I_{1−x}(b, a) so that small q
    /// keep full relative precision.
    public static func upperQuantile(probability q: Double, a: Double, b: Double) throws(TestSupportError) -> Double {
        try require(q >= 0 && q <= 1, "probability", q, "must lie in [0, 1]")
        _ = try regularizedIncomplete(x: 0.5, a: a, b: b)
        return bisect { lowerTail(x: 1 - $0, complement: $0, b, a) > q }
    }

    /// The boundary of a monotone predicate on [0, 1] (`below(x)` true for small x, false for large x).
    private static func bisect(_ below: (Double) -> Bool) -> Double {
        var lo = 0.0, hi = 1.0
        for _ in 0..<2_000 {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }
            if below(mid) { lo = mid } else { hi = mid }
        }
        return lo + (hi - lo) / 2
    }

    static func lowerTail(_ x: Double, _ a: Double, _ b: Double) -> Double {
        lowerTail(x: x, complement: 1 - x, a, b)
    }

    /// I_x(a, b) given both x and y = 1 − x, at least one of them exact: log x and log(1 − x) are each taken from
    /// whichever of x, y keeps full relative precision (log x for x ≤ ½, log1p(−y) above; likewise for y).
    static func lowerTail(x: Double, complement y: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let logX = x <= 0.5 ? log(x) : log1p(-y)
        let logY = y <= 0.5 ? log(y) : log1p(-x)
        let logFront = a * logX + b * logY - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a, b) / a
        }
        // The front factor x^a (1−x)^b / B(a, b) is symmetric under (x, a, b) → (1−x, b, a).
        return 1 - exp(logFront) * continuedFraction(y, b, a) / b
    }

    /// log B(a, b) = lgamma(a) + lgamma(b) − lgamma(a + b) without the cancellation of the direct formula for
    /// large arguments (the scheme of R's `lbeta`): with p = min(a, b), q = max(a, b), s = p + q and the
    /// Stirling remainder cor(x) = lgamma(x) − ((x − ½) log x − x + ½ log 2π),
    /// * p ≥ 10: −½ log q + ½ log 2π + cor(p) + cor(q) − cor(s) + (p − ½) log(p/s) + q log1p(−p/s);
    /// * q ≥ 10 > p: lgamma(p) + cor(q) − cor(s) + p − p log s + (q − ½) log1p(−p/s);
    /// * otherwise the direct formula (all terms are small).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b), s = p + q
        if p >= 10 {
            let corr = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(s)
            return -0.5 * log(q) + 0.5 * log(2 * Double.pi) + corr + (p - 0.5) * log(p / s) + q * log1p(-p / s)
        }
        if q >= 10 {
            let corr = stirlingRemainder(q) - stirlingRemainder(s)
            return lgamma(p) + corr + p - p * log(s) + (q - 0.5) * log1p(-p / s)
        }
        return lgamma(p) + lgamma(q) - lgamma(s)
    }

    /// cor(x) = Σ_{k=1}^{8} B₂ₖ / (2k(2k − 1) x^{2k−1}) for x ≥ 10 (Bernoulli numbers B₂ₖ; the next term is
    /// below 2e-18 at x = 10).
    static func stirlingRemainder(_ x: Double) -> Double {
        let coefficients: [Double] = [1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360_360,
                                      1.0 / 156, -3617.0 / 122_400]
        let inverseSquare = 1 / (x * x)
        var sum = 0.0
        for c in coefficients.reversed() { sum = sum * inverseSquare + c }
        return sum / x
    }

    /// Modified Lentz evaluation of the continued fraction of I_x(a, b) (Numerical Recipes `betacf`).
    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let mm = Double(m), m2 = 2 * mm
            var aa = mm * (b - mm) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + mm) * (qab + mm) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}

/// Exact binomial confidence bounds.
public enum ExactBinomial {
    /// The Clopper–Pearson interval (Clopper & Pearson, Biometrika 26, 1934) for a proportion p from x
    /// successes in n trials, two-sided with non-coverage ≤ α (α/2 per side):
    /// ```
    /// lower = Beta quantile α/2 of Beta(x, n − x + 1)        (0 if x = 0)
    /// upper = Beta quantile 1 − α/2 of Beta(x + 1, n − x)    (1 if x = n)
    /// ```
    /// Closed forms used in the tests: x = 0 ⇒ upper = 1 − (α/2)^{1/n}; x = n ⇒ lower = (α/2)^{1/n}.
    /// Throws unless 0 ≤ x ≤ n, n ≥ 1 and 0 < α < 1.
    public static func clopperPearson(
        successes x: Int, trials n: Int, alpha: Double
    ) throws(TestSupportError) -> (lower: Double, upper: Double) {
        try require(n >= 1, "trials", n, "must be ≥ 1")
        try require(x >= 0 && x <= n, "successes", x, "must lie in 0…\(n)")
        try require(alpha > 0 && alpha < 1, "α", alpha, "must lie in (0, 1)")
        let lower = x == 0 ? 0 : try BetaFunction.quantile(probability: alpha / 2, a: Double(x), b: Double(n - x + 1))
        let upper = x == n ? 1 : try BetaFunction.upperQuantile(probability: alpha / 2, a: Double(x + 1), b: Double(n - x))
        return (lower, upper)
    }
}

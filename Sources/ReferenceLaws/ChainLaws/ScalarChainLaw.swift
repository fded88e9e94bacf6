import SchemeVocabulary

/// The 1-D closed forms of docs/theory.md §4.2 for the overdamped schemes on the OU target
/// b(x) = −a(x − m), written exactly as printed there (PN-C12 re-derives them). With x = ηa:
///
/// * second moment of the one-step factor:
///   LMC (1 − x)²;  PLMC(K) (1 − x)² + (1 − x)x²(K − 1)/K + x⁴(K − 1)²(7K − 2)/(12K³);
///   PLMC(∞) (1 − x)² + (1 − x)x² + 7x⁴/12;  RLMC (1 − x)² + (1 − x)x² + x⁴/3.
/// * stationary variance ratio r = a·σ²:
///   LMC 1/(1 − x/2);
///   PLMC(K) 4K(6K² − 6K²x + 5K²x² + 6Kx − 9Kx² + 4x²) /
///           (24K³ − 24K³x + 12K³x² − 7K³x³ + 12K²x − 12K²x² + 16K²x³ − 11Kx³ + 2x³);
///   PLMC(∞) 4(6 − 6x + 5x²)/(24 − 24x + 12x² − 7x³);  RLMC 3(2 − 2x + x²)/(6 − 6x + 3x² − x³).
///
/// These are independent of the matrix code (`ChainLaw`), which the tests check against them.
///
/// Verified by: ScalarClosedFormTests (sympy values to 25 digits, the tables and thresholds of docs/theory.md §4.2).
public enum ScalarChainLaw {
    /// E[β²] at x = ηa (overdamped schemes only).
    public static func secondMomentFactor(_ scheme: Scheme, x: Double) throws(ChainLawError) -> Double {
        try validate(scheme, x: x)
        return secondMoment(scheme, x)
    }

    /// r = a·Var_stationary for the 1-D OU target at x = ηa; throws `.unstable` when x ≥ x*.
    public static func stationaryVarianceRatio(_ scheme: Scheme, x: Double) throws(ChainLawError) -> Double {
        try validate(scheme, x: x)
        let xStar = criticalProduct(scheme)
        guard x < xStar else {
            throw .unstable(scheme: scheme.description, condition:
                "needs E[β²] < 1, i.e. x = ηa < \(ChainStability.format(xStar)); at x = \(ChainStability.format(x)) E[β²] = \(ChainStability.format(secondMoment(scheme, x)))")
        }
        switch scheme {
        case .lmc:
            return 1 / (1 - x / 2)
        case .plmc(.finite(let kInt)):
            let k = Double(kInt)
            let k2 = k * k, k3 = k2 * k, x2 = x * x, x3 = x2 * x
            let numerator = 4 * k * (6 * k2 - 6 * k2 * x + 5 * k2 * x2 + 6 * k * x - 9 * k * x2 + 4 * x2)
            let denominator = 24 * k3 - 24 * k3 * x + 12 * k3 * x2 - 7 * k3 * x3 + 12 * k2 * x - 12 * k2 * x2
                + 16 * k2 * x3 - 11 * k * x3 + 2 * x3
            return numerator / denominator
        case .plmc(.infinite):
            return 4 * (6 - 6 * x + 5 * x * x) / (24 - 24 * x + 12 * x * x - 7 * x * x * x)
        case .rlmc:
            return 3 * (2 - 2 * x + x * x) / (6 - 6 * x + 3 * x * x - x * x * x)
        case .ulmc, .plmcULMC, .rlmcULMC:
            preconditionFailure("validated above")
        }
    }

    /// x* with E[β(x)²] < 1 ⟺ 0 < x < x* (E[β²] − 1 changes sign once on (0, ∞), and x* ≤ 2; PN-C10).
    public static func stabilityThreshold(_ scheme: Scheme) throws(ChainLawError) -> Double {
        try validate(scheme, x: 1)
        return criticalProduct(scheme)
    }

    /// x* by bisection of E[β(x)²] = 1 on (0, 2] to full double precision (overdamped schemes only).
    static func criticalProduct(_ scheme: Scheme) -> Double {
        var lo = 0.0, hi = 2.0
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if secondMoment(scheme, mid) < 1 { lo = mid } else { hi = mid }
        }
        return hi
    }

    private static func secondMoment(_ scheme: Scheme, _ x: Double) -> Double {
        let base = (1 - x) * (1 - x)
        switch scheme {
        case .lmc:
            return base
        case .plmc(.finite(let kInt)):
            let k = Double(kInt)
            return base + (1 - x) * x * x * (k - 1) / k + x * x * x * x * (k - 1) * (k - 1) * (7 * k - 2) / (12 * k * k * k)
        case .plmc(.infinite):
            return base + (1 - x) * x * x + 7 * x * x * x * x / 12
        case .rlmc:
            return base + (1 - x) * x * x + x * x * x * x / 3
        case .ulmc, .plmcULMC, .rlmcULMC:
            return .nan
        }
    }

    private static func validate(_ scheme: Scheme, x: Double) throws(ChainLawError) {
        guard !scheme.isUnderdamped else {
            throw .unsupported("the 1-D closed forms cover LMC, PLMC and RLMC, not \(scheme)")
        }
        try scheme.validateForLaw()
        guard x > 0, x.isFinite else {
            throw .invalidParameter(name: "x = ηa", value: x, requirement: "must be finite and > 0")
        }
    }
}

import SchemeVocabulary

/// The moments of one overdamped step in one eigen-coordinate of A (eigenvalue λ, x = ηλ), PN-C01 … PN-C06.
///
/// Every overdamped scheme, given its auxiliary randomness, is y′ = β y + w with
///   β = (1 − x) + x² M   (M a random scalar shared by all eigen-coordinates of one step),
///   E[w | M] = 0, w independent of y, and noises of distinct eigen-coordinates uncorrelated.
/// Hence E[β_k β_l] = E[β_k] E[β_l] + f_k f_l with f = x² sd(M), and
///   E[w²] = 2η (1 − 2 c₁ x + c₂ x²).
///
/// | scheme     | E[M]        | Var(M)                  | c₁          | c₂                  |
/// |------------|-------------|-------------------------|-------------|---------------------|
/// | LMC        | 0           | 0                       | 0           | 0                   |
/// | PLMC(K)    | (K−1)/(2K)  | (K−1)²(2K−1)/(6K³)      | (K−1)/(2K)  | (K−1)(5K−4)/(6K²)   |
/// | PLMC(∞)    | 1/2         | 1/3                     | 1/2         | 5/6                 |
/// | RLMC       | 1/2         | 1/12                    | 1/2         | 1/2                 |
///
/// 1 − E[β²] = x (2 − x − 2(1 − x) x E[M] − x³ E[M²]) is evaluated in this factored form (no cancellation
/// for small x).
struct OverdampedStepMoments {
    /// E[β].
    let meanFactor: Double
    /// f = x² sd(M): Cov(β_k, β_l) = f_k f_l.
    let fluctuation: Double
    /// E[w²].
    let noiseVariance: Double
    /// 1 − E[β²], computed without cancellation.
    let oneMinusSecondMoment: Double
    /// (1 − E[β²])/x = 2 − x − 2(1 − x)x E[M] − x³ E[M²]: positive iff the block is mean-square stable (x > 0), and
    /// free of the underflow of x·(…) when x = ηλ is subnormal or 0.
    let stabilityFactor: Double
    /// The stationary variance E[w²]/(1 − E[β²]) = (2/λ)(1 − 2c₁x + c₂x²)/stabilityFactor: η/x is taken as 1/λ, so a
    /// tiny x (even subnormal) costs no accuracy.
    let stationaryVariance: Double

    /// E[β²] (the larger of its two algebraically equal forms, so that "stable" ⟺ 1 − E[β²] > 0 as computed).
    var secondMoment: Double { max(meanFactor * meanFactor + fluctuation * fluctuation, 1 - oneMinusSecondMoment) }

    /// (E[M], Var(M), c₁, c₂) of the scheme (overdamped schemes only).
    static func coefficients(_ scheme: Scheme) -> (meanM: Double, varM: Double, c1: Double, c2: Double) {
        switch scheme {
        case .lmc:
            return (0, 0, 0, 0)
        case .plmc(.finite(let kInt)):
            let k = Double(kInt)
            let q = (k - 1) / k                                  // (K − 1)/K
            return (q / 2, q * q * (2 * k - 1) / (6 * k), q / 2, q * (5 * k - 4) / (6 * k))
        case .plmc(.infinite):
            return (0.5, 1.0 / 3.0, 0.5, 5.0 / 6.0)
        case .rlmc:
            return (0.5, 1.0 / 12.0, 0.5, 0.5)
        case .ulmc, .plmcULMC, .rlmcULMC:
            preconditionFailure("OverdampedStepMoments: \(scheme) is underdamped")
        }
    }

    init(_ scheme: Scheme, eta: Double, eigenvalue lambda: Double) {
        let (meanM, varM, c1, c2) = Self.coefficients(scheme)
        let x = eta * lambda
        meanFactor = (1 - x) + x * x * meanM
        fluctuation = x * x * varM.squareRoot()
        noiseVariance = 2 * eta * (1 - 2 * c1 * x + c2 * x * x)
        let secondM = varM + meanM * meanM
        stabilityFactor = 2 - x - 2 * (1 - x) * x * meanM - x * x * x * secondM
        oneMinusSecondMoment = x * stabilityFactor
        stationaryVariance = (2 / lambda) * (1 - 2 * c1 * x + c2 * x * x) / stabilityFactor
    }
}

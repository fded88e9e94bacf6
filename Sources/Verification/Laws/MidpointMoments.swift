import ReferenceLaws

/// The moments of one step of an `OverdampedVariant` that its exact stationary law depends on (PN-V04):
///   meanM = E[M], varianceM = Var(M), cross = E[S_K·T]/K, secondT = E[T²]/K, noiseScaleSquared = σ²/(2h),
/// with M = f Σᵢ Hᵢ τᵢ/K, T = f Σᵢ Hᵢ Nᵢ, f = c/η (per unit-variance coordinate; E[Sᵢ Sⱼ] = min(i, j)).
///
/// Finite K, from the definition by exact sums (τ non-decreasing in i for every variant, p = P(Hᵢ = 1)):
///   E[M] = f p Στᵢ / K,   Var(M) = f² p(1 − p) Στᵢ² / K²,
///   E[S_K·T] = f p Σ min(K, τᵢ) (shared noise; 0 for independent midpoint noise),
///   E[T²] = f² [p Στᵢ + 2p² Σᵢ τᵢ (K − 1 − i)]   (E[NᵢNⱼ] = min(τᵢ, τⱼ) = τᵢ for i < j).
/// K = ∞ (midpoint times a Poisson process of rate ϱ = lim K p on [0, 1), times u uniform, f = lim c/η):
///   E[M] = f ϱ/2,  Var(M) = f² ϱ/3,  E[S·T] = f ϱ/2 (shared; 0 independent),  E[T²] = f² (ϱ/2 + ϱ²/3).
/// The correct PLMC gives E[M] = (K−1)/(2K), E[M²] = (K−1)²(7K−2)/(12K³), E[S_K·T] = (K−1)/2,
/// E[T²] = (K−1)(5K−4)/(6K) (paper-notes §4.2), and (1/2, 7/12, 1/2, 5/6) at K = ∞.
public struct MidpointMoments: Sendable, Equatable {
    public let meanM: Double
    public let varianceM: Double
    /// E[S_K·T]/K.
    public let cross: Double
    /// E[T²]/K.
    public let secondT: Double
    /// σ²/(2h): 1, or ½ for the √η-noise mutant.
    public let noiseScaleSquared: Double

    /// E[M²] = Var(M) + E[M]².
    public var secondM: Double { varianceM + meanM * meanM }

    public init(_ variant: OverdampedVariant) {
        noiseScaleSquared = variant.noiseScaleSquared
        switch variant.base {
        case .lmc:
            (meanM, varianceM, cross, secondT) = (0, 0, 0, 0)
        case .plmc(.finite(let k)):
            let kd = Double(k)
            let p = variant.flagProbability(k)
            let f = variant.weightFactor(k)
            var sumTau = 0.0, sumTauSquared = 0.0, sumCross = 0.0, sumOrdered = 0.0
            for i in 0..<k {
                let tau = Double(variant.midpointIndex(i))
                sumTau += tau
                sumTauSquared += tau * tau
                sumCross += min(kd, tau)
                sumOrdered += tau * Double(k - 1 - i)
            }
            meanM = f * p * sumTau / kd
            varianceM = f * f * p * (1 - p) * sumTauSquared / (kd * kd)
            cross = variant.sharesMidpointNoise ? f * p * sumCross / kd : 0
            secondT = f * f * (p * sumTau + 2 * p * p * sumOrdered) / kd
        case .plmc(.infinite):
            // Rate ϱ = lim K·p = 1 for every variant (K/(K+1) → 1); f = 0 for the η/K weight and for midpoints
            // at the start point (τ = 0 ⇒ M = T = 0); the off-by-one index shifts u by 1/K → 0.
            let rate = 1.0
            let f: Double = (variant.mutation == .correctionWeightOverK || variant.mutation == .midpointAtStartPoint) ? 0 : 1
            meanM = f * rate / 2
            varianceM = f * f * rate / 3
            cross = variant.sharesMidpointNoise ? f * rate / 2 : 0
            secondT = f * f * (rate / 2 + rate * rate / 3)
        }
    }
}

import Langevin

/// A requirement a claim places on the case it is checked on, matched against the case's declared assumptions
/// (`DeclaredAssumptions` of the Langevin assumption cases) and its reference law.
///
/// A case lacking one of a claim's assumptions gets an `.outsideAssumptions` verdict: reported, never asserted.
public enum Assumption: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The drift is linear, b(x) = −A(x − m) with A symmetric positive definite: the target N(m, A⁻¹) and every
    /// scheme's moments are known exactly (case reference `.exactGaussian`).
    case gaussianTarget
    /// The drift is globally L-Lipschitz (and not flagged as outside the Lipschitz assumption).
    case lipschitzDrift
    /// −∇² log π ⪰ m I for some m > 0.
    case stronglyLogConcave
    /// π satisfies a log-Sobolev inequality (constant known or not).
    case logSobolev
    /// ⟨b(x), x⟩ ≤ −α|x|² + β for some α > 0.
    case dissipative
    /// The drift does not depend on time.
    case timeHomogeneous

    public var description: String {
        switch self {
        case .gaussianTarget: return "Gaussian target (linear drift)"
        case .lipschitzDrift: return "Lipschitz drift"
        case .stronglyLogConcave: return "strongly log-concave target"
        case .logSobolev: return "log-Sobolev inequality"
        case .dissipative: return "dissipative drift"
        case .timeHomogeneous: return "time-homogeneous drift"
        }
    }

    /// The assumptions a case satisfies, from its declaration and whether its target is exactly Gaussian.
    public static func satisfied(by declared: DeclaredAssumptions, gaussianReference: Bool) -> Set<Assumption> {
        var out: Set<Assumption> = []
        if gaussianReference { out.insert(.gaussianTarget) }
        if let lipschitz = declared.lipschitz, lipschitz.isFinite, !declared.outsideLipschitzAssumption {
            out.insert(.lipschitzDrift)
        }
        if let m = declared.stronglyLogConcave, m > 0 { out.insert(.stronglyLogConcave) }
        switch declared.logSobolev {
        case .known, .holdsUnknownConstant: out.insert(.logSobolev)
        case .unknown: break
        }
        if declared.dissipative { out.insert(.dissipative) }
        if !declared.timeVarying { out.insert(.timeHomogeneous) }
        return out
    }
}

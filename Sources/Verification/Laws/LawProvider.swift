import DenseLinearAlgebra
import ReferenceLaws
import SchemeVocabulary

/// A law as a function of the step η: what a rate check measures. The SAME check body runs the claim's subject
/// (the correct scheme's exact law from `ChainLaw`) and each mutant (an exact law of a deliberately wrong
/// scheme), so the check's power is shown on the very code path that decides the claim (docs/testing-policy.md R18).
public struct LawProvider: Sendable {
    /// What is measured, e.g. "PLMC(K=∞)" or "PLMC(K=∞) with independent midpoint noise".
    public let subject: String
    public let role: VerdictRole
    /// The scheme whose law this is, when it is one scheme's (its theory gives the plots' cost axis).
    public let scheme: SchemeVariant?
    /// η ↦ the first two moments of the law (x-marginal for underdamped schemes).
    public let law: @Sendable (Double) throws -> ChainMoments

    public init(subject: String, role: VerdictRole, scheme: SchemeVariant? = nil,
                law: @escaping @Sendable (Double) throws -> ChainMoments) {
        self.subject = subject
        self.role = role
        self.scheme = scheme
        self.law = law
    }

    /// The exact stationary law of a correct scheme (`ChainLaw.stationary`); for underdamped schemes its
    /// position marginal (mean m, covariance Σ_xx).
    public static func stationary(_ scheme: Scheme, target: GaussianTarget, role: VerdictRole = .subject,
                                  label: String? = nil) -> LawProvider {
        let drift = target.drift
        return LawProvider(subject: label ?? scheme.description, role: role, scheme: SchemeVariant(scheme)) { eta in
            let law = try ChainLaw.stationary(scheme, eta: eta, drift: drift)
            return scheme.isUnderdamped ? try positionMarginal(law, dimension: drift.dimension) : law
        }
    }

    /// The exact stationary law of a variant (`ChainLaw.stationary(_:eta:drift:)` on the vocabulary; for a kinetic
    /// scheme its position marginal). A mutant's role is `.mutant(its mutation)`.
    public static func stationary(_ variant: SchemeVariant, target: GaussianTarget, role: VerdictRole? = nil,
                                  label: String? = nil) -> LawProvider {
        let drift = target.drift
        let role = role ?? variant.mutation.map { .mutant($0.description) } ?? .subject
        return LawProvider(subject: label ?? variant.description, role: role, scheme: variant) { eta in
            let law = try ChainLaw.stationary(variant, eta: eta, drift: drift)
            return variant.scheme.isUnderdamped ? try positionMarginal(law, dimension: drift.dimension) : law
        }
    }

    /// The same law with its covariance multiplied by `factor` (an exact transformation: the stationary
    /// covariance is linear in the noise covariance, so scaling every noise variance by c scales it by c).
    public func scaled(by factor: Double, subject: String, role: VerdictRole) -> LawProvider {
        let base = law
        return LawProvider(subject: subject, role: role, scheme: self.scheme) { eta in
            let moments = try base(eta)
            return try ChainMoments(mean: moments.mean, covariance: factor * moments.covariance)
        }
    }

    /// The same law under another name and role.
    public func relabelled(_ subject: String, role: VerdictRole) -> LawProvider {
        LawProvider(subject: subject, role: role, scheme: scheme, law: law)
    }

    /// The x-block (first d coordinates) of an underdamped law.
    static func positionMarginal(_ law: ChainMoments, dimension d: Int) throws -> ChainMoments {
        var covariance = Matrix(rows: d, cols: d)
        for i in 0..<d { for j in 0..<d { covariance[i, j] = law.covariance[i, j] } }
        return try ChainMoments(mean: Array(law.mean.prefix(d)), covariance: covariance)
    }
}

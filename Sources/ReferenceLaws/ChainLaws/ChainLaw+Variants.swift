import DenseLinearAlgebra
import SchemeVocabulary

extension ChainLaw {
    /// The exact stationary law of a scheme or of a mutant of it: the one function of the vocabulary that every exact
    /// check calls (PN-C10, PN-V04). Correct schemes use `stationary(_:eta:drift:)`; mutants of the overdamped schemes
    /// their moment parameterisation (`MomentParameterisedChain`); the √η-noise mutant of a kinetic scheme halves the
    /// stationary covariance (the stationary covariance is linear in the noise covariance and the mean is m); a
    /// replacement or a dropped correction is the law of the scheme put in its place; fine LMC(η/K) as the coarse step
    /// has the stationary law of LMC(η/K); counting the i = 0 midpoint changes the cost, not the law. Throws
    /// `.unsupported` for the remaining pairs (independent noise in a kinetic scheme).
    public static func stationary(_ variant: SchemeVariant, eta: Double, drift: LinearDrift,
                                  quadrature: ChainQuadrature = .standard) throws(ChainLawError) -> ChainMoments {
        let scheme = variant.scheme
        switch variant.mutation {
        case nil, .countsIndexZeroMidpoint?:
            return try stationary(scheme, eta: eta, drift: drift, quadrature: quadrature)
        case .replacedBy(let other)?:
            return try stationary(other, eta: eta, drift: drift, quadrature: quadrature)
        case .droppedCorrection?:
            return try stationary(scheme.fineChain, eta: eta, drift: drift, quadrature: quadrature)
        case .replacedByFineChain?, .fineChainAsCoarseStep?:
            return try stationary(.lmc, eta: eta / (scheme.midpointCount?.value ?? 1), drift: drift, quadrature: quadrature)
        case .noiseSqrtEta? where scheme.isUnderdamped:
            let law = try stationary(scheme, eta: eta, drift: drift, quadrature: quadrature)
            return ChainMoments(trustedMean: law.mean, covariance: 0.5 * law.covariance)
        case .some where scheme.isUnderdamped:
            throw .unsupported("the law of \(variant) (independent noise in a kinetic scheme) is not implemented")
        case .some:
            return try MomentParameterisedChain(variant).stationary(eta: eta, drift: drift)
        }
    }

    /// The exact law after n steps of a scheme or of a mutant of it (see `stationary(_:eta:drift:quadrature:)` for
    /// the cases; the √η-noise mutant of a kinetic scheme is not implemented at a finite horizon, nor is fine LMC(η/K)
    /// as the coarse step, whose n coarse steps are nK steps of LMC(η/K)).
    public static func afterSteps(_ n: Int, _ variant: SchemeVariant, eta: Double, drift: LinearDrift,
                                  from initial: ChainMoments,
                                  quadrature: ChainQuadrature = .standard) throws(ChainLawError) -> ChainMoments {
        let scheme = variant.scheme
        switch variant.mutation {
        case nil, .countsIndexZeroMidpoint?:
            return try afterSteps(n, scheme, eta: eta, drift: drift, from: initial, quadrature: quadrature)
        case .replacedBy(let other)?:
            return try afterSteps(n, other, eta: eta, drift: drift, from: initial, quadrature: quadrature)
        case .droppedCorrection?:
            return try afterSteps(n, scheme.fineChain, eta: eta, drift: drift, from: initial, quadrature: quadrature)
        case .replacedByFineChain?:
            return try afterSteps(n, .lmc, eta: eta / (scheme.midpointCount?.value ?? 1), drift: drift, from: initial,
                                  quadrature: quadrature)
        case .fineChainAsCoarseStep?:
            guard case .finite(let k) = scheme.midpointCount else { throw .unsupported("\(variant) needs a finite K") }
            let (fineSteps, overflow) = n.multipliedReportingOverflow(by: k)
            guard !overflow else { throw .invalidStepCount(n) }
            return try afterSteps(fineSteps, .lmc, eta: eta / Double(k), drift: drift, from: initial, quadrature: quadrature)
        case .some where scheme.isUnderdamped:
            throw .unsupported("the finite-horizon law of \(variant) is not implemented")
        case .some:
            return try MomentParameterisedChain(variant).afterSteps(n, eta: eta, drift: drift, from: initial)
        }
    }
}

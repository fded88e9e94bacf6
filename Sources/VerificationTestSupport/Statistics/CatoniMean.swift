import Verification

// The tests' shorthand for the one Catoni estimator of the package (`Verification.CatoniMean`, PN-V10).

/// Catoni's mean estimator and its half-width at two-sided level `alpha` for iid data with variance ≤ v
/// (`CatoniMean`; the sample must exceed 2 log(2/α), which every caller's design guarantees).
public func catoniMean(_ y: [Double], varianceBound v: Double, alpha: Double) -> (estimate: Double, halfWidth: Double) {
    do {
        let catoni = try CatoniMean(y, varianceBound: v, alpha: alpha)
        return (catoni.estimate, catoni.halfWidth)
    } catch {
        preconditionFailure("Catoni: \(error)")
    }
}

/// The deviation bound at level β of `catoniMean` tuned for (n, v, α) on data with variance ≤ v′
/// (`CatoniMean.deviation`): the false-pass bound of a mutant run through a Catoni check.
public func catoniDeviation(n: Int, tunedVariance v: Double, tunedAlpha alpha: Double, varianceBound v1: Double,
                            level beta: Double) -> Double {
    CatoniMean.deviation(n: n, tunedVariance: v, tunedAlpha: alpha, varianceBound: v1, level: beta)
}

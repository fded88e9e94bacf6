import DenseLinearAlgebra

/// The mean and covariance of a chain's state: x ∈ ℝᵈ for LMC, PLMC and RLMC; the stacked (x; v) ∈ ℝ²ᵈ,
/// ordered [x₁ … x_d, v₁ … v_d], for ULMC and PLMC-ULMC.
///
/// For linear drift the laws of LMC and ULMC are Gaussian; those of the randomised schemes (PLMC, RLMC,
/// PLMC-ULMC) are Gaussian scale mixtures, of which these are the exact first two moments (PN-C01).
public struct ChainMoments: Sendable, Equatable {
    public let mean: [Double]
    public let covariance: Matrix

    /// Validates: covariance non-empty, square, finite, symmetric within `Matrix.symmetryTolerance`; mean of
    /// the same dimension with finite entries. (Positive semi-definiteness is checked where a law is used as
    /// an initial law.) The stored covariance is symmetrised.
    public init(mean: [Double], covariance: Matrix) throws(ChainLawError) {
        do { try covariance.validateSymmetric("covariance") } catch { throw .invalidInput(error) }
        do { try validateVector(mean, "mean", count: covariance.rows) } catch { throw .invalidInput(error) }
        self.mean = mean
        self.covariance = covariance.symmetrized
    }

    /// The point mass at `state` (zero covariance).
    public init(pointMass state: [Double]) throws(ChainLawError) {
        guard !state.isEmpty else { throw .invalidInput(.empty(what: "state")) }
        try self.init(mean: state, covariance: Matrix(rows: state.count, cols: state.count))
    }

    /// Without validation, for results computed here.
    init(trustedMean mean: [Double], covariance: Matrix) {
        self.mean = mean
        self.covariance = covariance
    }

    /// The state dimension (d or 2d).
    public var dimension: Int { mean.count }
}

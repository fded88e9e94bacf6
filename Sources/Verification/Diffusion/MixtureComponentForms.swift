import DenseLinearAlgebra
import Foundation
import ReferenceLaws

/// Per-component Gaussian forms of a mixture Σₖ wₖ N(μₖ, Σₖ) with the covariances widened by s·I:
///   fₖ(x) = log wₖ − ½ log det(Mₖ) − ½ (x − μₖ)ᵀ Mₖ⁻¹ (x − μₖ),  Mₖ = Σₖ + s I,
/// evaluated with a Cholesky factor of each Mₖ (GSL) and one forward substitution per component into caller-owned scratch
/// (no allocation per point). s = 0 gives the data law's log-densities up to −(d/2) log 2π (responsibilities); s = h²
/// gives the Gaussian-kernel expectations of `GaussianKernelMMD` (PN-D06).
struct MixtureComponentForms: Sendable {
    let dimension: Int
    let means: [Double]
    /// Lower Cholesky factors of Mₖ, row-major d × d each.
    let factors: [Double]
    /// log wₖ − ½ log det Mₖ.
    let offsets: [Double]

    init(_ law: GaussianMixtureLaw, widening s: Double) throws {
        let d = law.dimension
        var means: [Double] = [], factors: [Double] = [], offsets: [Double] = []
        for k in 0..<law.componentCount {
            var m = law.covariances[k]
            for i in 0..<d { m[i, i] += s }
            let factor = try CholeskyFactor(m, what: "component \(k + 1) covariance + \(s)·I")
            means += law.means[k]
            factors += factor.lower.storage
            offsets.append(log(law.weights[k]) - 0.5 * factor.logDeterminant)
        }
        dimension = d
        self.means = means
        self.factors = factors
        self.offsets = offsets
    }

    var componentCount: Int { offsets.count }

    /// fₖ(x) for every k into `out` (K values); `scratch` holds d values.
    func evaluate(_ x: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>,
                  scratch: UnsafeMutablePointer<Double>) {
        let d = dimension
        means.withUnsafeBufferPointer { mu in
            factors.withUnsafeBufferPointer { l in
                for k in 0..<offsets.count {
                    let base = k * d * d
                    var quadratic = 0.0
                    for i in 0..<d {
                        var sum = x[i] - mu[k * d + i]
                        for j in 0..<i { sum -= l[base + i * d + j] * scratch[j] }
                        let y = sum / l[base + i * d + i]
                        scratch[i] = y
                        quadratic += y * y
                    }
                    out[k] = offsets[k] - 0.5 * quadratic
                }
            }
        }
    }
}

extension MixtureComponentForms {
    /// The number of rows n of a sample block x (n rows of d values), checked: x and its paired block y (if any) of the
    /// same size, at least `minimumRows` rows, every value finite. Shared by the estimators that read samples through
    /// these forms (`GaussianKernelMMD`, `ModeWeightError`).
    func checkedRows(_ x: [Double], paired y: [Double]?, minimumRows: Int) throws -> Int {
        let d = dimension
        if let y, y.count != x.count {
            throw VerificationError.invalidParameter(name: "paired samples", value: "\(x.count), \(y.count) values",
                                                     requirement: "must have the same size")
        }
        guard x.count % d == 0, x.count / d >= minimumRows else {
            throw VerificationError.invalidParameter(name: "samples", value: "\(x.count) values",
                                                     requirement: "must be ≥ \(minimumRows) rows of d = \(d)")
        }
        guard x.allSatisfy(\.isFinite), y?.allSatisfy(\.isFinite) ?? true else {
            throw VerificationError.invalidParameter(name: "samples", value: "non-finite", requirement: "must be finite")
        }
        return x.count / d
    }
}

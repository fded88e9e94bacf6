import Foundation
import SchemeVocabulary

/// Scratch memory of the mixture's batched ε*: the residuals x − √ᾱ μₖ and their products with Cₖ⁻¹ for one chunk of
/// rows, and the running log-sum-exp of each row.
public struct GaussianMixtureWorkspace {
    var residuals: [Double]
    var products: [Double]
    var largestLogit: [Double]
    var total: [Double]
}

extension GaussianMixtureLaw: NoisePredictor {
    /// Rows processed together against each component's Cₖ⁻¹ (kept in cache across the chunk).
    static let chunkRows = 16

    public func makeWorkspace(maximumRows: Int) -> GaussianMixtureWorkspace {
        let n = Self.chunkRows, d = dimension
        return GaussianMixtureWorkspace(residuals: [Double](repeating: 0, count: n * d),
                                        products: [Double](repeating: 0, count: n * d),
                                        largestLogit: [Double](repeating: 0, count: n),
                                        total: [Double](repeating: 0, count: n))
    }

    /// ε*(x, ᾱ) = √(1 − ᾱ) Σₖ rₖ Cₖ⁻¹(x − √ᾱ μₖ) for each row (PN-D01): per component one product of the residuals with
    /// Cₖ⁻¹ (`RowBlockProduct`), the quadratic form from the same product, and an online log-sum-exp that rescales the
    /// running sum whenever a larger logit appears. 2d² + O(d) operations per row and component, no allocation.
    public func predict(_ states: UnsafePointer<Double>, rows: Int, at level: GaussianMixtureLevel,
                        into output: UnsafeMutablePointer<Double>, workspace: inout GaussianMixtureWorkspace) {
        let d = dimension, kCount = componentCount
        level.inverses.withUnsafeBufferPointer { inverses in
        level.shiftedMeans.withUnsafeBufferPointer { shifted in
        level.logNormalisers.withUnsafeBufferPointer { normalisers in
        workspace.residuals.withUnsafeMutableBufferPointer { residualBuffer in
        workspace.products.withUnsafeMutableBufferPointer { productBuffer in
        workspace.largestLogit.withUnsafeMutableBufferPointer { largest in
        workspace.total.withUnsafeMutableBufferPointer { total in
            let residual = residualBuffer.baseAddress!, product = productBuffer.baseAddress!
            var start = 0
            while start < rows {
                let count = min(Self.chunkRows, rows - start)
                let x = states + start * d, out = output + start * d
                for k in 0..<kCount {
                    let mean = shifted.baseAddress! + k * d
                    for r in 0..<count { for j in 0..<d { residual[r * d + j] = x[r * d + j] - mean[j] } }
                    RowBlockProduct.multiply(residual, rows: count, by: inverses.baseAddress! + k * d * d, size: d,
                                             into: product)
                    for r in 0..<count {
                        let u = product + r * d, v = residual + r * d
                        var quadratic = 0.0
                        for j in 0..<d { quadratic += v[j] * u[j] }
                        let logit = normalisers[k] - 0.5 * quadratic
                        let o = out + r * d
                        if k == 0 {
                            largest[r] = logit
                            total[r] = 1
                            for j in 0..<d { o[j] = u[j] }
                        } else if logit > largest[r] {
                            let scale = exp(largest[r] - logit)
                            largest[r] = logit
                            total[r] = total[r] * scale + 1
                            for j in 0..<d { o[j] = o[j] * scale + u[j] }
                        } else {
                            let w = exp(logit - largest[r])
                            total[r] += w
                            for j in 0..<d { o[j] += w * u[j] }
                        }
                    }
                }
                for r in 0..<count {
                    let factor = level.noiseScale / total[r]
                    let o = out + r * d
                    for j in 0..<d { o[j] *= factor }
                }
                start += count
            }
        } } } } } } }
    }
}

import Foundation
import ReferenceLaws

/// Mode weights of samples through soft responsibilities under the data law q = Σₖ wₖ N(μₖ, Σₖ) (docs/theory.md §8.10;
/// PN-D06): rₖ(x) = wₖ N(x; μₖ, Σₖ)/q(x) ∈ [0, 1], and E_q rₖ(X) = wₖ exactly, so p̂ₖ = (1/n) Σᵢ rₖ(xᵢ) is an unbiased
/// estimate of the weight the sampler's law gives mode k, to compare with wₖ. Each p̂ₖ gets an empirical Bernstein
/// interval (Maurer & Pontil 2009, Thm. 4; range [0, 1]) at α/K (union bound over the K modes); the error
/// ½ Σₖ |p̂ₖ − wₖ| gets the interval implied by the K intervals. Paired: rₖ(xᵢ) − rₖ(yᵢ) ∈ [−1, 1] per chain.
public struct ModeWeightEstimate: Sendable {
    /// One interval per mode (the weight p̂ₖ, or the paired difference).
    public let modes: [StatisticalInterval]
    /// ½ Σₖ |p̂ₖ − wₖ| (for the paired case: ½ Σₖ |Δₖ|), with bounds implied by the per-mode intervals (level α).
    public let error: Double
    public let errorLower: Double
    public let errorUpper: Double
}

public struct ModeWeights: Sendable {
    let forms: MixtureComponentForms
    public let weights: [Double]

    public init(data law: GaussianMixtureLaw) throws {
        forms = try MixtureComponentForms(law, widening: 0)
        weights = law.weights
    }

    /// rₖ(xᵢ), row-major n × K.
    public func responsibilities(_ samples: [Double]) -> [Double] {
        let d = forms.dimension, kCount = forms.componentCount, n = samples.count / d
        var out = [Double](repeating: 0, count: n * kCount)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: d)
        defer { scratch.deallocate() }
        samples.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { r in
                for i in 0..<n {
                    let row = r.baseAddress! + i * kCount
                    forms.evaluate(x.baseAddress! + i * d, into: row, scratch: scratch)
                    var best = -Double.infinity
                    for k in 0..<kCount { best = max(best, row[k]) }
                    var total = 0.0
                    for k in 0..<kCount { row[k] = exp(row[k] - best); total += row[k] }
                    for k in 0..<kCount { row[k] /= total }
                }
            }
        }
        return out
    }

    public func estimate(_ samples: [Double], alpha: Double) throws -> ModeWeightEstimate {
        try estimate(samples, paired: nil, alpha: alpha)
    }

    public func pairedDifference(_ x: [Double], _ y: [Double], alpha: Double) throws -> ModeWeightEstimate {
        return try estimate(x, paired: y, alpha: alpha)
    }

    func estimate(_ x: [Double], paired y: [Double]?, alpha: Double) throws -> ModeWeightEstimate {
        let kCount = forms.componentCount
        let n = try forms.checkedRows(x, paired: y, minimumRows: 2)
        let rx = responsibilities(x), ry = y.map(responsibilities)
        var modes: [StatisticalInterval] = []
        var error = 0.0, lowerSum = 0.0, upperSum = 0.0
        for k in 0..<kCount {
            let values = (0..<n).map { rx[$0 * kCount + k] - (ry?[$0 * kCount + k] ?? 0) }
            let mean = values.reduce(0, +) / Double(n)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
            let range: ClosedRange<Double> = y == nil ? 0...1 : -1...1
            let half = try empiricalBernsteinHalfWidth(n: n, sampleVariance: variance, range: range,
                                                       alpha: alpha / Double(kCount))
            let interval = try StatisticalInterval(
                statistic: y == nil ? "weight of mode \(k + 1)" : "Δ weight of mode \(k + 1), paired", estimate: mean,
                lower: mean - half, upper: mean + half, n: n, alpha: alpha / Double(kCount), method: .empiricalBernstein)
            modes.append(interval)
            let target = y == nil ? weights[k] : 0
            error += abs(mean - target)
            let lo = interval.lower - target, hi = interval.upper - target
            lowerSum += lo > 0 ? lo : (hi < 0 ? -hi : 0)
            upperSum += max(abs(lo), abs(hi))
        }
        return ModeWeightEstimate(modes: modes, error: error / 2, errorLower: lowerSum / 2, errorUpper: upperSum / 2)
    }
}

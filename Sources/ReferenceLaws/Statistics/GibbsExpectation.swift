import Foundation

/// E_π[f] for π(x) ∝ e^{−F(x)} on an interval, with the normaliser.
public struct GibbsExpectation: Sendable, Equatable {
    /// ∫ f e^{−F} / ∫ e^{−F}.
    public let value: Double
    /// Propagated absolute error estimate (e_N + |value|·e_Z)/Z from GSL's estimates for both integrals.
    public let errorEstimate: Double
    /// log ∫ e^{−F} = log ∫ e^{−(F − c)} − c.
    public let logNormalizer: Double
    /// The shift c actually used (≈ min F): the integrals were of e^{−(F − c)}.
    public let shift: Double
}

extension Quadrature {
    /// E_π[f] = ∫ f(x) e^{−F(x)} dx / ∫ e^{−F(x)} dx on [a, b] (ends may be infinite) (PN-L07).
    ///
    /// Both integrals are taken of e^{−(F − c)} with c ≈ min F, so neither overflows nor underflows
    /// whatever constant F carries; the ratio does not depend on c. If `shift` is nil, c is located by
    /// a scan of F on 513 points of the (mapped) interval and a golden-section refinement around the best
    /// one; if the lowest F seen during the quadrature of ∫e^{−(F−c)} differs from c by more than 1 (a missed
    /// minimum, or a given shift far from min F), that integral is recomputed with c = that value (at most
    /// 3 times). F may be +∞ (zero density) but not NaN or −∞. Where
    /// e^{−(F−c)} underflows to 0, f is not evaluated.
    public static func gibbsExpectation(
        of f: (Double) throws -> Double, potential F: (Double) throws -> Double,
        from a: Double, to b: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-10, shift: Double? = nil
    ) throws(QuadratureError) -> GibbsExpectation {
        guard !a.isNaN, !b.isNaN, a < b else { throw .invalidInterval(lower: a, upper: b) }
        func potential(_ x: Double) throws(QuadratureError) -> Double {
            let value: Double
            do { value = try F(x) } catch { throw .integrandThrew(x: x, underlying: error) }
            guard !value.isNaN, value != -.infinity else { throw .integrandNotFinite(x: x, value: value) }
            return value
        }
        var c: Double
        if let shift {
            guard shift.isFinite else { throw .integrandNotFinite(x: .nan, value: shift) }
            c = shift
        } else {
            c = try locateMinimum(potential, a, b)
        }
        for _ in 0..<4 {
            var lowest = Double.infinity
            let cc = c
            let weight: (Double) throws -> Double = { x in
                let value = try potential(x)
                lowest = Swift.min(lowest, value)
                return exp(-(value - cc))
            }
            let z = try integrate(weight, from: a, to: b,
                                  absoluteTolerance: 0, relativeTolerance: Swift.max(relativeTolerance, 1e-14))
            // Re-shift when the scan missed the minimum (overflow risk) or the given shift was far below it
            // (underflow risk); the second pass sees the same points, so this settles at once.
            if lowest < c - 1 || lowest > c + 1 { c = lowest; continue }
            guard z.value > 0, z.value.isFinite else { throw .degenerateNormalizer(value: z.value) }
            let weighted: (Double) throws -> Double = { x in
                let w = exp(-((try potential(x)) - cc))
                return w == 0 ? 0 : (try f(x)) * w
            }
            let n = try integrate(weighted, from: a, to: b,
                                  absoluteTolerance: absoluteTolerance * z.value, relativeTolerance: relativeTolerance)
            let value = n.value / z.value
            return GibbsExpectation(value: value, errorEstimate: (n.errorEstimate + abs(value) * z.errorEstimate) / z.value,
                                    logNormalizer: log(z.value) - c, shift: c)
        }
        throw .degenerateNormalizer(value: .infinity)
    }

    /// A point near argmin F: scan 513 points of [a, b] (through x = a + s/(1−s), b − s/(1−s) or
    /// s/(1−s²) on infinite ends), then golden-section search between the best point's neighbours.
    private static func locateMinimum(_ F: (Double) throws(QuadratureError) -> Double, _ a: Double, _ b: Double)
        throws(QuadratureError) -> Double
    {
        let count = 513
        func map(_ s: Double) -> Double {            // s ∈ (0, 1)
            switch (a.isInfinite, b.isInfinite) {
            case (false, false): return a + s * (b - a)
            case (false, true): return a + s / (1 - s)
            case (true, false): return b - (1 - s) / s
            case (true, true): let u = 2 * s - 1; return u / (1 - u * u)
            }
        }
        let grid = (1..<count).map { map(Double($0) / Double(count)) }
            + (a.isFinite ? [a] : []) + (b.isFinite ? [b] : [])
        var values: [Double] = []
        values.reserveCapacity(grid.count)
        for x in grid { values.append(try F(x)) }
        var best = 0
        for i in values.indices where values[i] < values[best] { best = i }
        guard values[best].isFinite else { throw .degenerateNormalizer(value: 0) }
        // Refine between the neighbouring interior grid points (indices 0..<count−1 are ordered).
        guard best < count - 1 else { return values[best] }
        var lo = Double(best) / Double(count), hi = Double(best + 2) / Double(count)
        let golden = (5.0.squareRoot() - 1) / 2
        var x1 = hi - golden * (hi - lo), x2 = lo + golden * (hi - lo)
        func inside(_ s: Double) -> Double { map(Swift.min(Swift.max(s, 0.5 / Double(count)), 1 - 0.5 / Double(count))) }
        var f1 = try F(inside(x1)), f2 = try F(inside(x2))
        var bestValue = values[best]
        for _ in 0..<60 {
            if f1 < f2 { hi = x2; x2 = x1; f2 = f1; x1 = hi - golden * (hi - lo); f1 = try F(inside(x1)) }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + golden * (hi - lo); f2 = try F(inside(x2)) }
            bestValue = Swift.min(bestValue, f1, f2)
        }
        return bestValue
    }
}

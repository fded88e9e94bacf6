// How a Gaussian case simplifies: smaller d, smaller κ (on a 1-2-5 grid), diagonal A, simpler mean, λ_min = 1.

extension GaussianCaseSample: Shrinkable {
    /// The κ values tried when shrinking: 1, 2, 5, 10, 20, 50, …, 5·10¹¹ (a 1-2-5 ladder).
    public static let conditionNumberShrinkGrid: [Double] = (0...11).flatMap { e -> [Double] in
        let decade = (0..<e).reduce(1.0) { value, _ in value * 10 }
        return [decade, 2 * decade, 5 * decade]
    }

    /// Simpler cases, simplest first:
    /// 1. every smaller dimension d' = 1, …, d − 1 (same κ, rotation seed, leading positions and mean entries;
    ///    κ = 1 at d' = 1; Q is regenerated at d' from the same rotation seed);
    /// 2. every κ' < κ on `conditionNumberShrinkGrid`, ascending (so the first failing one is the smallest);
    /// 3. the diagonal case A = diag(λ);
    /// 4. zero mean, then the mean rounded to integers;
    /// 5. λ_min = 1.
    public func shrinkCandidates() -> [GaussianCaseSample] {
        var out: [GaussianCaseSample?] = []
        for d in 1..<dimension { out.append(with(dimension: d)) }
        if dimension > 1 {
            for kappa in Self.conditionNumberShrinkGrid where kappa < conditionNumber {
                out.append(with(conditionNumber: kappa))
            }
        }
        if !isDiagonal { out.append(with(isDiagonal: true)) }
        if !hasZeroMean {
            out.append(with(mean: Array(repeating: 0, count: dimension)))
            let rounded = mean.map { $0.rounded() }
            if rounded != mean, rounded.contains(where: { $0 != 0 }) { out.append(with(mean: rounded)) }
        }
        if smallestEigenvalue != 1 { out.append(with(smallestEigenvalue: 1)) }
        return out.compactMap { $0 }
    }
}

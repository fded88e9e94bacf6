import CGSL
import Foundation

/// The standard normal law N(0, 1): density φ(x) = e^{−x²/2}/√(2π), distribution function
/// Φ(x) = ½ erfc(−x/√2), survival 1 − Φ(x) = Φ(−x) (computed directly, accurate in the upper tail),
/// and quantile Φ⁻¹(p).
///
/// Distribution function, survival and quantiles come from GSL (`gsl_cdf_ugaussian_P/Q/Pinv/Qinv`) through
/// `GSL.value`, so a GSL failure or a NaN becomes a thrown `GSLError`. The density is computed here as
/// e^{−x²/2}/√(2π) with x² split exactly (x² = h + l, l = fma(x, x, −h)), so it keeps full relative accuracy
/// for large |x| and underflows quietly to 0 (GSL's `gsl_sf_erf_Z` reports underflow as an error).
/// A NaN argument, or a probability outside [0, 1], throws `GSLError` with code `GSL_EDOM` before GSL is
/// called. Checked against mpmath in `data/reference/laws/distributions.json` (`DistributionReferenceTests`).
public enum StandardNormal {
    /// φ(x) = e^{−x²/2}/√(2π). `x = ±∞` gives 0.
    public static func pdf(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "StandardNormal.pdf: x")
        let high = x * x
        guard high.isFinite else { return 0 }      // |x| = ∞ or x² overflows: φ underflows long before
        let low = (-high).addingProduct(x, x)     // x·x − high with one rounding (FMA): exact
        return exp(-0.5 * high) * (1 - 0.5 * low) * LawArgument.inverseSqrtTwoPi
    }

    /// log φ(x) = −x²/2 − ½ log(2π), finite for every finite x (no underflow in the tails).
    public static func logPDF(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "StandardNormal.logPDF: x")
        return -0.5 * x * x - LawArgument.halfLogTwoPi
    }

    /// Φ(x) = P(Z ≤ x).
    public static func cdf(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "StandardNormal.cdf: x")
        return try GSL.value("gsl_cdf_ugaussian_P(\(x))") { gsl_cdf_ugaussian_P(x) }
    }

    /// 1 − Φ(x) = P(Z > x), computed without cancellation.
    public static func survival(_ x: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(x, "StandardNormal.survival: x")
        return try GSL.value("gsl_cdf_ugaussian_Q(\(x))") { gsl_cdf_ugaussian_Q(x) }
    }

    /// Φ⁻¹(p) for p ∈ [0, 1]; Φ⁻¹(0) = −∞ and Φ⁻¹(1) = +∞.
    public static func quantile(_ p: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(p, "StandardNormal.quantile: p")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        return try GSL.value("gsl_cdf_ugaussian_Pinv(\(p))") { gsl_cdf_ugaussian_Pinv(p) }
    }

    /// The upper quantile Φ⁻¹(1 − q) = −Φ⁻¹(q), accurate for tiny q.
    public static func upperQuantile(_ q: Double) throws(GSLError) -> Double {
        try LawArgument.requireProbability(q, "StandardNormal.upperQuantile: q")
        if q == 0 { return .infinity }
        if q == 1 { return -.infinity }
        return try GSL.value("gsl_cdf_ugaussian_Qinv(\(q))") { gsl_cdf_ugaussian_Qinv(q) }
    }
}

extension StandardNormal {
    /// P(|Z| ≤ h) = erf(h/√2) for h ≥ 0 (0 for h ≤ 0), accurate for small h where 2Φ(h) − 1 cancels.
    public static func centralMass(_ h: Double) throws(GSLError) -> Double {
        try LawArgument.requireNotNaN(h, "StandardNormal.centralMass: h")
        guard h > 0 else { return 0 }
        let z = h / 2.0.squareRoot()
        return try GSL.value("gsl_sf_erf(\(z))") { gsl_sf_erf(z) }
    }
}

import ArgumentParser
import Verification
import DenseLinearAlgebra
import ReferenceLaws

/// `langevin-verify exact`: the exact stationary law (mean, covariance) of a discrete chain for the
/// linear drift b(x) = −A(x − m). The interface is fixed (README.md, `langevin-verify exact`); external checks call it.
struct ExactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exact",
        abstract: "Exact stationary mean and covariance of LMC, PLMC, RLMC, ULMC or PLMC-ULMC for drift −A(x − m).",
        discussion: """
        The law is computed from exact moment recursions (proofs-notes PN-C…), not by simulation.
        For ulmc and plmc-ulmc the state is (x, v) and the covariance is 2d×2d, ordered [x; v].
        Outside the scheme's stability region the command exits non-zero and names the failed condition.
        With --steps n it prints the exact law after n steps from a Gaussian initial law instead (point mass at 0 by
        default); --distance kl|w2|tv adds the distance from the law's moment-matched Gaussian to the target.
        """
    )

    @OptionGroup var options: SchemeAndCaseOptions

    @Option(help: "Finite horizon: the exact law after n steps from the initial law (default: the stationary law).")
    var steps: Int?

    @Option(name: .customLong("initial-mean"), help: "Mean of the Gaussian initial law for --steps (default 0; for ulmc/plmc-ulmc the joint (x, v) mean, 2d entries).")
    var initialMean: String?

    @Option(name: .customLong("initial-covariance"), help: "Covariance of the Gaussian initial law for --steps, rows separated by ';' (default 0: a point mass).")
    var initialCovariance: String?

    @Option(help: "Also print the distance from the law's moment-matched Gaussian to the target: kl, w2 or tv.")
    var distance: DistanceName?

    @Flag(help: "Print one JSON object {\"mean\": [...], \"covariance\": [[...], ...]}.")
    var json = false

    func run() throws {
        let resolved = try options.resolved()
        let drift = try LinearDrift(precision: resolved.precision, mean: resolved.mean)
        let law: ChainMoments
        if let steps {
            guard steps >= 0 else { throw ValidationError("--steps must be at least 0, got \(steps)") }
            law = try ChainLaw.afterSteps(steps, resolved.scheme, eta: resolved.eta, drift: drift,
                                          from: try initialLaw(dimension: resolved.scheme.isUnderdamped ? 2 * drift.dimension : drift.dimension))
        } else {
            guard initialMean == nil, initialCovariance == nil else {
                throw ValidationError("--initial-mean and --initial-covariance need --steps (the stationary law has no initial law)")
            }
            law = try ChainLaw.stationary(resolved.scheme, eta: resolved.eta, drift: drift)
        }
        var extra: [(String, String)] = []
        if let distance {
            extra.append(("distance", try distance.measure(law, target: drift, underdamped: resolved.scheme.isUnderdamped)))
        }
        try printLaw(mean: law.mean, covariance: law.covariance, json: json, extra: extra)
    }

    /// N(initial mean, initial covariance), defaulting to the point mass at 0 (where `simulate` starts).
    private func initialLaw(dimension: Int) throws -> ChainMoments {
        let mean = try initialMean.map { try ArgumentParsing.vector($0, option: "--initial-mean") }
            ?? Array(repeating: 0, count: dimension)
        guard mean.count == dimension else {
            throw ValidationError("--initial-mean has \(mean.count) entries, the state has \(dimension)")
        }
        let covariance = try initialCovariance.map { try ArgumentParsing.matrix($0, option: "--initial-covariance") }
            ?? Matrix(rows: dimension, cols: dimension)
        guard covariance.rows == dimension else {
            throw ValidationError("--initial-covariance is \(covariance.rows)×\(covariance.rows), the state has \(dimension)")
        }
        return try ChainMoments(mean: mean, covariance: covariance)
    }
}

/// `--distance kl|w2|tv`: from N(mean, covariance) of the chain's law — its moment-matched Gaussian (the PLMC and
/// RLMC laws are Gaussian mixtures, whose first two moments are exact) — to the target N(m, A⁻¹) (for the
/// underdamped schemes N((m, 0), diag(A⁻¹, I))). KL and W2 are closed forms (PN-L01, PN-L02); TV is exact in one
/// dimension and otherwise an interval of published bounds (PN-L04).
enum DistanceName: String, ExpressibleByArgument, CaseIterable {
    case kl, w2, tv

    func measure(_ law: ChainMoments, target drift: LinearDrift, underdamped: Bool) throws -> String {
        let d = drift.dimension
        let inverse = try CholeskyFactor(drift.precision, what: "precision matrix A").inverse
        var targetMean = drift.mean
        var targetCovariance = inverse
        if underdamped {
            targetMean += Array(repeating: 0, count: d)
            targetCovariance = Matrix(rows: 2 * d, cols: 2 * d)
            for i in 0..<d { for j in 0..<d { targetCovariance[i, j] = inverse[i, j] } }
            for i in 0..<d { targetCovariance[d + i, d + i] = 1 }
        }
        let target = try GaussianLaw(mean: targetMean, covariance: targetCovariance)
        let matched: GaussianLaw
        do { matched = try GaussianLaw(mean: law.mean, covariance: law.covariance) } catch {
            throw ValidationError("the law's covariance is singular (e.g. a point mass after --steps 0); --distance needs a non-degenerate Gaussian law")
        }
        let note = JSON.string("from the moment-matched Gaussian N(mean, covariance) of the chain's law to the target")
        switch self {
        case .kl:
            let kl = try GaussianDistance.kullbackLeibler(matched, target)
            return JSON.object([("metric", JSON.string("kl")), ("value", JSON.number(kl)), ("note", note)])
        case .w2:
            let w2 = try GaussianDistance.wasserstein2(matched, target)
            return JSON.object([("metric", JSON.string("w2")), ("value", JSON.number(w2)), ("note", note)])
        case .tv:
            let bounds = try GaussianDistance.totalVariation(matched, target)
            return JSON.object([("metric", JSON.string("tv")), ("value", bounds.exact.map(JSON.number) ?? "null"),
                                ("lower", JSON.number(bounds.lower)), ("upper", JSON.number(bounds.upper)), ("note", note)])
        }
    }
}

/// Prints a mean and covariance as JSON or as a readable block; refuses non-finite numbers.
func printLaw(mean: [Double], covariance: Matrix, json: Bool, extra: [(String, String)] = []) throws {
    if mean.contains(where: { !$0.isFinite }) {
        throw ToolError(.dataError, "the computed mean is not finite (the chain diverged or the numbers overflow)")
    }
    if covariance.storage.contains(where: { !$0.isFinite }) {
        throw ToolError(.dataError, "the computed covariance is not finite (the squares of the states exceed the largest "
                        + "double, or the chain diverged)")
    }
    if json {
        print(JSON.object(
            [("mean", JSON.numbers(mean)), ("covariance", JSON.matrix(covariance.nestedRows))] + extra))
    } else {
        print("mean: " + mean.map(\.description).joined(separator: ", "))
        print("covariance:")
        for row in covariance.nestedRows { print("  " + row.map(\.description).joined(separator: ", ")) }
        for (key, value) in extra { print("\(key): \(value)") }
    }
}

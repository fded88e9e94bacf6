import ArgumentParser
import Verification
import DenseLinearAlgebra
import ReferenceLaws

/// `langevin-verify exact`: the exact stationary law (mean, covariance) of a discrete chain for the
/// linear drift b(x) = −A(x − m). The interface is fixed (design.md); external checks call it.
struct ExactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exact",
        abstract: "Exact stationary mean and covariance of LMC, PLMC, RLMC, ULMC or PLMC-ULMC for drift −A(x − m).",
        discussion: """
        The law is computed from exact moment recursions (proofs-notes PN-C…), not by simulation.
        For ulmc and plmc-ulmc the state is (x, v) and the covariance is 2d×2d, ordered [x; v].
        Outside the scheme's stability region the command exits non-zero and names the failed condition.
        """
    )

    @OptionGroup var options: SchemeAndCaseOptions

    @Flag(help: "Print one JSON object {\"mean\": [...], \"covariance\": [[...], ...]}.")
    var json = false

    func run() throws {
        let resolved = try options.resolved()
        let drift = try LinearDrift(precision: resolved.precision, mean: resolved.mean)
        let law = try ChainLaw.stationary(resolved.chainScheme, eta: resolved.eta, drift: drift)
        try printLaw(mean: law.mean, covariance: law.covariance, json: json)
    }
}

extension ResolvedScheme {
    var chainScheme: ChainScheme {
        let count: MidpointCount
        switch midpointCount {
        case .finite(let k): count = .finite(k)
        case .infinite, nil: count = .infinite
        }
        switch name {
        case .lmc: return .lmc
        case .plmc: return .plmc(count)
        case .rlmc: return .rlmc
        case .ulmc: return .ulmc(friction: friction)
        case .plmcULMC: return .plmcULMC(friction: friction, count)
        }
    }
}

/// Prints a mean and covariance as JSON or as a readable block; refuses non-finite numbers.
func printLaw(mean: [Double], covariance: Matrix, json: Bool, extra: [(String, String)] = []) throws {
    for x in mean + covariance.storage where !x.isFinite {
        throw ValidationError("the computed law has non-finite entries (the step is probably unstable)")
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

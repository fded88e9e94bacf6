import ArgumentParser
import DenseLinearAlgebra
import SchemeVocabulary

/// The command line's one exhaustive function of the vocabulary: a scheme name, `--K` and `--gamma` parsed into a
/// `Scheme` (and back into its name). The fixed `exact`/`simulate` interface names five schemes; RLMC-ULMC has no
/// name there and is reached from the library.
enum SchemeArgument {
    /// The accepted `--scheme` values, in the order the help text lists them.
    static let names = ["lmc", "plmc", "rlmc", "ulmc", "plmc-ulmc"]

    /// The scheme named `name` with `--K` (Poisson-midpoint schemes only; "inf", "infinity" or "∞" for the Poisson
    /// limit) and `--gamma` (kinetic schemes only; default 1). Every inconsistency is one clear line.
    static func parse(name: String, midpointCount k: String?, friction gamma: String?) throws -> Scheme {
        let token = name.trimmingWhitespace.lowercased()
        guard names.contains(token) else {
            throw ValidationError("--scheme must be one of \(names.joined(separator: ", ")), got \(ArgumentParsing.quoted(name))")
        }
        let usesK = token == "plmc" || token == "plmc-ulmc"
        let kinetic = token == "ulmc" || token == "plmc-ulmc"
        var count = MidpointCount.infinite
        if let k {
            guard usesK else { throw ValidationError("--K applies only to plmc and plmc-ulmc, not \(token)") }
            count = try midpointCount(k)
        } else if usesK {
            throw ValidationError("\(token) needs --K N (a positive integer) or --K inf")
        }
        var friction = 1.0
        if let gamma {
            guard kinetic else { throw ValidationError("--gamma applies only to ulmc and plmc-ulmc, not \(token)") }
            friction = try ArgumentParsing.positive(gamma, option: "--gamma")
        }
        let scheme: Scheme
        switch token {
        case "lmc": scheme = .lmc
        case "plmc": scheme = .plmc(count)
        case "rlmc": scheme = .rlmc
        case "ulmc": scheme = .ulmc(friction: friction)
        default: scheme = .plmcULMC(friction: friction, count)
        }
        do { try scheme.validate() } catch { throw ValidationError("--K/--gamma: \(error)") }
        return scheme
    }

    /// `--K N|inf`: a positive integer up to `MidpointCount.maximumFinite`, or the Poisson limit.
    static func midpointCount(_ text: String) throws -> MidpointCount {
        let token = text.trimmingWhitespace.lowercased()
        if token == "inf" || token == "infinity" || token == "∞" { return .infinite }
        guard let k = Int(token) else {
            throw ValidationError("--K: \(ArgumentParsing.quoted(text)) is neither a positive integer nor inf")
        }
        guard k >= 1 else { throw ValidationError("--K must be at least 1, got \(k)") }
        guard k <= MidpointCount.maximumFinite else {
            throw ValidationError("--K must be at most \(MidpointCount.maximumFinite), got \(k); use --K inf for the "
                                  + "Poisson limit (finite K approaches it at rate η/K)")
        }
        return .finite(k)
    }

    /// The `--scheme` name of a scheme, nil for the schemes the fixed interface does not name.
    static func name(of scheme: Scheme) -> String? {
        switch scheme {
        case .lmc: return "lmc"
        case .plmc: return "plmc"
        case .rlmc: return "rlmc"
        case .ulmc: return "ulmc"
        case .plmcULMC: return "plmc-ulmc"
        case .rlmcULMC: return nil
        }
    }
}

/// Options shared by `exact` and `simulate`: the scheme and the Gaussian case b(x) = −A(x − m).
struct SchemeAndCaseOptions: ParsableArguments {
    @Option(help: "Scheme: lmc, plmc, rlmc, ulmc or plmc-ulmc.")
    var scheme: String

    @Option(help: "Step size η > 0 (the coarse step for plmc).")
    var eta: String

    @Option(name: .customLong("K"), help: "PLMC sub-steps per step: a positive integer or inf (plmc, plmc-ulmc only).")
    var midpointCount: String?

    @Option(help: "Friction γ > 0 (ulmc, plmc-ulmc only; default 1).")
    var gamma: String?

    @Option(help: "Symmetric positive-definite matrix A of the drift −A(x − m), rows separated by ';', e.g. \"2,0.5;0.5,1\".")
    var matrix: String

    @Option(help: "Mean m (default 0), e.g. \"1,-2\"; write --mean=-1,2 when it starts with '-'.")
    var mean: String?

    /// Validated values; every inconsistency is one clear line.
    func resolved() throws -> ResolvedScheme {
        let scheme = try SchemeArgument.parse(name: self.scheme, midpointCount: midpointCount, friction: gamma)
        let eta = try ArgumentParsing.positive(self.eta, option: "--eta")
        let a = try ArgumentParsing.matrix(matrix, option: "--matrix")
        let m: [Double]
        if let mean {
            m = try ArgumentParsing.vector(mean, option: "--mean")
            guard m.count == a.rows else {
                throw ValidationError("--mean has \(m.count) entries but --matrix is \(a.rows)×\(a.rows)")
            }
        } else {
            m = Array(repeating: 0, count: a.rows)
        }
        return ResolvedScheme(scheme: scheme, eta: eta, precision: a, mean: m)
    }
}

struct ResolvedScheme {
    let scheme: Scheme
    let eta: Double
    let precision: Matrix
    let mean: [Double]
}

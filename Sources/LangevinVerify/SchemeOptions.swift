import ArgumentParser
import DenseLinearAlgebra

/// The scheme names of the fixed `exact` and `simulate` interfaces.
enum SchemeName: String, ExpressibleByArgument, CaseIterable {
    case lmc, plmc, rlmc, ulmc
    case plmcULMC = "plmc-ulmc"

    var usesMidpointCount: Bool { self == .plmc || self == .plmcULMC }
    var isUnderdamped: Bool { self == .ulmc || self == .plmcULMC }
}

/// `--K N|inf`: the number of fine sub-steps per PLMC step, or the Poisson limit.
enum MidpointCountArgument: Equatable {
    case finite(Int)
    case infinite

    init(parsing text: String) throws {
        let token = text.trimmingWhitespace.lowercased()
        if token == "inf" || token == "infinity" || token == "∞" {
            self = .infinite
            return
        }
        guard let k = Int(token) else {
            throw ValidationError("--K: \"\(text)\" is neither a positive integer nor inf")
        }
        guard k >= 1 else { throw ValidationError("--K must be at least 1, got \(k)") }
        self = .finite(k)
    }
}

/// Options shared by `exact` and `simulate`: the scheme and the Gaussian case b(x) = −A(x − m).
struct SchemeAndCaseOptions: ParsableArguments {
    @Option(help: "Scheme: lmc, plmc, rlmc, ulmc or plmc-ulmc.")
    var scheme: SchemeName

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
        var k: MidpointCountArgument?
        if let midpointCount {
            guard scheme.usesMidpointCount else {
                throw ValidationError("--K applies only to plmc and plmc-ulmc, not \(scheme.rawValue)")
            }
            k = try MidpointCountArgument(parsing: midpointCount)
        } else if scheme.usesMidpointCount {
            throw ValidationError("\(scheme.rawValue) needs --K N (a positive integer) or --K inf")
        }
        var friction = 1.0
        if let gamma {
            guard scheme.isUnderdamped else {
                throw ValidationError("--gamma applies only to ulmc and plmc-ulmc, not \(scheme.rawValue)")
            }
            friction = try ArgumentParsing.positive(gamma, option: "--gamma")
        }
        return ResolvedScheme(name: scheme, eta: eta, midpointCount: k, friction: friction, precision: a, mean: m)
    }
}

struct ResolvedScheme {
    let name: SchemeName
    let eta: Double
    let midpointCount: MidpointCountArgument?
    let friction: Double
    let precision: Matrix
    let mean: [Double]
}

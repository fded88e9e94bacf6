// Typed errors of the simulation layer. Every input error names the offending parameter; every runtime
// failure names the chain (global index, 0-based) and the step (1-based: step s maps X_{s−1} to X_s).
import SchemeVocabulary

/// Why a simulation was rejected or stopped.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// η ≤ 0, NaN or ∞.
    case invalidStepSize(Double)
    /// K < 1 sub-steps per PLMC step.
    case invalidSubsteps(Int)
    /// γ ≤ 0, NaN or ∞.
    case invalidFriction(Double)
    /// A failure of one scheme (a candidate of a coupled run, or its fine chain), named.
    indirect case inCandidate(String, SimulationError)
    /// A scheme the vocabulary rejects (K above its limit, a mutation that does not apply).
    case invalidScheme(SchemeError)
    /// A scheme or mutation the engine does not run (named).
    case unsupported(String)
    /// Any other scheme, case or configuration parameter outside its domain.
    case invalidParameter(name: String, value: String, reason: String)
    /// Zero (or negative) chains.
    case invalidChainCount(Int)
    /// Zero (or negative) steps.
    case invalidStepCount(Int)
    /// A vector (initial state, mean, …) or a drift whose dimension disagrees with the expected one.
    case dimensionMismatch(what: String, expected: Int, got: Int)
    /// A non-finite entry in an input vector or matrix.
    case nonFiniteInput(what: String, index: Int, value: Double)
    /// The drift returned NaN or ±∞ for `chain` during `step`.
    case nonFiniteDrift(chain: Int, step: Int)
    /// The state of `chain` became NaN or ±∞ at `step` (with finite drift values).
    case nonFiniteState(chain: Int, step: Int)
    /// The distance of `chain`'s state from the run's divergence centre (`EnsembleConfiguration.explosionCenter`)
    /// exceeded `threshold` (= ρ · max(1, ‖centre‖)) at `step`: the scheme is outside its stability region.
    case unstable(chain: Int, step: Int, norm: Double, threshold: Double)

    /// Equality of case and payload, with NaN payloads equal to each other (so a rejected NaN input
    /// compares equal to the expected error).
    public static func == (lhs: SimulationError, rhs: SimulationError) -> Bool {
        lhs.description == rhs.description
    }

    public var description: String {
        switch self {
        case let .invalidStepSize(eta):
            return "step size η must be positive and finite, got \(eta)"
        case let .invalidSubsteps(k):
            return "the number of sub-steps K must be at least 1, got \(k)"
        case let .invalidFriction(gamma):
            return "friction γ must be positive and finite, got \(gamma)"
        case let .inCandidate(name, error):
            return "\(name): \(error)"
        case let .invalidScheme(error):
            return error.description
        case let .unsupported(what):
            return "unsupported: \(what)"
        case let .invalidParameter(name, value, reason):
            return "\(name) = \(value) is invalid: \(reason)"
        case let .invalidChainCount(n):
            return "the number of chains must be at least 1, got \(n)"
        case let .invalidStepCount(n):
            return "the number of steps must be at least 1, got \(n)"
        case let .dimensionMismatch(what, expected, got):
            return "\(what) has dimension \(got), expected \(expected)"
        case let .nonFiniteInput(what, index, value):
            return "\(what) has a non-finite entry \(value) at index \(index)"
        case let .nonFiniteDrift(chain, step):
            return "the drift returned a non-finite value for chain \(chain) at step \(step)"
        case let .nonFiniteState(chain, step):
            return "the state of chain \(chain) became non-finite at step \(step)"
        case let .unstable(chain, step, norm, threshold):
            return "unstable: chain \(chain) diverged at step \(step): its distance from the centre reached "
                + "\(shortNumber(norm)) > \(shortNumber(threshold)) (the divergence threshold, relative to the problem's scale)"
        }
    }
}

/// A number with six significant digits (messages).
func shortNumber(_ x: Double) -> String {
    guard x.isFinite else { return x.description }
    let magnitude = abs(x)
    if magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e6) {
        var text = "\(x)"
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let mantissa = Double(text[..<e]) ?? x
            let rounded = (mantissa * 1e5).rounded() / 1e5
            text = "\(rounded)" + text[e...]
        }
        return text
    }
    return "\((x * 1e6).rounded() / 1e6)"
}

/// Throws unless every entry of `v` is finite and its length is `count`.
func validateSimulationVector(_ v: [Double], _ what: String, count: Int) throws(SimulationError) {
    guard v.count == count else { throw .dimensionMismatch(what: what, expected: count, got: v.count) }
    for (i, x) in v.enumerated() where !x.isFinite { throw .nonFiniteInput(what: what, index: i, value: x) }
}

/// Throws unless `eta` is positive and finite (NaN fails the guard).
func validateStepSize(_ eta: Double) throws(SimulationError) {
    guard eta > 0, eta.isFinite else { throw .invalidStepSize(eta) }
}

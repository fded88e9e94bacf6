// The exit statuses of `langevin-verify` and the one place where errors become a status and one line.
// README.md ("Exit codes and limits") documents the same table; CLITests check that every status the tool can
// return is in it.
import ArgumentParser
import DenseLinearAlgebra
import Langevin
import ReferenceLaws
import SchemeVocabulary
import Verification

/// Every exit status of the tool. The usage/data/output statuses follow BSD sysexits.h.
enum ToolExit: Int32, CaseIterable, Sendable {
    /// Success (`verify`: at least one verdict was asserted and every asserted verdict is as expected).
    case success = 0
    /// `verify`: an asserted verdict does not hold (a claim fails, or a mutant is not rejected).
    case claimFails = 1
    /// `verify`: nothing fails, but an asserted check is inconclusive.
    case inconclusive = 2
    /// `verify`: nothing was asserted — the selection holds no unit (e.g. an empty shard), or every verdict is
    /// outside its claim's assumptions. Never reported as "holds".
    case nothingAsserted = 3
    /// Usage (EX_USAGE): unknown, malformed or repeated option; a value out of its domain or beyond a limit; a
    /// step outside the scheme's stability region.
    case usage = 64
    /// Data (EX_DATAERR): an input file is malformed or inconsistent (`merge`), or a computation on accepted input
    /// failed (a chain diverged, a law is not finite, a registered assumption case is inconsistent).
    case dataError = 65
    /// No input (EX_NOINPUT): an input folder or file does not exist or cannot be read.
    case noInput = 66
    /// Internal error (EX_SOFTWARE): a bug; the line says what failed.
    case internalError = 70
    /// Cannot create output (EX_CANTCREAT): the output folder cannot be made or put in place (exists and is not
    /// empty, is being written by another run, was taken by another run meanwhile).
    case cannotCreateOutput = 73
    /// I/O error (EX_IOERR): writing standard output or an output file failed (disk full, closed pipe).
    case ioError = 74
    /// Interrupted by SIGHUP (128 + 1).
    case hangup = 129
    /// Interrupted by SIGINT (128 + 2).
    case interrupted = 130
    /// Interrupted by SIGTERM (128 + 15).
    case terminated = 143

    /// The status for a termination signal.
    static func forSignal(_ signal: Int32) -> ToolExit {
        switch signal {
        case 1: return .hangup
        case 15: return .terminated
        default: return .interrupted
        }
    }
}

/// An error that carries its exit status and its one line.
struct ToolError: Error, CustomStringConvertible, Sendable {
    let exit: ToolExit
    let message: String

    init(_ exit: ToolExit, _ message: String) {
        self.exit = exit
        self.message = message
    }

    var description: String { message }

    /// A usage error (64) naming the option.
    static func usage(_ message: String) -> ToolError { ToolError(.usage, message) }

    /// The status and the line for any error thrown while parsing or running a command.
    static func classify(_ error: any Error) -> (exit: ToolExit, message: String) {
        switch error {
        case let error as ToolError:
            return (error.exit, error.message)
        case let error as VerificationError:
            switch error {
            case .invalidParameter: return (.usage, error.description)
            case .law, .numerical, .invalidFile: return (.dataError, error.description)
            case .output(let output):
                switch output.kind {
                case .cannotCreate, .takenMeanwhile: return (.cannotCreateOutput, output.description)
                case .writeFailed: return (.ioError, output.description)
                case .abandoned: return (.interrupted, output.description)
                }
            }
        case let error as SimulationError:
            return (simulationExit(error), error.description)
        case let error as DeclarationError:
            return (.dataError, error.description)
        case let error as ChainLawError:
            switch error {
            case .numerical, .unsupported: return (.dataError, error.description)
            default: return (.usage, error.description)
            }
        case let error as GaussianLawError:
            if case .gsl = error { return (.dataError, error.description) }
            return (.usage, error.description)
        case let error as MatrixError:
            return (.usage, error.description)
        case let error as SchemeError:
            return (.usage, error.description)
        case let error as GSLError:
            return (.dataError, error.description)
        case let error as DiffusionError:
            if case .diverged = error { return (.dataError, error.description) }
            return (.usage, error.description)
        default:
            break
        }
        // ArgumentParser's own errors (parse and validation errors, help, --version, ExitCode)
        let code = LangevinVerifyCommand.exitCode(for: error)
        let message = LangevinVerifyCommand.message(for: error)
        if let status = ToolExit(rawValue: code.rawValue), code.rawValue != 0 {
            return (status, message.isEmpty ? "exited with status \(code.rawValue)" : message)
        }
        if code.rawValue == 0 { return (.success, message) }
        return (.internalError, "internal error: \(String(describing: error)) (please report)")
    }

    /// Runtime failures of a run on accepted input are data errors; rejected input is a usage error.
    static func simulationExit(_ error: SimulationError) -> ToolExit {
        switch error {
        case .nonFiniteDrift, .nonFiniteState, .unstable: return .dataError
        case .inCandidate(_, let inner): return simulationExit(inner)
        default: return .usage
        }
    }
}

/// Runs the checks of a command's `validate()`: ArgumentParser keeps status 64 only for `ValidationError`, so a
/// `ToolError` (a usage error) is re-thrown as one.
func validating(_ body: () throws -> Void) throws {
    do { try body() } catch let error as ToolError {
        throw ValidationError(error.message)
    }
}

// The one path every subcommand runs through. A new subcommand is added to `LangevinVerifyCommand`'s list and gets,
// without code of its own:
// * one line on stderr and a documented exit status for every error (`ToolError.classify`; throw `ToolError` for a
//   status of your own, `ValidationError` or a typed error of the libraries otherwise);
// * refusal of a repeated option (`CommandLineRules`; conform to `RepeatableOptions` to allow one);
// * a failed write to standard output becomes exit status 74 (`StandardOutput`);
// * SIGINT/SIGTERM/SIGHUP remove every unfinished `OutputDirectory` and print where the run stopped
//   (`Interruption`; call `Interruption.setStage` as the command progresses).
// A command that writes a folder makes it with `RunFolder.make` (unique default names, atomic commit); one that
// takes counts or sizes checks them with `ToolLimits` before allocating or running anything.
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ToolMain {
    /// When the process started (the manifest's `started_utc`).
    nonisolated(unsafe) static var startDate = Date()

    static func run(_ arguments: [String]) -> Never {
        Interruption.install()
        startDate = Date()
        var command: ParsableCommand
        do {
            command = try LangevinVerifyCommand.parseAsRoot(arguments)
        } catch {
            finish(with: error)
        }
        do {
            let repeatable = (type(of: command) as? RepeatableOptions.Type)?.repeatableOptions ?? []
            try CommandLineRules.checkRepeatedOptions(arguments, repeatable: repeatable)
            Interruption.setStage("\(type(of: command).configuration.commandName ?? "the command")")
            try command.run()
            Interruption.waitIfStopping()
            try StandardOutput.flush()
        } catch {
            finish(with: error)
        }
        exit(ToolExit.success.rawValue)
    }

    /// Prints the error's one line (or ArgumentParser's help/version text) and exits with its status.
    static func finish(with error: any Error) -> Never {
        Interruption.waitIfStopping()   // the error came from the interruption: the handler reports it
        let (status, message) = ToolError.classify(error)
        if status == .success {
            LangevinVerifyCommand.exit(withError: error)    // --help, --version: ArgumentParser prints them
        }
        // a failed stdout is reported (once) in preference to nothing; the error's own status is kept
        let stdoutFailure: ToolError?
        do { try StandardOutput.flush(); stdoutFailure = nil } catch { stdoutFailure = error }
        var line = CommandLineRules.oneLine(message)
        if let stdoutFailure, status != .ioError { line += "; also " + stdoutFailure.message }
        StandardError.write("langevin-verify: \(CommandLineRules.oneLine(line))\n")
        exit(status.rawValue)
    }
}

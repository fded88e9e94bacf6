// Entry point of `langevin-verify`. Every failure is reported as ONE line on stderr with a non-zero
// exit code; `--help` and friends keep ArgumentParser's normal output.
import ArgumentParser
import Foundation

do {
    var command = try LangevinVerifyCommand.parseAsRoot()
    try command.run()
} catch {
    let code = LangevinVerifyCommand.exitCode(for: error)
    if code == .success {
        LangevinVerifyCommand.exit(withError: error)    // help, version: ArgumentParser prints them
    }
    let message = LangevinVerifyCommand.message(for: error)
        .split(separator: "\n").first.map(String.init) ?? "unknown error"
    let line = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
    FileHandle.standardError.write(Data("langevin-verify: \(line)\n".utf8))
    exit(code.rawValue == 0 ? 1 : code.rawValue)
}

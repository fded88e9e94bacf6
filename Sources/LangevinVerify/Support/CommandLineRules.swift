// Rules every subcommand gets from `ToolMain` without doing anything: each option at most once, and every message
// one bounded line.

/// A subcommand that accepts some option more than once (none does today). Every other option given twice is
/// refused (`CommandLineRules.checkRepeatedOptions`), because ArgumentParser would silently keep the last value.
protocol RepeatableOptions {
    /// Long option names (without "--") that may be given several times.
    static var repeatableOptions: Set<String> { get }
}

enum CommandLineRules {
    /// The longest message line the tool prints (a huge argument is never echoed whole).
    static let maximumMessageLength = 300

    /// Refuses a long option given twice (`--eta 0.1 --eta 0.2`, `--json --json`, `--eta=1 --eta 2`) and a flag given
    /// with its inversion (`--numpy --no-numpy`). Arguments after a lone `--` are values, not options.
    static func checkRepeatedOptions(_ arguments: [String], repeatable: Set<String> = []) throws(ToolError) {
        var seen: [String: String] = [:]
        for token in arguments {
            if token == "--" { break }
            guard token.hasPrefix("--"), token.count > 2 else { continue }
            let body = token.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let key = name.hasPrefix("no-") ? String(name.dropFirst(3)) : name
            if repeatable.contains(key) { continue }
            if let first = seen[key] {
                let shown = first == name ? "--\(name) is given twice" : "--\(first) and --\(name) are both given"
                throw ToolError.usage("\(quotedName(shown)); give each option once (the tool never silently keeps one of two values)")
            }
            seen[key] = name
        }
    }

    /// "--name …" cut for a message.
    static func quotedName(_ text: String) -> String {
        text.count <= 100 ? text : String(text.prefix(99)) + "…"
    }

    /// One printable line of at most `maximumMessageLength` characters: the first line of `message` (any of
    /// LF, CR, CR LF, or Unicode line separators ends it), control characters replaced by spaces, an "Error: " prefix
    /// dropped, and the rest cut with a count of what was left out.
    static func oneLine(_ message: String) -> String {
        var line = String(message.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).first ?? "")
        if line.hasPrefix("Error: ") { line.removeFirst(7) }
        var scalars = String.UnicodeScalarView()
        for scalar in line.unicodeScalars { scalars.append(scalar.properties.generalCategory == .control ? " " : scalar) }
        line = String(scalars)
        line = line.trimmingWhitespace
        if line.isEmpty { return "failed without a message" }
        if line.count > maximumMessageLength {
            let kept = line.prefix(maximumMessageLength - 40)
            line = kept + "… (\(line.count - kept.count) more characters)"
        }
        return line
    }
}

// Output folders of the subcommands that write one (verify, merge, and any later one).
import Foundation
import Verification

enum RunFolder {
    /// The folder a run writes: `--output DIR` exactly (it must not exist or be an empty folder), or, without
    /// `--output`, `data/runs/<UTC time>-<name>` under the current folder, committed to the first free name among
    /// that, `…-2`, `…-3` (never shared between concurrent runs). See `OutputDirectory` for the atomic commit.
    static func make(output: String?, defaultName: String) throws(VerificationError) -> OutputDirectory {
        if let output {
            let last = output.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
            guard !output.trimmingWhitespace.isEmpty, last != ".", last != "..", !last.isEmpty else {
                throw .output(OutputDirectoryError(kind: .cannotCreate, label: "--output", path: ArgumentParsing.quoted(output),
                                                   reason: "needs a folder name (not empty, \".\", \"..\" or \"/\")"))
            }
            return try OutputDirectory(final: URL(fileURLWithPath: output), naming: .exact, label: "--output")
        }
        return try OutputDirectory(final: URL(fileURLWithPath: RunPaths.defaultRunFolder(name: defaultName)),
                                   naming: .unique, label: "the default output folder")
    }
}

// Output folders of the subcommands that write one (verify, merge, and any later one).
import Foundation
import Verification

enum RunFolder {
    /// The folder a run writes: `--output DIR` exactly (it must not exist or be an empty folder), or, without
    /// `--output`, `data/runs/<UTC time>-<name>` under the current folder, committed to the first free name among
    /// that, `…-2`, `…-3` (never shared between concurrent runs). See `OutputDirectory` for the atomic commit.
    static func make(output: String?, defaultName: String) throws(VerificationError) -> OutputDirectory {
        if let output {
            return try OutputDirectory(final: URL(fileURLWithPath: output), naming: .exact, label: "--output")
        }
        return try OutputDirectory(final: URL(fileURLWithPath: RunPaths.defaultRunFolder(name: defaultName)),
                                   naming: .unique, label: "the default output folder")
    }
}

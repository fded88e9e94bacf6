// Reading the tool's input files (shard folders of `merge` and `diffusion merge`) with the documented statuses.
import Foundation
import Verification

enum InputFiles {
    /// The UTF-8 text at `url`: status 66 (`noInput`) when nothing is there, 65 (`dataError`) when a file is there but
    /// cannot be read as UTF-8 text; the message names the file (shortened) and which of the two it was.
    static func readText(_ url: URL) throws(ToolError) -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw ToolError(exists ? .dataError : .noInput,
                            "cannot read \(OutputDirectory.shortPath(url.path))"
                            + (exists ? " (not UTF-8 text or unreadable)" : " (no such file)"))
        }
    }
}

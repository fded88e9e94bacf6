import Foundation
import XCTest

/// Every citation in the repository must resolve inside the repository:
/// (a) no citation of notes kept outside it, of absolute machine paths (home folders, mktemp folders), or of tracker items;
/// (b) every `docs/theory.md §N` names a section heading of docs/theory.md;
/// (c) every `docs/testing-policy.md Rn` (or `§N`) names a rule (or section) of docs/testing-policy.md;
/// (d) every relative link in the Markdown documents points to an existing file;
/// (e) every repository path written in code comments and documents (`Sources/…`, `Tests/…`, `scripts/…`, `docs/…`,
///     `data/reference/…`, `proofs-notes/…`) names a file or folder that exists.
/// Deterministic; no statistics. Failure messages list file:line and the offending text.
final class CitationIntegrityTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Scanned folders and files, and the text extensions read in them.
    private static let scope = ["Sources", "Tests", "docs", "README.md", "proofs-notes", "scripts", "data"]
    private static let extensions = [".swift", ".md", ".py", ".sh", ".c", ".json", ".txt", ".gp"]

    /// (path relative to the root, text) of every scanned file. `data/runs/` holds what the tool writes (not
    /// committed, may carry local paths), so only its README is read.
    private func scannedFiles() throws -> [(String, String)] {
        var result: [(String, String)] = []
        let manager = FileManager.default
        for entry in Self.scope {
            let url = root.appendingPathComponent(entry)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            var urls: [URL] = []
            if isFolder.boolValue {
                guard let enumerator = manager.enumerator(at: url, includingPropertiesForKeys: nil,
                                                          options: [.skipsHiddenFiles]) else { continue }
                urls = enumerator.compactMap { $0 as? URL }
            } else {
                urls = [url]
            }
            for file in urls where Self.extensions.contains(where: { file.path.hasSuffix($0) }) {
                let relative = relativePath(file)
                if relative.hasPrefix("data/runs/") && file.lastPathComponent != "README.md" { continue }
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                result.append((relative, text))
            }
        }
        return result.sorted { $0.0 < $1.0 }
    }

    private func relativePath(_ url: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    private func regex(_ pattern: String, _ options: NSRegularExpression.Options = []) -> NSRegularExpression {
        try! NSRegularExpression(pattern: pattern, options: options)
    }

    /// (line number, matched text, first capture group or "") of every match.
    private func matches(_ regex: NSRegularExpression, in text: String) -> [(Int, String, String)] {
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            let line = ns.substring(to: match.range.location).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            let group = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound
                ? ns.substring(with: match.range(at: 1)) : ""
            return (line, ns.substring(with: match.range), group)
        }
    }

    private func lineText(_ text: String, _ line: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return line - 1 < lines.count ? lines[line - 1].trimmingCharacters(in: .whitespaces) : ""
    }

    // MARK: (a) forbidden citations

    /// The patterns are assembled from pieces so that this file does not cite what it forbids.
    private func forbiddenPatterns() -> [(String, NSRegularExpression)] {
        let outsideNotes = [["paper", "notes"], ["testing", "rules"], ["diffusion", "notes"], ["style", "anchors"],
                            ["peer", "anchors"], ["env", "notes"]].map { $0.joined(separator: "-") }
        var patterns = outsideNotes.map { name in
            ("a note kept outside the repository", regex(NSRegularExpression.escapedPattern(for: name), [.caseInsensitive]))
        }
        patterns.append(("a path outside the repository", regex(NSRegularExpression.escapedPattern(for: ".." + "/shared"))))
        for folder in ["work", "root", "home", "Users"] {
            patterns.append(("an absolute machine path", regex(NSRegularExpression.escapedPattern(for: "/" + folder + "/"))))
        }
        // a folder made by mktemp on some machine (six random letters and digits after the name), e.g. from a pasted log
        patterns.append(("an absolute machine path (a mktemp folder)",
                         regex("/" + "tmp/[\\w-]+\\.(?=[a-z]*[A-Z0-9])[A-Za-z0-9]{6}(?![\\w])")))
        patterns.append(("a tracker item", regex("\\b[Ii]ssues?[- ]?#?[0-9]+")))
        patterns.append(("a person", regex("\\b" + "engin" + "eer h[0-9]+")))
        let repositoryHasDesignNote = (try? scannedFiles().contains { ($0.0 as NSString).lastPathComponent == "design" + ".md" }) ?? false
        if !repositoryHasDesignNote {
            patterns.append(("a note kept outside the repository", regex("(?<![\\w/-])" + "design" + "\\.md\\b")))
        }
        return patterns
    }

    func testNoCitationOfAnythingOutsideTheRepository() throws {
        let patterns = forbiddenPatterns()
        var offences: [String] = []
        for (path, text) in try scannedFiles() {
            for (what, pattern) in patterns {
                for (line, found, _) in matches(pattern, in: text) {
                    offences.append("\(path):\(line): \(what) ('\(found)'): \(lineText(text, line))")
                }
            }
        }
        XCTAssertTrue(offences.isEmpty, "citations that do not resolve inside the repository (cite docs/theory.md, "
                      + "docs/testing-policy.md, proofs-notes or a public source instead):\n" + offences.joined(separator: "\n"))
    }

    // MARK: (b), (c) section and rule citations

    private static let listSeparator = "(?:[\\s/#*]|,|;|and|or|–|-)*"
    private static let sectionNumber = "§[0-9]+(?:\\.[0-9]+)*"

    private func headings(in document: String, pattern: String) throws -> Set<String> {
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        return Set(matches(regex(pattern, [.anchorsMatchLines]), in: text).map { $0.2 })
    }

    func testTheorySectionCitationsExist() throws {
        let sections = try headings(in: "docs/theory.md", pattern: "^#+\\s+§([0-9]+(?:\\.[0-9]+)*)")
        XCTAssertFalse(sections.isEmpty, "docs/theory.md has no numbered section headings")
        let citation = regex("theory\\.md((?:" + Self.listSeparator + Self.sectionNumber + ")+)")
        let number = regex("§([0-9]+(?:\\.[0-9]+)*)")
        var missing: [String] = []
        for (path, text) in try scannedFiles() {
            for (line, found, list) in matches(citation, in: text) {
                for (_, _, section) in matches(number, in: list) where !sections.contains(section) {
                    missing.append("\(path):\(line): docs/theory.md has no §\(section): '\(found)'")
                }
            }
        }
        XCTAssertTrue(missing.isEmpty, "citations of docs/theory.md sections that do not exist:\n"
                      + missing.joined(separator: "\n"))
    }

    func testTestingPolicyCitationsExist() throws {
        let rules = try headings(in: "docs/testing-policy.md", pattern: "^#+\\s+R([0-9]+)\\b")
        let sections = try headings(in: "docs/testing-policy.md", pattern: "^#+\\s+§([0-9]+(?:\\.[0-9]+)*)")
        XCTAssertEqual(rules, Set((1...25).map(String.init)), "docs/testing-policy.md must define the rules R1 … R25")
        let citation = regex("testing-policy(?:\\.md)?((?:" + Self.listSeparator + "(?:R[0-9]+|" + Self.sectionNumber + "))+)")
        let item = regex("(R[0-9]+|§[0-9]+(?:\\.[0-9]+)*)")
        var missing: [String] = []
        for (path, text) in try scannedFiles() {
            for (line, found, list) in matches(citation, in: text) {
                for (_, _, name) in matches(item, in: list) {
                    let known = name.hasPrefix("R") ? rules.contains(String(name.dropFirst()))
                                                    : sections.contains(String(name.dropFirst()))
                    if !known { missing.append("\(path):\(line): docs/testing-policy.md has no \(name): '\(found)'") }
                }
            }
        }
        XCTAssertTrue(missing.isEmpty, "citations of docs/testing-policy.md rules or sections that do not exist:\n"
                      + missing.joined(separator: "\n"))
    }

    // MARK: (d) relative links

    func testRelativeMarkdownLinksPointToExistingFiles() throws {
        let documents = try scannedFiles().filter { path, _ in
            let folder = (path as NSString).deletingLastPathComponent
            let name = (path as NSString).lastPathComponent
            return (path.hasSuffix(".md") && (folder == "docs" || folder == "proofs-notes" || path == "README.md"))
                || (path.hasPrefix("data/") && name == "README.md")
        }
        XCTAssertTrue(documents.contains { $0.0 == "docs/theory.md" }, "docs/theory.md is missing")
        XCTAssertTrue(documents.contains { $0.0 == "docs/testing-policy.md" }, "docs/testing-policy.md is missing")
        let link = regex("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)")
        var broken: [String] = []
        for (path, text) in documents {
            let folder = root.appendingPathComponent((path as NSString).deletingLastPathComponent)
            for (line, found, target) in matches(link, in: text) {
                if target.contains("://") || target.hasPrefix("#") || target.hasPrefix("mailto:") { continue }
                let file = String(target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                let decoded = file.removingPercentEncoding ?? file
                if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(decoded).standardizedFileURL.path) {
                    broken.append("\(path):\(line): '\(found)' points to a file that does not exist")
                }
            }
        }
        XCTAssertTrue(broken.isEmpty, "broken relative links:\n" + broken.joined(separator: "\n"))
    }

    // MARK: (e) repository paths

    func testRepositoryPathsNamedInTextExist() throws {
        let path = regex("(?<![A-Za-z0-9_./-])((?:Sources|Tests|scripts|docs|proofs-notes|data/reference)/[A-Za-z0-9_+./-]*[A-Za-z0-9_+/])")
        var missing: [String] = []
        for (file, text) in try scannedFiles() {
            for (line, _, target) in matches(path, in: text) {
                // globs and placeholders are not paths
                if target.contains("*") || target.contains("<") || target.hasSuffix("/-") { continue }
                let trimmed = target.hasSuffix(".") ? String(target.dropLast()) : target
                // "proofs-notes/PN-C01" names a note by its id: a file proofs-notes/PN-C01-….md must exist
                if trimmed.hasPrefix("proofs-notes/" + "PN-"), !trimmed.hasSuffix(".md") {
                    let id = String(trimmed.dropFirst("proofs-notes/".count))
                    let notes = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("proofs-notes").path)) ?? []
                    if !notes.contains(where: { $0.hasPrefix(id + "-") && $0.hasSuffix(".md") }) {
                        missing.append("\(file):\(line): no proofs-note '\(id)': \(lineText(text, line))")
                    }
                    continue
                }
                if !FileManager.default.fileExists(atPath: root.appendingPathComponent(trimmed).path) {
                    missing.append("\(file):\(line): '\(trimmed)' does not exist: \(lineText(text, line))")
                }
            }
        }
        XCTAssertTrue(missing.isEmpty, "paths that do not exist:\n" + missing.joined(separator: "\n"))
    }
}

import Foundation
import XCTest

/// Every proofs-note id cited in code or tests must name an existing note, and every note must say which
/// tests check it (by a test name that exists somewhere under Tests/). Deterministic; no statistics.
final class ProofsNotesIntegrityTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private func files(under folder: String, suffix: String) throws -> [URL] {
        let base = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.path.hasSuffix(suffix) }
    }

    private func noteIDs() throws -> [String: URL] {
        var ids: [String: URL] = [:]
        for url in try files(under: "proofs-notes", suffix: ".md") {
            let name = url.deletingPathExtension().lastPathComponent
            guard name.hasPrefix("PN-") else { continue }
            // File names are "PN-<GROUP><NUMBER>-<slug>.md": the id is the first two dash-separated fields.
            let fields = name.split(separator: "-")
            guard fields.count >= 2 else { continue }
            let id = "PN-\(fields[1])"
            XCTAssertNil(ids[id], "two proofs-notes share the id \(id): \(ids[id]?.lastPathComponent ?? "") and \(url.lastPathComponent)")
            ids[id] = url
        }
        return ids
    }

    private func citedIDs(in text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: "PN-[A-Z][0-9]{2}")
        let range = NSRange(text.startIndex..., in: text)
        return Set(regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } })
    }

    func testEveryCitedProofsNoteExists() throws {
        let notes = try noteIDs()
        var missing: [String] = []
        for folder in ["Sources", "Tests"] {
            for url in try files(under: folder, suffix: ".swift") {
                let text = try String(contentsOf: url, encoding: .utf8)
                for id in citedIDs(in: text) where notes[id] == nil {
                    missing.append("\(id) cited in \(url.lastPathComponent)")
                }
            }
        }
        XCTAssertEqual(missing, [], "cited proofs-notes that do not exist")
    }

    func testEveryProofsNoteNamesTestsThatExist() throws {
        let notes = try noteIDs()
        var allTestText = ""
        for url in try files(under: "Tests", suffix: ".swift") {
            allTestText += try String(contentsOf: url, encoding: .utf8)
        }
        let testName = try NSRegularExpression(pattern: "func (test[A-Za-z0-9_]+)")
        let declared = Set(testName.matches(in: allTestText, range: NSRange(allTestText.startIndex..., in: allTestText))
            .compactMap { Range($0.range(at: 1), in: allTestText).map { String(allTestText[$0]) } })
        for (id, url) in notes.sorted(by: { $0.key < $1.key }) {
            let text = try String(contentsOf: url, encoding: .utf8)
            let mentioned = try NSRegularExpression(pattern: "\\b(test[A-Z][A-Za-z0-9_]+)")
                .matches(in: text, range: NSRange(text.startIndex..., in: text))
                .compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
            XCTAssertFalse(mentioned.isEmpty, "\(id) (\(url.lastPathComponent)) names no test that checks it")
            for name in mentioned where !declared.contains(name) {
                XCTFail("\(id) (\(url.lastPathComponent)) names \(name), which is not a test under Tests/")
            }
        }
    }

    func testIndexListsEveryNote() throws {
        let index = try String(contentsOf: root.appendingPathComponent("proofs-notes/README.md"), encoding: .utf8)
        for url in try noteIDs().values {
            XCTAssertTrue(index.contains("(\(url.lastPathComponent))"),
                          "proofs-notes/README.md does not list \(url.lastPathComponent); run scripts/proofs-notes-index.py")
        }
    }
}

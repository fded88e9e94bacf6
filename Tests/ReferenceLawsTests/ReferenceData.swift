import DenseLinearAlgebra
import Foundation
import XCTest

/// Reads the committed mpmath tables in `data/reference/laws/` (written by
/// `scripts/reference/laws/make_reference_laws.py`; each file carries its provenance header).
enum ReferenceData {
    /// The package root: this file is <root>/Tests/ReferenceLawsTests/ReferenceData.swift.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load(_ name: String) throws -> [String: Any] {
        let url = packageRoot.appendingPathComponent("data/reference/laws/\(name)")
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "ReferenceData", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(name) is not an object"])
        }
        guard let provenance = object["provenance"] as? [String: Any], provenance["script"] != nil else {
            throw NSError(domain: "ReferenceData", code: 2, userInfo: [NSLocalizedDescriptionKey: "\(name) lacks provenance"])
        }
        return object
    }

    static func rows(_ name: String, _ key: String) throws -> [[String: Any]] {
        guard let rows = try load(name)[key] as? [[String: Any]], !rows.isEmpty else {
            throw NSError(domain: "ReferenceData", code: 3, userInfo: [NSLocalizedDescriptionKey: "\(name): no rows for \(key)"])
        }
        return rows
    }
}

extension Dictionary where Key == String, Value == Any {
    func double(_ key: String) -> Double {
        (self[key] as? NSNumber)?.doubleValue ?? .nan
    }

    func int(_ key: String) -> Int { (self[key] as? NSNumber)?.intValue ?? -1 }

    func vector(_ key: String) -> [Double] {
        ((self[key] as? [Any]) ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }

    func matrix(_ key: String) throws -> Matrix {
        let rows = ((self[key] as? [[Any]]) ?? []).map { $0.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
        return try Matrix(rows)
    }
}

/// |actual − expected| ≤ tolerance · |expected| (relative), with a message.
func assertRelative(_ actual: Double, _ expected: Double, _ tolerance: Double, _ message: @autoclosure () -> String,
                    file: StaticString = #filePath, line: UInt = #line) {
    let error = abs(actual - expected)
    XCTAssert(error <= tolerance * abs(expected),
              "\(message()): got \(actual), expected \(expected), relative error \(error / abs(expected)) > \(tolerance)",
              file: file, line: line)
}

/// |actual − expected| ≤ tolerance.
func assertAbsolute(_ actual: Double, _ expected: Double, _ tolerance: Double, _ message: @autoclosure () -> String,
                    file: StaticString = #filePath, line: UInt = #line) {
    let error = abs(actual - expected)
    XCTAssert(error <= tolerance, "\(message()): got \(actual), expected \(expected), error \(error) > \(tolerance)",
              file: file, line: line)
}

/// 64-bit FNV-1a of a test name: the fixed seed of that test's generator (printed in failure messages).
func testSeed(_ name: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return h
}

let eps = Double.ulpOfOne

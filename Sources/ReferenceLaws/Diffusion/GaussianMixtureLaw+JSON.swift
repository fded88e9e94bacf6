import DenseLinearAlgebra
import Foundation
import SchemeVocabulary

extension GaussianMixtureLaw {
    /// The largest mixture file read: 64 MiB.
    public static let maximumFileBytes = 64 << 20

    /// A mixture from its JSON form `{"weights": [...], "means": [[...]], "covariances": [[[...]]]}` (the format of
    /// `langevin-verify diffusion sample --mixture`). Throws `.invalidData` naming the first problem: not JSON, a missing
    /// or mistyped key, a non-number entry, ragged arrays, or any violation of the law's own validation.
    public init(json data: Data) throws(DiffusionError) {
        // The structure is checked with JSONSerialization (unknown keys are refused); the numbers are decoded with
        // JSONDecoder, which converts each decimal to the nearest double (JSONSerialization can be off by an ulp).
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .invalidData("the mixture is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw .invalidData("the mixture must be a JSON object with keys weights, means, covariances")
        }
        for key in fields.keys.sorted() where !["weights", "means", "covariances"].contains(key) {
            throw .invalidData("unknown key \"\(key.prefix(40))\" (expected weights, means, covariances)")
        }
        let file: MixtureFile
        do { file = try JSONDecoder().decode(MixtureFile.self, from: data) } catch let error as DecodingError {
            throw .invalidData(Self.describe(error))
        } catch {
            throw .invalidData("the mixture cannot be read: \(error)")
        }
        var covariances: [Matrix] = []
        for (k, rows) in file.covariances.enumerated() {
            do { covariances.append(try Matrix(rows)) } catch { throw .invalidData("covariance \(k + 1): \(error)") }
        }
        try self.init(weights: file.weights, means: file.means, covariances: covariances)
    }

    private struct MixtureFile: Decodable {
        let weights: [Double]
        let means: [[Double]]
        let covariances: [[[Double]]]
    }

    /// One line naming where the JSON does not have the expected shape.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0 + 1)]" } ?? $0.stringValue }.joined()
        }
        switch error {
        case let .keyNotFound(key, _): return "the key \"\(key.stringValue)\" is missing"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(path(context.codingPath)) is not a number or an array of the expected depth"
        case let .dataCorrupted(context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "the mixture does not have the expected shape"
        }
    }

    /// Reads a mixture file (at most `maximumFileBytes`).
    public init(contentsOf url: URL) throws(DiffusionError) {
        let size: Int
        do {
            size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        } catch { throw .invalidData("cannot read the mixture file \(url.path)") }
        guard size <= Self.maximumFileBytes else {
            throw .invalidData("the mixture file has \(size) bytes, more than the limit of \(Self.maximumFileBytes)")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .invalidData("cannot read the mixture file \(url.path)") }
        try self.init(json: data)
    }

    /// The JSON form read by `init(json:)`.
    public var json: String {
        func numbers(_ xs: [Double]) -> String { "[" + xs.map(\.description).joined(separator: ", ") + "]" }
        let covariancesText = covariances.map { c in "[" + (0..<c.rows).map { numbers(c.row($0)) }.joined(separator: ", ") + "]" }
        return "{\"weights\": \(numbers(weights)), \"means\": [\(means.map(numbers).joined(separator: ", "))], "
            + "\"covariances\": [\(covariancesText.joined(separator: ", "))]}"
    }
}

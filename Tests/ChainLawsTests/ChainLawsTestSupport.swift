// Shared helpers for the ChainLaws tests: reference data, seeds, comparisons, test matrices.
import DenseLinearAlgebra
import Foundation
import Randomness
import ReferenceLaws
import SchemeVocabulary
import XCTest

/// The committed reference values of `scripts/reference/chains/chain_reference_values.py`
/// (sympy/mpmath, 25 significant digits), at `data/reference/chains/chain-reference-values.json`.
enum ChainReference {
    static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/reference/chains/chain-reference-values.json")

    static func document() throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "ChainReference", code: 1, userInfo: [NSLocalizedDescriptionKey: "not a JSON object: \(url.path)"])
        }
        return object
    }

    /// A decimal string of the reference file as a Double.
    static func number(_ any: Any?) throws -> Double {
        guard let text = any as? String, let value = Double(text) else {
            throw NSError(domain: "ChainReference", code: 2, userInfo: [NSLocalizedDescriptionKey: "not a number string: \(String(describing: any))"])
        }
        return value
    }

    static func vector(_ any: Any?) throws -> [Double] {
        guard let list = any as? [Any] else { throw NSError(domain: "ChainReference", code: 3) }
        return try list.map { try number($0) }
    }

    static func matrix(_ any: Any?) throws -> Matrix {
        guard let rows = any as? [Any] else { throw NSError(domain: "ChainReference", code: 4) }
        return try Matrix(rows.map { try vector($0) })
    }

    /// The reference file's scheme key ("lmc", "plmc" with K, "rlmc") as a `Scheme`.
    static func overdampedScheme(_ entry: [String: Any]) -> Scheme? {
        switch entry["scheme"] as? String {
        case "lmc": return .lmc
        case "rlmc": return .rlmc
        case "plmc":
            if let k = entry["K"] as? Int { return .plmc(.finite(k)) }
            if entry["K"] as? String == "inf" { return .plmc(.infinite) }
            return nil
        default: return nil
        }
    }
}

/// Seeds derived from test names (FNV-1a 64 of the UTF-8 name), printed in failure messages.
func chainTestSeed(_ name: String) -> UInt64 {
    var hash = FNV1a64()
    hash.combine(bytes: Array(name.utf8))
    return hash.value
}

/// max over entries of |a − b| / max(|b|, floor).
func maxRelativeDifference(_ a: Matrix, _ b: Matrix, floor: Double = 1) -> Double {
    precondition(a.rows == b.rows && a.cols == b.cols)
    var worst = 0.0
    for k in a.storage.indices {
        worst = max(worst, abs(a.storage[k] - b.storage[k]) / max(abs(b.storage[k]), floor))
    }
    return worst
}

func maxRelativeDifference(_ a: [Double], _ b: [Double], floor: Double = 1) -> Double {
    precondition(a.count == b.count)
    var worst = 0.0
    for k in a.indices { worst = max(worst, abs(a[k] - b[k]) / max(abs(b[k]), floor)) }
    return worst
}

/// Test matrices built here, independently of the code under test.
enum ChainTestMatrices {
    /// A Haar-like random rotation Q (Gram–Schmidt of a Gaussian matrix from the seeded generator).
    static func rotation(dimension d: Int, seed: UInt64) -> Matrix {
        var rng = Xoshiro256StarStar(seed: seed)
        var columns: [[Double]] = []
        while columns.count < d {
            var v = (0..<d).map { _ in rng.nextStandardNormal() }
            for _ in 0..<2 {                                   // re-orthogonalise twice for accuracy
                for c in columns {
                    let dot = zip(v, c).reduce(0) { $0 + $1.0 * $1.1 }
                    for i in 0..<d { v[i] -= dot * c[i] }
                }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 1e-3 { columns.append(v.map { $0 / norm }) }
        }
        var q = Matrix(rows: d, cols: d)
        for j in 0..<d { for i in 0..<d { q[i, j] = columns[j][i] } }
        return q
    }

    /// Q diag(λ) Qᵀ, symmetrised.
    static func spd(eigenvalues: [Double], rotation q: Matrix) -> Matrix {
        (q * Matrix.diagonal(eigenvalues) * q.transposed).symmetrized
    }

    /// A non-diagonal SPD matrix with the given eigenvalues and a seeded random rotation.
    static func spd(eigenvalues: [Double], seed: UInt64) -> (a: Matrix, q: Matrix) {
        let q = rotation(dimension: eigenvalues.count, seed: seed)
        return (spd(eigenvalues: eigenvalues, rotation: q), q)
    }

    /// An SPD initial covariance that does not commute with A (its own rotation and spectrum).
    static func initialCovariance(dimension d: Int, seed: UInt64) -> Matrix {
        let q = rotation(dimension: d, seed: seed ^ 0x5EED)
        return spd(eigenvalues: (0..<d).map { 0.2 + 0.35 * Double($0) }, rotation: q)
    }
}

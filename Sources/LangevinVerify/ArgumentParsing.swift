// Parsing of the matrix, vector and K arguments of the fixed `exact`/`simulate` interfaces.
// Every malformed value becomes a `ValidationError` with one clear line naming the option.
import ArgumentParser
import DenseLinearAlgebra

enum ArgumentParsing {
    /// Parses "a11,a12;a21,a22" (rows separated by `;`, entries by `,`, spaces allowed).
    static func matrix(_ text: String, option: String) throws -> Matrix {
        let rowTexts = text.split(separator: ";", omittingEmptySubsequences: false)
        guard !text.trimmingWhitespace.isEmpty else {
            throw ValidationError("\(option): empty matrix; expected rows like \"2,0.5;0.5,1\"")
        }
        var rows: [[Double]] = []
        for (index, rowText) in rowTexts.enumerated() {
            rows.append(try vector(String(rowText), option: "\(option) row \(index + 1)"))
        }
        guard let first = rows.first else { throw ValidationError("\(option): empty matrix") }
        for (index, row) in rows.enumerated() where row.count != first.count {
            throw ValidationError(
                "\(option): row \(index + 1) has \(row.count) entries but row 1 has \(first.count)")
        }
        guard rows.count == first.count else {
            throw ValidationError("\(option): matrix must be square, got \(rows.count)×\(first.count)")
        }
        return try Matrix(rows)
    }

    /// Parses "1,-2.5,3e-2" into finite numbers.
    static func vector(_ text: String, option: String) throws -> [Double] {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        var values: [Double] = []
        for (index, field) in fields.enumerated() {
            let token = String(field).trimmingWhitespace
            guard !token.isEmpty else {
                throw ValidationError("\(option): entry \(index + 1) is empty in \(quoted(text))")
            }
            guard let value = Double(token) else {
                throw ValidationError("\(option): entry \(index + 1) \(quoted(token)) is not a number")
            }
            guard value.isFinite else {
                throw ValidationError("\(option): entry \(index + 1) is not finite (\(quoted(token)))")
            }
            values.append(value)
        }
        return values
    }

    /// A user's value quoted for an error line, cut to 60 characters (a huge argument is never echoed whole).
    static func quoted(_ text: String) -> String {
        let limit = 60
        return text.count <= limit ? "\"\(text)\"" : "\"\(text.prefix(limit))…\" (\(text.count) characters)"
    }

    /// Parses a positive, finite real.
    static func positive(_ text: String, option: String) throws -> Double {
        guard let value = Double(text.trimmingWhitespace) else {
            throw ValidationError("\(option): \(quoted(text)) is not a number")
        }
        guard value.isFinite, value > 0 else {
            throw ValidationError("\(option) must be a positive finite number, got \(quoted(text))")
        }
        return value
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

/// Why a matrix or vector input was rejected. Every case says where the problem is.
public enum MatrixError: Error, Equatable, CustomStringConvertible, Sendable {
    case notSquare(what: String, rows: Int, cols: Int)
    case dimensionMismatch(what: String, expected: Int, got: Int)
    case nonFinite(what: String, row: Int, col: Int, value: Double)
    case notSymmetric(what: String, row: Int, col: Int, difference: Double, tolerance: Double)
    case notPositiveDefinite(what: String, detail: String)
    case singular(what: String, detail: String)
    case empty(what: String)

    public var description: String {
        switch self {
        case let .notSquare(what, rows, cols):
            return "\(what) must be square, got \(rows)×\(cols)"
        case let .dimensionMismatch(what, expected, got):
            return "\(what) has dimension \(got), expected \(expected)"
        case let .nonFinite(what, row, col, value):
            return "\(what) has a non-finite entry \(value) at (\(row + 1), \(col + 1))"
        case let .notSymmetric(what, row, col, difference, tolerance):
            return "\(what) is not symmetric: entries (\(row + 1), \(col + 1)) and (\(col + 1), \(row + 1)) differ by \(difference) > tolerance \(tolerance)"
        case let .notPositiveDefinite(what, detail):
            return "\(what) is not positive definite: \(detail)"
        case let .singular(what, detail):
            return "\(what) is singular: \(detail)"
        case let .empty(what):
            return "\(what) is empty"
        }
    }
}

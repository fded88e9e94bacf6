// Minimal JSON writing with full double precision (Swift's shortest round-trip `description`).

enum JSONText {
    /// A finite double with full precision; callers check finiteness first (JSON has no NaN).
    static func number(_ x: Double) -> String { x.description }

    static func array(_ xs: [Double]) -> String { "[" + xs.map(number).joined(separator: ", ") + "]" }

    static func matrix(_ rows: [[Double]]) -> String { "[" + rows.map(array).joined(separator: ", ") + "]" }

    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `{"key": value, ...}` from already-encoded values, keys in the given order.
    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

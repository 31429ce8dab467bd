/// A minimal JSON value with a deterministic compact rendering: object keys sorted by their
/// UTF-8 bytes, no whitespace, numbers in Swift's shortest round-trip form.
package enum JSONText: Sendable, Equatable {
    case object([String: JSONText])
    case array([JSONText])
    case string(String)
    case integer(Int)
    case number(Double)

    /// The compact JSON text.
    package var rendered: String {
        var output = ""
        render(into: &output)
        return output
    }

    private func render(into output: inout String) {
        switch self {
        case .object(let members):
            output += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (position, key) in keys.enumerated() {
                if position > 0 { output += "," }
                Self.renderString(key, into: &output)
                output += ":"
                members[key]?.render(into: &output)
            }
            output += "}"
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                element.render(into: &output)
            }
            output += "]"
        case .string(let text):
            Self.renderString(text, into: &output)
        case .integer(let value):
            output += String(value)
        case .number(let value):
            precondition(value.isFinite, "JSON cannot represent \(value)")
            output += value.description
        }
    }

    private static func renderString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

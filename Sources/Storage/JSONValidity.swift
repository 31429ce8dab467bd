import CSQLite

/// `json_valid(X)` as an innocuous, deterministic function, registered on every connection.
///
/// With the schema untrusted (see `Connection`), a view, trigger or CHECK may only call functions
/// SQLite marks innocuous, and SQLite before 3.41 does not mark its JSON functions so: the
/// warehouse's own `CHECK (json_valid(parameters))` would then fail with "unsafe use of
/// json_valid()". This replacement keeps the meaning for what the warehouse stores: 1 when X is
/// one RFC 8259 JSON text (white space around allowed), 0 otherwise, NULL for NULL. It reads
/// the bytes once, with an explicit stack (nesting up to `maximumDepth`), and no allocation
/// beyond that stack.
enum JSONValidity {
    /// SQLite's own limit on nesting (`JSON_MAX_DEPTH`).
    static let maximumDepth = 2_000

    static func register(on db: OpaquePointer) -> Int32 {
        sqlite3_create_function_v2(db, "json_valid", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   nil, jsonValidFunction, nil, nil, nil)
    }

    /// Whether `bytes` is one JSON text.
    static func isValid<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8, Bytes.Index == Int {
        var parser = Parser(bytes: bytes)
        return parser.document()
    }

    private struct Parser<Bytes: Collection> where Bytes.Element == UInt8, Bytes.Index == Int {
        let bytes: Bytes
        var index: Int
        /// Open containers: true for an object (a key comes next), false for an array.
        var stack: [Bool] = []

        init(bytes: Bytes) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func document() -> Bool {
            guard value() else { return false }
            skipSpace()
            return current == nil
        }

        /// One value, containers included (iteratively).
        mutating func value() -> Bool {
            while true {
                skipSpace()
                guard let byte = current else { return false }
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard stack.count < JSONValidity.maximumDepth else { return false }
                    let isObject = byte == UInt8(ascii: "{")
                    index += 1
                    skipSpace()
                    if current == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        index += 1
                    } else {
                        stack.append(isObject)
                        if isObject, !key() { return false }
                        continue
                    }
                case UInt8(ascii: "\""):
                    guard string() else { return false }
                case UInt8(ascii: "t"): guard literal("true") else { return false }
                case UInt8(ascii: "f"): guard literal("false") else { return false }
                case UInt8(ascii: "n"): guard literal("null") else { return false }
                default:
                    guard number() else { return false }
                }
                // A value ended: close containers or go on to the next element.
                while let isObject = stack.last {
                    skipSpace()
                    guard let next = current else { return false }
                    if next == UInt8(ascii: ",") {
                        index += 1
                        if isObject, !key() { return false }
                        break
                    }
                    guard next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return false }
                    index += 1
                    stack.removeLast()
                }
                if stack.isEmpty { return true }
            }
        }

        /// `"key" :` inside an object.
        mutating func key() -> Bool {
            skipSpace()
            guard current == UInt8(ascii: "\""), string() else { return false }
            skipSpace()
            guard current == UInt8(ascii: ":") else { return false }
            index += 1
            return true
        }

        mutating func string() -> Bool {
            index += 1  // the opening quote
            while let byte = current {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return true
                case UInt8(ascii: "\\"):
                    guard let escaped = current else { return false }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        for _ in 0..<4 {
                            guard let hex = current, isHexDigit(hex) else { return false }
                            index += 1
                        }
                    default:
                        return false
                    }
                case 0..<0x20:
                    return false
                default:
                    continue
                }
            }
            return false
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            for expected in text {
                guard current == expected else { return false }
                index += 1
            }
            return true
        }

        mutating func number() -> Bool {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, isDigit(first) else { return false }
            index += 1
            if first != UInt8(ascii: "0") { digits() }
            if current == UInt8(ascii: ".") {
                index += 1
                guard let digit = current, isDigit(digit) else { return false }
                digits()
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let digit = current, isDigit(digit) else { return false }
                digits()
            }
            return true
        }

        mutating func digits() {
            while let byte = current, isDigit(byte) { index += 1 }
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        func isHexDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
        }
    }
}

/// The C entry point of `json_valid`.
private func jsonValidFunction(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard count == 1, let argument = arguments?[0], sqlite3_value_type(argument) != SQLITE_NULL else {
        sqlite3_result_null(context)
        return
    }
    // sqlite3_value_text first, then sqlite3_value_bytes: the length of that text form.
    guard let text = sqlite3_value_text(argument) else {
        sqlite3_result_int(context, 0)
        return
    }
    let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(argument)))
    sqlite3_result_int(context, JSONValidity.isValid(bytes) ? 1 : 0)
}

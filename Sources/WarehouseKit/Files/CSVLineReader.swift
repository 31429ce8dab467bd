#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV file row by row through a fixed buffer, so memory stays bounded whatever the
/// file's size.
///
/// Rows end with "\n" or "\r\n"; the last row may lack it. Fields are split on ","; a field
/// wrapped in quotes (`"12"`) is unwrapped. Quoted fields holding commas or line breaks are not
/// supported: the files read here (assignments) hold numbers only. A row longer than the buffer
/// is an error.
final class CSVLineReader {
    let path: String
    /// 1-based number of the row last returned (the header is row 1).
    private(set) var lineNumber = 0

    private var descriptor: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEnd = false

    /// Opens `path` for reading.
    /// - Throws: `WarehouseError.invalidArgument` naming the path and the system's reason.
    init(path: String, capacity: Int = 1 << 20) throws {
        self.path = path
        buffer = [UInt8](repeating: 0, count: max(capacity, 64))
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw WarehouseError.invalidArgument("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if descriptor >= 0 { _ = closeFile(descriptor) }
    }

    /// The next row's fields (views into a copy of the row's bytes), nil at the end of the file.
    func nextRow() throws -> [ArraySlice<UInt8>]? {
        guard let line = try nextLine() else { return nil }
        var fields: [ArraySlice<UInt8>] = []
        var fieldStart = line.startIndex
        for index in line.indices where line[index] == UInt8(ascii: ",") {
            fields.append(Self.unquoted(line[fieldStart..<index]))
            fieldStart = index + 1
        }
        fields.append(Self.unquoted(line[fieldStart..<line.endIndex]))
        return fields
    }

    /// The next line without its line end, nil at the end of the file.
    func nextLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 10) {
                var line = buffer[start..<newline]
                start = newline + 1
                if line.last == 13 { line = line.dropLast() }
                lineNumber += 1
                return ArraySlice(Array(line))
            }
            if atEnd {
                guard start < end else { return nil }
                var line = buffer[start..<end]
                start = end
                if line.last == 13 { line = line.dropLast() }
                lineNumber += 1
                return ArraySlice(Array(line))
            }
            try refill()
        }
    }

    /// Moves the unread bytes to the front and reads more after them.
    private func refill() throws {
        if start > 0 {
            let pending = end - start
            buffer.withUnsafeMutableBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return }
                memmove(base, base + start, pending)
            }
            start = 0
            end = pending
        }
        guard end < buffer.count else {
            throw WarehouseError.invalidArgument(
                "'\(path)' line \(lineNumber + 1) is longer than \(buffer.count) bytes; not a CSV file of this format")
        }
        let room = buffer.count - end
        let offset = end
        let descriptor = descriptor
        let got = buffer.withUnsafeMutableBufferPointer { bytes -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            return read(descriptor, base + offset, room)
        }
        if got < 0 {
            if errno == EINTR { return }
            throw WarehouseError.invalidArgument("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        if got == 0 { atEnd = true }
        end += got
    }

    private static func unquoted(_ field: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let quote = UInt8(ascii: "\"")
        if field.count >= 2, field.first == quote, field.last == quote {
            return field.dropFirst().dropLast()
        }
        return field
    }
}

extension ArraySlice<UInt8> {
    /// The bytes as text, for messages and number parsing.
    var text: String { String(decoding: self, as: UTF8.self) }

    /// A decimal integer with an optional sign, nil for anything else.
    var int64: Int64? {
        guard !isEmpty, count <= 20 else { return nil }
        return Int64(text)
    }

    /// A decimal number (Swift's / strtod's syntax, which covers Spark's `1.0E-5`), nil for
    /// anything else. Non-finite spellings parse to non-finite values: the caller refuses them.
    var double: Double? {
        guard !isEmpty, count <= 64 else { return nil }
        return Double(text)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WarehouseTables

/// A streaming RFC 4180 reader: one record at a time through a fixed read buffer, so memory is
/// bounded by the longest record (at most `recordLimit` bytes), not by the file.
///
/// - Fields are separated by `,`; records end with LF or CRLF (a lone CR inside a field is data);
///   the last record may lack its line end. A UTF-8 byte-order mark at the very start is skipped.
/// - A field that starts with `"` is quoted: it ends at the next `"` not doubled, and may hold
///   commas, quotes (`""`) and line breaks. A quote inside an unquoted field, or anything but a
///   separator or a line end after a closing quote, is malformed (`CSVReader.Malformed`).
/// - `line` is the 1-based physical line on which the current record starts (quoted line breaks
///   count), so messages point where an editor does.
/// - A record with only an empty field (a blank line) is skipped.
///
/// Fields are byte slices of `record`, reused between records: copy what must outlive `next()`.
final class CSVReader {
    /// Why a file cannot be read as CSV; stops the file.
    struct Malformed: Error, Sendable {
        let line: Int
        let reason: String
    }

    let path: String
    /// The first line of the current record.
    private(set) var line = 0
    /// The current record's unquoted contents, field after field.
    private(set) var record: [UInt8] = []
    /// End offsets of the current record's fields in `record`.
    private(set) var ends: [Int] = []

    private let descriptor: Int32
    private var buffer: [UInt8]
    private var position = 0
    private var filled = 0
    private var atEnd = false
    private var nextLine = 1
    private var started = false
    private let recordLimit: Int
    private(set) var bytesRead: Int64 = 0
    /// The hash of the whole 8-byte words read so far (see `contentHash`).
    private var wordHash: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The bytes read after the last whole word (little-endian), and how many (0…7).
    private var pendingWord: UInt64 = 0
    private var pendingBytes = 0

    /// A 64-bit hash of every byte read so far: the file taken as little-endian 8-byte words
    /// (the last one padded, with the byte count mixed in), each mixed in as
    /// h = ((h ⊕ w) · 0x9E3779B97F4A7C15) ⊕ (· ≫ 29), whatever sizes the reads returned. Two
    /// reads of a file to its end give the same value exactly when they read the same bytes (but
    /// for about a 2⁻⁶⁴ chance): how the import's writing pass knows a file is the one its
    /// validation pass read. A word at a time, it costs a sixth of a byte-wise FNV-1a.
    var contentHash: UInt64 {
        Self.mix(Self.mix(wordHash, pendingWord), UInt64(pendingBytes))
    }

    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        return product ^ (product >> 29)
    }

    /// Opens `path` (a regular file, checked again once open) for reading.
    /// - Throws: `WarehouseError.invalidArgument` naming the path and the reason.
    init(path: String, bufferSize: Int = 1 << 18, recordLimit: Int = 1 << 20) throws {
        self.path = path
        self.recordLimit = recordLimit
        buffer = [UInt8](repeating: 0, count: max(bufferSize, 16))
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw WarehouseError.invalidArgument("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            _ = closeFile(descriptor)
            throw WarehouseError.invalidArgument("'\(path)' is not a regular file")
        }
        self.descriptor = descriptor
    }

    deinit { _ = closeFile(descriptor) }

    /// The first bytes of the file (up to `count`), without consuming them: for magic numbers.
    func peek(_ count: Int) throws -> ArraySlice<UInt8> {
        while filled - position < count && !atEnd { try refill() }
        return buffer[position..<min(filled, position + count)]
    }

    var fieldCount: Int { ends.count }

    /// Field `index` of the current record.
    func field(_ index: Int) -> ArraySlice<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return record[start..<ends[index]]
    }

    /// Reads the next record; false at the end of the file.
    func next() throws -> Bool {
        while true {
            guard try readRecord() else { return false }
            if ends.count == 1 && ends[0] == 0 { continue }
            return true
        }
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(10), cr = UInt8(13)

    /// Where the scanner is inside a record.
    private enum State {
        /// At the start of a field.
        case fieldStart
        /// Inside an unquoted field.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Just after a quote inside a quoted field: a doubled quote or the closing one.
        case quoteInQuoted
        /// After the closing quote and a CR: only a separator or a line end may follow.
        case closed
    }

    /// Scans bytes into `record`, chunk by chunk of the read buffer, with a state that carries
    /// over refills (so a `""` or a CRLF split between two reads needs no look-ahead). The hot
    /// loop works on local copies: the class's stored properties are touched once per chunk.
    private func readRecord() throws -> Bool {
        var record: [UInt8] = []
        var ends: [Int] = []
        swap(&record, &self.record)
        swap(&ends, &self.ends)
        record.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        defer {
            swap(&record, &self.record)
            swap(&ends, &self.ends)
        }
        if !started {
            started = true
            // Skip a UTF-8 byte-order mark.
            let head = try peek(3)
            if head.elementsEqual([0xEF, 0xBB, 0xBF]) { position += 3 }
        }
        guard try byteAvailable() else { return false }
        line = nextLine
        var lineCount = nextLine
        var state = State.fieldStart
        var fieldStart = 0
        while true {
            if position >= filled {
                guard atEnd else {
                    try refill()
                    continue
                }
                nextLine = lineCount
                if state == .quoted {
                    throw Malformed(line: line, reason: "a quoted field is not closed before the end of the file")
                }
                if state == .unquoted, record.count > fieldStart, record.last == Self.cr { record.removeLast() }
                ends.append(record.count)
                return true
            }
            let bytes = buffer
            var index = position
            let end = filled
            var finished = false
            var failure: String?
            scan: while index < end {
                let byte = bytes[index]
                index += 1
                switch state {
                case .quoted:
                    if byte == Self.quote {
                        state = .quoteInQuoted
                    } else {
                        if byte == Self.lf { lineCount += 1 }
                        record.append(byte)
                    }
                case .quoteInQuoted, .closed:
                    if byte == Self.quote && state == .quoteInQuoted {
                        record.append(byte)
                        state = .quoted
                    } else if byte == Self.comma {
                        ends.append(record.count)
                        fieldStart = record.count
                        state = .fieldStart
                    } else if byte == Self.lf {
                        lineCount += 1
                        ends.append(record.count)
                        finished = true
                        break scan
                    } else if byte == Self.cr {
                        state = .closed
                    } else {
                        failure = "text after a closing quote (a field's quotes must wrap all of it)"
                        break scan
                    }
                case .fieldStart, .unquoted:
                    if byte == Self.comma {
                        ends.append(record.count)
                        fieldStart = record.count
                        state = .fieldStart
                    } else if byte == Self.lf {
                        lineCount += 1
                        if record.count > fieldStart, record.last == Self.cr { record.removeLast() }
                        ends.append(record.count)
                        finished = true
                        break scan
                    } else if byte == Self.quote {
                        guard state == .fieldStart else {
                            failure = "a quote inside an unquoted field (quote the whole field and double the quote)"
                            break scan
                        }
                        state = .quoted
                    } else {
                        // A run of plain bytes: find where it ends and copy it at once (a CR
                        // before the LF is data here and taken off at the LF, as above).
                        var stop = index
                        while stop < end {
                            let next = bytes[stop]
                            if next == Self.comma || next == Self.lf || next == Self.quote { break }
                            stop += 1
                        }
                        record.append(contentsOf: bytes[(index - 1)..<stop])
                        index = stop
                        state = .unquoted
                    }
                }
            }
            position = index
            if let failure { throw Malformed(line: lineCount, reason: failure) }
            if record.count > recordLimit {
                throw Malformed(line: line, reason: "a record longer than \(recordLimit) bytes (an unclosed quote?)")
            }
            if finished {
                nextLine = lineCount
                return true
            }
        }
    }

    /// Whether a byte is at `position`, reading more when the buffer is used up.
    private func byteAvailable() throws -> Bool {
        while position >= filled {
            if atEnd { return false }
            try refill()
        }
        return true
    }

    /// Mixes `range` of the buffer, the next bytes of the file, into the content hash.
    private func hashBytes(_ range: Range<Int>) {
        var hash = wordHash, word = pendingWord, count = pendingBytes
        buffer.withUnsafeBytes { bytes in
            var index = range.lowerBound
            // Complete the pending word byte by byte, then whole words, then the tail.
            while count > 0 && count < 8 && index < range.upperBound {
                word |= UInt64(bytes[index]) << (8 * UInt64(count))
                count += 1
                index += 1
            }
            if count == 8 {
                hash = Self.mix(hash, word)
                word = 0
                count = 0
            }
            while range.upperBound - index >= 8 {
                hash = Self.mix(hash, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                index += 8
            }
            while index < range.upperBound {
                word |= UInt64(bytes[index]) << (8 * UInt64(count))
                count += 1
                index += 1
            }
        }
        wordHash = hash
        pendingWord = word
        pendingBytes = count
    }

    /// Moves unread bytes to the front and reads after them.
    private func refill() throws {
        if position > 0 {
            let pending = filled - position
            if pending > 0 { buffer.replaceSubrange(0..<pending, with: buffer[position..<filled]) }
            position = 0
            filled = pending
        }
        guard filled < buffer.count else { return }
        let room = buffer.count - filled
        let offset = filled
        let descriptor = descriptor
        let got = buffer.withUnsafeMutableBytes { bytes -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            return read(descriptor, base + offset, room)
        }
        if got < 0 {
            if errno == EINTR || errno == EAGAIN { return }
            throw WarehouseError.invalidArgument("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        if got == 0 { atEnd = true }
        if got > 0 { hashBytes(offset..<(offset + got)) }
        filled += got
        bytesRead += Int64(got)
    }
}

extension ArraySlice<UInt8> {
    /// Whether the bytes are valid UTF-8 (ASCII takes the fast path).
    var isValidUTF8: Bool {
        if allSatisfy({ $0 < 0x80 }) { return true }
        return String(validating: self, as: UTF8.self) != nil
    }

    /// The bytes as a non-negative decimal integer (digits only, no sign), nil otherwise or above Int64.max.
    var unsignedDecimal: Int64? {
        guard !isEmpty, count <= 40 else { return nil }
        var value: Int64 = 0
        for byte in self {
            guard (48...57).contains(byte) else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(Int64(byte - 48))
            if overflow || carry { return nil }
            value = sum
        }
        return value
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WarehouseTables

/// Writes one CSV file through a fixed buffer, so memory stays bounded whatever the file's size.
///
/// Format (what Spark's CSV reader reads with `header=true` and its defaults): UTF-8, fields
/// separated by ",", rows ended by "\n", the first row the column names; a field is quoted
/// (`"…"`, inner quotes doubled) only when it holds a comma, a quote or a line break; an empty
/// field is NULL. Integers in decimal; doubles in Swift's shortest round-trip form (`0.25`,
/// `1e-05`), which parses back to the same double. Non-finite doubles are refused by the caller.
///
/// The file is created new (`O_EXCL`): the writer never replaces an existing file.
final class CSVFileWriter {
    let path: String
    /// Data rows written (the header not counted).
    private(set) var rows = 0
    /// Bytes handed to the file so far plus those still buffered.
    var bytes: Int { flushed + buffer.count }

    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var flushed = 0
    private var rowHasField = false
    /// Bytes buffered before a write(2).
    private let capacity: Int

    /// Creates `path` (which must not exist) and writes the header row.
    /// - Throws: `WarehouseError.invalidArgument` naming the path and the system's reason.
    init(path: String, header: [String], capacity: Int = 1 << 20) throws {
        self.path = path
        self.capacity = max(capacity, 4_096)
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw WarehouseError.invalidArgument("cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(self.capacity + 256)
        for name in header { text(name) }
        try endRow()
        rows = 0
    }

    deinit {
        if descriptor >= 0 { _ = closeFile(descriptor) }
    }

    func integer(_ value: Int64) {
        separate()
        buffer.append(contentsOf: String(value).utf8)
    }

    func integer(_ value: Int) { integer(Int64(value)) }

    /// A finite double (the caller checks finiteness; see the type's documentation).
    func real(_ value: Double) {
        separate()
        buffer.append(contentsOf: value.description.utf8)
    }

    /// Text, quoted when needed.
    func text(_ value: String) {
        separate()
        let utf8 = value.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            buffer.append(contentsOf: utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// An empty field: NULL to Spark.
    func null() {
        separate()
    }

    /// Ends the row; writes the buffer out when it is full.
    func endRow() throws {
        buffer.append(10)
        rowHasField = false
        rows += 1
        if buffer.count >= capacity { try flush() }
    }

    /// Writes what is buffered and closes the file. Idempotent.
    func finish() throws {
        guard descriptor >= 0 else { return }
        try flush()
        let code = closeFile(descriptor)
        descriptor = -1
        if code != 0 { throw failure() }
    }

    private func separate() {
        if rowHasField { buffer.append(UInt8(ascii: ",")) }
        rowHasField = true
    }

    private func flush() throws {
        var offset = 0
        try buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            while offset < bytes.count {
                let written = write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure()
                }
                offset += written
            }
        }
        flushed += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    private func failure() -> WarehouseError {
        .invalidArgument("cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
}

/// close(2), under a name no method shadows.
func closeFile(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

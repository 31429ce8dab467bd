import CSQLite

/// `SQLITE_TRANSIENT`: SQLite copies bound text before `sqlite3_bind_text` returns, so the Swift
/// buffer may go away at once.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement, finalized in `deinit` (or by `Connection.close()`, whichever is first).
///
/// Parameters are bound by 1-based index; columns are read by 0-based index, as in the C API.
/// A statement belongs to its connection's thread of use and is not `Sendable`.
public final class Statement {
    /// nil once finalized.
    private(set) var handle: OpaquePointer?
    /// Keeps the connection open for as long as the statement lives.
    public let connection: Connection
    public let sql: String

    init(connection: Connection, sql: String) throws {
        self.connection = connection
        self.sql = sql
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw connection.error(code, sql: sql)
        }
        handle = statement
        connection.register(self)
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Releases the C statement now; later use is a misuse error.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    private func live() throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(resultCode: SQLITE_MISUSE, message: "statement used after its connection was closed", sql: sql)
        }
        return handle
    }

    private func check(_ code: Int32) throws {
        if code != SQLITE_OK { throw connection.error(code, sql: sql) }
    }

    // MARK: Binding (1-based parameter index)

    public var parameterCount: Int32 {
        sqlite3_bind_parameter_count(handle)
    }

    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(try live(), index, value))
    }

    public func bind(_ value: Int, at index: Int32) throws {
        try bind(Int64(value), at: index)
    }

    public func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(try live(), index, value))
    }

    /// Binds UTF-8 text; SQLite copies it (`SQLITE_TRANSIENT`), so no pointer outlives the call.
    public func bind(_ value: String, at index: Int32) throws {
        let statement = try live()
        var text = value
        let code = text.withUTF8 { bytes -> Int32 in
            // A nil pointer would bind NULL, and an empty buffer may have no base address.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(statement, index, "", 0, transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                sqlite3_bind_text(statement, index, chars, Int32(bytes.count), transient)
            }
        }
        try check(code)
    }

    /// Binds `words` as a BLOB of 8 little-endian bytes each (whatever the machine's byte order);
    /// SQLite copies it (`SQLITE_TRANSIENT`).
    public func bind(littleEndian words: [UInt64], at index: Int32) throws {
        #if _endian(little)
        try bindBytes(of: words, at: index)
        #else
        try bindBytes(of: words.map { $0.littleEndian }, at: index)
        #endif
    }

    /// Binds `values` as a BLOB of their IEEE 754 bit patterns, 8 little-endian bytes each.
    public func bind(littleEndian values: [Double], at index: Int32) throws {
        #if _endian(little)
        try bindBytes(of: values, at: index)
        #else
        try bindBytes(of: values.map { $0.bitPattern.littleEndian }, at: index)
        #endif
    }

    /// Binds the bytes of `array`'s elements, as they are in memory, as one BLOB (copied).
    private func bindBytes<Element: BitwiseCopyable>(of array: [Element], at index: Int32) throws {
        let statement = try live()
        let code = array.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return sqlite3_bind_zeroblob(statement, index, 0) }
            return sqlite3_bind_blob64(statement, index, base, sqlite3_uint64(bytes.count), transient)
        }
        try check(code)
    }

    public func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(try live(), index))
    }

    public func bind(_ value: SQLValue, at index: Int32) throws {
        switch value {
        case .integer(let v): try bind(v, at: index)
        case .real(let v): try bind(v, at: index)
        case .text(let v): try bind(v, at: index)
        case .null: try bindNull(at: index)
        }
    }

    /// Binds `values` to parameters 1…n in order.
    public func bind(_ values: [SQLValue]) throws {
        guard values.count == Int(parameterCount) else {
            throw SQLiteError(resultCode: SQLITE_RANGE,
                              message: "statement takes \(parameterCount) parameters, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    // MARK: Stepping

    /// Runs the statement one step: `true` when a row is ready to read, `false` when done.
    /// Any other result code throws, with SQLite's message and this statement's SQL.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(try live())
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(code, sql: sql)
        }
    }

    /// Makes the statement ready to run again; bindings stay unless cleared.
    public func reset() {
        sqlite3_reset(handle)
    }

    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Binds, runs to completion and resets: for INSERT/UPDATE/DELETE.
    public func run(_ values: [SQLValue] = []) throws {
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        while try step() {}
    }

    // MARK: Reading columns (0-based)

    public var columnCount: Int32 {
        sqlite3_column_count(handle)
    }

    public func columnName(_ index: Int32) -> String {
        guard let name = sqlite3_column_name(handle, index) else { return "" }
        return String(cString: name)
    }

    public func isNull(_ index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Whether the column holds a BLOB.
    public func isBlob(_ index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_BLOB
    }

    /// Hands the column's bytes to `body` without copying them (empty for NULL or an empty BLOB).
    /// The buffer is SQLite's and lives until the statement steps, resets or reads this column
    /// as another type: `body` must not keep it. Its start may not be aligned: read it with
    /// `loadUnaligned`.
    public func withBytes<R>(_ index: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        // sqlite3_column_blob first, then sqlite3_column_bytes (SQLite's documented order).
        let base = sqlite3_column_blob(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        guard let base, count > 0 else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    public func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// The column's integer, nil when it holds another storage class (NULL, REAL, TEXT, BLOB):
    /// one type check and no `SQLValue`, for the range-checked reads of hot scans.
    public func integer(_ index: Int32) -> Int64? {
        sqlite3_column_type(handle, index) == SQLITE_INTEGER ? sqlite3_column_int64(handle, index) : nil
    }

    public func int(_ index: Int32) -> Int {
        Int(sqlite3_column_int64(handle, index))
    }

    public func double(_ index: Int32) -> Double {
        sqlite3_column_double(handle, index)
    }

    /// The column as text ("" for NULL).
    public func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    public func value(_ index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: .integer(int64(index))
        case SQLITE_FLOAT: .real(double(index))
        case SQLITE_NULL: .null
        default: .text(text(index))
        }
    }

    /// Every remaining row, each as an array of values.
    public func rows(_ values: [SQLValue] = []) throws -> [[SQLValue]] {
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        var result: [[SQLValue]] = []
        let count = columnCount
        while try step() {
            result.append((0..<count).map { value($0) })
        }
        return result
    }
}

// A statement belongs to its connection's task: the compiler refuses to send it.
@available(*, unavailable)
extension Statement: Sendable {}

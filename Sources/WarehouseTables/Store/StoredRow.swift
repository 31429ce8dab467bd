import Storage
import WarehouseSupport

/// One row of a warehouse table as the tables layer reads it: every column typed and
/// range-checked before anything does arithmetic, a conversion or an allocation with it.
///
/// The warehouse file is untrusted input (an analyst may have edited it by hand, or it may be
/// hostile), so a value of the wrong storage class, a NULL in a column that must have a value, an
/// integer outside the range the code relies on, or a real that is not finite (or outside its
/// range) is refused with ONE line that names the table, the column, the row and the value:
/// `segmentation_runs.k of run 3 is 0, outside 1…1000`. Never a silent default.
struct StoredRow {
    let statement: Statement
    /// The table the columns come from, as named in errors.
    let table: String
    /// Names the row in errors, e.g. "run 3" or "user 17"; evaluated only when a value is refused.
    let row: () -> String

    private func refuse(_ column: String, _ value: SQLValue, _ problem: String) -> WarehouseError {
        let shown: String
        switch value {
        case .text(let text): shown = "'" + Self.excerpt(text) + "'"
        case .null: shown = "NULL"
        default: shown = value.description
        }
        // The row's label may quote stored text (a feature's name): escaped like the value.
        return .brokenInvariant("\(table).\(column) of \(printableExcerpt(row())) is \(shown), \(problem)")
    }

    /// A short, printable excerpt of stored text (control characters escaped, at most 60 characters).
    static func excerpt(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(60) {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 60 ? out + "…" : out
    }

    /// An INTEGER column that must hold a value in `range`.
    func int(_ index: Int32, _ column: String, in range: ClosedRange<Int64>) throws -> Int64 {
        guard let number = statement.integer(index) else {
            throw refuse(column, statement.value(index), "not an integer")
        }
        guard range.contains(number) else {
            throw refuse(column, .integer(number), "outside \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    /// `int` for an `INTEGER NOT NULL` column of a STRICT table, in a scan of millions of rows:
    /// the storage class is not looked up, the range is checked. SQLite refuses any other class
    /// (STRICT) and NULL (NOT NULL) on every write, hand edits included, and opening checked that
    /// the tables are the migrations' STRICT tables, so only a damaged file could hold another
    /// class (SQLite would then read it as an integer, and `check`'s integrity check names the
    /// damage). The lookup it skips was 0.15 s of the 0.72 s read of a million users' 7.74 million
    /// likes (release build, measured 2026-12-07).
    func strictInt(_ index: Int32, _ column: String, in range: ClosedRange<Int64>) throws -> Int64 {
        let number = statement.int64(index)
        guard range.contains(number) else {
            throw refuse(column, .integer(number), "outside \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    /// An INTEGER column within `range` that fits `Int` (every range we use does).
    func int(_ index: Int32, _ column: String, in range: ClosedRange<Int>) throws -> Int {
        Int(try int(index, column, in: Int64(range.lowerBound)...Int64(range.upperBound)))
    }

    /// An INTEGER column that may be NULL.
    func optionalInt(_ index: Int32, _ column: String, in range: ClosedRange<Int64>) throws -> Int64? {
        statement.isNull(index) ? nil : try int(index, column, in: range)
    }

    func optionalInt(_ index: Int32, _ column: String, in range: ClosedRange<Int>) throws -> Int? {
        statement.isNull(index) ? nil : try int(index, column, in: range)
    }

    /// A REAL column that must hold a finite value in `range` (an INTEGER is taken as its real value).
    func real(_ index: Int32, _ column: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws -> Double {
        let value = statement.value(index)
        let number: Double
        switch value {
        case .real(let real): number = real
        case .integer(let integer): number = Double(integer)
        default: throw refuse(column, value, "not a number")
        }
        guard number.isFinite else { throw refuse(column, value, "not a finite number") }
        guard range.contains(number) else {
            throw refuse(column, value, "outside \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    /// A REAL column that may be NULL.
    func optionalReal(_ index: Int32, _ column: String,
                      in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws -> Double? {
        statement.isNull(index) ? nil : try real(index, column, in: range)
    }

    /// A TEXT column that must hold a value (at most `maxLength` UTF-8 bytes).
    func text(_ index: Int32, _ column: String, maxLength: Int = 10_000) throws -> String {
        let value = statement.value(index)
        guard case .text(let text) = value else { throw refuse(column, value, "not text") }
        guard text.utf8.count <= maxLength else { throw refuse(column, .text(String(String.UnicodeScalarView(text.unicodeScalars.prefix(20)))), "longer than \(maxLength) bytes") }
        return text
    }

    /// A TEXT column that is printed to a terminal or a page (a name): no control characters, so a
    /// stored value cannot rewrite the user's terminal.
    func name(_ index: Int32, _ column: String, maxLength: Int = 200) throws -> String {
        let value = try text(index, column, maxLength: maxLength)
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) {
            throw refuse(column, .text(value), "which holds control characters")
        }
        return value
    }

    func isNull(_ index: Int32) -> Bool { statement.isNull(index) }

    /// A TEXT column that may be NULL.
    func optionalText(_ index: Int32, _ column: String, maxLength: Int = 10_000) throws -> String? {
        statement.isNull(index) ? nil : try text(index, column, maxLength: maxLength)
    }
}

extension Connection {
    /// The one value of `sql` (a `max(…)` over an integer key, one index lookup), nil for an
    /// empty table. A key of another type (SQLite orders text above every integer, so one hand
    /// edit would hide the largest integer) is refused, naming `column`.
    func largestInteger(_ sql: String, naming column: String) throws -> Int64? {
        switch try scalar(sql) {
        case .integer(let value)?: return value
        case .null?, nil: return nil
        case let other?:
            throw WarehouseError.brokenInvariant("\(column) holds \(String(String.UnicodeScalarView(other.description.unicodeScalars.prefix(40)))), which is not an integer id")
        }
    }

    /// Runs `sql` with `values` and calls `body` with each row, typed and checked (see `StoredRow`).
    /// `row` names a row in errors from its own columns, e.g. `{ "run \($0.int64(0))" }`.
    func eachRow(_ sql: String, _ values: [SQLValue] = [], table: String,
                 row: @escaping (Statement) -> String, _ body: (StoredRow) throws -> Void) throws {
        let statement = try prepare(sql)
        defer { statement.reset() }
        if !values.isEmpty { try statement.bind(values) }
        let stored = StoredRow(statement: statement, table: table, row: { row(statement) })
        while try statement.step() {
            try body(stored)
        }
    }

    /// The rows of `sql` mapped by `body` (see `eachRow`).
    func mapRows<T>(_ sql: String, _ values: [SQLValue] = [], table: String,
                    row: @escaping (Statement) -> String, _ body: (StoredRow) throws -> T) throws -> [T] {
        var result: [T] = []
        try eachRow(sql, values, table: table, row: row) { result.append(try body($0)) }
        return result
    }
}

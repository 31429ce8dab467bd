import Storage

/// Everything a warehouse command can refuse, each with a one-line message that names the
/// problem and the value. The CLI prints `description` to stderr and exits non-zero.
public enum WarehouseError: Error, Equatable, CustomStringConvertible {
    case missingDirectory(path: String)
    case isDirectory(path: String)
    case noDatabase(path: String)
    case emptyFile(path: String)
    /// A FIFO, device, socket, … given as the database.
    case notARegularFile(path: String, kind: String)
    /// The name leaves no room for SQLite's `-journal` suffix on this file system.
    case nameTooLong(path: String, bytes: Int, limit: Int)
    /// `user_version` holds a value no warehouse writes (negative).
    case unknownSchemaVersion(path: String, version: Int)
    /// The schema at the file's version is not what the migrations create: the differences.
    case schemaMismatch(path: String, version: Int, differences: [String])
    /// An output path that would replace something it must not (see `OutputPath`).
    case unsafeOutput(path: String, reason: String)
    case notADatabase(path: String, detail: String)
    case cannotOpen(path: String, detail: String)
    case foreignDatabase(path: String, tables: [String])
    case alreadySeeded(path: String, users: Int)
    case catalogueMismatch(detail: String)
    case busy(path: String, milliseconds: Int)
    /// `temporary`: SQLite's temporary directory, when it is the disk that probably filled up.
    case diskFull(path: String, temporary: TemporaryFilesDirectory? = nil)
    /// The process's file-size limit (`ulimit -f`, EFBIG) stopped a write.
    case fileSizeLimit(path: String)
    case readOnly(path: String)
    case invalidArgument(String)
    case emptyWarehouse(path: String)
    case brokenInvariant(String)
    case noSuchRun(String)
    case storage(SQLiteError)
    case migration(MigrationError)

    public var description: String {
        switch self {
        case .missingDirectory(let path):
            "cannot create database '\(path)': its directory does not exist"
        case .isDirectory(let path):
            "'\(path)' is a directory, not a database file"
        case .noDatabase(let path):
            "no warehouse database at '\(path)' (run `warehouse seed --db \(path)` first)"
        case .emptyFile(let path):
            "'\(path)' is an empty file, not a warehouse database"
        case let .notARegularFile(path, kind):
            "'\(path)' is \(kind), not a database file"
        case let .nameTooLong(path, bytes, limit):
            "cannot create database '\(path)': its name is \(bytes) bytes, and with SQLite's '-journal' suffix it would pass the file system's limit of \(limit)"
        case let .unknownSchemaVersion(path, version):
            "'\(path)' records schema version \(version), which no warehouse writes (0 or more); refusing to touch it"
        case let .schemaMismatch(path, version, differences):
            "'\(path)' is not a warehouse at schema version \(version): \(differences.prefix(3).joined(separator: "; "))"
                + (differences.count > 3 ? " (and \(differences.count - 3) more)" : "") + "; refusing to touch it"
        case let .unsafeOutput(path, reason):
            "refusing to write '\(path)': \(reason); nothing was written"
        case let .notADatabase(path, detail):
            "'\(path)' is not a valid SQLite database (\(detail))"
        case let .cannotOpen(path, detail):
            "cannot open database '\(path)' (\(detail)): check the path and its permissions"
        case let .foreignDatabase(path, tables):
            "'\(path)' is an SQLite database of another application (tables: \(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", …" : "")); refusing to touch it"
        case let .alreadySeeded(path, users):
            "database '\(path)' already has \(users) \(users == 1 ? "user" : "users"); pass --append to add more, or choose another --db"
        case .catalogueMismatch(let detail):
            "the warehouse catalogue does not match this generator: \(detail)"
        case let .busy(path, milliseconds):
            "database '\(path)' is locked by another writer (waited \(milliseconds) ms); try again when it finishes"
        case let .diskFull(path, temporary?):
            "disk full while writing '\(path)': SQLite's temporary files go to \(temporary.description), on another disk than the "
                + "database's; set TMPDIR (or SQLITE_TMPDIR) to a directory with room; nothing was written"
        case .diskFull(let path, nil):
            "disk full (or database size limit reached) while writing '\(path)'; nothing was written"
        case .fileSizeLimit(let path):
            "the file size limit (ulimit -f) was reached while writing '\(path)'; nothing was written"
        case .readOnly(let path):
            "database '\(path)' is read-only; nothing was written"
        case .invalidArgument(let message):
            message
        case .emptyWarehouse(let path):
            "the warehouse '\(path)' has no users to analyse (run `warehouse seed` first)"
        case .brokenInvariant(let message):
            "the warehouse breaks an invariant: \(message)"
        case .noSuchRun(let run):
            "no segmentation run '\(run)' in this warehouse (see `warehouse info`)"
        case .storage(let error):
            error.description
        case .migration(let error):
            error.description
        }
    }
}

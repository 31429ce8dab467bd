import Storage
import WarehouseSchema

extension WarehouseStore {
    /// `check`'s view of a file that may not be a sound warehouse: opened read-only, without the
    /// opening rules (`SchemaCheck` would refuse what `check` must report), with
    /// `trusted_schema = OFF` (no function of the file's schema runs with trust) and
    /// `query_only = ON` (nothing can be written by accident). The path is checked as for any
    /// command first (`checkFile`, mode `.mustExist`).
    package static func inspecting(path: String) throws -> WarehouseStore {
        _ = try checkFile(path: path, mode: .mustExist)
        do {
            let connection = try Connection(path: Connection.fileSystemPath(path), options: .init(
                readOnly: true, create: false, immutable: FileStatus.needsImmutableRead(path)))
            try IntegrityQueries.makeReadOnlySafe(connection)
            return WarehouseStore(wrapping: connection, path: path, mode: .readOnly)
        } catch {
            throw translate(error, path: path, busyTimeoutMilliseconds: 5_000)
        }
    }

    /// A fresh in-memory database with every migration applied: what the schema must be.
    package static func referenceSchema() throws -> WarehouseStore {
        let reference = try Connection(path: ":memory:")
        try Migrator(migrations: WarehouseMigrations.all).migrate(reference)
        return WarehouseStore(wrapping: reference, path: ":memory:", mode: .readOnly)
    }

    /// The names of the warehouse's own tables in this store (the reference schema's), sorted.
    package func tableNames() throws -> [String] {
        try connection.schemaObjects().filter { $0.kind == .table && !$0.isInternal }.map(\.name).sorted()
    }

    /// SQLite's own message for a failed statement, or the error's description.
    package static func message(of error: Error) -> String {
        if let sqlite = error as? SQLiteError { return sqlite.message }
        if case .storage(let sqlite)? = error as? WarehouseError { return sqlite.message }
        return String(describing: error)
    }
}

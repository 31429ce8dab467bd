import Storage

extension RunSelector {
    /// The id of the run this selector names.
    /// - Throws: `WarehouseError.noSuchRun` naming the selector when the run does not exist
    ///   (for `latest`: when the warehouse has no run yet).
    func resolve(in connection: Connection) throws -> Int64 {
        guard let id = try RunRecord.resolve(self, in: connection) else {
            throw WarehouseError.noSuchRun(description)
        }
        return id
    }

    /// The stored record of the run this selector names (see `resolve`).
    func record(in connection: Connection) throws -> RunRecord {
        let id = try resolve(in: connection)
        guard let record = try RunRecord.read(id: id, from: connection) else {
            throw WarehouseError.noSuchRun(String(id))
        }
        return record
    }
}

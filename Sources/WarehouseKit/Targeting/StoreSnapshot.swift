import Storage

extension WarehouseStore {
    /// Runs `body` in one read (DEFERRED) transaction, so its queries see one consistent state
    /// even while another process writes; SQLite failures become warehouse errors.
    /// Not for use inside another transaction (nor around `WarehouseData.read`, which has its own).
    func snapshot<T>(_ body: () throws -> T) throws -> T {
        do {
            return try connection.transaction(.deferred, body)
        } catch {
            throw WarehouseStore.translate(error, path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        }
    }
}

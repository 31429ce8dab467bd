import WarehouseTables

/// The users in id chunks: consecutive id ranges that together cover every user, `size` users
/// each (the last fewer), for a pass whose memory holds one chunk (interest
/// audiences, `target --interest`; `recommend --all` reads every user at once instead, on two
/// connections, to match a run's time). Call inside the caller's read transaction.
enum UserChunks {
    /// Users per chunk.
    static let size = 65_536

    /// `body(ids)` for each chunk in id order.
    static func forEach(_ store: WarehouseStore, size: Int = size, _ body: (ClosedRange<Int64>) throws -> Void) throws {
        guard let bounds = try UsersTable.idBounds(store) else { return }
        var low = bounds.lowerBound
        while true {
            let high = try UsersTable.id(after: size - 1, from: low, through: bounds.upperBound, store) ?? bounds.upperBound
            try body(low...high)
            guard high < bounds.upperBound else { return }
            low = high + 1
        }
    }
}

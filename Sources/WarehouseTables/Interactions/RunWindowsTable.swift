import Storage

/// `run_windows`: how a run weighed interactions over time. A run without a row counted
/// all-time likes.
package enum RunWindowsTable {
    package static func insert(_ window: InteractionWindow, run: Int64, _ store: WarehouseStore) throws {
        try store.run("INSERT INTO run_windows (run_id, as_of, window_seconds, half_life_seconds, weights) VALUES (?, ?, ?, ?, ?)",
                      [.integer(run), .integer(window.asOf), window.windowSeconds.map { .integer($0) } ?? .null,
                       window.halfLifeSeconds.map { .integer($0) } ?? .null, .text(window.weightsJSON)])
    }

    /// The window of run `run`; nil for an all-time-likes run.
    package static func read(run: Int64, _ store: WarehouseStore) throws -> InteractionWindow? {
        let rows = try store.mapRows("SELECT as_of, window_seconds, half_life_seconds, weights FROM run_windows WHERE run_id = ?",
                                     [.integer(run)], table: "run_windows", row: { _ in "run \(run)" }) { row in
            let weightsText = try row.text(3, "weights", maxLength: 100_000)
            guard let weights = parseWeightsJSON(weightsText) else {
                throw WarehouseError.brokenInvariant("run_windows.weights of run \(run) is not an object of kind weights: '\(StoredRow.excerpt(weightsText))'")
            }
            return InteractionWindow(asOf: try row.int(0, "as_of", in: 0...TimeText.latest),
                                     windowSeconds: try row.optionalInt(1, "window_seconds", in: 1...TimeText.longestDuration),
                                     halfLifeSeconds: try row.optionalInt(2, "half_life_seconds", in: 1...TimeText.longestDuration),
                                     weights: weights)
        }
        return rows.first
    }

    /// Every run's window, by run id.
    package static func all(_ store: WarehouseStore) throws -> [Int64: InteractionWindow] {
        let ids = try store.mapRows("SELECT run_id FROM run_windows ORDER BY run_id", table: "run_windows",
                                    row: { "run \($0.value(0))" }) { row in try row.int(0, "run_id", in: 1...Int64.max) }
        var windows: [Int64: InteractionWindow] = [:]
        for id in ids { windows[id] = try read(run: id, store) }
        return windows
    }

    /// `{"comment":3,"like":1}` as `weightsJSON` writes it (names without quotes or backslashes
    /// inside; anything else is refused by returning nil).
    static func parseWeightsJSON(_ text: String) -> [InteractionWindow.KindWeight]? {
        var body = Substring(text)
        guard body.first == "{", body.last == "}" else { return nil }
        body = body.dropFirst().dropLast()
        if body.isEmpty { return nil }
        var weights: [InteractionWindow.KindWeight] = []
        for entry in body.split(separator: ",", omittingEmptySubsequences: false) {
            guard let colon = entry.lastIndex(of: ":") else { return nil }
            let key = entry[..<colon], number = entry[entry.index(after: colon)...]
            guard key.count >= 3, key.first == "\"", key.last == "\"" else { return nil }
            let name = String(key.dropFirst().dropLast())
            guard !name.isEmpty, name.count <= 64, !name.contains("\""), !name.contains("\\"),
                  let weight = Double(number), weight.isFinite, weight >= 0, weight <= InteractionWindow.maximumWeight else { return nil }
            weights.append(InteractionWindow.KindWeight(kind: name, weight: weight))
        }
        return weights
    }
}

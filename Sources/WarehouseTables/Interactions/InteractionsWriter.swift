import Population
import Storage

/// Inserts interactions into `interactions` and drift truth into `user_persona_changes` with
/// prepared multi-row statements. Runs inside the caller's transaction; owns none.
package struct InteractionsWriter {
    private let rows: BatchInsert
    private let changes: BatchInsert
    private let keywords: [String]

    /// - Parameter keywords: the text of each keyword index `InteractionRows.keywords` uses.
    package init(store: WarehouseStore, keywords: [String]) throws {
        self.keywords = keywords
        rows = try store.batchInsert(table: "interactions",
                                     columns: ["day", "user_id", "second", "kind_id", "subcategory_id", "ordinal", "keyword"],
                                     rowsPerStatement: 256)
        changes = try store.batchInsert(table: "user_persona_changes",
                                        columns: ["user_id", "from_at", "initial_persona", "persona_id"], rowsPerStatement: 128)
    }

    /// Writes generated interactions (already in key order for the fast path; any order is correct).
    package func write(_ batch: InteractionRows) throws {
        let keywords = self.keywords
        try rows.insert(count: batch.count) { statement, row, first in
            try statement.bind(Int64(batch.days[row]), at: first)
            try statement.bind(batch.userIDs[row], at: first + 1)
            try statement.bind(Int64(batch.seconds[row]), at: first + 2)
            try statement.bind(Int64(batch.kinds[row]), at: first + 3)
            try statement.bind(Int64(batch.subcategoryIDs[row]), at: first + 4)
            try statement.bind(Int64(batch.ordinals[row]), at: first + 5)
            let keyword = Int(batch.keywords[row])
            if keyword >= 0 && keyword < keywords.count {
                try statement.bind(keywords[keyword], at: first + 6)
            } else {
                try statement.bindNull(at: first + 6)
            }
        }
    }

    package func write(_ personaChanges: [PersonaChange]) throws {
        try changes.insert(count: personaChanges.count) { statement, row, first in
            let change = personaChanges[row]
            try statement.bind(change.userID, at: first)
            try statement.bind(change.at, at: first + 1)
            try statement.bind(Int64(change.from), at: first + 2)
            try statement.bind(Int64(change.to), at: first + 3)
        }
    }
}

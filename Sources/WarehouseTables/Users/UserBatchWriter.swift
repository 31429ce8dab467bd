import Population
import Storage

/// Writes generated batches into `users` (with their demographics), `user_personas`, `user_likes`, `interactions` and
/// `user_persona_changes` with prepared
/// multi-row inserts. Runs inside the seed's transaction; owns no transaction itself.
package struct UserBatchWriter {
    private let users: BatchInsert
    private let personas: BatchInsert
    private let likes: BatchInsert
    private let seedBatchID: Int64
    private let interactions: InteractionsWriter

    /// - Parameter keywords: the text of each keyword index of the batches' searches.
    package init(store connection: WarehouseStore, seedBatchID: Int64, keywords: [String] = []) throws {
        self.seedBatchID = seedBatchID
        interactions = try InteractionsWriter(store: connection, keywords: keywords)
        users = try connection.batchInsert(table: "users",
                                columns: ["id", "username", "full_name", "email", "age", "liked_posts", "seed_batch_id",
                                          "gender", "country", "region", "city", "postal_code", "phone", "date_of_birth"],
                                rowsPerStatement: 64)
        personas = try connection.batchInsert(table: "user_personas",
                                   columns: ["user_id", "persona_id"], rowsPerStatement: 256)
        likes = try connection.batchInsert(table: "user_likes",
                                columns: ["user_id", "subcategory_id", "likes"], rowsPerStatement: 256)
    }

    /// Writes `batch`; its interactions too unless `interactions` is false (the seed then writes
    /// them later, in key order, with `writeInteractions`).
    package func write(_ batch: UserBatch, interactions writeInteractions: Bool = true) throws {
        let batchID = seedBatchID
        try users.insert(count: batch.userCount) { statement, row, first in
            try statement.bind(batch.ids[row], at: first)
            try statement.bind(batch.usernames[row], at: first + 1)
            try statement.bind(batch.fullNames[row], at: first + 2)
            try statement.bind(batch.emails[row], at: first + 3)
            try statement.bind(Int64(batch.ages[row]), at: first + 4)
            try statement.bind(Int64(batch.likedPosts[row]), at: first + 5)
            try statement.bind(batchID, at: first + 6)
            if let gender = batch.genders[row].storedValue { try statement.bind(gender, at: first + 7) } else { try statement.bindNull(at: first + 7) }
            try statement.bind(batch.countries[row], at: first + 8)
            try statement.bind(batch.regions[row], at: first + 9)
            try statement.bind(batch.cities[row], at: first + 10)
            if let postalCode = batch.postalCodes[row] { try statement.bind(postalCode, at: first + 11) } else { try statement.bindNull(at: first + 11) }
            if let phone = batch.phones[row] { try statement.bind(phone, at: first + 12) } else { try statement.bindNull(at: first + 12) }
            try statement.bind(batch.birthDates[row], at: first + 13)
        }
        try personas.insert(count: batch.userCount) { statement, row, first in
            try statement.bind(batch.ids[row], at: first)
            try statement.bind(Int64(batch.personaIDs[row]), at: first + 1)
        }
        try likes.insert(count: batch.likeRowCount) { statement, row, first in
            try statement.bind(batch.likeUserIDs[row], at: first)
            try statement.bind(Int64(batch.likeSubcategoryIDs[row]), at: first + 1)
            try statement.bind(Int64(batch.likeCounts[row]), at: first + 2)
        }
        if writeInteractions { try interactions.write(batch.interactions) }
        try interactions.write(batch.personaChanges)
    }

    /// Writes interactions (in the table's key order for SQLite's append path).
    package func writeInteractions(_ rows: InteractionRows) throws {
        try interactions.write(rows)
    }
}

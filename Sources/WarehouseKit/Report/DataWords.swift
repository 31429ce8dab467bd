import WarehouseTables

/// The words the report uses for a warehouse's data, so an imported warehouse is not described
/// in the generator's terms. A seeded warehouse (rows in `seed_batches`) is a social network
/// whose users like posts: "liked posts". An imported one speaks of "likes" (`likes.csv` and
/// `like` events, `users.liked_posts` for each user), and when its `interaction_kinds` go beyond
/// `like` (ratings, views, purchases …) the population section names those kinds and says the
/// charts of likes count only likes. Read from two small tables, never from `interactions`.
struct DataWords: Sendable, Equatable {
    /// Whether the generator seeded the warehouse.
    let seeded: Bool
    /// The kinds of interaction the warehouse knows, in id order.
    let kinds: [String]

    static let seededWords = DataWords(seeded: true, kinds: [])

    static func read(_ store: WarehouseStore) throws -> DataWords {
        DataWords(seeded: !(try SeedBatchesTable.all(store)).isEmpty, kinds: try InteractionKindsTable.read(store).map(\.name))
    }

    /// "liked posts" (seeded) or "likes" (imported), for counts of them.
    var things: String { seeded ? "liked posts" : "likes" }

    /// `things` with a capital: "Liked posts", "Likes".
    var capitalised: String { things.prefix(1).uppercased() + things.dropFirst() }

    /// "liked no post" or "has no like".
    var none: String { seeded ? "liked no post" : "have no like" }

    /// The imported kinds other than `like`, when there are any.
    var otherKinds: [String] { seeded ? [] : kinds.filter { $0.lowercased() != "like" } }

    /// For an imported warehouse with kinds besides `like`: what the likes charts do and do not
    /// count; nil otherwise. `likes`: the likes counted in all.
    func kindsNote(likes: Int) -> String? {
        let others = otherKinds
        guard !others.isEmpty else { return nil }
        let named = others.prefix(8).joined(separator: ", ") + (others.count > 8 ? ", …" : "")
        let counted = likes == 0
            ? "it has no likes, so the charts of likes below are empty"
            : "the charts below count its \(Format.plural(likes, "like")) only"
        return "this warehouse records its users' interest as \(named) (its `interaction_kinds`); \(counted). "
            + "A run on a window counts every kind: `warehouse run-segmentation --window 365d --weights \(others[0])=1`."
    }
}

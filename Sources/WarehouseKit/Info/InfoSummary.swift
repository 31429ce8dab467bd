/// What `warehouse info` prints: text for people (`render()`, at most 100 columns) and JSON for
/// programs (`json()`, absent values `null`); both carry the same facts.
public struct InfoSummary: Sendable, Encodable {
    public struct Table: Sendable, Encodable {
        public let table: String
        public let rows: Int64
    }

    public struct SeedBatch: Sendable, Encodable {
        public let id: Int64, seed: Int64, users: Int64, firstUserID: Int64, lastUserID: Int64
        public let likeRows: Int64, generatorVersion: Int64, createdAt: String
    }

    public struct Run: Sendable, Encodable {
        public let id: Int64
        public let createdAt: String
        public let k: Int64
        /// PCA components kept.
        public let components: Int64
        /// The feature sets, as given to `--features` ("category_share").
        public let featureSets: String
        public let users: Int64
        @JSONNullable public private(set) var inertia: Double?
        @JSONNullable public private(set) var silhouette: Double?
        @JSONNullable public private(set) var suggestedK: Int64?
        /// Against the planted personas; nil without them.
        @JSONNullable public private(set) var adjustedRandIndex: Double?
        /// How the run counted interactions over time ("as of …, window 90d, …"); nil: all-time likes.
        @JSONNullable public private(set) var window: String?
    }

    /// A kind of interaction: its rows and its interest rule.
    public struct InteractionKind: Sendable, Encodable {
        public let kind: String
        public let rows: Int64
        /// An interaction of this kind with a value below it is not interest; nil: every one is.
        @JSONNullable public private(set) var minValue: Double?
    }

    /// The interactions' span and kinds; nil when there are none.
    public struct Interactions: Sendable, Encodable {
        public let first: String
        public let last: String
        public let kinds: [InteractionKind]
        /// Whether the packed copy windowed reads use (`interaction_packs`) is current.
        public let packed: Bool
    }

    /// The database file.
    public let database: String
    public let schemaVersion: Int
    public let sqliteVersion: String
    public let tables: [Table]
    public let seedBatches: [SeedBatch]
    public let runs: [Run]
    @JSONNullable public private(set) var interactions: Interactions?

    public func json() throws -> String { try Format.json(self) }

    public func render() -> String {
        typealias F = Format
        var lines = F.wrapped(["warehouse \(database):", "schema version \(schemaVersion), SQLite \(sqliteVersion)"],
                              lead: "", separator: " ", indent: "  ")
        lines.append("tables (rows):")
        for table in tables {
            let name = table.table.count >= 22 ? table.table : table.table + String(repeating: " ", count: 22 - table.table.count)
            lines.append("  \(name) \(F.count(table.rows))")
        }
        lines.append("seed batches: \(seedBatches.count)")
        if !seedBatches.isEmpty {
            var table = TextTable([("batch", .right), ("seed", .right), ("users", .right), ("user ids", .left),
                                   ("like rows", .right), ("generator", .right), ("created (UTC)", .left)])
            for batch in seedBatches {
                table.append([String(batch.id), String(batch.seed), F.count(batch.users),
                              "\(F.count(batch.firstUserID))–\(F.count(batch.lastUserID))", F.count(batch.likeRows),
                              "v\(batch.generatorVersion)", F.minute(batch.createdAt)])
            }
            lines += table.lines(indent: "  ")
        }
        if let interactions {
            lines.append("interactions: \(F.count(interactions.kinds.reduce(0) { $0 + $1.rows })) from \(interactions.first) to \(interactions.last)")
            var table = TextTable([("kind", .left), ("rows", .right), ("counts as interest", .left)])
            for kind in interactions.kinds {
                table.append([kind.kind, F.count(kind.rows), kind.minValue.map { "when its value is at least \(Format.fixed($0, 1))" } ?? "always"])
            }
            lines += table.lines(indent: "  ")
            lines.append(interactions.packed ? "  packed for windowed reads: yes"
                                             : "  packed for windowed reads: no (the next windowed run-segmentation or evaluate packs them)")
        }
        lines.append("segmentation runs: \(runs.count)")
        if !runs.isEmpty {
            var table = TextTable([("run", .right), ("created (UTC)", .left), ("k", .right), ("PCs", .right), ("users", .right),
                                   ("inertia", .right), ("silhouette", .right), ("knee", .right), ("ARI", .right),
                                   ("features", .left)], cut: ["features"])
            for run in runs {
                table.append([String(run.id), F.minute(run.createdAt), String(run.k), String(run.components), F.count(run.users),
                              F.fixed(run.inertia, 1), F.score(run.silhouette), run.suggestedK.map { String($0) } ?? F.absent,
                              F.score(run.adjustedRandIndex), run.featureSets])
            }
            lines += table.lines(indent: "  ")
            lines.append("  (knee: the k the elbow sweep suggests; ARI: adjusted Rand index vs the planted personas)")
            for run in runs {
                if let window = run.window { lines.append("  run \(run.id) counts interactions \(window)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}

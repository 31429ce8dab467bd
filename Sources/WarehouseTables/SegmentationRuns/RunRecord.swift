import Storage

/// One row of `segmentation_runs`: the settings and scores of a run, as stored, every column
/// typed and range-checked when read (`StoredRow`): a hand-edited run is refused, never read as 0.
package struct RunRecord: Sendable, Equatable {
    package let id: Int64
    /// ISO 8601 UTC, as written by SQLite when the run was stored ("" for a run not yet stored).
    package let createdAt: String
    package let k: Int
    package let components: Int
    package let features: String
    package let featureCount: Int
    package let seed: Int64
    package let nInit: Int
    package let maxIterations: Int
    package let tolerance: Double
    package let users: Int
    package let usersWithoutLikes: Int
    package let maxUserID: Int64
    package let inertia: Double
    package let iterations: Int
    package let silhouette: Double?
    package let silhouetteSample: Int?
    package let suggestedK: Int?
    /// Share of the standardised features' variance kept by the components, 0…1.
    package let explainedVariance: Double
    /// Adjusted Rand index against the planted personas (nil: not every user had one).
    package let ari: Double?
    package let alignedTo: Int64?
    package let threads: Int
    package let seconds: Double
    /// What computed the run: 'warehouse', or the engine of an imported run (e.g. 'spark').
    package let engine: String
    /// How it clustered: 'kmeans' or 'latent-class' (`SegmentationMethod`).
    package var method: SegmentationMethod = .kmeans
    /// The covariate of a latent-class run's mixing weights (nil: one set of weights).
    package var covariates: LatentClassCovariate?
    /// How the run counted interactions over time (`run_windows`); nil: all-time likes.
    package var window: InteractionWindow?

    /// Largest k, components and features a stored run may claim: the ranges every reader relies on.
    package static let maximumK = 1_000
    package static let maximumFeatures = 100_000
    /// The ranges a run's settings are stored in: every writer checks them (`RunSettings`,
    /// `SegmentationConfiguration`, an imported `meta.json`) and the reader refuses anything else,
    /// so a run the warehouse accepted is always one it can read back.
    package static let kRange = 1...maximumK
    package static let nInitRange = 1...1_000
    package static let maxIterationsRange = 1...100_000
    package static let toleranceRange = 0.0...1e300
    package static let threadsRange = 1...256

    private static let columns = """
        id, created_at, k, n_components, features, feature_count, seed, n_init, max_iter, tol, users, \
        users_without_likes, max_user_id, inertia, iterations, silhouette, silhouette_sample, suggested_k, \
        explained_variance, ari, aligned_to, threads, seconds, engine, method, covariates
        """

    private static func decode(_ row: StoredRow) throws -> RunRecord {
        let count = 0...Int(Int64.max)
        let featureCount = try row.int(5, "feature_count", in: 1...maximumFeatures)
        let engine = try row.text(23, "engine", maxLength: 100)
        if engine.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw WarehouseError.brokenInvariant(
                "segmentation_runs.engine of \(row.row()) is '\(StoredRow.excerpt(engine))', which holds control characters")
        }
        let methodText = try row.text(24, "method", maxLength: 32)
        guard let method = SegmentationMethod(rawValue: methodText) else {
            throw WarehouseError.brokenInvariant(
                "segmentation_runs.method of \(row.row()) is '\(StoredRow.excerpt(methodText))', not kmeans or latent-class")
        }
        let covariatesText = try row.optionalText(25, "covariates", maxLength: 32)
        let covariates = covariatesText.flatMap(LatentClassCovariate.init(rawValue:))
        if let covariatesText, covariates == nil || method != .latentClass {
            throw WarehouseError.brokenInvariant(
                "segmentation_runs.covariates of \(row.row()) is '\(StoredRow.excerpt(covariatesText))', "
                + "not age-group on a latent-class run")
        }
        return RunRecord(
            id: try row.int(0, "id", in: 1...Int64.max), createdAt: try row.text(1, "created_at", maxLength: 64),
            k: try row.int(2, "k", in: kRange), components: try row.int(3, "n_components", in: 1...featureCount),
            features: try row.name(4, "features", maxLength: 1_000), featureCount: featureCount,
            seed: try row.int(6, "seed", in: 0...Int64.max), nInit: try row.int(7, "n_init", in: nInitRange),
            maxIterations: try row.int(8, "max_iter", in: maxIterationsRange), tolerance: try row.real(9, "tol", in: toleranceRange),
            users: try row.int(10, "users", in: 1...Int(Int32.max)),
            usersWithoutLikes: try row.int(11, "users_without_likes", in: 0...Int(Int32.max)),
            maxUserID: try row.int(12, "max_user_id", in: Int64.min...Int64.max),
            inertia: try row.real(13, "inertia", in: 0...Double.greatestFiniteMagnitude),
            iterations: try row.int(14, "iterations", in: count),
            silhouette: try row.optionalReal(15, "silhouette", in: -1...1),
            silhouetteSample: try row.optionalInt(16, "silhouette_sample", in: count),
            suggestedK: try row.optionalInt(17, "suggested_k", in: 1...maximumK),
            explainedVariance: try row.real(18, "explained_variance", in: 0...1.000_001),
            ari: try row.optionalReal(19, "ari", in: -1...1),
            alignedTo: try row.optionalInt(20, "aligned_to", in: 1...Int64.max),
            threads: try row.int(21, "threads", in: threadsRange),
            seconds: try row.real(22, "seconds", in: 0...Double.greatestFiniteMagnitude), engine: engine,
            method: method, covariates: covariates)
    }

    private static func named(_ statement: Statement) -> String { "run \(statement.value(0))" }

    /// The run with `id`, nil when there is none.
    package static func read(id: Int64, from connection: WarehouseStore) throws -> RunRecord? {
        guard var record = try connection.mapRows("SELECT \(columns) FROM segmentation_runs WHERE id = ?", [.integer(id)],
                                                  table: "segmentation_runs", row: named, decode).first else { return nil }
        record.window = try RunWindowsTable.read(run: id, connection)
        return record
    }

    /// Every run, oldest first.
    package static func all(from connection: WarehouseStore) throws -> [RunRecord] {
        var records = try connection.mapRows("SELECT \(columns) FROM segmentation_runs ORDER BY id", table: "segmentation_runs",
                                             row: named, decode)
        let windows = try RunWindowsTable.all(connection)
        for index in records.indices { records[index].window = windows[records[index].id] }
        return records
    }

    /// The id a selector names: the largest id for `.latest` (nil when there is no run), the id
    /// itself when that run exists.
    /// - Throws: `WarehouseError.noSuchRun` for an id that is not in `segmentation_runs`.
    package static func resolve(_ selector: RunSelector, in connection: WarehouseStore) throws -> Int64? {
        switch selector {
        case .latest:
            return try largestID(connection)
        case .id(let id):
            guard try connection.scalar("SELECT 1 FROM segmentation_runs WHERE id = ?", [.integer(id)]) != nil else {
                throw WarehouseError.noSuchRun(String(id))
            }
            return id
        }
    }

    /// The largest run id, nil without runs; a non-integer id is refused.
    private static func largestID(_ connection: WarehouseStore) throws -> Int64? {
        try connection.largestInteger("SELECT max(id) FROM segmentation_runs", naming: "segmentation_runs.id")
    }

    /// Every table whose rows belong to a run by `run_id` (the first column of each primary key,
    /// so its largest value is one index lookup).
    package static let childTables = ["feature_scaling", "pca_variance", "pca_loadings", "pca_scores", "segment_centroids",
                              "segment_assignments", "elbow", "segments", "segment_profiles", "segment_audiences",
                              "segment_age_groups", "segment_personas", "segment_affinity", "segment_category_affinity"]

    /// The id the next stored run gets: one past the largest run id, and past any run id that rows
    /// left behind by a hand-deleted run still carry (so the new run never meets them). Read inside
    /// the writing transaction, so no other writer can take it.
    package static func nextID(in connection: WarehouseStore) throws -> Int64 {
        var largest = try largestID(connection) ?? 0
        for table in childTables {
            largest = max(largest, try connection.largestInteger("SELECT max(run_id) FROM \(table)", naming: "\(table).run_id") ?? 0)
        }
        guard largest < Int64.max else {
            throw WarehouseError.brokenInvariant("segmentation_runs has a run with id \(largest): no id is left for another")
        }
        return largest + 1
    }

    /// Stores this run as one complete row (`created_at` is set by SQLite). `source`: the
    /// provenance JSON of an imported run; `ceilingARI`: the Bayes classifier's adjusted Rand
    /// index, where the warehouse has planted personas. The method and covariates are the record's.
    package func insert(source: String? = nil, ceilingARI: Double? = nil, into connection: WarehouseStore) throws {
        func optional(_ value: Double?) -> SQLValue { value.map { .real($0) } ?? .null }
        func optional(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
        try connection.run("""
            INSERT INTO segmentation_runs(id, k, n_components, features, feature_count, seed, n_init, max_iter, tol,
                users, users_without_likes, max_user_id, inertia, iterations, silhouette, silhouette_sample, suggested_k,
                explained_variance, ari, aligned_to, threads, seconds, engine, source, method, ceiling_ari, covariates)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .integer(id), .integer(Int64(k)), .integer(Int64(components)), .text(features), .integer(Int64(featureCount)),
                .integer(seed), .integer(Int64(nInit)), .integer(Int64(maxIterations)), .real(tolerance),
                .integer(Int64(users)), .integer(Int64(usersWithoutLikes)), .integer(maxUserID), .real(inertia),
                .integer(Int64(iterations)), optional(silhouette), optional(silhouetteSample), optional(suggestedK),
                .real(explainedVariance), optional(ari), alignedTo.map { .integer($0) } ?? .null, .integer(Int64(threads)),
                .real(seconds), .text(engine), source.map { .text($0) } ?? .null, .text(method.rawValue), optional(ceilingARI),
                covariates.map { .text($0.rawValue) } ?? .null,
            ])
    }
    package init(id: Int64, createdAt: String, k: Int, components: Int, features: String, featureCount: Int, seed: Int64, nInit: Int, maxIterations: Int, tolerance: Double, users: Int, usersWithoutLikes: Int, maxUserID: Int64, inertia: Double, iterations: Int, silhouette: Double?, silhouetteSample: Int?, suggestedK: Int?, explainedVariance: Double, ari: Double?, alignedTo: Int64?, threads: Int, seconds: Double, engine: String, method: SegmentationMethod = .kmeans, covariates: LatentClassCovariate? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.k = k
        self.components = components
        self.features = features
        self.featureCount = featureCount
        self.seed = seed
        self.nInit = nInit
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.users = users
        self.usersWithoutLikes = usersWithoutLikes
        self.maxUserID = maxUserID
        self.inertia = inertia
        self.iterations = iterations
        self.silhouette = silhouette
        self.silhouetteSample = silhouetteSample
        self.suggestedK = suggestedK
        self.explainedVariance = explainedVariance
        self.ari = ari
        self.alignedTo = alignedTo
        self.threads = threads
        self.seconds = seconds
        self.engine = engine
        self.method = method
        self.covariates = covariates
    }
}

extension RunRecord {
    /// The settings the run was stored with, as `RunSettings` (the inverse of what
    /// `RunPipeline.write` stores: `settings(record) == the run's settings`, tested).
    /// - Throws: `WarehouseError.brokenInvariant` for features this version does not know.
    package func settings() throws -> RunSettings {
        var settings = RunSettings()
        settings.k = k
        do { settings.featureSets = try FeatureSet.parse(features) } catch {
            throw WarehouseError.brokenInvariant("run \(id) has features '\(StoredRow.excerpt(features))' this version does not know")
        }
        settings.nInit = nInit
        settings.maxIterations = maxIterations
        settings.tolerance = tolerance
        settings.seed = UInt64(seed)
        settings.alignTo = alignedTo
        settings.threads = threads
        settings.covariates = covariates
        settings.window = window
        return settings
    }
}

extension RunSelector {
    /// The id of the run this selector names.
    /// - Throws: `WarehouseError.noSuchRun` naming the selector when the run does not exist
    ///   (for `latest`: when the warehouse has no run yet).
    package func resolve(in connection: WarehouseStore) throws -> Int64 {
        guard let id = try RunRecord.resolve(self, in: connection) else {
            throw WarehouseError.noSuchRun(description)
        }
        return id
    }

    /// The stored record of the run this selector names (see `resolve`).
    package func record(in connection: WarehouseStore) throws -> RunRecord {
        let id = try resolve(in: connection)
        guard let record = try RunRecord.read(id: id, from: connection) else {
            throw WarehouseError.noSuchRun(String(id))
        }
        return record
    }
}

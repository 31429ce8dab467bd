/// `schema.json` of an export directory: what each CSV file holds, in the two forms Spark takes
/// (a DDL string for `spark.read.schema(ddl)` and a StructType JSON for `StructType.fromJson`),
/// and the segmentation to reproduce (the run's settings and the standardisation applied to
/// `features.csv`).
///
/// Encoded with snake_case keys, sorted, pretty-printed. `version` changes when a field changes
/// meaning; readers check `format` and `version`.
struct ExportManifest: Codable, Sendable {
    static let formatName = "warehouse-export"
    static let formatVersion = 1

    /// How every CSV file is written (see `CSVFileWriter`).
    struct CSVOptions: Codable, Sendable {
        var header = true
        var delimiter = ","
        var lineSeparator = "\n"
        var encoding = "UTF-8"
        /// An empty field is NULL.
        var nullValue = ""
    }

    struct File: Codable, Sendable {
        /// Data rows (header not counted).
        let rows: Int
        let bytes: Int
        /// E.g. "`user_id` BIGINT, `age` INT".
        let ddl: String
        /// Spark's StructType JSON.
        let schema: StructType
        let description: String
    }

    struct StructType: Codable, Sendable {
        var type = "struct"
        let fields: [StructField]
    }

    struct StructField: Codable, Sendable {
        let name: String
        /// Spark's JSON type name: long, integer, double, string.
        let type: String
        let nullable: Bool
        var metadata: [String: String] = [:]
    }

    /// One feature's standardisation: z = (x − mean) / std (0 for a zero-variance feature).
    struct Scaling: Codable, Sendable {
        let feature: String
        let mean: Double
        let std: Double
        let zeroVariance: Bool
    }

    /// How a windowed run counted interest (`run_windows`): per user and subcategory
    /// Σ weights[kind] · 2^(−(as_of − timestamp)/half_life_seconds) over the rows of `events.csv`
    /// with as_of − window_seconds < timestamp ≤ as_of, a row of a kind with a `min_value`
    /// (`kinds.csv`) counting only when its value is at least that. window_seconds null: no lower
    /// bound; half_life_seconds null: no decay; kinds not in `weights` weigh 0.
    struct Window: Codable, Sendable, Equatable {
        let asOf: Int64
        @JSONNullable var windowSeconds: Int64?
        @JSONNullable var halfLifeSeconds: Int64?
        /// Kind name → weight.
        let weights: [String: Double]

        init(_ window: InteractionWindow) {
            asOf = window.asOf
            windowSeconds = window.windowSeconds
            halfLifeSeconds = window.halfLifeSeconds
            weights = Dictionary(window.weights.map { ($0.kind, $0.weight) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The segmentation `features.csv` is ready for.
    struct Segmentation: Codable, Sendable {
        /// The run exported (its settings and scaling); nil: the default settings, scaling fitted here.
        let runId: Int64?
        /// Feature sets, comma-separated (`segmentation_runs.features`).
        let features: String
        /// The columns of `features.csv` after `user_id`, in order (`SparkColumnNames`).
        let featureNames: [String]
        /// The features' own names, parallel to `featureNames` (as `feature_scaling` and the
        /// warehouse name them).
        let featureLabels: [String]
        let k: Int
        /// PCA components to keep; nil: the fewest whose cumulative explained-variance ratio
        /// reaches `variance_target`, at least 2 (our rule).
        let nComponents: Int?
        let varianceTarget: Double
        let seed: Int64
        let maxIter: Int
        let tol: Double
        /// Rows of `features.csv`: users with at least one like and id ≤ `max_user_id`.
        let users: Int
        let maxUserId: Int64
        let scaling: [Scaling]
        /// The run's window (its features count `events.csv` over it, not `likes.csv`); null: all-time likes.
        @JSONNullable var window: Window?
    }

    var format = formatName
    var version = formatVersion
    /// The warehouse file exported and its schema version.
    let database: String
    let schemaVersion: Int
    var csv = CSVOptions()
    /// File name → what it holds.
    let files: [String: File]
    let segmentation: Segmentation
}

/// A column of an exported CSV file.
struct ExportColumn: Sendable {
    enum Kind: Sendable {
        case long, integer, double, string

        var ddl: String {
            switch self {
            case .long: "BIGINT"
            case .integer: "INT"
            case .double: "DOUBLE"
            case .string: "STRING"
            }
        }

        var sparkJSON: String {
            switch self {
            case .long: "long"
            case .integer: "integer"
            case .double: "double"
            case .string: "string"
            }
        }
    }

    let name: String
    let kind: Kind
    var nullable = false

    /// "`a` BIGINT, `b` DOUBLE" (names in backquotes, inner backquotes doubled).
    static func ddl(_ columns: [ExportColumn]) -> String {
        columns.map { "`\($0.name.replacingBackquotes)` \($0.kind.ddl)" }.joined(separator: ", ")
    }

    static func structType(_ columns: [ExportColumn]) -> ExportManifest.StructType {
        ExportManifest.StructType(fields: columns.map {
            ExportManifest.StructField(name: $0.name, type: $0.kind.sparkJSON, nullable: $0.nullable)
        })
    }
}

private extension String {
    var replacingBackquotes: String {
        split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``")
    }
}

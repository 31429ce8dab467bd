import Foundation

/// `meta.json` of a segmentation computed elsewhere (`scripts/spark-segmentation.py` writes it
/// beside the assignments): the settings used and what the engine reported. snake_case keys.
///
///     {"format": "warehouse-segmentation-result", "version": 1, "engine": "spark",
///      "engine_version": "4.0.1", "master": "local[2]", "init_mode": "k-means||",
///      "k": 4, "n_components": 3, "seed": 42, "max_iter": 300, "tol": 0.0001,
///      "features": "category_share", "feature_names": ["share_sports", …],
///      "users": 999990, "max_user_id": 1000000, "source_run": 1,
///      "inertia": 812345.6, "iterations": 9, "seconds": 41.2, "cores": 2,
///      "assignments": "assignments"}
///
/// `users` and `max_user_id` come from the export: the result covers exactly the users with
/// likes whose id is at most `max_user_id`. `assignments` is a path relative to the directory:
/// one CSV file, or a directory of CSV part files as Spark writes them (default
/// `assignments.csv`). `inertia` and `iterations` are the engine's report, kept as provenance;
/// the run stores the inertia recomputed from its own tables.
struct EngineResult: Decodable, Sendable {
    static let formatName = "warehouse-segmentation-result"
    static let formatVersion = 1
    static let fileName = "meta.json"

    let format: String
    let version: Int
    let engine: String
    let engineVersion: String?
    let master: String?
    let initMode: String?
    let k: Int
    let nComponents: Int
    let seed: Int64
    let maxIter: Int
    let tol: Double
    let features: String
    let featureNames: [String]
    let users: Int
    let maxUserId: Int64
    let sourceRun: Int64?
    let inertia: Double?
    let iterations: Int?
    let seconds: Double?
    let cores: Int?
    let assignments: String?

    /// The assignments path relative to the result directory.
    var assignmentsPath: String { assignments ?? "assignments.csv" }

    /// Reads and checks `DIRECTORY/meta.json`.
    /// - Throws: `WarehouseError.invalidArgument` naming the file and the first bad field.
    static func load(directory: String) throws -> EngineResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WarehouseError.invalidArgument("'\(directory)' is not a directory (expected the output of scripts/spark-segmentation.py)")
        }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WarehouseError.invalidArgument("no \(fileName) in '\(directory)' (expected the output of scripts/spark-segmentation.py)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let result: EngineResult
        do {
            result = try decoder.decode(EngineResult.self, from: data)
        } catch let error as DecodingError {
            throw WarehouseError.invalidArgument("'\(path)' is not a segmentation result: \(describe(error))")
        }
        try result.validate(path: path)
        return result
    }

    func validate(path: String) throws {
        func bad(_ message: String) -> WarehouseError { .invalidArgument("'\(path)': \(message)") }
        guard format == Self.formatName else { throw bad("format is '\(format)', expected '\(Self.formatName)'") }
        guard version == Self.formatVersion else { throw bad("version \(version) is not supported (this binary reads \(Self.formatVersion))") }
        guard !engine.isEmpty, engine.count <= 64 else { throw bad("engine must be a name of 1 to 64 characters, got '\(engine)'") }
        guard k >= 1, k <= 1_000 else { throw bad("k = \(k) must be between 1 and 1000") }
        guard nComponents >= 1, nComponents <= featureNames.count else {
            throw bad("n_components = \(nComponents) must be between 1 and the \(featureNames.count) features")
        }
        guard users >= k else { throw bad("users = \(users) must be at least k = \(k)") }
        guard seed >= 0 else { throw bad("seed = \(seed) must be ≥ 0") }
        guard maxIter >= 1 else { throw bad("max_iter = \(maxIter) must be ≥ 1") }
        guard tol.isFinite, tol >= 0 else { throw bad("tol = \(tol) must be finite and ≥ 0") }
        if let inertia, !(inertia.isFinite && inertia >= 0) { throw bad("inertia = \(inertia) must be finite and ≥ 0") }
        if let seconds, !(seconds.isFinite && seconds >= 0) { throw bad("seconds = \(seconds) must be finite and ≥ 0") }
        if let iterations, iterations < 0 { throw bad("iterations = \(iterations) must be ≥ 0") }
        if let cores, cores < 1 || cores > 65_536 { throw bad("cores = \(cores) must be between 1 and 65536") }
        let relative = assignmentsPath
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            throw bad("assignments = '\(relative)' must be a path inside the result directory")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String {
            path.isEmpty ? "the top level" : path.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, _): return "the field '\(key.stringValue.snakeCased)' is missing"
        case let .typeMismatch(_, context): return "the field '\(at(context.codingPath).snakeCased)' has the wrong type"
        case let .valueNotFound(_, context): return "the field '\(at(context.codingPath).snakeCased)' is null"
        case let .dataCorrupted(context): return "invalid JSON at \(at(context.codingPath)) (\(context.debugDescription))"
        @unknown default: return "\(error)"
        }
    }
}

private extension String {
    /// "maxUserId" → "max_user_id", for messages that name the JSON key.
    var snakeCased: String {
        var out = ""
        for character in self {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}

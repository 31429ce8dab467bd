import Foundation
import WarehouseSupport
import WarehouseTables

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
    /// The window the engine counted interest over (`schema.json`'s, echoed); nil: all-time likes.
    let window: InteractionWindow?

    /// The assignments path relative to the result directory.
    var assignmentsPath: String { assignments ?? "assignments.csv" }

    /// A `meta.json` is a few hundred bytes; anything above this is not one (and is not read whole).
    static let maximumBytes = 1 << 20

    /// Reads and checks `DIRECTORY/meta.json`: a regular file (not a link, not a FIFO) of at most
    /// `maximumBytes`.
    /// - Throws: `WarehouseError.invalidArgument` naming the file and the first bad field with its value.
    static func load(directory: String) throws -> EngineResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WarehouseError.invalidArgument("'\(directory)' is not a directory (expected the output of scripts/spark-segmentation.py)")
        }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        if InputFile.status(of: path) == nil {
            throw WarehouseError.invalidArgument("no \(fileName) in '\(directory)' (expected the output of scripts/spark-segmentation.py)")
        }
        let data = try InputFile.contents(of: path, role: fileName, limit: maximumBytes)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let result: EngineResult
        do {
            result = try decoder.decode(EngineResult.self, from: data)
        } catch let error as DecodingError {
            throw WarehouseError.invalidArgument("'\(path)' is not a segmentation result: \(describe(error))")
        } catch let error as FieldError {
            throw WarehouseError.invalidArgument("'\(path)': \(error.message)")
        }
        try result.validate(path: path)
        return result
    }

    private enum CodingKeys: String, CodingKey {
        case format, version, engine, engineVersion, master, initMode, k, nComponents, seed, maxIter, tol, features,
             featureNames, users, maxUserId, sourceRun, inertia, iterations, seconds, cores, assignments, window
    }

    /// `window` as `warehouse export` writes it in schema.json.
    private struct WindowFields: Decodable {
        let asOf: Int64
        let windowSeconds: Int64?
        let halfLifeSeconds: Int64?
        let weights: [String: Double]
    }

    /// A field whose JSON value is a number but not one of the integers Swift can hold.
    struct FieldError: Error {
        let message: String
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        /// An integer field: a number that is not a 64-bit integer (4.5, 1e30, 2^64) is named with its value.
        func integer(_ key: CodingKeys) throws -> Int64 {
            if let value = try? c.decode(Int64.self, forKey: key) { return value }
            if let number = try? c.decode(Double.self, forKey: key) {
                let integral = number.isFinite && number == number.rounded()
                throw FieldError(message: "\(key.stringValue.snakeCased) = \(Self.format(number)) "
                    + (integral ? "is too large for a 64-bit integer" : "is not an integer"))
            }
            return try c.decode(Int64.self, forKey: key)  // throws the missing-field or wrong-type error
        }
        func optionalInteger(_ key: CodingKeys) throws -> Int64? {
            guard c.contains(key), !(try c.decodeNil(forKey: key)) else { return nil }
            return try integer(key)
        }
        format = try c.decode(String.self, forKey: .format)
        version = Int(try integer(.version))
        engine = try c.decode(String.self, forKey: .engine)
        engineVersion = try c.decodeIfPresent(String.self, forKey: .engineVersion)
        master = try c.decodeIfPresent(String.self, forKey: .master)
        initMode = try c.decodeIfPresent(String.self, forKey: .initMode)
        k = Int(try integer(.k))
        nComponents = Int(try integer(.nComponents))
        seed = try integer(.seed)
        maxIter = Int(try integer(.maxIter))
        tol = try c.decode(Double.self, forKey: .tol)
        features = try c.decode(String.self, forKey: .features)
        featureNames = try c.decode([String].self, forKey: .featureNames)
        users = Int(try integer(.users))
        maxUserId = try integer(.maxUserId)
        sourceRun = try optionalInteger(.sourceRun)
        inertia = try c.decodeIfPresent(Double.self, forKey: .inertia)
        iterations = try optionalInteger(.iterations).map { Int($0) }
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds)
        cores = try optionalInteger(.cores).map { Int($0) }
        assignments = try c.decodeIfPresent(String.self, forKey: .assignments)
        if let fields = try c.decodeIfPresent(WindowFields.self, forKey: .window) {
            guard fields.asOf >= 0, (fields.windowSeconds ?? 1) >= 1, (fields.halfLifeSeconds ?? 1) >= 1,
                  !fields.weights.isEmpty, fields.weights.values.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= InteractionWindow.maximumWeight }),
                  fields.weights.values.contains(where: { $0 > 0 }) else {
                throw FieldError(message: "window is not a window of interactions (as_of ≥ 0, durations ≥ 1 s, weights from 0 to 10⁶, one positive)")
            }
            window = InteractionWindow(asOf: fields.asOf, windowSeconds: fields.windowSeconds, halfLifeSeconds: fields.halfLifeSeconds,
                                       weights: fields.weights.sorted { $0.key < $1.key }.map { .init(kind: $0.key, weight: $0.value) })
        } else {
            window = nil
        }
    }

    /// A JSON number for a message: integral values in full, others as Swift prints them.
    private static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e21 {
            return String(format: "%.0f", number)
        }
        return "\(number)"
    }

    /// Checks every field against what a result of this format can hold, naming the field and the
    /// value; strings that are stored or printed must be short and free of control characters
    /// (an engine name with an escape sequence would reach the terminal and the database).
    func validate(path: String) throws {
        func bad(_ message: String) -> WarehouseError { .invalidArgument("'\(path)': \(message)") }
        func text(_ field: String, _ value: String, maximum: Int, required: Bool = true) throws {
            if required && value.isEmpty { throw bad("\(field) must not be empty") }
            if value.unicodeScalars.contains(where: isUnprintable) {
                throw bad("\(field) = '\(printableExcerpt(value, limit: 64))' holds control characters")
            }
            if value.count > maximum {
                throw bad("\(field) = '\(printableExcerpt(value, limit: 64))' is \(value.count) characters, at most \(maximum)")
            }
        }
        guard format == Self.formatName else {
            throw bad("format is '\(printableExcerpt(format, limit: 64))', expected '\(Self.formatName)'")
        }
        guard version == Self.formatVersion else { throw bad("version \(version) is not supported (this binary reads \(Self.formatVersion))") }
        try text("engine", engine, maximum: 64)
        if let engineVersion { try text("engine_version", engineVersion, maximum: 64, required: false) }
        if let master { try text("master", master, maximum: 256, required: false) }
        if let initMode { try text("init_mode", initMode, maximum: 64, required: false) }
        try text("features", features, maximum: 1_000)
        guard !featureNames.isEmpty, featureNames.count <= 1_000 else {
            throw bad("feature_names has \(featureNames.count) names, must have 1 to 1000")
        }
        for (index, name) in featureNames.enumerated() { try text("feature_names[\(index)]", name, maximum: 64) }
        guard k >= 1, k <= 1_000 else { throw bad("k = \(k) must be between 1 and 1000") }
        guard nComponents >= 1, nComponents <= featureNames.count else {
            throw bad("n_components = \(nComponents) must be between 1 and the \(featureNames.count) features")
        }
        guard users >= 1 else { throw bad("users = \(users) must be at least 1") }
        guard users >= k else { throw bad("users = \(users) must be at least k = \(k)") }
        guard maxUserId >= 1 else { throw bad("max_user_id = \(maxUserId) must be at least 1") }
        guard seed >= 0 else { throw bad("seed = \(seed) must be between 0 and \(Int64.max)") }
        guard maxIter >= 1, maxIter <= 100_000 else { throw bad("max_iter = \(maxIter) must be between 1 and 100000") }
        guard tol.isFinite, tol >= 0 else { throw bad("tol = \(tol) must be finite and ≥ 0") }
        if let sourceRun, sourceRun < 1 { throw bad("source_run = \(sourceRun) must be a run id ≥ 1") }
        if let inertia, !(inertia.isFinite && inertia >= 0) { throw bad("inertia = \(inertia) must be finite and ≥ 0") }
        if let seconds, !(seconds.isFinite && seconds >= 0) { throw bad("seconds = \(seconds) must be finite and ≥ 0") }
        if let iterations, iterations < 0 { throw bad("iterations = \(iterations) must be ≥ 0") }
        if let cores, cores < 1 || cores > 65_536 { throw bad("cores = \(cores) must be between 1 and 65536") }
        let relative = assignmentsPath
        try text("assignments", relative, maximum: 1_024)
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            throw bad("assignments = '\(printableExcerpt(relative, limit: 64))' must be a path inside the result directory")
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
        case let .dataCorrupted(context):
            // The decoder's description can quote the input: name the place only.
            return context.codingPath.isEmpty
                ? "not valid JSON" : "the field '\(at(context.codingPath).snakeCased)' has a value this format cannot hold"
        @unknown default: return "not valid JSON"
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

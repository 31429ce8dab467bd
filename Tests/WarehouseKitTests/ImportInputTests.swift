import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// import-run's input files, as a hostile user would hand them over: links, FIFOs, huge or
/// foreign files, control characters and impossible values. Each is refused with one line that
/// names the file, the field and the value, quotes nothing of a foreign file, names no option
/// that was never given, and writes nothing.
@Suite struct ImportInputTests {
    /// A line no error may ever print: it stands for a line of /etc/shadow.
    static let secret = "root:$6$s3cr3tSalt$hashhashhash:19000:0:99999:7:::"

    /// A seeded, segmented warehouse and a valid result directory reproducing its run.
    private struct Fixture {
        let dir: TemporaryDirectory
        let store: WarehouseStore
        let result: URL
        var meta: [String: Any]
        let lines: [String]

        init() throws {
            dir = try TemporaryDirectory()
            store = try seededStore(users: 600, seed: 5, in: dir)
            let run = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
            lines = try store.connection.rows(
                "SELECT user_id, segment FROM segment_assignments WHERE run_id = ? ORDER BY user_id", [.integer(run.runID)]
            ).map { "\($0[0].int64 ?? 0),\($0[1].int64 ?? 0),0.5" }
            result = dir.url.appendingPathComponent("result")
            try FileManager.default.createDirectory(at: result, withIntermediateDirectories: true)
            meta = [
                "format": "warehouse-segmentation-result", "version": 1, "engine": "spark", "engine_version": "4.0.1",
                "master": "local[2]", "init_mode": "k-means||", "k": 3, "n_components": run.pca.componentCount, "seed": 42,
                "max_iter": 300, "tol": 1e-4, "features": "category_share",
                "feature_names": ["share_sports", "share_fashion", "share_food", "share_pets"],
                "users": run.users, "max_user_id": run.maxUserID, "iterations": 5, "seconds": 1.5, "cores": 2,
                "assignments": "assignments.csv",
            ]
            try writeAssignments(["user_id,segment,distance"] + lines)
        }

        func writeMeta(_ meta: [String: Any]? = nil) throws {
            try JSONSerialization.data(withJSONObject: meta ?? self.meta, options: [.sortedKeys])
                .write(to: result.appendingPathComponent("meta.json"))
        }

        func writeAssignments(_ lines: [String], name: String = "assignments.csv") throws {
            try (lines.joined(separator: "\n") + "\n").write(to: result.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        /// The error of importing the result, after checking that nothing was written.
        func refusal(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let before = try store.connection.scalar("SELECT count(*) FROM segmentation_runs")
            let error = try #require(throws: WarehouseError.self, sourceLocation: sourceLocation) {
                try ImportRunJob.run(store: store, configuration: ImportRunConfiguration(directory: result.path))
            }
            #expect(try store.connection.scalar("SELECT count(*) FROM segmentation_runs") == before, sourceLocation: sourceLocation)
            let message = error.description
            #expect(!message.contains("\n") && !message.contains("\u{1B}"), "one clean line: \(message)", sourceLocation: sourceLocation)
            #expect(!message.contains("s3cr3t") && !message.contains("$6$"), "quotes a foreign file: \(message)", sourceLocation: sourceLocation)
            #expect(!message.contains("--"), "names an option never given: \(message)", sourceLocation: sourceLocation)
            return message
        }

        /// A file outside the result directory holding the secret line.
        func secretFile() throws -> String {
            let path = dir.path("shadow")
            try (ImportInputTests.secret + "\ndaemon:*:19000:0:99999:7:::\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    @Test func theFixtureImports() throws {
        let fixture = try Fixture()
        try fixture.writeMeta()
        let summary = try ImportRunJob.run(store: fixture.store, configuration: ImportRunConfiguration(directory: fixture.result.path))
        #expect(summary.engine == "spark")
    }

    @Test func aLinkedMetaJSONIsRefusedAndNotQuoted() throws {
        let fixture = try Fixture()
        try FileManager.default.createSymbolicLink(atPath: fixture.result.appendingPathComponent("meta.json").path,
                                                   withDestinationPath: try fixture.secretFile())
        let message = try fixture.refusal()
        #expect(message.contains("meta.json") && message.contains("symbolic link"), "\(message)")
    }

    @Test func linkedAssignmentsAreRefusedAndNotQuoted() throws {
        // The file itself, a directory on its path, and a part file in a part directory.
        for layout in ["file", "directory", "part"] {
            let fixture = try Fixture()
            let secret = try fixture.secretFile()
            var meta = fixture.meta
            switch layout {
            case "file":
                try FileManager.default.removeItem(at: fixture.result.appendingPathComponent("assignments.csv"))
                try FileManager.default.createSymbolicLink(atPath: fixture.result.appendingPathComponent("assignments.csv").path,
                                                           withDestinationPath: secret)
            case "directory":
                meta["assignments"] = "elsewhere/shadow"
                try FileManager.default.createSymbolicLink(atPath: fixture.result.appendingPathComponent("elsewhere").path,
                                                           withDestinationPath: fixture.dir.url.path)
            default:
                meta["assignments"] = "parts"
                let parts = fixture.result.appendingPathComponent("parts")
                try FileManager.default.createDirectory(at: parts, withIntermediateDirectories: false)
                try FileManager.default.createSymbolicLink(atPath: parts.appendingPathComponent("part-00000.csv").path,
                                                           withDestinationPath: secret)
            }
            try fixture.writeMeta(meta)
            let message = try fixture.refusal()
            #expect(message.contains("symbolic link"), "\(layout): \(message)")
        }
    }

    @Test func aForeignAssignmentsFileIsNotQuoted() throws {
        // Not a link: a copy of the secret file as the assignments. Its first line is not echoed.
        let fixture = try Fixture()
        try fixture.writeAssignments([ImportInputTests.secret, "daemon:*:19000:0:99999:7:::"])
        try fixture.writeMeta()
        let message = try fixture.refusal()
        #expect(message.contains("lacks user_id or segment") && message.contains("not shown"), "\(message)")
        // A header of ours with a foreign value: the value is not quoted either.
        try fixture.writeAssignments(["user_id,segment,distance", "1,\(ImportInputTests.secret),0.5"])
        let second = try fixture.refusal()
        #expect(second.contains("segment") && second.contains("not shown"), "\(second)")
    }

    @Test func fifoInputsAreRefusedWithoutWaiting() throws {
        for name in ["meta.json", "assignments.csv"] {
            let fixture = try Fixture()
            try fixture.writeMeta()
            let path = fixture.result.appendingPathComponent(name).path
            try FileManager.default.removeItem(atPath: path)
            #expect(mkfifo(path, 0o600) == 0)
            // Before the fix, opening the FIFO blocked for ever (no writer): this would hang.
            let message = try fixture.refusal()
            #expect(message.contains(name) && message.contains("FIFO"), "\(message)")
        }
    }

    @Test func aPartFileNamedWithAnEscapeSequenceIsRefused() throws {
        let fixture = try Fixture()
        var meta = fixture.meta
        meta["assignments"] = "parts"
        let parts = fixture.result.appendingPathComponent("parts")
        try FileManager.default.createDirectory(at: parts, withIntermediateDirectories: false)
        try (["user_id,segment,distance"] + fixture.lines).joined(separator: "\n")
            .write(to: parts.appendingPathComponent("part-0\u{1B}[2J.csv"), atomically: true, encoding: .utf8)
        try fixture.writeMeta(meta)
        let message = try fixture.refusal()
        #expect(message.contains("control characters") && message.contains("\\u{1B}"), "\(message)")
    }

    @Test func aHugeMetaJSONIsRefusedNamingItsSize() throws {
        let fixture = try Fixture()
        var meta = fixture.meta
        meta["padding"] = String(repeating: "x", count: 2 << 20)
        try fixture.writeMeta(meta)
        let size = try #require(try FileManager.default.attributesOfItem(
            atPath: fixture.result.appendingPathComponent("meta.json").path)[.size] as? NSNumber).intValue
        let message = try fixture.refusal()
        #expect(message.contains("\(size) bytes") && message.contains("at most \(EngineResult.maximumBytes) bytes"), "\(message)")
    }

    @Test(arguments: [
        ("engine", "spark\u{1B}[2J\u{1B}[31mpwned"),
        ("engine", "spark\nwarehouse: all good"),
        ("engine", "spark\u{202E}kraps"),
        ("engine_version", "4.0\r\u{7}"),
        ("master", "local\u{0}"),
        ("init_mode", "k-means||\u{9B}31m"),
        ("features", "category_share\n"),
        ("assignments", "assignments.csv\u{1B}"),
    ])
    func controlCharactersInStringsAreRefused(_ field: String, _ value: String) throws {
        let fixture = try Fixture()
        var meta = fixture.meta
        meta[field] = value
        try fixture.writeMeta(meta)
        let message = try fixture.refusal()
        #expect(message.contains("\(field) = '") && message.contains("control characters"), "\(field): \(message)")
    }

    @Test func aControlCharacterInAFeatureNameIsRefused() throws {
        let fixture = try Fixture()
        var meta = fixture.meta
        meta["feature_names"] = ["share_sports", "share_fashion\u{1B}[8m", "share_food", "share_pets"]
        try fixture.writeMeta(meta)
        let message = try fixture.refusal()
        #expect(message.contains("feature_names[1]") && message.contains("control characters"), "\(message)")
    }

    @Test func aLongEngineNameIsRefusedAndShortened() throws {
        let fixture = try Fixture()
        var meta = fixture.meta
        meta["engine"] = String(repeating: "s", count: 5_000)
        try fixture.writeMeta(meta)
        let message = try fixture.refusal()
        #expect(message.contains("engine") && message.contains("5000 characters, at most 64") && message.count < 400, "\(message)")
    }

    /// Impossible numbers: the message names the field and the value, never "invalid JSON", never an option.
    @Test(arguments: [
        ("k", "0", "k = 0 must be between 1 and 1000"),
        ("k", "1000000000000", "k = 1000000000000 must be between 1 and 1000"),
        ("k", "1e30", "k = 1e+30 is too large for a 64-bit integer"),
        ("k", "4.5", "k = 4.5 is not an integer"),
        ("k", "-3", "k = -3 must be between 1 and 1000"),
        ("seed", "-1", "seed = -1 must be between 0 and 9223372036854775807"),
        ("seed", "18446744073709551616", "seed = 18446744073709551616 is too large for a 64-bit integer"),
        ("n_components", "9", "n_components = 9 must be between 1 and the 4 features"),
        ("max_iter", "1000000", "max_iter = 1000000 must be between 1 and 100000"),
        ("max_iter", "0", "max_iter = 0 must be between 1 and 100000"),
        ("users", "-5", "users = -5 must be at least 1"),
        ("max_user_id", "0", "max_user_id = 0 must be at least 1"),
        ("cores", "0", "cores = 0 must be between 1 and 65536"),
        ("iterations", "2.5", "iterations = 2.5 is not an integer"),
        ("source_run", "-2", "source_run = -2 must be a run id"),
        ("version", "2", "version 2 is not supported"),
    ])
    func impossibleValuesAreNamed(_ field: String, _ json: String, _ expected: String) throws {
        let fixture = try Fixture()
        try fixture.writeMeta()
        // Splice the raw JSON number in (JSONSerialization would round 1e30 or 2^64).
        let path = fixture.result.appendingPathComponent("meta.json")
        var text = try String(contentsOf: path, encoding: .utf8)
        let pattern = try #require(text.range(of: "\"\(field)\":[^,}]*", options: .regularExpression) ?? text.range(of: "{"))
        text.replaceSubrange(pattern, with: text[pattern] == "{" ? "{\"\(field)\":\(json)," : "\"\(field)\":\(json)")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let message = try fixture.refusal()
        #expect(message.contains("meta.json") && message.contains(expected), "\(field) = \(json): \(message)")
        #expect(!message.contains("invalid JSON"), "\(message)")
    }
}

import TestSupport
import Foundation
import Testing

/// The main jobs, from the outside.
@Suite struct CLIJobTests {
    @Test func seedSegmentAndReadBack() throws {
        let dir = try TemporaryDirectory()
        // The default database is warehouse.sqlite in the working directory.
        let seed = try CLIRunner.run(["seed", "--users", "2000", "--quiet"], in: dir.url)
        #expect(seed.status == 0, "\(seed.stderr)")
        #expect(seed.stderr.isEmpty, "quiet and not a terminal: nothing on stderr")
        #expect(FileManager.default.fileExists(atPath: dir.path("warehouse.sqlite")))
        let run = try CLIRunner.run(["run-segmentation", "--k", "4", "--n-init", "3", "--elbow", "2...6", "--json"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["k"] as? Int == 4)
        #expect((json["segments"] as? [Any])?.count == 4)
        #expect((json["elbow"] as? [Any])?.count == 5)
        #expect((json["adjusted_rand_index"] as? Double ?? 0) > 0.5)
        let text = try CLIRunner.run(["run-segmentation", "--k", "3", "--n-init", "2", "--elbow", "off"], in: dir.url)
        #expect(text.status == 0)
        #expect(text.stdout.contains("run 2: k = 3"))
        let info = try CLIRunner.run(["info"], in: dir.url)
        #expect(info.stdout.contains("segmentation runs: 2"))
    }

    @Test func theEnvironmentVariableChoosesTheDatabase() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("from-env.sqlite")
        let seed = try CLIRunner.run(["seed", "--users", "20", "--quiet"], environment: ["WAREHOUSE_DB": db], in: dir.url)
        #expect(seed.status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        #expect(!FileManager.default.fileExists(atPath: dir.path("warehouse.sqlite")))
    }

    @Test func sameSeedSameDatabaseContents() throws {
        let dir = try TemporaryDirectory()
        for name in ["a.sqlite", "b.sqlite"] {
            #expect(try CLIRunner.run(["seed", "--db", dir.path(name), "--users", "300", "--seed", "9", "--quiet"]).status == 0)
            #expect(try CLIRunner.run(["run-segmentation", "--db", dir.path(name), "--n-init", "2", "--elbow", "1...3", "--json"]).status == 0)
        }
        func dump(_ name: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3", dir.path(name),
                                 "SELECT * FROM users; SELECT * FROM user_likes; SELECT segment, user_id, distance FROM segment_assignments; SELECT * FROM elbow;"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let a = try dump("a.sqlite")
        #expect(!a.isEmpty)
        #expect(a == (try dump("b.sqlite")))
    }
}

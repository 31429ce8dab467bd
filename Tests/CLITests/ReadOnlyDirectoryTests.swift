import Foundation
import TestSupport
import Testing

/// Issue 24 (13): a healthy WAL warehouse in a directory the user cannot write (so no `-shm` can
/// be made): `info`, `runs` and `report` failed with "is read-only; nothing was written" though
/// they never write, and `check` said "12 of 12 checks did not pass". Run as an unprivileged user
/// (root can write any directory), when the test runs as root and `setpriv` is there.
@Suite struct ReadOnlyDirectoryTests {
    @Test func readersReadAWarehouseInADirectoryTheyCannotWrite() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let dir = try TemporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.url.path)
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "300", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "2", "--n-init", "1", "--elbow", "off", "--quiet"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["w.sqlite"], "no -wal or -shm left by the writers")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        func asNobody(_ arguments: [String]) throws -> CLIRunner.Outcome {
            let words = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", CLIRunner.executable.path] + arguments
            return try CLIRunner.run(in: URL(fileURLWithPath: "/"), shell: "exec " + words.map { "'\($0)'" }.joined(separator: " "))
        }
        // The unprivileged user must be able to run the binary where this checkout is (a clone in
        // a private directory cannot be entered): otherwise there is nothing to test here.
        guard try asNobody(["--version"]).status == 0 else { return }
        let info = try asNobody(["info", "--db", db])
        #expect(info.status == 0 && info.stdout.contains("schema version"), "\(info.status) \(info.stderr)")
        let runs = try asNobody(["runs", "--db", db])
        #expect(runs.status == 0 && runs.stdout.contains("silhouette"), "\(runs.status) \(runs.stderr)")
        let report = try asNobody(["report", "--db", db, "--out", out])
        #expect(report.status == 0 && FileManager.default.fileExists(atPath: out), "\(report.status) \(report.stderr)")
        let check = try asNobody(["check", "--db", db])
        #expect(check.status == 0 && !check.stdout.contains("FAILED"), "\(check.status) \(check.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["w.sqlite"])
    }
}

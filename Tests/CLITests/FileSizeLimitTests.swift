import Foundation
import TestSupport
import Testing

/// Issue 24 (11): under a file-size limit (`ulimit -f`) a command used to die by SIGXFSZ (exit
/// 153, no message), leaving temporary files and an empty warehouse. Now the write fails, the
/// command says so in one line, exits 1, and leaves nothing it made.
@Suite struct FileSizeLimitTests {
    /// `warehouse` run by `sh` under `ulimit -f blocks` (512-byte blocks).
    private func limited(_ blocks: Int, _ arguments: [String], in dir: TemporaryDirectory) throws -> CLIRunner.Outcome {
        let quoted = ([CLIRunner.executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try CLIRunner.run(in: dir.url, shell: "ulimit -f \(blocks); exec " + quoted.joined(separator: " "))
    }

    private func entries(_ dir: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
    }

    @Test func aLimitedSeedLeavesNoWarehouse() throws {
        let dir = try TemporaryDirectory()
        let seed = try limited(2_000, ["seed", "--db", dir.path("s.sqlite"), "--users", "20000", "--quiet"], in: dir)
        #expect(seed.status == 1, "\(seed.status) \(seed.stderr)")
        #expect(seed.stderr.contains("file size limit (ulimit -f) was reached while writing") && seed.stderr.split(separator: "\n").count == 1,
                "\(seed.stderr)")
        #expect(try entries(dir).isEmpty)
    }

    @Test func aLimitedReportOrAudienceLeavesNoFile() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "3000", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--n-init", "1", "--elbow", "off", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["info", "--db", db]).status == 0)  // a reader's -wal and -shm, as the commands below leave them
        let before = try entries(dir)
        let report = try limited(100, ["report", "--db", db, "--out", dir.path("r.html")], in: dir)
        #expect(report.status == 1 && report.stderr.contains("(File too large); nothing was written"), "\(report.status) \(report.stderr)")
        let audience = try limited(100, ["audience", "--db", db, "--segment", "all", "--out", dir.path("lists")], in: dir)
        #expect(audience.status == 1 && audience.stderr.contains("File too large"), "\(audience.status) \(audience.stderr)")
        #expect(try entries(dir) == before)
    }
}

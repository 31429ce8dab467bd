import TestSupport
import Foundation
import Testing

/// `warehouse import` from the outside: the example imported, segmented, reported and queried;
/// refusals print every problem (file:line: …) on stderr and leave the database as it was.
@Suite struct CLIImportTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/hobbies").path

    static func importArguments(_ db: String, catalog: String = example + "/catalog.csv", users: String = example + "/users.csv",
                                likes: String = example + "/likes.csv") -> [String] {
        ["import", "--db", db, "--catalog", catalog, "--users", users, "--likes", likes]
    }

    @Test func theExampleImportsSegmentsAndReports() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        let dry = try CLIRunner.run(Self.importArguments(db) + ["--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("dry run") && !FileManager.default.fileExists(atPath: db), "\(dry.stderr)")
        let imported = try CLIRunner.run(Self.importArguments(db) + ["--json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("users.csv: ignoring column \"signup_country\""), "\(imported.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(json["users"] as? Int == 2_500 && json["categories"] as? Int == 5 && json["catalogue"] as? String == "new")
        let run = try CLIRunner.run(["run-segmentation", "--db", db, "--k", "5", "--n-init", "3", "--elbow", "2...6"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try CLIRunner.run(["report", "--db", db, "--out", dir.path("r.html")])
        #expect(report.status == 0, "\(report.stderr)")
        let check = try CLIRunner.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.stdout)")
        // New users on the same catalogue, placed in the run by assign, then a campaign's commands.
        let users = dir.path("new-users.csv"), likes = dir.path("new-likes.csv")
        try Data("user_id,username,email,age\n900001,newbie,newbie@example.com,22\n".utf8).write(to: URL(fileURLWithPath: users))
        try Data("user_id,subcategory\n900001,jazz\n900001,jazz\n900001,folk\n".utf8).write(to: URL(fileURLWithPath: likes))
        let appended = try CLIRunner.run(Self.importArguments(db, users: users, likes: likes) + ["--append"])
        #expect(appended.status == 0 && appended.stdout.contains("(existing)"), "\(appended.stderr)")
        for arguments in [["target"], ["assign"], ["recommend", "--user", "900001"], ["name"], ["runs"],
                          ["audience", "--segment", "1", "--out", dir.path("a.csv")],
                          ["lookalike", "--segment", "1", "--size", "10", "--out", dir.path("l.csv")],
                          ["export", "--out", dir.path("export")],
                          ["run-segmentation", "--method", "latent-class", "--k", "3", "--elbow", "off", "--n-init", "1"],
                          ["compare", "1", "2"]] {
            let outcome = try CLIRunner.run(arguments + ["--db", db])
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
        }
        let again = try CLIRunner.run(Self.importArguments(db))
        #expect(again.status != 0 && again.stderr.contains("already has 2,501 users; pass --append"), "\(again.stderr)")
    }

    @Test func aRefusalPrintsEveryProblemAndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "200", "--quiet"]).status == 0)
        let before = FileManager.default.contents(atPath: db)
        let likes = dir.path("likes.csv")
        try Data("user_id,subcategory,likes\n1,football,2\n2,crochet,1\n3,tennis,-4\n".utf8).write(to: URL(fileURLWithPath: likes))
        let users = dir.path("users.csv")
        try Data("user_id,username,email,age\n1,a,a@x.org,30\n2,b,b@x.org,31\n3,c,c@x.org,32\n".utf8).write(to: URL(fileURLWithPath: users))
        let catalog = dir.path("catalog.csv")
        try Data("category,subcategory\nsports,football\nsports,tennis\nfood,vegan\n".utf8).write(to: URL(fileURLWithPath: catalog))
        let outcome = try CLIRunner.run(Self.importArguments(dir.path("new.sqlite"), catalog: catalog, users: users, likes: likes))
        #expect(outcome.status == 1)
        #expect(outcome.errorLines.count == 3, "\(outcome.stderr)")
        #expect(outcome.errorLines.first?.hasSuffix("likes.csv:3: unknown subcategory \"crochet\" (not in \(catalog))") == true, "\(outcome.stderr)")
        #expect(outcome.errorLines.dropFirst().first?.hasSuffix("likes.csv:4: column likes: \"-4\" is negative") == true, "\(outcome.stderr)")
        #expect(outcome.errorLines.last == "warehouse: error: import refused: 2 problems; nothing was written")
        #expect(!FileManager.default.fileExists(atPath: dir.path("new.sqlite")))
        // Into the seeded warehouse: another catalogue, refused, the file unchanged.
        let append = try CLIRunner.run(Self.importArguments(db, catalog: catalog, users: users, likes: likes) + ["--append"])
        #expect(append.status == 1 && append.stderr.contains("holds another catalogue"), "\(append.stderr)")
        #expect(FileManager.default.contents(atPath: db) == before)
    }
}

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
    /// A platform that exports ids, ages and demographics but no usernames or e-mails: imported,
    /// segmented, checked; the csv audience has empty username and e-mail fields. A refusal in
    /// the new columns names file, line, column and value and leaves the database as it was.
    @Test func idsOnlyWithDemographicsImportsSegmentsAndWritesAnAudience() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        let catalog = Self.example + "/catalog.csv"
        let names = ["jazz", "crime", "backpacking", "strategy"]
        var users = "user_id,age,gender,country,phone\n", likes = "user_id,subcategory,likes\n"
        for user in 1...40 {
            users += "\(user),\(20 + user),\(["f", "M", "", "x"][user % 4]),\(user % 2 == 0 ? "de" : "FR"),0\(600_000_000 + user)\n"
            likes += "\(user),\(names[user % 4]),\(1 + user % 5)\n\(user),\(names[(user / 4) % 4]),2\n"
        }
        try Data(users.utf8).write(to: URL(fileURLWithPath: dir.path("users.csv")))
        try Data(likes.utf8).write(to: URL(fileURLWithPath: dir.path("likes.csv")))
        let imported = try CLIRunner.run(Self.importArguments(db, catalog: catalog, users: dir.path("users.csv"), likes: dir.path("likes.csv")))
        #expect(imported.status == 0 && imported.stderr.isEmpty, "\(imported.stderr)")
        let run = try CLIRunner.run(["run-segmentation", "--db", db, "--k", "2", "--elbow", "off", "--n-init", "2", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let audience = try CLIRunner.run(["audience", "--db", db, "--segment", "1", "--out", dir.path("a.csv")])
        #expect(audience.status == 0, "\(audience.stderr)")
        let lines = (try String(contentsOfFile: dir.path("a.csv"), encoding: .utf8)).split(separator: "\n").dropFirst()
        #expect(!lines.isEmpty && lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[1...2] == ["", ""] }, "\(lines)")
        #expect(try CLIRunner.run(["check", "--db", db]).status == 0)
        let before = FileManager.default.contents(atPath: db)
        try Data("user_id,age,phone\n41,30,+49 30 1234567\n42,30,030 1234567\n".utf8).write(to: URL(fileURLWithPath: dir.path("more.csv")))
        try Data("user_id,subcategory\n41,jazz\n".utf8).write(to: URL(fileURLWithPath: dir.path("more-likes.csv")))
        let refused = try CLIRunner.run(Self.importArguments(db, catalog: catalog, users: dir.path("more.csv"), likes: dir.path("more-likes.csv")) + ["--append"])
        #expect(refused.status == 1 && refused.stderr.contains("more.csv:3: column phone: \"030 1234567\" has no country code and the row has no country"),
                "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: db) == before)
    }
}

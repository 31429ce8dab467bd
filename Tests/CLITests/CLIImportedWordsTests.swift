import Foundation
import TestSupport
import Testing

/// An imported ratings warehouse is described in its own words (issue 23): the report's
/// population charts speak of likes, not the generator's liked posts, and a note names the
/// imported interaction kinds and says the charts of likes do not count them.
@Suite struct CLIImportedWordsTests {
    @Test func aRatingsWarehouseIsNotDescribedInLikesOfPosts() throws {
        let dir = try TemporaryDirectory()
        func put(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: dir.path(name))) }
        try put("catalog.csv", "category,subcategory\nmusic,jazz\nmusic,folk\nfilm,noir\n")
        try put("users.csv", "user_id,username,email,age\n1,ann,ann@example.com,30\n2,bob,bob@example.com,40\n3,cy,cy@example.com,50\n")
        try put("events.csv", "user_id,kind,timestamp,subcategory,value\n1,rate,1700000000,jazz,5\n2,rate,1700000100,noir,4\n"
                + "3,view,1700000200,folk,\n1,view,1700000300,noir,\n")
        let db = dir.path("w.sqlite")
        let imported = try CLIRunner.run(["import", "--db", db, "--catalog", dir.path("catalog.csv"), "--users", dir.path("users.csv"),
                                          "--events", dir.path("events.csv"), "--quiet"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try CLIRunner.run(["report", "--db", db, "--out", dir.path("r.html")])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: dir.path("r.html"), encoding: .utf8)
        let population = try #require(html.components(separatedBy: "<section id=\"population\">").dropFirst().first?
            .components(separatedBy: "</section>").first)
        #expect(!population.lowercased().contains("liked post"), "the generator's words in an imported warehouse")
        #expect(population.contains("Likes per user (log scale)") && population.contains("Likes by age"))
        let note = try #require(population.components(separatedBy: "id=\"note-interaction-kinds\"").dropFirst().first?
            .components(separatedBy: "</div>").first)
        #expect(note.contains("rate, view") && note.contains("it has no likes"), "\(note)")

        // A seeded warehouse keeps its words and gets no such note.
        let seeded = dir.path("s.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", seeded, "--users", "300", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["report", "--db", seeded, "--out", dir.path("s.html")]).status == 0)
        let seededHTML = try String(contentsOfFile: dir.path("s.html"), encoding: .utf8)
        #expect(seededHTML.contains("Liked posts per user (log scale)") && !seededHTML.contains("note-interaction-kinds"))
    }

    /// An imported warehouse with likes and a run: the segment cards and the run section speak of
    /// likes too (the cards' activity, the segment table's column), never of liked posts.
    @Test func importedRunSpeaksOfLikesInCardsAndSegments() throws {
        let dir = try TemporaryDirectory()
        func put(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: dir.path(name))) }
        try put("catalog.csv", "category,subcategory\nmusic,jazz\nmusic,folk\nfilm,noir\nfilm,western\n")
        var users = "user_id,age\n", likes = "user_id,subcategory,likes\n"
        let subcategories = ["jazz", "folk", "noir", "western"]
        for user in 1...240 {
            users += "\(user),\(18 + user % 50)\n"
            likes += "\(user),\(subcategories[user % 2]),\(3 + user % 4)\n\(user),\(subcategories[2 + (user / 2) % 2]),\(1 + user % 3)\n"
        }
        try put("users.csv", users)
        try put("likes.csv", likes)
        let db = dir.path("w.sqlite")
        let imported = try CLIRunner.run(["import", "--db", db, "--catalog", dir.path("catalog.csv"), "--users", dir.path("users.csv"),
                                          "--likes", dir.path("likes.csv"), "--quiet"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try CLIRunner.run(["run-segmentation", "--db", db, "--k", "2", "--elbow", "off", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try CLIRunner.run(["report", "--db", db, "--out", dir.path("r.html")])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: dir.path("r.html"), encoding: .utf8)
        for section in ["segment-cards", "segmentation"] {
            let text = try #require(html.components(separatedBy: "<section id=\"\(section)\">").dropFirst().first?
                .components(separatedBy: "</section>").first, "no section \(section)")
            #expect(!text.lowercased().contains("liked post"), "the generator's words in section \(section)")
        }
        #expect(html.contains("Mean likes") && html.contains("likes per user"))
    }
}

import Charts
import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// The data behind the report's interactive views, and its colours, checked against the database.
@Suite struct ReportInteractiveTests {
    /// `REPORT_DATA` of a page, parsed.
    static func data(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "var REPORT_DATA = "))
        let end = try #require(html.range(of: ";\n", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    static func segmented(users: Int, k: Int, in dir: TemporaryDirectory) throws -> WarehouseStore {
        let store = try seededStore(users: users, in: dir)
        var configuration = SegmentationConfiguration()
        configuration.k = k
        configuration.elbow = nil
        configuration.nInit = 2
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        return store
    }

    @Test func sampleColumnsAreTheStoredUsers() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.segmented(users: 1_500, k: 4, in: dir)
        let report = try ReportJob.run(store: store, configuration: ReportConfiguration(sampleSize: 300))
        let data = try Self.data(report.html)
        let ids = try #require(data["id"] as? [Int])
        let ages = try #require(data["age"] as? [Int]), segs = try #require(data["seg"] as? [Int])
        let likes = try #require(data["likes"] as? [Int]), pc = try #require(data["pc"] as? [Double])
        let categories = try #require(data["categories"] as? [String])
        let m = try #require(data["components"] as? Int)
        // A seeded warehouse's all-time run: the likes-against-age plot counts liked posts.
        #expect(data["counted"] as? String == "Liked posts")
        #expect(ids.count == 300)
        #expect(Set(ids).count == ids.count)
        #expect(ages.count == ids.count && segs.count == ids.count)
        #expect(likes.count == ids.count * categories.count)
        #expect(pc.count == ids.count * m)
        #expect(m == 3)  // four category shares span three components
        let db = store.connection
        for (index, id) in ids.enumerated().filter({ $0.offset % 37 == 0 }) {
            #expect(try db.scalar("SELECT age FROM users WHERE id = ?", [.integer(Int64(id))]) == .integer(Int64(ages[index])))
            #expect(try db.scalar("SELECT segment FROM segment_assignments WHERE run_id = 1 AND user_id = ?",
                                  [.integer(Int64(id))]) == .integer(Int64(segs[index])))
            let total = likes[(index * categories.count)..<((index + 1) * categories.count)].reduce(0, +)
            #expect(try db.scalar("SELECT liked_posts FROM users WHERE id = ?", [.integer(Int64(id))]) == .integer(Int64(total)))
            let stored = try db.scalar("SELECT score FROM pca_scores WHERE run_id = 1 AND user_id = ? AND component = 3",
                                       [.integer(Int64(id))])
            if case .real(let score)? = stored { #expect(abs(score - pc[index * m + 2]) <= 0.0005 + 1e-12) } else { Issue.record("no PC3 score") }
        }
        let loadings = try #require(data["loadings"] as? [[Double]])
        #expect(loadings.count == m)
        #expect(loadings.allSatisfy { row in abs(row.reduce(0) { $0 + $1 * $1 } - 1) < 1e-3 })  // unit vectors
    }

    /// The category each segment over-likes most, computed in SQL from its profile.
    static func families(_ db: Connection, run: Int64, k: Int) throws -> [Int] {
        let categoryIDs = try db.rows("SELECT id FROM categories ORDER BY id").map { $0[0] }
        var best = [Int: (Int, Double)]()
        for row in try db.rows("""
            SELECT p.segment, s.category_id, sum(p.share) / sum(p.share / p.lift) FROM segment_profiles p
            JOIN subcategories s ON s.id = p.subcategory_id WHERE p.run_id = ? AND p.lift > 0 GROUP BY p.segment, s.category_id
            """, [.integer(run)]) {
            guard case .integer(let segment) = row[0], case .real(let affinity) = row[2],
                  let index = categoryIDs.firstIndex(of: row[1]) else { continue }
            if affinity > (best[Int(segment)]?.1 ?? -1) { best[Int(segment)] = (index, affinity) }
        }
        return (1...k).map { best[$0]?.0 ?? -1 }
    }

    @Test func segmentsTakeTheirFamilysShadesDistinctAndNeverPale() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.segmented(users: 3_000, k: 8, in: dir)
        let report = try ReportJob.run(store: store, configuration: ReportConfiguration(sampleSize: 200))
        let data = try Self.data(report.html)
        let segments = try #require(data["segments"] as? [[String: Any]])
        let colors = segments.compactMap { $0["color"] as? String }
        #expect(colors.count == 8)
        #expect(Set(colors).count == 8, "segment colours repeat: \(colors)")
        let families = try Self.families(store.connection, run: 1, k: 8)
        let categoryColors = try #require(data["categoryColors"] as? [String])
        for (segment, family) in families.enumerated() {
            #expect(family >= 0)
            let shades = (0..<CategoryPalette.shadeSteps.count).map { CategoryPalette.shade(hue: family, $0).hexString }
            #expect(shades.contains(colors[segment]), "S\(segment + 1) \(colors[segment]) is not a shade of category \(family)")
            // The first segment of a family wears the category's own colour.
            if families.firstIndex(of: family) == segment { #expect(colors[segment] == categoryColors[family]) }
        }
        // Same category, same colour: the favourite-category bars use the category colours.
        for color in categoryColors { #expect(report.html.contains("fill=\"\(color)\"")) }
        // Nothing pale on white: no yellow anywhere.
        #expect(!report.html.lowercased().contains("#f0e442"))
    }

    @Test func latentClassRunShowsItsSweepAndCertainty() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, in: dir)
        var configuration = SegmentationConfiguration()
        configuration.method = .latentClass
        configuration.elbow = 2...5
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        let report = try ReportJob.run(store: store)
        #expect(report.charts.contains { $0.id == "fig-latent-sweep" })
        #expect(report.charts.contains { $0.id == "fig-certainty" })
        #expect(report.figures.contains { $0.id == "tbl-latent-sweep" })
        let db = store.connection
        let bicK = try db.scalar("SELECT bic_k FROM latent_class_fits WHERE run_id = 1")
        if case .integer(let k)? = bicK { #expect(report.html.contains("suggested (lowest BIC)")) ; #expect(k >= 2) }
        // The certainty histogram counts every assigned user with a probability.
        let users = try db.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = 1 AND probability IS NOT NULL")
        guard case .integer(let n)? = users else { Issue.record("no probabilities"); return }
        #expect(report.html.contains("of \(Format.count(Int(n))) users are placed with probability"))
        let sweepRows = try db.scalar("SELECT count(*) FROM latent_class_sweep WHERE run_id = 1")
        #expect(sweepRows == .integer(4))
    }

    @Test func twoHundredCategoriesCycleWithoutFailing() {
        let colors = (0..<200).map(CategoryPalette.category)
        #expect(colors.allSatisfy { CategoryPalette.contrastOnWhite($0) >= 2 })
        #expect(Set(colors).count == CategoryPalette.hues.count * CategoryPalette.shadeSteps.count)
        let segments = CategoryPalette.segments(families: [0, 0, 0, 1, nil, 199, 3, 3])
        #expect(Set(segments).count == segments.count)
        #expect(segments[0] == CategoryPalette.category(0))
        #expect(segments[3] == CategoryPalette.category(1))
    }
}

/// A hand-made warehouse with an imported-looking taxonomy of 200 categories.
@Suite struct ReportManyCategoriesTests {
    @Test func twoHundredCategoriesGroupTheTailAndKeepLegendsShort() throws {
        let dir = try TemporaryDirectory()
        let store = try WarehouseStore(path: dir.path("many.sqlite"), mode: .createIfMissing)
        let categories = 200, users = 800
        try store.write {
            let db = store.connection
            for c in 0..<categories {
                try db.run("INSERT INTO categories(id, name) VALUES (?, ?)", [.integer(Int64(c + 1)), .text("topic \(c)")])
                try db.run("INSERT INTO subcategories(id, category_id, name) VALUES (?, ?, ?)",
                           [.integer(Int64(c + 1)), .integer(Int64(c + 1)), .text("sub \(c)")])
            }
            for u in 1...users {
                // Most users lean on the first few topics, so the favourites are unevenly spread.
                let main = (u * u) % 17 == 0 ? (u * 7) % categories : u % 5
                let side = (u * 13) % categories
                var likes = [main: 5]
                likes[side, default: 0] += 1
                let total = likes.values.reduce(0, +)
                try db.run("INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (?, ?, ?, ?, ?, ?)",
                           [.integer(Int64(u)), .text("user\(u)"), .text("User \(u)"), .text("user\(u)@example.com"),
                            .integer(Int64(18 + u % 60)), .integer(Int64(total))])
                for (category, count) in likes {
                    try db.run("INSERT INTO user_likes(user_id, subcategory_id, likes) VALUES (?, ?, ?)",
                               [.integer(Int64(u)), .integer(Int64(category + 1)), .integer(Int64(count))])
                }
            }
        }
        var configuration = SegmentationConfiguration()
        configuration.k = 6
        configuration.components = 3
        configuration.elbow = nil
        configuration.nInit = 2
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        let report = try ReportJob.run(store: store)
        let data = try ReportInteractiveTests.data(report.html)
        let groups = try #require(data["groups"] as? [[String: Any]])
        #expect(groups.count == ReportColors.maximumGroups)
        #expect((groups.last?["name"] as? String)?.hasPrefix("other categories (189)") == true)
        let groupOf = try #require(data["groupOf"] as? [Int])
        #expect(groupOf.count == categories)
        #expect(groupOf.allSatisfy { (0..<groups.count).contains($0) })
        // The static PCA map's legends (desktop and phone SVG) list the groups, not 200 categories.
        let start = try #require(report.html.range(of: "id=\"fig-pca-map\""))
        let end = try #require(report.html.range(of: "</figure>", range: start.upperBound..<report.html.endIndex))
        let figure = report.html[start.upperBound..<end.lowerBound]
        #expect(figure.components(separatedBy: "class=\"legend-item\"").count - 1 <= 2 * ReportColors.maximumGroups)
        // Every category still gets a colour that reads on white, and the segments stay distinct.
        let colors = try #require(data["categoryColors"] as? [String])
        #expect(colors.count == categories)
        let segments = try #require(data["segments"] as? [[String: Any]]).compactMap { $0["color"] as? String }
        #expect(Set(segments).count == 6)
    }
}

import Foundation
import Testing
@testable import WarehouseKit

/// The printable summaries built by hand: text within 100 columns, JSON with null for absent values.
@Suite struct SummaryOutputTests {
    private func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func importSummary() throws {
        let bare = ImportRunSummary(runID: 3, engine: "spark", engineVersion: nil, directory: "out dir", users: 1_000_000, k: 1,
                                 components: 1, explainedVariance: 1.0000000000000002, inertia: 4451.971052039091,
                                 reportedInertia: nil, iterations: nil, silhouette: nil, adjustedRandIndex: nil,
                                 segmentSizes: [1_000_000], sourceRun: nil, alignedTo: nil, engineSeconds: nil, seconds: 12.34)
        let text = bare.render()
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(text)")
        #expect(text.contains("1,000,000 users, k = 1, 1 PCA component (100.0% of the variance)"), "\(text)")
        #expect(text.contains("inertia 4,451.97") && text.contains("silhouette -") && !text.contains("next:"))
        let json = try object(bare.json())
        for key in ["engine_version", "reported_inertia", "inertia_ratio", "iterations", "silhouette", "adjusted_rand_index",
                    "source_run", "aligned_to", "engine_seconds"] {
            #expect(json[key] is NSNull, "\(key) should be null")
        }
        #expect(json["explained_variance"] as? Double == 1)
        #expect((json["segment_sizes"] as? [[String: Any]])?.first?["segment"] as? Int == 1)

        let full = ImportRunSummary(runID: 4, engine: "spark", engineVersion: "3.5.1", directory: "out", users: 20, k: 2,
                                 components: 2, explainedVariance: 0.9, inertia: 10, reportedInertia: 10.5, iterations: 7,
                                 silhouette: 0.5, adjustedRandIndex: 0.125, segmentSizes: [12, 8], sourceRun: 1, alignedTo: 1,
                                 engineSeconds: 70, seconds: 1)
        let fullText = full.render()
        #expect(fullText.contains("the engine took 1 min 10 s") && fullText.contains("after 7 iterations"), "\(fullText)")
        #expect(fullText.contains("adjusted Rand index vs planted personas 0.125") && fullText.contains("next: warehouse compare 1 4"))
        #expect(try object(full.json())["inertia_ratio"] is Double)
        #expect(full.render(database: "my w.sqlite").contains("next: warehouse compare --db 'my w.sqlite' 1 4"))
        let hostile = ImportRunSummary(runID: 5, engine: "spark\u{1B}[2J\nfake line", engineVersion: nil, directory: "d", users: 2, k: 1,
                                    components: 1, explainedVariance: 1, inertia: 0, reportedInertia: nil, iterations: nil,
                                    silhouette: nil, adjustedRandIndex: nil, segmentSizes: [2], sourceRun: nil, alignedTo: nil,
                                    engineSeconds: nil, seconds: 0)
        #expect(!hostile.render().contains("\u{1B}") && hostile.render().contains("spark\\u{1B}[2J\\u{A}fake line"))
    }

    @Test func exportSummaryQuotesItsHint() throws {
        let summary = ExportSummary(directory: "/data/my export", runID: nil,
                                    files: [.init(name: "users.csv", rows: 1_234_567, bytes: 98_765_432)],
                                    featureNames: ["share_sports", "share_fashion"], seconds: 2)
        let text = summary.render()
        #expect(text.contains("next: scripts/spark-segmentation.sh '/data/my export' OUT"), "\(text)")
        #expect(summary.render(database: "w.sqlite").contains("then warehouse import-run --db w.sqlite OUT"))
        #expect(text.contains("1,234,567") && text.contains("98,765,432") && text.contains("the default features (no run)"))
        #expect(try object(summary.json())["run_id"] is NSNull)
    }

    @Test func reportSummary() throws {
        let none = ReportSummary(path: "r.html", bytes: 1536, charts: 1, runID: nil, users: 0, seconds: 0.25)
        #expect(none.render() == "wrote r.html (1.5 KB, 1 chart, no run yet) in 0.3 s")
        #expect(try object(none.json())["run_id"] is NSNull)
    }
}

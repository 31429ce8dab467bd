import TestSupport
import Foundation
import Testing
@testable import WarehouseKit

/// The JSON of `import-run`, `target` and a run's stored `source`, now written by the shared
/// encoder (`Format.json`, `JSONNullable`): the keys and values the hand-written encoders gave.
@Suite struct SharedJSONTests {
    private func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func importSummaryHasEveryKeyAndValue() throws {
        var summary = ImportRunSummary(runID: 4, engine: "spark", engineVersion: nil, directory: "out/dir", users: 20, k: 2,
                                    components: 2, explainedVariance: 1.0000000000000002, inertia: 10, reportedInertia: 8,
                                    iterations: 7, silhouette: nil, adjustedRandIndex: 0.125, segmentSizes: [12, 8],
                                    sourceRun: 1, alignedTo: nil, engineSeconds: 70, seconds: 1.5)
        var json = try object(summary.json())
        #expect(Set(json.keys) == ["run_id", "engine", "engine_version", "directory", "users", "k", "components",
                                   "explained_variance", "inertia", "reported_inertia", "inertia_ratio", "iterations",
                                   "silhouette", "adjusted_rand_index", "ceiling_adjusted_rand_index", "ceiling_users",
                                   "segment_sizes", "source_run", "aligned_to", "engine_seconds", "seconds"])
        for key in ["engine_version", "silhouette", "aligned_to", "ceiling_adjusted_rand_index", "ceiling_users"] {
            #expect(json[key] is NSNull, "\(key) should be null")
        }
        #expect(json["inertia_ratio"] as? Double == 1.25 && json["explained_variance"] as? Double == 1)
        #expect(json["directory"] as? String == "out/dir" && json["run_id"] as? Int == 4 && json["iterations"] as? Int == 7)
        let sizes = try #require(json["segment_sizes"] as? [[String: Int]])
        #expect(sizes == [["segment": 1, "users": 12], ["segment": 2, "users": 8]])
        #expect(summary.segmentSizes == [12, 8])
        summary.ceilingAdjustedRandIndex = 0.5
        summary.ceilingUsers = 20
        json = try object(summary.json())
        #expect(json["ceiling_adjusted_rand_index"] as? Double == 0.5 && json["ceiling_users"] as? Int == 20)
        // A reported inertia of 0 gives no ratio.
        let zero = ImportRunSummary(runID: 1, engine: "e", engineVersion: "1", directory: "d", users: 1, k: 1, components: 1,
                                 explainedVariance: 0.5, inertia: 1, reportedInertia: 0, iterations: nil, silhouette: nil,
                                 adjustedRandIndex: nil, segmentSizes: [1], sourceRun: nil, alignedTo: nil, engineSeconds: nil, seconds: 0)
        #expect(try object(zero.json())["inertia_ratio"] is NSNull)
    }

    /// Stored rows were written by RunSource's own encoder (compact, sorted, snake_case, nil left
    /// out); the shared one writes the same bytes, so old and new rows read the same.
    @Test(arguments: [
        RunSource(directory: "/out/spark", engineVersion: "3.5.1", master: "local[2]", initMode: "k-means||", reportedInertia: 12.5,
                  reportedIterations: 7, sourceRun: 3, engineSeconds: 1.25, assignmentFiles: 2),
        RunSource(directory: "d", engineVersion: nil, master: nil, initMode: nil, reportedInertia: nil, reportedIterations: nil,
                  sourceRun: nil, engineSeconds: nil, assignmentFiles: 1),
    ])
    func runSourceIsStoredAsBefore(_ source: RunSource) throws {
        let before = JSONEncoder()
        before.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        before.keyEncodingStrategy = .convertToSnakeCase
        let text = try source.json()
        #expect(text == String(decoding: try before.encode(source), as: UTF8.self))
        #expect(!text.contains("\n") && !text.contains("null"))
        #expect(try object(text)["assignment_files"] as? Int == source.assignmentFiles)
        #expect((try object(text)["engine_version"] as? String) == source.engineVersion)
    }

    @Test func targetingViewHasEveryKeyWithNulls() throws {
        let dir = try TemporaryDirectory()
        let (store, _) = try handMadeRun(in: dir)
        var options = TargetOptions()
        options.top = 3
        let json = try object(try TargetJob.run(store: store, options: options).json())
        #expect(Set(json.keys) == ["run_id", "k", "population_users", "assigned_users", "ranking", "min_support", "filter", "segments", "missing_users",
                                   "above_average"])
        #expect(json["filter"] is NSNull)
        let segment = try #require((json["segments"] as? [[String: Any]])?.first)
        #expect(Set(segment.keys) == ["segment", "name", "description", "users", "assigned_users", "share", "mean_age", "age_groups",
                                      "personas", "categories", "subcategories", "membership"])
        // A k-means run (no membership), made by hand without the tables naming reads (no name).
        #expect(segment["membership"] is NSNull && segment["name"] is NSNull && segment["description"] is NSNull)
        #expect(segment["mean_age"] as? Double == 24)
        let ranked = try #require((segment["subcategories"] as? [[String: Any]])?.first)
        #expect(Set(ranked.keys) == ["rank", "low_support", "id", "name", "category", "users_liking", "user_share",
                                     "population_user_share", "user_index", "lift", "likes", "like_share", "population_like_share", "like_index"])
        #expect(ranked["rank"] as? Int == 1 && ranked["name"] as? String == "tennis" && ranked["low_support"] as? Bool == true)
        let ages = try #require(segment["age_groups"] as? [[String: Any]])
        #expect(ages.allSatisfy { Set($0.keys) == ["id", "name", "users", "share", "index"] })
        // No one of the run is under 18: that group's index is undefined, written null.
        #expect(ages.first { $0["name"] as? String == "<18" }?["index"] is NSNull)
    }
}

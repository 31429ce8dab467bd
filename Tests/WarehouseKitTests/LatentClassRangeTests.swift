import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

@Suite struct LatentClassRangeTests {
    /// Four planted personas, a BIC sweep over 1...2: the minimum is at the sweep's end, and the
    /// summary says so and how to widen it; over 1...6 it is inside the range and nothing is said.
    @Test func aBICMinimumAtTheEndOfTheSweptRangeSaysToWidenIt() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, in: dir)
        var configuration = quickSegmentation(k: 2, elbow: 1...2)
        configuration.method = .latentClass
        let narrow = SegmentationSummary(try SegmentationJob.run(store: store, configuration: configuration)).render()
        #expect(narrow.contains("BIC is lowest at k = 2, the end of the swept range: more segments may fit better; widen it, e.g. --elbow 1...4"),
                "\(narrow)")
        configuration.elbow = 1...6
        configuration.k = 4
        let wide = SegmentationSummary(try SegmentationJob.run(store: store, configuration: configuration)).render()
        #expect(wide.contains("← lowest BIC") && !wide.contains("the end of the swept range"), "\(wide)")
    }

    /// A latent-class fit makes at most `latentClassStarts` starts (3), and the run stores the
    /// starts it made, not the `--n-init` asked for (issue 24's leftover).
    @Test func aLatentClassRunStoresTheStartsItMade() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, in: dir)
        var configuration = quickSegmentation(k: 2)
        configuration.method = .latentClass
        configuration.nInit = 10
        let run = try SegmentationJob.run(store: store, configuration: configuration).runID
        #expect(try store.connection.scalar("SELECT n_init FROM segmentation_runs WHERE id = ?", [.integer(run)])?.int64 == 3)
        configuration.method = .kmeans
        let kMeans = try SegmentationJob.run(store: store, configuration: configuration).runID
        #expect(try store.connection.scalar("SELECT n_init FROM segmentation_runs WHERE id = ?", [.integer(kMeans)])?.int64 == 10)
    }
}

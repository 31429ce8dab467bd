import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `latest_segments` (migration 0013) carries each member's segment name from `segment_names`,
/// for the newest run only, and follows a rename.
@Suite struct LatestSegmentsNameTests {
    @Test func theViewNamesEachMembersSegmentOfTheNewestRun() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 800, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 2))
        let newest = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
        let db = store.connection
        let run = SQLValue.integer(newest.runID)
        // Every member of the newest run, each with the name stored for its segment.
        #expect(try db.scalar("SELECT count(*) FROM latest_segments") ==
                db.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = ?", [run]))
        let mismatched = try db.scalar("""
            SELECT count(*) FROM latest_segments AS l
            WHERE l.name IS NOT (SELECT n.name FROM segment_names AS n WHERE n.run_id = ? AND n.segment = l.segment)
            """, [run])
        #expect(mismatched == .integer(0))
        #expect(try db.scalar("SELECT count(DISTINCT name) FROM latest_segments") == .integer(3))

        _ = try NameJob.run(store: store, run: .latest, rename: NameJob.Rename(segment: .number(2), name: "Weekend athletes"))
        #expect(try db.scalar("SELECT DISTINCT name FROM latest_segments WHERE segment = 2") == .text("Weekend athletes"))
        #expect(try db.scalar("SELECT count(*) FROM latest_segments WHERE name IS NULL") == .integer(0))
    }
}

import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// Every ```sql block in README.md runs against a seeded, segmented warehouse and returns rows.
@Suite struct ReadmeQueryTests {
    static func queries() throws -> [String] {
        let readme = try RepositoryFiles.text("README.md")
        var blocks: [String] = []
        var current: [Substring]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```sql") {
                current = []
            } else if line.hasPrefix("```"), let lines = current {
                blocks.append(lines.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func readmeHasAtLeastFiveQueries() throws {
        #expect(try Self.queries().count >= 5)
    }

    @Test func everyReadmeQueryRunsAndReturnsRows() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        for query in try Self.queries() {
            let rows = try store.connection.rows(query)
            #expect(!rows.isEmpty, "no rows from:\n\(query)")
        }
    }
}

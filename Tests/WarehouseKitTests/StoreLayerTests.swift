import Foundation
import Testing

/// Issue 10's rule for the store layer: connection settings and schema reads are typed Storage
/// API, so no SQL text lives in Store/, Files/ or the CLI (the lead's check covers the job folders).
@Suite struct StoreLayerTests {
    @Test func theStoreTheFilesAndTheCLIHoldNoSQLText() throws {
        let markers = ["PRAGMA", "sqlite_schema", "sqlite_master", "SELECT ", "INSERT INTO", "DELETE FROM", "CREATE TABLE"]
        for folder in ["Sources/WarehouseKit/Store", "Sources/WarehouseKit/Files", "Sources/warehouse"] {
            for file in try RepositoryFiles.list(folder) where file.hasSuffix(".swift") {
                // Doc comments may name SQLite's concepts; code may not hold statements.
                let code = try RepositoryFiles.text("\(folder)/\(file)").split(separator: "\n")
                    .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                for line in code {
                    for marker in markers {
                        #expect(!line.contains(marker), "\(folder)/\(file): \(line)")
                    }
                }
            }
        }
    }
}

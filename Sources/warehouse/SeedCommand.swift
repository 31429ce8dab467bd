import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse seed`: generate a synthetic population into the warehouse.
    struct Seed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a synthetic population (users, likes, planted personas) in one transaction.")

        @OptionGroup var database: DatabaseOptions

        @Option(parsing: .unconditional, help: "How many users to generate.")
        var users: Int = 10_000

        @Option(parsing: .unconditional, help: "Generator seed: the same seed gives the same users.")
        var seed: UInt64 = 42

        @Flag(help: "Add users to a warehouse that already has some.")
        var append = false

        @Flag(help: "No progress bar.")
        var quiet = false

        var configuration: SeedConfiguration {
            SeedConfiguration(users: users, seed: seed, append: append)
        }

        func validate() throws {
            do { try configuration.validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .createIfMissing)
            let bar = ProgressBar(label: "seeding", unit: "users", quiet: quiet)
            let summary = try Seeder.run(store: store, configuration: configuration) { done, total in
                bar.update(done: done, total: total)
            }
            bar.finish()
            print("seeded \(summary.users) users (ids \(summary.firstUserID)–\(summary.lastUserID)), "
                + "\(summary.likeRows) like rows in \(String(format1: summary.seconds)) s "
                + "(\(formatCount(summary.rowsPerSecond)) rows/s) into \(store.path)")
        }
    }
}

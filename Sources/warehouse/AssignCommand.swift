import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse assign`: place users added after a run in its segments.
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place users without a segment in a run (e.g. added by seed --append) in its segments, without re-clustering.",
            discussion: """
            Each user's features are scaled and projected with the run's stored scaling and PCA loadings and \
            put in the segment of the nearest stored centroid; rows go to segment_assignments with \
            method 'assigned'. Users without likes are left out, as in the fit.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(name: .customLong("run"), help: ArgumentHelp("The run: a run id, or 'latest'.", valueName: "id|latest"))
        var runSelector: RunSelector = .latest

        @Option(help: "Worker threads (results do not depend on it).")
        var threads: Int?

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            if let threads, threads < 1 || threads > 256 {
                throw ValidationError("--threads must be between 1 and 256, got \(threads)")
            }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .mustExist)
            let summary = if let threads {
                try AssignmentJob.run(store: store, run: runSelector, threads: threads)
            } else {
                try AssignmentJob.run(store: store, run: runSelector)
            }
            print(json ? try summary.json() : summary.render())
        }
    }
}

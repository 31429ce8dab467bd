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

        @OptionGroup var runOption: RunOption
        @OptionGroup var threads: ThreadsOption
        @OptionGroup var json: JSONOption

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .mustExist)
            let summary = if let threads = threads.count {
                try AssignJob.run(store: store, run: runOption.selector, threads: threads)
            } else {
                try AssignJob.run(store: store, run: runOption.selector)
            }
            print(try json.output(summary) { summary.render() })
        }
    }
}

import Dispatch
import WarehouseTables

/// `warehouse pipeline`: the whole job in one command, composed of the seed, segmentation and
/// report jobs (the one job folder that names other jobs). On a warehouse without users it seeds
/// first; on one with users it segments and reports what is there, so running it again adds a
/// run and refreshes the report.
public enum PipelineJob {
    /// - Parameters:
    ///   - progress: the seed's progress (users written, users in all), when it seeds.
    ///   - step: each step's text lines, as the step ends (text output is printed step by step).
    public static func run(store: WarehouseStore, configuration: PipelineConfiguration,
                           progress: SeedJob.Progress? = nil, step: ([String]) -> Void = { _ in }) throws -> PipelineSummary {
        try configuration.validate()
        try ReportFileWriter.check(configuration.out, sparing: store.path)
        let existing = try store.snapshot { try UsersTable.count(store) }
        var seeded: SeedSummary?
        if existing == 0 {
            do {
                seeded = try SeedJob.run(store: store, configuration: configuration.seeding, progress: progress)
            } catch {
                // A seed that fails into a file this store created leaves no file behind.
                store.discardCreatedFile()
                throw error
            }
        }
        step(PipelineSummary.seedStep(seeded, existingUsers: existing, database: store.path))
        let result = try SegmentationJob.run(store: store, configuration: configuration.segmentation)
        let run = PipelineSummary.Run(result)
        step(PipelineSummary.runStep(run))
        let started = DispatchTime.now().uptimeNanoseconds
        let report = try ReportJob.run(store: store, configuration: ReportConfiguration(run: .id(result.runID), seed: configuration.seed))
        let bytes = try ReportFileWriter.write(report.html, to: configuration.out, sparing: store.path)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let summary = PipelineSummary(
            database: store.path, seeded: seeded, existingUsers: existing, run: run,
            report: ReportSummary(path: configuration.out, bytes: bytes, charts: report.charts.count, runID: report.runID,
                                  users: report.users, seconds: seconds, segments: report.segmentNames))
        step(PipelineSummary.reportStep(summary.report))
        return summary
    }
}

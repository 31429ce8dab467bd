import Analysis
import Dispatch
import Foundation
import WarehouseTables

/// `warehouse export`: the warehouse as CSV files plus `schema.json` (see `ExportManifest`),
/// for Apache Spark or any other engine.
///
/// One read transaction, so every file shows the same state even while a seed appends; every
/// file streamed through a bounded buffer (memory does not grow with the warehouse); the
/// directory appears complete or not at all (`StagingDirectory`).
public enum ExportJob {
    public static func run(store: WarehouseStore, configuration: ExportConfiguration) throws -> ExportSummary {
        try configuration.validate()
        let started = DispatchTime.now().uptimeNanoseconds
        let staging = try StagingDirectory(destination: configuration.directory, sparing: store.path)
        let (manifest, features) = try store.snapshot { () -> (ExportManifest, [String]) in
            let catalogue = try WarehouseReader.catalogue(store)
            let plan = try FeatureExport.plan(run: configuration.run, catalogue: catalogue, chunkUsers: configuration.chunkUsers,
                                              threads: configuration.threads, path: store.path, store: store)
            var files: [String: ExportManifest.File] = [:]
            func record(_ name: String, _ writer: CSVFileWriter, _ columns: [ExportColumn], _ description: String) {
                files[name] = ExportManifest.File(rows: writer.rows, bytes: writer.bytes, ddl: ExportColumn.ddl(columns),
                                                  schema: ExportColumn.structType(columns), description: description)
            }
            record("users.csv", try TableExport.users(store, to: staging.path("users.csv")), TableExport.userColumns,
                   "every user; persona_id is the planted persona (empty: none)")
            record("likes.csv", try TableExport.likes(store, to: staging.path("likes.csv")), TableExport.likeColumns,
                   "likes per user and subcategory (user_likes), by user then subcategory")
            record("subcategories.csv", try TableExport.subcategories(store, to: staging.path("subcategories.csv")),
                   TableExport.subcategoryColumns, "the catalogue: subcategories and their categories")
            record("events.csv", try TableExport.events(store, to: staging.path("events.csv")), TableExport.eventColumns,
                   "every interaction (one row per subcategory it counts toward), by day then user; timestamp in Unix seconds (UTC)")
            record("kinds.csv", try TableExport.kinds(store, to: staging.path("kinds.csv")), TableExport.kindColumns,
                   "the kinds of interaction; a row of a kind with min_value counts as interest only when its value is at least that")
            let featureWriter = try plan.write(catalogue: catalogue, chunkUsers: configuration.chunkUsers,
                                               threads: configuration.threads, store: store,
                                               to: staging.path("features.csv"))
            record("features.csv", featureWriter, plan.columns,
                   "standardised features of the users with likes (with a window: with interest in it) up to segmentation.max_user_id, by user id")
            let manifest = ExportManifest(database: URL(fileURLWithPath: store.path).standardizedFileURL.path, schemaVersion: try store.schemaVersion(), files: files,
                                          segmentation: plan.manifest(users: featureWriter.rows))
            return (manifest, plan.names)
        }
        let schemaBytes = try writeManifest(manifest, to: staging.path("schema.json"))
        try staging.commit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let files = ["users.csv", "likes.csv", "subcategories.csv", "events.csv", "kinds.csv", "features.csv"].compactMap { name in
            manifest.files[name].map { ExportSummary.File(name: name, rows: $0.rows, bytes: $0.bytes) }
        } + [ExportSummary.File(name: "schema.json", rows: 0, bytes: schemaBytes)]
        return ExportSummary(directory: staging.destination.path, runID: manifest.segmentation.runId, files: files,
                             featureNames: features, seconds: seconds)
    }

    private static func writeManifest(_ manifest: ExportManifest, to path: String) throws -> Int {
        let text = try Format.json(manifest) + "\n"
        let data = Data(text.utf8)
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw WarehouseError.invalidArgument("cannot write '\(path)': \(error.localizedDescription)")
        }
        return data.count
    }
}

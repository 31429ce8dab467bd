import Charts
import WarehouseTables

/// `warehouse report`: reads the warehouse and one segmentation run, and renders the page.
///
/// Reads happen in one deferred (read) transaction, so the page is a consistent snapshot even
/// while a seed or a run is writing. Cost at a million users: one pass over the warehouse
/// (`WarehouseReader`, ≈ 1 s), one ordered scan of the run's assignments, and `sampleSize`
/// primary-key lookups of PCA scores. The page depends only on the warehouse, the run and the
/// configuration: no clock, no randomness beyond the seed.
public enum ReportJob {
    public static func run(store: WarehouseStore, configuration: ReportConfiguration = ReportConfiguration()) throws -> Report {
        try configuration.validate()
        let snapshot: (data: WarehouseData, run: RunView?) = try store.snapshot {
            let data = try WarehouseReader.read(store)
            guard data.userCount > 0 else { throw WarehouseError.emptyWarehouse(path: store.path) }
            guard let runID = try RunRecord.resolve(configuration.run, in: store),
                  let record = try RunRecord.read(id: runID, from: store) else {
                return (data, nil)
            }
            // A windowed run's members are drawn with the interest the run counted (the population
            // charts stay on all-time likes).
            let runData = record.window == nil ? data : try WarehouseData.readInTransaction(store, window: record.window)
            let view = try RunLoader.load(record, data: runData, sampleSize: configuration.sampleSize,
                                          seed: configuration.seed, from: store)
            return (data, view)
        }

        let population = PopulationAggregates(snapshot.data)
        var page = ReportPage()
        PopulationSection.render(population, into: &page)
        if let view = snapshot.run {
            RunSection.render(view, into: &page)
        } else {
            RunSection.renderMissing(into: &page)
        }
        var facts: [(label: String, value: String)] = [
            ("Database", store.path),
            ("Users", Format.count(population.users)),
        ]
        if let view = snapshot.run {
            facts.append(("Run", "#\(view.record.id), \(view.record.createdAt) (UTC)"))
            if let window = view.record.window { facts.append(("Interactions counted", window.description)) }
            facts.append(("Scatter sample", "\(Format.count(view.points.count)) users, seed \(configuration.seed)"))
        } else {
            facts.append(("Run", "none yet"))
        }
        let html = page.document(title: "Warehouse report", facts: facts)
        return Report(html: html, figures: page.figures, runID: snapshot.run?.record.id, users: population.users,
                      segmentNames: snapshot.run?.names ?? [])
    }
}

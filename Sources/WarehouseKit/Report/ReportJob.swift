import Charts
import WarehouseTables

/// `warehouse report`: reads the warehouse and one segmentation run, and renders the page.
///
/// Reads happen in one deferred (read) transaction, so the page is a consistent snapshot even
/// while a seed or a run is writing. Cost at a million users: one pass over the warehouse
/// (`WarehouseReader`, ≈ 1 s), one ordered scan of the run's assignments, one grouped query for
/// the segments' composition, and `sampleSize` primary-key lookups of PCA scores. The page
/// depends only on the warehouse, the run and the configuration: no clock, no randomness beyond
/// the seed. The segment cards (`SegmentCardData`) add a second ordered scan of the run's
/// assignments and one streamed range scan of the last 90 days of `interactions`
/// (`RecentInterestCounts`: 0.4 s of CPU at 100,000 users, ~4 s projected at a million).
///
/// With a user filter the page is of the users it passes: the population (their ids read in SQL;
/// the warehouse is read whole anyway for the population's charts), the segments' members,
/// composition and sample (chosen in SQL with the scans). The run's own stored figures (segment
/// sizes, lift, top interests, elbow, parameters) are the run as fitted, over all its users; the
/// page says so in a note at the top. A filter that passes no user, or no member of the run, is
/// refused in one line and nothing is written.
public enum ReportJob {
    public static func run(store: WarehouseStore, configuration: ReportConfiguration = ReportConfiguration()) throws -> Report {
        try configuration.validate()
        let filter = configuration.filter
        var sections = SectionReads()
        let snapshot: (data: WarehouseData, run: RunView?, composition: SegmentComposition?, cards: SegmentCardData?, time: TimeView?,
                       words: DataWords) = try store.snapshot {
            let words = try sections.attempt("The data's own words") { try DataWords.read(store) } ?? DataWords(seeded: false, kinds: [])
            var data = try WarehouseReader.read(store)
            guard data.userCount > 0 else { throw WarehouseError.emptyWarehouse(path: store.path) }
            if !filter.isEmpty {
                data = FilteredPopulation.rows(of: data, passing: try UsersTable.ids(passing: filter, from: store))
                guard data.userCount > 0 else { throw WarehouseError.invalidArgument("no user passes \(filter); no report written") }
            }
            guard let runID = try RunRecord.resolve(configuration.run, in: store),
                  let record = try RunRecord.read(id: runID, from: store) else {
                let time = try sections.attempt("Behaviour over time and Does it predict?") {
                    try TimeView.read(shown: nil, users: data.userCount, from: store)
                }
                return (data, nil, nil, nil, time, words)
            }
            let composition = try SegmentComposition.read(run: record.id, k: record.k, filter: filter, from: store)
            guard filter.isEmpty || (1...record.k).contains(where: { composition.members(of: $0) > 0 }) else {
                throw WarehouseError.invalidArgument("no member of run \(record.id) passes \(filter); no report written")
            }
            // A windowed run's members are drawn with the interest the run counted (the population
            // charts stay on all-time likes).
            let runData = record.window == nil ? data : try WarehouseData.readInTransaction(store, window: record.window)
            var view = try RunLoader.load(record, data: runData, sampleSize: configuration.sampleSize,
                                          seed: configuration.seed, filter: filter, from: store)
            view.words = words
            let cards = try sections.attempt("Segments at a glance") {
                try SegmentCardData.read(view, data: data, composition: composition, filter: filter, from: store)
            }
            let time = try sections.attempt("Behaviour over time and Does it predict?") {
                try TimeView.read(shown: record, users: data.userCount, from: store)
            }
            return (data, view, composition, cards, time, words)
        }

        let population = PopulationAggregates(snapshot.data)
        var page = ReportPage()
        if !filter.isEmpty { FilteredPopulation.note(filter, users: population.users, into: &page) }
        sections.note(into: &page)
        if let cards = snapshot.cards { SegmentCards.render(cards, database: store.path, filter: filter, into: &page) }
        if let time = snapshot.time {
            TimeSection.render(time, segmentColors: snapshot.run.map { ReportColors($0).segments } ?? [], filtered: !filter.isEmpty,
                               into: &page)
            EvaluationSection.render(time.evaluation, filtered: !filter.isEmpty, into: &page)
        }
        PopulationSection.render(population, filter: filter, words: snapshot.words, into: &page)
        if let view = snapshot.run {
            RunSection.render(view, into: &page)
            if let composition = snapshot.composition {
                CompositionSection.render(composition, k: view.record.k, filter: filter, into: &page)
            }
        } else {
            RunSection.renderMissing(into: &page)
        }
        var facts: [(label: String, value: String)] = [
            ("Database", store.path),
            ("Users", Format.count(population.users)),
        ]
        if !filter.isEmpty { facts.insert(("Filter", filter.description), at: 0) }
        if let view = snapshot.run {
            facts.append(("Run", "#\(view.record.id), \(view.record.createdAt) (UTC)"))
            if let window = view.record.window { facts.append(("Interactions counted", window.description)) }
            facts.append(("Scatter sample", "\(Format.plural(view.points.count, "user")), seed \(configuration.seed)"))
        } else {
            facts.append(("Run", "none yet"))
        }
        let html = page.document(title: filter.isEmpty ? "Warehouse report" : "Warehouse report: users passing \(filter)", facts: facts)
        return Report(html: html, figures: page.figures, runID: snapshot.run?.record.id, users: population.users,
                      segmentNames: snapshot.run?.names ?? [])
    }
}

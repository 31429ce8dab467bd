import WarehouseTables

/// Reads one run into a `RunView`: its small tables, one scan of its assignments (for the
/// segment × persona cross-tab and the sample frame), and the PCA scores of the sampled users.
enum RunLoader {
    /// `filter`: only the members it passes (chosen in SQL) are cross-tabulated and sampled.
    static func load(_ record: RunRecord, data: WarehouseData, sampleSize: Int, seed: UInt64, filter: UserFilter = UserFilter(),
                     from store: WarehouseStore) throws -> RunView {
        let k = record.k
        let tables = try RunTables.read(run: record.id, k: k, from: store)
        let membership = try RunMembers.read(run: record.id, k: k, userIDs: data.userIDs, filter: filter, from: store)

        // Cross-tab of segments against planted personas, over every assigned user.
        var crossTab: [Int]?
        var personaColumns: [String] = []
        if !tables.personas.isEmpty {
            let column = Dictionary(uniqueKeysWithValues: tables.personas.enumerated().map { (Int32($1.id), $0) })
            let none = tables.personas.count
            var counts = [Int](repeating: 0, count: k * (none + 1))
            for (row, segment) in zip(membership.rows, membership.segments) {
                let persona = column[data.personaIDs[Int(row)]] ?? none
                counts[(Int(segment) - 1) * (none + 1) + persona] += 1
            }
            let hasNone = (0..<k).contains { counts[$0 * (none + 1) + none] > 0 }
            personaColumns = tables.personas.map(\.name) + (hasNone ? ["none"] : [])
            let width = personaColumns.count
            crossTab = (0..<k).flatMap { segment in (0..<width).map { counts[segment * (none + 1) + $0] } }
        }

        // The sample: seeded, without replacement, among the assigned users.
        let chosen = UserSample.indices(population: membership.rows.count, size: sampleSize, seed: seed)
        let userIDs = chosen.map { data.userIDs[Int(membership.rows[$0])] }
        let extras = try ReportRunExtras.read(run: record, userIDs: userIDs, from: store)
        let categories = data.categories.count
        var points: [RunView.Point] = []
        points.reserveCapacity(chosen.count)
        for (index, score) in zip(chosen, extras.scores) {
            guard let score else { continue }
            let row = Int(membership.rows[index])
            points.append(RunView.Point(x: score[0], y: score.count > 1 ? score[1] : 0, segment: Int(membership.segments[index]),
                                        topCategory: data.topCategory(user: row), userID: data.userIDs[row],
                                        age: Int(data.ages[row]),
                                        likes: Array(data.categoryLikes[(row * categories)..<((row + 1) * categories)]),
                                        scores: score))
        }

        let categoryNames = data.categories.map(\.name)
        let subcategories = data.subcategories.map { subcategory in
            (id: subcategory.id, name: subcategory.name,
             category: categoryNames.indices.contains(subcategory.categoryIndex) ? categoryNames[subcategory.categoryIndex] : "")
        }
        var view = RunView(record: record, tables: tables, points: points, assignedUsers: membership.rows.count,
                           crossTab: crossTab, personaColumns: personaColumns, categoryNames: categoryNames,
                           subcategories: subcategories, sampleSeed: seed,
                           names: try SegmentNaming.names(run: record.id, k: k, store: store), extras: extras)
        view.membersNow = [Int](repeating: 0, count: k)
        for segment in membership.segments where (1...k).contains(Int(segment)) { view.membersNow[Int(segment) - 1] += 1 }
        view.assignedSinceFit = membership.assigned.lazy.filter { $0 }.count
        return view
    }
}

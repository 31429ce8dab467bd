import Analysis
import WarehouseTables

/// One subcategory's predicted chance (`PredictedChance`) for users as a run sees them, an id
/// chunk at a time: the chunk is read through the run's window (with, when it decays, the same
/// sums without the half-life for T_i, in the same pass), then scored in parallel blocks. Each user's chance depends on nothing
/// else, so the result is the same whatever the thread count. Make and use inside one read
/// transaction.
struct InterestChances {
    let predictions: RunPredictions
    /// j: the subcategory's column.
    let column: Int
    let chance: PredictedChance
    init(_ store: WarehouseStore, predictions: RunPredictions, interest: SubcategoryChoice, horizonSeconds: Int64) throws {
        self.predictions = predictions
        column = try interest.resolve(in: predictions.catalogue)
        let window = predictions.interest?.window
        chance = PredictedChance(horizonSeconds: horizonSeconds, window: window, span: try InteractionsTable.span(store))
    }

    var subcategory: WarehouseData.SubcategoryInfo { predictions.catalogue.subcategories[column] }
    var category: String { predictions.catalogue.categories[subcategory.categoryIndex].name }

    /// The users of one chunk, scored.
    struct Chunk {
        /// The users as the run counts them (ids ascending).
        let users: WarehouseData
        /// c_ij per user (row of `users`).
        let chances: [Double]
        /// p_ij per user; 0 for users with m = 0, who are not scored.
        let shares: [Double]
    }

    /// The users with ids in `ids`, scored on up to `threads` threads.
    func chunk(_ store: WarehouseStore, ids: ClosedRange<Int64>, capacity: Int, threads: Int) throws -> Chunk {
        let data = try predictions.users(store, ids: ids, capacity: capacity, undecayed: true)
        let totals = try PredictiveModel.wholeCounts(of: data)
        let n = data.userCount, s = data.subcategories.count, j = column
        let blocks = min(n, 64)
        guard blocks > 0 else { return Chunk(users: data, chances: [], shares: []) }
        let model = predictions.model, scale = chance.scale
        let parts = Parallelism.map(blocks, threads: threads) { block -> (chances: [Double], shares: [Double]) in
            let rows = (block * n / blocks)..<((block + 1) * n / blocks)
            var chances = [Double](repeating: 0, count: rows.count), shares = chances
            var predicted = [Double](repeating: 0, count: s), membership = [Double](repeating: 0, count: model.predictor.components)
            for (offset, i) in rows.enumerated() {
                var total = 0.0
                for column in 0..<s { total += totals[i * s + column] }
                let m = total * scale
                guard m > 0 else { continue }
                model.predictor.predict(data.subcategoryLikes, offset: i * s, group: model.group(age: data.ages[i]),
                                        membership: &membership, into: &predicted)
                shares[offset] = predicted[j]
                chances[offset] = PredictedChance.chance(share: predicted[j], expected: m)
            }
            return (chances, shares)
        }
        return Chunk(users: data, chances: parts.flatMap(\.chances), shares: parts.flatMap(\.shares))
    }
}

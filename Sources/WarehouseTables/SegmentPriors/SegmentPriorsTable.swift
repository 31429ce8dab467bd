import Analysis
import Population
import Storage

/// `segment_priors` and `segment_prior_weights`: a run's predictive model (see the migration and
/// `DirichletMixturePredictor`): α per segment over the subcategories, and the segments' mixing
/// weights per age group.
package enum SegmentPriorsTable {
    /// A stored model: `alpha` k × J (columns in the order of the `subcategoryIDs` it was read
    /// with), `weights` G × k (rows in `AgeGroup.all` order).
    package struct Priors: Sendable, Equatable {
        package let alpha: Matrix
        package let weights: Matrix
        package init(alpha: Matrix, weights: Matrix) {
            self.alpha = alpha
            self.weights = weights
        }
    }

    /// Writes run `run`'s model. Call inside the run's transaction.
    /// - Precondition: `priors.alpha.columns == subcategoryIDs.count`, `priors.weights.rows == AgeGroup.all.count`.
    package static func write(run: Int64, priors: Priors, subcategoryIDs: [Int], to connection: WarehouseStore) throws {
        precondition(priors.alpha.columns == subcategoryIDs.count && priors.weights.rows == AgeGroup.all.count, "priors of the wrong shape")
        let k = priors.alpha.rows, J = subcategoryIDs.count
        let alphaInsert = try connection.prepare("INSERT INTO segment_priors (run_id, segment, subcategory_id, alpha) VALUES (?, ?, ?, ?)")
        for segment in 0..<k {
            for (j, id) in subcategoryIDs.enumerated() {
                try alphaInsert.bind([.integer(run), .integer(Int64(segment + 1)), .integer(Int64(id)), .real(priors.alpha.values[segment * J + j])])
                try alphaInsert.step()
                alphaInsert.reset()
            }
        }
        let weightInsert = try connection.prepare("INSERT INTO segment_prior_weights (run_id, age_group, segment, weight) VALUES (?, ?, ?, ?)")
        for group in AgeGroup.all {
            for segment in 0..<k {
                try weightInsert.bind([.integer(run), .text(group.label), .integer(Int64(segment + 1)),
                                       .real(priors.weights.values[group.index * k + segment])])
                try weightInsert.step()
                weightInsert.reset()
            }
        }
    }

    /// Run `run`'s model over `subcategoryIDs`; nil when the run has none stored (a run made
    /// before models were stored). Every value is range-checked; a partial model (a segment,
    /// subcategory or age group missing) or one naming a subcategory not in `subcategoryIDs` is
    /// refused as broken.
    package static func read(run: Int64, k: Int, subcategoryIDs: [Int], from connection: WarehouseStore) throws -> Priors? {
        func broken(_ message: String) -> WarehouseError { .brokenInvariant("run \(run) \(message)") }
        let J = subcategoryIDs.count, G = AgeGroup.all.count
        var column: [Int: Int] = [:]
        for (j, id) in subcategoryIDs.enumerated() { column[id] = j }
        var alpha = [Double](repeating: .nan, count: k * J)
        var rows = 0
        try connection.eachRow("SELECT segment, subcategory_id, alpha FROM segment_priors WHERE run_id = ?", [.integer(run)],
                               table: "segment_priors", row: { _ in "run \(run)" }) { row in
            let segment = try row.int(0, "segment", in: 1...k)
            let id = try row.int(1, "subcategory_id", in: Int(Int32.min)...Int(Int32.max))
            guard let j = column[id] else { throw broken("has a prior for subcategory \(id), which the catalogue does not have") }
            alpha[(segment - 1) * J + j] = try row.real(2, "alpha", in: DirichletFit.minimumAlpha / 2...DirichletFit.maximumPrecision)
            rows += 1
        }
        guard rows > 0 else { return nil }
        if let missing = alpha.firstIndex(where: { $0.isNaN }) {
            throw broken("has no segment_priors alpha for segment \(missing / max(J, 1) + 1), subcategory \(subcategoryIDs[missing % J])")
        }
        let groupIndex = Dictionary(uniqueKeysWithValues: AgeGroup.all.map { ($0.label, $0.index) })
        var weights = [Double](repeating: .nan, count: G * k)
        try connection.eachRow("SELECT age_group, segment, weight FROM segment_prior_weights WHERE run_id = ?", [.integer(run)],
                               table: "segment_prior_weights", row: { _ in "run \(run)" }) { row in
            let label = try row.name(0, "age_group", maxLength: 16)
            guard let g = groupIndex[label] else { throw broken("has a prior weight for age group '\(label)', which is not one of ours") }
            weights[g * k + (try row.int(1, "segment", in: 1...k) - 1)] = try row.real(2, "weight", in: 0...1)
        }
        if let missing = weights.firstIndex(where: { $0.isNaN }) {
            throw broken("has no segment_prior_weights weight for age group \(AgeGroup.all[missing / k].label), segment \(missing % k + 1)")
        }
        for g in 0..<G where weights[(g * k)..<((g + 1) * k)].reduce(0, +) <= 0 {
            throw broken("has segment_prior_weights that are all 0 for age group \(AgeGroup.all[g].label)")
        }
        return Priors(alpha: Matrix(rows: k, columns: J, values: alpha), weights: Matrix(rows: G, columns: k, values: weights))
    }
}

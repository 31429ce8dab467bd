import Analysis
import Population
import Randomness
import WarehouseTables

/// The ceiling of any segmentation of a warehouse with planted personas: the adjusted Rand
/// index, against the planted personas, of the Bayes classifier that knows the stored persona
/// parameters (each persona's Dirichlet α, its weight per age group and, for a seed with
/// demographics, P(gender | persona)), i.e. each user's most probable persona given their
/// subcategory counts, age group and gender (`bayesClassify` over the age-group and gender cells).
enum ClassificationCeiling {
    /// The ceiling ARI over `users` (indices into `data`, users with likes); nil when not every
    /// one of them has a planted persona or the warehouse lacks persona parameters.
    static func adjustedRandIndex(data: WarehouseData, users: [Int], counts: CountMatrix, parameters: PersonaParameters?,
                                  threads: Int) throws -> Double? {
        guard let parameters, data.hasGroundTruth, counts.rows == users.count, counts.rows > 0 else { return nil }
        let cells = parameters.cellWeights
        let groups = users.map { user in
            Int32(cells == nil ? AgeGroup.index(containing: Int(data.ages[user]))
                               : LatentClassCovariate.ageGroupAndGender.group(age: data.ages[user], gender: data.genderGroup(user)))
        }
        let classes = try refusingAnalysisErrors {
            try bayesClassify(counts, groups: groups, alpha: parameters.alpha, groupWeights: cells ?? parameters.ageWeights, threads: threads)
        }
        return Analysis.adjustedRandIndex(classes.labels, users.map { data.personaIDs[$0] })
    }

    /// Up to this many clustered users the ceiling is computed on every one of them; beyond, on a
    /// seeded uniform sample of this many (the ARI of a sample of n users estimates the whole
    /// population's to about 1/√n).
    static let exactUpTo = 100_000

    /// The users (indices into a `WarehouseData`) the ceiling is computed on: `users` itself up to
    /// `exactUpTo`, else a seeded uniform sample of `exactUpTo` of them, ascending. Depends only on
    /// (`users`, `seed`).
    static func users(_ users: [Int], seed: UInt64) -> [Int] {
        guard users.count > exactUpTo else { return users }
        var generator = SplitMix64(seed: seed ^ 0xCE11_1A6E_0000_0001)
        return sampleIndices(population: users.count, count: exactUpTo, generator: &generator).map { users[$0] }
    }

    /// The subcategory like counts of `users` (indices into `data`), the latent-class features;
    /// nil when some count is not a whole number in 0…Int32.max (a window with decay or fractional
    /// weights: the mixture models counts).
    static func counts(data: WarehouseData, users: [Int]) throws -> CountMatrix? {
        // Tests the whole matrix at the scale of a million users in well under 0.1 s.
        let s = data.subcategories.count
        var dense = [Int32](repeating: 0, count: users.count * s)
        for (row, user) in users.enumerated() {
            for j in 0..<s {
                let x = data.subcategoryLikes[user * s + j]
                guard x >= 0, x <= Double(Int32.max), x == x.rounded() else { return nil }
                dense[row * s + j] = Int32(x)
            }
        }
        return try refusingAnalysisErrors {
            try CountMatrix(dense: dense, rows: users.count, columns: s)
        }
    }

    /// Why a latent-class fit refuses counts that are not whole.
    static let wholeCountsReason = "the latent-class mixture models counts of interactions, and this window's counts are not whole numbers "
        + "(a --half-life, or a weight that is not a whole number); use --method kmeans, or whole weights without --half-life"

    /// The ceiling of a run over `users` (indices into `data`, users with likes), computed on
    /// `users(_:seed:)`; nil when the warehouse has no planted personas or parameters. Reads the
    /// persona parameters in a snapshot of `store`: call outside a write transaction.
    static func measure(store: WarehouseStore, data: WarehouseData, users clustered: [Int], seed: UInt64,
                        threads: Int) throws -> (ari: Double, users: Int)? {
        guard data.hasGroundTruth, !clustered.isEmpty else { return nil }
        let chosen = users(clustered, seed: seed)
        let parameters = try store.snapshot {
            try PersonaParameters.read(subcategoryIDs: data.subcategories.map(\.id), from: store)
        }
        guard let counts = try counts(data: data, users: chosen) else { return nil }
        return try adjustedRandIndex(data: data, users: chosen, counts: counts, parameters: parameters, threads: threads)
            .map { ($0, chosen.count) }
    }
}

import Analysis
import WarehouseTables

extension PredictiveModel {
    /// The counts a run's α is fitted to (see `PredictiveModel`): the run's counts themselves, or
    /// for a window with a half-life, the same window without the decay (`undecayedLikes`, read in
    /// the same pass: read `data` with `undecayed: true`).
    static func wholeCounts(of data: WarehouseData) throws -> [Double] {
        guard data.window?.halfLifeSeconds != nil else { return data.subcategoryLikes }
        guard let whole = data.undecayedLikes, whole.count == data.subcategoryLikes.count else {
            throw WarehouseError.brokenInvariant("a decayed window was read without its undecayed counts")
        }
        return whole
    }

    /// The model of a run that clustered `users` (rows of `data`) into `labels` (0..<k): a
    /// latent-class run's own mixture, else α fitted per segment to `wholeCounts`. The model's
    /// groups are age groups: a latent-class run whose weights depend on gender (`covariates`
    /// other than age-group) keeps its α, with weights per age group from its labels.
    init(run data: WarehouseData, users: [Int], labels: [Int32], k: Int, latentClass: LatentClassResult?,
         covariates: LatentClassCovariate? = nil, wholeCounts: [Double]) throws {
        if let latentClass {
            let byAge = covariates == nil || covariates == .ageGroup
            try self.init(latentClass: latentClass,
                          ageGroupWeights: byAge ? nil : Self.ageGroupWeights(data: data, users: users, labels: labels, k: k))
        } else {
            try self.init(kMeansOf: data, users: users, labels: labels, k: k, wholeCounts: wholeCounts)
        }
    }
}

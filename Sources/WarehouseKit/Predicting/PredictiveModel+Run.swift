import Analysis
import WarehouseTables

extension PredictiveModel {
    /// The counts a run's α is fitted to (see `PredictiveModel`): the run's counts themselves, or
    /// for a window with a half-life, the same window read again without the decay.
    /// - Throws: when the users changed between the two reads (a seed or import ran meanwhile).
    static func wholeCounts(_ store: WarehouseStore, window: InteractionWindow?, data: WarehouseData, threads: Int) throws -> [Double] {
        guard var undecayed = window, undecayed.halfLifeSeconds != nil else { return data.subcategoryLikes }
        undecayed.halfLifeSeconds = nil
        let whole = try WarehouseData.read(store, window: undecayed, threads: threads)
        guard whole.userIDs == data.userIDs else {
            throw WarehouseError.invalidArgument("the warehouse's users changed while it was being read (a seed or import ran meanwhile); run again")
        }
        return whole.subcategoryLikes
    }

    /// The model of a run that clustered `users` (rows of `data`) into `labels` (0..<k): a
    /// latent-class run's own mixture, else α fitted per segment to `wholeCounts`.
    init(run data: WarehouseData, users: [Int], labels: [Int32], k: Int, latentClass: LatentClassResult?, wholeCounts: [Double]) throws {
        if let latentClass {
            try self.init(latentClass: latentClass)
        } else {
            try self.init(kMeansOf: data, users: users, labels: labels, k: k, wholeCounts: wholeCounts)
        }
    }
}

import Analysis
import Population
import WarehouseTables

/// The warehouse's one predictive ranking: for each user and subcategory, the chance that the
/// user's next positive interaction falls in that subcategory, combining the user's own
/// (windowed, decayed) counts with their segments as a prior: the posterior predictive of a
/// Dirichlet-multinomial mixture whose components are the run's segments (see
/// `DirichletMixturePredictor` for the formula).
///
/// - latent class: the mixture as fitted (α per segment, mixing weights by age group when the run
///   had `--covariates age-group`), so the membership is the run's own posterior;
/// - k-means: α per segment fitted to its members' whole counts (`DirichletFit`), and mixing
///   weights per age group from the members' ages, (members of c in group g + 1) / (users in g + k).
///   The membership is then soft as well: a user between two segments leans on both.
///
/// α measures how far members' interests spread around their segment's, which only whole
/// interactions show: a decayed count of 0.1 is not a tenth of an observation's noise, and α fitted
/// to decayed counts comes out too concentrated (the prior then outweighs the user; on a seeded
/// population with a 30-day half-life NDCG@5 fell from above own history to below it). So α is
/// fitted to the undecayed counts, and the prediction uses the (decayed) counts the run sees.
///
/// A user with few interactions gets mostly the prior of their age group (the weighted mean of
/// the segments' shares); a heavy user gets mostly their own shares.
struct PredictiveModel: Sendable {
    let predictor: DirichletMixturePredictor
    /// What `segment_priors` stores: α (k × subcategories) and the weights per age group (G × k).
    let priors: SegmentPriorsTable.Priors
    /// Whether the weights' rows are the 28 age-group and gender cells
    /// (`LatentClassCovariate.ageGroupAndGender`) rather than the age groups: only the planted
    /// reference of a seed that stored its gender law.
    let byGender: Bool

    /// The predictor's group of a user of `age` and gender group `gender` (0…3, see
    /// `WarehouseData.genderGroups`): their age group, or their age-group and gender cell.
    func group(age: Int32, gender: UInt8 = 3) -> Int {
        byGender ? LatentClassCovariate.ageGroupAndGender.group(age: age, gender: gender) : AgeGroup.index(containing: Int(age))
    }

    /// From stored (or computed) priors. - Throws: `invalidArgument` for values the predictor refuses.
    init(priors: SegmentPriorsTable.Priors, byGender: Bool = false) throws {
        self.priors = priors
        self.byGender = byGender
        predictor = try refusingAnalysisErrors { try DirichletMixturePredictor(alpha: priors.alpha, groupWeights: priors.weights) }
    }

    /// From a k-means segmentation: `labels[i]` is row `users[i]`'s segment (0..<k) in `data`;
    /// `wholeCounts` (rows × subcategories, rows as in `data`): the counts α is fitted to.
    init(kMeansOf data: WarehouseData, users: [Int], labels: [Int32], k: Int, wholeCounts: [Double]) throws {
        let s = data.subcategories.count
        var members = [[Int]](repeating: [], count: k)
        for (position, row) in users.enumerated() { members[Int(labels[position])].append(row) }
        var alpha = [Double]()
        alpha.reserveCapacity(k * s)
        for c in 0..<k { alpha += DirichletFit.alpha(counts: wholeCounts, width: s, rows: members[c]) }
        try self.init(priors: SegmentPriorsTable.Priors(
            alpha: Matrix(rows: k, columns: s, values: alpha),
            weights: Self.ageGroupWeights(data: data, users: users, labels: labels, k: k)))
    }

    /// Mixing weights per age group (G × k) from hard labels: (members of c in group g + 1) /
    /// (users in g + k), so an empty group gets 1/k.
    static func ageGroupWeights(data: WarehouseData, users: [Int], labels: [Int32], k: Int) -> Matrix {
        let G = AgeGroup.all.count
        var inGroup = [Double](repeating: 0, count: G * k)
        for (position, row) in users.enumerated() {
            inGroup[AgeGroup.index(containing: Int(data.ages[row])) * k + Int(labels[position])] += 1
        }
        var weights = [Double](repeating: 0, count: G * k)
        for g in 0..<G {
            let total = (0..<k).reduce(0.0) { $0 + inGroup[g * k + $1] }
            for c in 0..<k { weights[g * k + c] = (inGroup[g * k + c] + 1) / (total + Double(k)) }
        }
        return Matrix(rows: G, columns: k, values: weights)
    }

    /// From a latent-class fit (its α over the subcategories, its mixing weights: per age group
    /// with `--covariates age-group`, else the same in every age group). A fit whose weights
    /// depend on gender passes `ageGroupWeights` instead (the predictor's groups are age groups).
    init(latentClass fit: LatentClassResult, ageGroupWeights: Matrix? = nil) throws {
        let k = fit.alpha.rows, G = AgeGroup.all.count
        let weights = ageGroupWeights ?? fit.groupWeights ?? Matrix(rows: G, columns: k, values: (0..<G).flatMap { _ in fit.weights })
        try self.init(priors: SegmentPriorsTable.Priors(alpha: fit.alpha, weights: weights))
    }

    /// The planted reference on a seeded warehouse: the personas' stored α and age-group weights,
    /// and with the seed's gender law the persona weights of each age-group and gender cell
    /// (`PersonaParameters.cellWeights`), so the reference knows everything the seed planted.
    init(planted parameters: PersonaParameters) throws {
        if let cells = parameters.cellWeights {
            try self.init(priors: SegmentPriorsTable.Priors(alpha: parameters.alpha, weights: cells), byGender: true)
        } else {
            try self.init(priors: SegmentPriorsTable.Priors(alpha: parameters.alpha, weights: parameters.ageWeights))
        }
    }
}

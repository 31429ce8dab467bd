import Population

/// How `run-segmentation` clusters: `kmeans` (PCA + k-means, the default) or `latent-class` (a
/// Dirichlet-multinomial mixture over the subcategory like counts, see `fitLatentClass`).
public enum SegmentationMethod: String, Sendable, CaseIterable, Equatable {
    case kmeans
    case latentClass = "latent-class"
}

/// What a latent-class run's mixing weights depend on (`--covariates`), one set of weights per
/// group (see `MixingGroups`). No covariate: one set for everyone.
/// - `age-group`: the seven `AgeGroup.all` bands;
/// - `gender`: female, male, other, undisclosed (`users.gender` NULL);
/// - `age-group,gender`: the 28 cells of both, labelled "25-34/female", age band major.
public enum LatentClassCovariate: String, Sendable, CaseIterable, Equatable {
    case ageGroup = "age-group"
    case gender
    case ageGroupAndGender = "age-group,gender"

    /// The gender groups, in the order of `WarehouseData.genderGroups`' codes 0…3.
    public static let genderLabels = ["female", "male", "other", "undisclosed"]

    /// The groups' labels, in group order (as `latent_class_group_weights.mixing_group` stores them).
    public var groupLabels: [String] {
        let ages = AgeGroup.all.map(\.label)
        switch self {
        case .ageGroup: return ages
        case .gender: return Self.genderLabels
        case .ageGroupAndGender: return ages.flatMap { age in Self.genderLabels.map { "\(age)/\($0)" } }
        }
    }

    /// The group of a user of `age` (years) and gender code `gender` (0…3, see `genderLabels`;
    /// anything else counts as undisclosed), in 0..<groupLabels.count.
    public func group(age: Int32, gender: UInt8) -> Int {
        let g = gender < 4 ? Int(gender) : 3
        switch self {
        case .ageGroup: return AgeGroup.index(containing: Int(age))
        case .gender: return g
        case .ageGroupAndGender: return AgeGroup.index(containing: Int(age)) * 4 + g
        }
    }
}

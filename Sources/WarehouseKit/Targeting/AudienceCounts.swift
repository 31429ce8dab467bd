import Population
import WarehouseTables

/// The integer counts a targeting report rests on, per segment (row-major k × columns):
/// members, members assigned after the run, members per age group and per persona, and per
/// subcategory and category the members liking it and their likes. Built from the warehouse in
/// one pass over a run's members, or read back from the stored tables; the report's shares and
/// indexes are functions of these counts alone, so both give the same report.
struct AudienceCounts: Sendable, Equatable {
    let k: Int
    var users: [Int]
    var assigned: [Int]
    /// Mean age per segment; nil for an empty segment.
    var meanAge: [Double?]
    /// k × age groups (`AgeGroup.all`).
    var ageGroups: [Int]
    /// k × catalogue personas.
    var personas: [Int]
    /// k × subcategories.
    var subcategoryUsers: [Int]
    var subcategoryLikes: [Int]
    /// k × categories.
    var categoryUsers: [Int]
    var categoryLikes: [Int]

    /// All zero, for `k` segments over `catalogue`.
    init(k: Int, catalogue: TargetingCatalogue) {
        self.k = k
        users = Array(repeating: 0, count: k)
        assigned = users
        meanAge = Array(repeating: nil, count: k)
        ageGroups = Array(repeating: 0, count: k * AgeGroup.all.count)
        personas = Array(repeating: 0, count: k * catalogue.personas.count)
        subcategoryUsers = Array(repeating: 0, count: k * catalogue.subcategories.count)
        subcategoryLikes = subcategoryUsers
        categoryUsers = Array(repeating: 0, count: k * catalogue.categories.count)
        categoryLikes = categoryUsers
    }

    /// Counts the members of a run. `data` must hold the catalogue `catalogue` was made from.
    /// - Precondition: every member's segment in 1…k.
    init(k: Int, data: WarehouseData, members: RunMembers, catalogue: TargetingCatalogue) {
        self.init(k: k, catalogue: catalogue)
        let s = data.subcategories.count, c = data.categories.count
        let g = AgeGroup.all.count, p = catalogue.personas.count
        let personaColumn = Dictionary(uniqueKeysWithValues: catalogue.personas.enumerated().map { (Int32($1.id), $0) })
        var ageSums = [Int](repeating: 0, count: k)
        // Interest sums in Double (a window's counts are real), rounded once per segment below.
        var subcategorySums = [Double](repeating: 0, count: k * s), categorySums = [Double](repeating: 0, count: k * c)
        for member in 0..<members.count {
            let segment = Int(members.segments[member]) - 1
            precondition(segment >= 0 && segment < k, "segment \(segment + 1) outside 1…\(k)")
            let row = Int(members.rows[member])
            users[segment] += 1
            if members.assigned[member] { assigned[segment] += 1 }
            let age = Int(data.ages[row])
            ageSums[segment] += age
            ageGroups[segment * g + AgeGroup.index(containing: age)] += 1
            if let column = personaColumn[data.personaIDs[row]] { personas[segment * p + column] += 1 }
            for j in 0..<s {
                let likes = data.subcategoryLikes[row * s + j]
                if likes > 0 { subcategoryUsers[segment * s + j] += 1; subcategorySums[segment * s + j] += likes }
            }
            for j in 0..<c {
                let likes = data.categoryLikes[row * c + j]
                if likes > 0 { categoryUsers[segment * c + j] += 1; categorySums[segment * c + j] += likes }
            }
        }
        // Whole for like counts; a window's weighted sums round to the nearest unit of interest.
        subcategoryLikes = subcategorySums.map { Int($0.rounded()) }
        categoryLikes = categorySums.map { Int($0.rounded()) }
        for segment in 0..<k where users[segment] > 0 {
            meanAge[segment] = Double(ageSums[segment]) / Double(users[segment])
        }
    }

    /// Σ over segments of column `j` of a k × width table.
    static func total(_ counts: [Int], width: Int, column j: Int, k: Int) -> Int {
        (0..<k).reduce(0) { $0 + counts[$1 * width + j] }
    }
}

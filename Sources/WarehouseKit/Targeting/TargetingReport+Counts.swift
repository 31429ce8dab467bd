import Population
import WarehouseTables

extension TargetingReport {
    /// The report the counts give: shares and indexes as `AffinityIndex` defines them, with the
    /// population the sum over all segments.
    init(runID: Int64, counts: AudienceCounts, catalogue: TargetingCatalogue) {
        let k = counts.k
        let s = catalogue.subcategories.count, c = catalogue.categories.count
        let g = AgeGroup.all.count, p = catalogue.personas.count
        let population = counts.users.reduce(0, +)
        let allLikes = counts.subcategoryLikes.reduce(0, +)
        func total(_ table: [Int], _ width: Int, _ j: Int) -> Int { AudienceCounts.total(table, width: width, column: j, k: k) }

        func affinity(_ item: TargetingCatalogue.Item, category: String, segment: Int, users usersLiking: Int, likes: Int,
                      populationUsers: Int, populationLikes: Int, segmentLikes: Int) -> Affinity {
            let members = counts.users[segment]
            return Affinity(
                id: item.id, name: item.name, category: category, usersLiking: usersLiking,
                userShare: AffinityIndex.share(usersLiking, of: members),
                populationUserShare: AffinityIndex.share(populationUsers, of: population),
                userIndex: AffinityIndex.index(count: usersLiking, base: members,
                                               populationCount: populationUsers, populationBase: population),
                lift: Lift.shrunk(engaged: Double(usersLiking), members: members,
                                  everyone: AffinityIndex.share(populationUsers, of: population)),
                likes: likes, likeShare: AffinityIndex.share(likes, of: segmentLikes),
                populationLikeShare: AffinityIndex.share(populationLikes, of: allLikes),
                likeIndex: AffinityIndex.index(count: likes, base: segmentLikes,
                                               populationCount: populationLikes, populationBase: allLikes))
        }
        func group(id: Int, name: String, count: Int, populationCount: Int, segment: Int) -> GroupShare {
            let members = counts.users[segment]
            return GroupShare(id: id, name: name, users: count, share: AffinityIndex.share(count, of: members),
                              index: AffinityIndex.index(count: count, base: members,
                                                         populationCount: populationCount, populationBase: population))
        }

        let segments = (0..<k).map { segment -> SegmentAudience in
            let segmentLikes = (0..<s).reduce(0) { $0 + counts.subcategoryLikes[segment * s + $1] }
            let subcategories = catalogue.subcategories.enumerated().map { j, item in
                affinity(item, category: catalogue.categoryName(ofSubcategory: j), segment: segment,
                         users: counts.subcategoryUsers[segment * s + j], likes: counts.subcategoryLikes[segment * s + j],
                         populationUsers: total(counts.subcategoryUsers, s, j),
                         populationLikes: total(counts.subcategoryLikes, s, j), segmentLikes: segmentLikes)
            }
            let categories = catalogue.categories.enumerated().map { j, item in
                affinity(item, category: item.name, segment: segment,
                         users: counts.categoryUsers[segment * c + j], likes: counts.categoryLikes[segment * c + j],
                         populationUsers: total(counts.categoryUsers, c, j),
                         populationLikes: total(counts.categoryLikes, c, j), segmentLikes: segmentLikes)
            }
            let ageGroups = AgeGroup.all.map { band in
                group(id: band.index, name: band.label, count: counts.ageGroups[segment * g + band.index],
                      populationCount: total(counts.ageGroups, g, band.index), segment: segment)
            }
            let personas = catalogue.personas.enumerated().compactMap { column, persona -> GroupShare? in
                let count = counts.personas[segment * p + column]
                guard count > 0 else { return nil }
                return group(id: persona.id, name: persona.name, count: count,
                             populationCount: total(counts.personas, p, column), segment: segment)
            }
            return SegmentAudience(
                segment: segment + 1, users: counts.users[segment], assignedUsers: counts.assigned[segment],
                share: AffinityIndex.share(counts.users[segment], of: population), meanAge: counts.meanAge[segment],
                ageGroups: ageGroups, personas: personas, categories: categories, subcategories: subcategories)
        }
        self.init(runID: runID, k: k, populationUsers: population, assignedUsers: counts.assigned.reduce(0, +), segments: segments)
    }
}

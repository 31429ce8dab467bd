import Population
import WarehouseTables

/// A targeting report as `AudienceTables` stores it, and back: the report's counts go in with
/// their shares and indexes; only the counts come out, and `TargetingReport(counts:)` recomputes
/// the rest by the same formulas, so the report read equals the report stored.
enum StoredTargeting {
    /// What `target` stored for a run, and when.
    struct Stored: Sendable {
        let report: TargetingReport
        /// ISO 8601 UTC.
        let computedAt: String
    }

    static func profile(_ report: TargetingReport) -> AudienceTables.Profile {
        var profile = AudienceTables.Profile()
        for segment in report.segments {
            let number = segment.segment
            profile.audiences.append(AudienceTables.Audience(segment: number, users: segment.users, assignedUsers: segment.assignedUsers,
                                                             share: segment.share, meanAge: segment.meanAge))
            profile.ageGroups += segment.ageGroups.map {
                AudienceTables.Group(segment: number, key: $0.name, users: $0.users, share: $0.share, index: $0.index)
            }
            profile.personas += segment.personas.map {
                AudienceTables.Group(segment: number, key: $0.id, users: $0.users, share: $0.share, index: $0.index)
            }
            func rows(_ lines: [Affinity]) -> [AudienceTables.AffinityRow] {
                lines.map {
                    AudienceTables.AffinityRow(segment: number, id: $0.id, usersLiking: $0.usersLiking, userShare: $0.userShare,
                                            userIndex: $0.userIndex, likes: $0.likes, likeShare: $0.likeShare, likeIndex: $0.likeIndex,
                                            lift: $0.lift)
                }
            }
            profile.subcategories += rows(segment.subcategories)
            profile.categories += rows(segment.categories)
        }
        return profile
    }

    /// Stores `report`, replacing the run's previous profile; call inside a write transaction.
    static func write(_ report: TargetingReport, in store: WarehouseStore) throws {
        try AudienceTables.replace(run: report.runID, with: profile(report), in: store)
    }

    /// The report `target` stored for run `run` (k segments) over `catalogue`, nil when none.
    /// Rows of ids no longer in the catalogue, or of unknown age groups, are skipped.
    static func read(run: Int64, k: Int, catalogue: TargetingCatalogue, in store: WarehouseStore) throws -> Stored? {
        guard let profile = try AudienceTables.read(run: run, k: k, from: store) else { return nil }
        var counts = AudienceCounts(k: k, catalogue: catalogue)
        for row in profile.audiences {
            counts.users[row.segment - 1] = row.users
            counts.assigned[row.segment - 1] = row.assignedUsers
            counts.meanAge[row.segment - 1] = row.meanAge
        }
        let g = AgeGroup.all.count
        let ageIndex = Dictionary(AgeGroup.all.map { ($0.label, $0.index) }, uniquingKeysWith: { first, _ in first })
        for row in profile.ageGroups {
            guard let band = ageIndex[row.key] else { continue }
            counts.ageGroups[(row.segment - 1) * g + band] = row.users
        }
        func columns(_ items: [TargetingCatalogue.Item]) -> [Int: Int] {
            Dictionary(items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let p = catalogue.personas.count, s = catalogue.subcategories.count, c = catalogue.categories.count
        let personaColumn = columns(catalogue.personas)
        for row in profile.personas {
            guard let j = personaColumn[row.key] else { continue }
            counts.personas[(row.segment - 1) * p + j] = row.users
        }
        let subcategoryColumn = columns(catalogue.subcategories)
        for row in profile.subcategories {
            guard let j = subcategoryColumn[row.id] else { continue }
            counts.subcategoryUsers[(row.segment - 1) * s + j] = row.usersLiking
            counts.subcategoryLikes[(row.segment - 1) * s + j] = row.likes
        }
        let categoryColumn = columns(catalogue.categories)
        for row in profile.categories {
            guard let j = categoryColumn[row.id] else { continue }
            counts.categoryUsers[(row.segment - 1) * c + j] = row.usersLiking
            counts.categoryLikes[(row.segment - 1) * c + j] = row.likes
        }
        return Stored(report: TargetingReport(runID: run, counts: counts, catalogue: catalogue), computedAt: profile.computedAt)
    }
}

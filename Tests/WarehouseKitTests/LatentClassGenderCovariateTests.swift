import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `--covariates gender` and `age-group,gender`: the mixing weights per gender (and per age-group
/// and gender cell) follow the persona shares a gender law planted here gives, independently of
/// the seed's own demographics: each user's gender is set from their planted persona by a fixed
/// hash of the id, with female shares far apart (20 %, 80 %, 50 %, 60 %) and one user in 17 not
/// disclosing.
@Suite struct LatentClassGenderCovariateTests {
    /// Each segment of run ?1 and the persona most of its members have (a CTE named `majority`).
    static let majority = """
        majority AS (
            SELECT segment, persona_id FROM (
                SELECT a.segment, p.persona_id,
                       row_number() OVER (PARTITION BY a.segment ORDER BY count(*) DESC) AS rank
                FROM segment_assignments a JOIN user_personas p ON p.user_id = a.user_id
                WHERE a.run_id = ?1 GROUP BY a.segment, p.persona_id)
            WHERE rank = 1)
        """

    private func plantGenders(_ db: Connection) throws {
        try db.execute("""
            UPDATE users SET gender = CASE
                WHEN id % 17 = 0 THEN NULL
                WHEN (id * 2654435761) % 1000 < 1000 * (SELECT CASE p.persona_id WHEN 1 THEN 0.2 WHEN 2 THEN 0.8 WHEN 3 THEN 0.5 ELSE 0.6 END
                                                          FROM user_personas AS p WHERE p.user_id = users.id) THEN 'female'
                ELSE 'male' END
            """)
    }

    @Test func weightsPerGenderFollowThePersonaSharesOfEachGender() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 10_000, seed: 42, in: dir)
        try plantGenders(store.connection)
        var settings = quickSegmentation()
        settings.method = .latentClass
        settings.covariates = .gender
        let result = try SegmentationJob.run(store: store, configuration: settings)
        let outcome = try #require(result.latentClass)
        #expect(outcome.groupLabels == ["female", "male", "other", "undisclosed"])
        let db = store.connection
        let run = SQLValue.integer(result.runID)
        #expect(try db.scalar("SELECT count(*) FROM latent_class_group_weights WHERE run_id = ?", [run]) == .integer(16))
        #expect(try db.scalar("SELECT parameters FROM latent_class_fits WHERE run_id = ?", [run]) == .integer(4 * 3 + 4 * 20))
        // Each segment's weight in a gender against the share of its majority persona among the
        // users of that gender who have likes (what the weights estimate).
        let gaps = try db.rows("""
            WITH \(Self.majority),
            planted AS (
                SELECT coalesce(u.gender, 'undisclosed') AS mixing_group, p.persona_id,
                       count(*) * 1.0 / sum(count(*)) OVER (PARTITION BY coalesce(u.gender, 'undisclosed')) AS share
                FROM users u JOIN user_personas p ON p.user_id = u.id
                WHERE u.liked_posts > 0 GROUP BY 1, 2)
            SELECT g.mixing_group, g.segment, g.weight, pl.share FROM latent_class_group_weights g
            JOIN majority m ON m.segment = g.segment
            JOIN planted pl ON pl.persona_id = m.persona_id AND pl.mixing_group = g.mixing_group
            WHERE g.run_id = ?1
            """, [run])
        #expect(gaps.count == 12)   // female, male, undisclosed × 4 segments; "other" has no users
        for row in gaps {
            let weight = try #require(row[2].double), share = try #require(row[3].double)
            #expect(abs(weight - share) < 0.04, "\(row)")
        }
        // The effect is found: the sports segment's weight among women is far below among men.
        let female = try #require(gaps.first { $0[0] == "female" && $0[3].double.map { $0 < 0.2 } == true })
        #expect(female[2].double.map { $0 < 0.2 } == true)
        #expect(try CheckJob.run(path: store.path).checks.first { $0.name == "group_weights" }?.passed == true)
        #expect(SegmentationSummary(result).render().contains("mixing weights by gender"))
    }

    @Test func ageGroupAndGenderCellsAreStoredAndPlaceUsersLikeTheFit() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 4_000, seed: 7, in: dir)
        try plantGenders(store.connection)
        var settings = quickSegmentation()
        settings.method = .latentClass
        settings.covariates = .ageGroupAndGender
        let result = try SegmentationJob.run(store: store, configuration: settings)
        let db = store.connection
        let run = SQLValue.integer(result.runID)
        #expect(try db.scalar("SELECT count(DISTINCT mixing_group) FROM latent_class_group_weights WHERE run_id = ?", [run]) == .integer(28))
        #expect(try db.scalar("SELECT count(*) FROM latent_class_group_weights WHERE run_id = ? AND mixing_group = '25-34/female'",
                              [run]) == .integer(4))
        #expect(try CheckJob.run(path: store.path).checks.first { $0.name == "group_weights" }?.passed == true)
        // The stored mixture read back (as `assign` does) gives every fitted user their segment.
        let data = try WarehouseData.read(store)
        let record = try #require(try RunRecord.read(id: result.runID, from: store))
        let mixture = try RunMixture.load(record: record, data: data, from: store)
        let rows = (0..<data.userCount).filter { data.likedPosts[$0] > 0 }
        let placed = try mixture.place(rows: rows, data: data, threads: 2)
        let stored = Dictionary(uniqueKeysWithValues: try db.rows(
            "SELECT user_id, segment FROM segment_assignments WHERE run_id = ?", [run]).map { ($0[0].int64 ?? 0, $0[1].int64 ?? 0) })
        let agree = zip(rows, placed.labels).filter { stored[data.userIDs[$0.0]] == Int64($0.1) + 1 }.count
        #expect(agree == rows.count, "\(agree) of \(rows.count) placed in their stored segment")
    }

    /// The seed's own planted effect (P(gender | persona), `persona_gender_weights`): with
    /// `--covariates gender` the weights per gender follow P(persona | gender) as the planted
    /// parameters give it for these users' ages, the fit is no worse than without, and the
    /// Fashionista segment's weight among women is well above its weight among men (planted
    /// 0.33 vs 0.18).
    @Test func thePlantedGenderEffectIsRecoveredOnTheSeededPopulation() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 10_000, seed: 42, in: dir)
        var plainSettings = quickSegmentation()
        plainSettings.method = .latentClass
        let plain = try SegmentationJob.run(store: store, configuration: plainSettings)
        var settings = plainSettings
        settings.covariates = .gender
        let result = try SegmentationJob.run(store: store, configuration: settings)
        let fit = try #require(result.latentClass).fit.fit, plainFit = try #require(plain.latentClass).fit.fit
        #expect(fit.logLikelihood >= plainFit.logLikelihood - 1e-3)
        let rows = try store.connection.rows("""
            WITH \(Self.majority),
            cell AS (
                SELECT a.age_group, g.gender, a.persona_id, a.weight * g.weight AS w
                FROM persona_age_weights a JOIN persona_gender_weights g ON g.persona_id = a.persona_id),
            law AS (
                SELECT age_group, gender, persona_id, w / sum(w) OVER (PARTITION BY age_group, gender) AS p FROM cell),
            people AS (
                SELECT coalesce(gender, 'undisclosed') AS gender,
                       CASE WHEN age < 18 THEN '<18' WHEN age < 25 THEN '18-24' WHEN age < 35 THEN '25-34'
                            WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' WHEN age < 65 THEN '55-64' ELSE '65+' END AS age_group
                FROM users WHERE liked_posts > 0),
            planted AS (
                SELECT u.gender, l.persona_id, avg(l.p) AS share
                FROM people u JOIN law l ON l.age_group = u.age_group AND l.gender = u.gender GROUP BY 1, 2)
            SELECT g.mixing_group, m.persona_id, g.weight, pl.share FROM latent_class_group_weights g
            JOIN majority m ON m.segment = g.segment
            JOIN planted pl ON pl.persona_id = m.persona_id AND pl.gender = g.mixing_group
            WHERE g.run_id = ?1 AND g.mixing_group IN ('female', 'male')
            """, [.integer(result.runID)])
        #expect(rows.count == 8)
        for row in rows {
            let weight = try #require(row[2].double), share = try #require(row[3].double)
            #expect(abs(weight - share) < 0.04, "\(row)")
        }
        func weight(_ gender: String, persona: Int64) -> Double? {
            rows.first { $0[0] == .text(gender) && $0[1] == .integer(persona) }?[2].double
        }
        let women = try #require(weight("female", persona: 2)), men = try #require(weight("male", persona: 2))
        #expect(women - men > 0.1, "Fashionista weight among women \(women), among men \(men)")
    }
}

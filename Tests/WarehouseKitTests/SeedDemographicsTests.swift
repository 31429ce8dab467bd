import Storage
import TestSupport
import Testing
import WarehouseSupport
@testable import Population
@testable import WarehouseKit
@testable import WarehouseTables

/// A seeded warehouse's demographics: the rows pass migration 0011's CHECKs (they could not be
/// inserted otherwise), agree with the shared `Country` table and with the ages, and the planted
/// gender law is stored.
@Suite struct SeedDemographicsTests {
    @Test func usersCarryDemographicsThatAgreeWithTheAgesAndCountries() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        let db = store.connection
        // Everyone has a country, region, city and date of birth; postal codes all but AE and GH.
        #expect(try db.scalar("""
            SELECT count(*) FROM users WHERE country IS NULL OR region IS NULL OR city IS NULL OR date_of_birth IS NULL
                OR (postal_code IS NULL) != (country IN ('AE', 'GH'))
            """) == .integer(0))
        // Exactly `age` whole years old on the default as-of day (2026-11-30).
        #expect(try db.scalar("""
            SELECT count(*) FROM users
            WHERE age != 2026 - CAST(substr(date_of_birth, 1, 4) AS INTEGER) - (substr(date_of_birth, 6, 5) > '11-30')
            """) == .integer(0))
        // About 80 % with a phone and 6 % undisclosed gender (sd 0.007 and 0.004 on 3,000 users).
        let phones = Double(try db.scalar("SELECT count(phone) FROM users")?.int64 ?? 0) / 3_000
        let undisclosed = Double(try db.scalar("SELECT count(*) FROM users WHERE gender IS NULL")?.int64 ?? 0) / 3_000
        #expect(abs(phones - 0.8) < 0.03, "\(phones)")
        #expect(abs(undisclosed - 0.06) < 0.02, "\(undisclosed)")
        // Every phone starts with its country's calling code, from the shared ISO table.
        for row in try db.rows("SELECT country, phone FROM users WHERE phone IS NOT NULL") {
            guard case .text(let code) = row[0], case .text(let phone) = row[1] else {
                Issue.record("unexpected row \(row)")
                continue
            }
            let country = try #require(Country(code: code), "\(code) is no ISO 3166-1 code")
            let calling = try #require(country.callingCode)
            #expect(phone.hasPrefix("+\(calling)"), "\(phone) in \(code)")
        }
        #expect(try db.scalar("SELECT generator_version FROM seed_batches") == .integer(3))
        #expect(try db.scalar("SELECT json_extract(parameters, '$.demographics.phone_share') FROM seed_batches") == .real(0.8))
    }

    @Test func everyPlaceCountryIsAnISOCodeWithItsCallingCode() throws {
        for place in Places.countries {
            let country = try #require(Country(code: place.code), "\(place.code)")
            #expect(country.callingCode == place.callingCode, "\(place.code)")
        }
    }

    @Test func personaGenderWeightsHoldThePlantedTable() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 50, in: dir)
        var stored: [String: Double] = [:]
        try PersonaTables.eachGenderWeight(store) { persona, gender, weight in stored["\(persona) \(gender)"] = weight }
        let expected = PopulationModel.standard.personaGenderWeightTable
        #expect(stored.count == expected.count && expected.count == 16)
        for cell in expected {
            #expect(stored["\(cell.personaID) \(cell.gender.label)"] == cell.weight, "persona \(cell.personaID) \(cell.gender.label)")
        }
        // Each persona's weights are a distribution.
        #expect(try store.connection.scalar("""
            SELECT count(*) FROM (SELECT persona_id FROM persona_gender_weights GROUP BY persona_id HAVING abs(sum(weight) - 1) > 1e-9)
            """) == .integer(0))
    }

    /// With interactions (v4), dates of birth follow `--as-of`.
    @Test func datesOfBirthFollowAsOfWithATimeline() throws {
        let dir = try TemporaryDirectory()
        let store = try WarehouseStore(path: dir.path("t.sqlite"), mode: .createIfMissing)
        let asOf = CivilCalendar.days(year: 2024, month: 2, day: 29) * CivilCalendar.secondsPerDay + 3_600
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 400, seed: 3, days: 10, asOf: asOf))
        let db = store.connection
        #expect(try db.scalar("SELECT generator_version FROM seed_batches") == .integer(4))
        #expect(try db.scalar("""
            SELECT count(*) FROM users
            WHERE age != 2024 - CAST(substr(date_of_birth, 1, 4) AS INTEGER) - (substr(date_of_birth, 6, 5) > '02-29')
            """) == .integer(0))
        #expect(try PlantedTruth.load(store, subcategoryIDs: Array(1...20)) != nil)
    }
}

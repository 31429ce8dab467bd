import Storage
import TestSupport
import Testing
import WarehouseSupport
@testable import WarehouseTables

/// `UserFilter`: what `--age`, `--gender`, `--country` accept and refuse, and its SQL condition
/// against a small warehouse, checked user by user against `passes` (the same test in Swift).
@Suite struct UserFilterTests {
    @Test func agesAreBandsOpenBandsAndSingleYears() throws {
        #expect(try UserFilter.ages("25-34") == [25...34])
        #expect(try UserFilter.ages("65+") == [65...UserFilter.ageLimits.upperBound])
        #expect(try UserFilter.ages("30") == [30...30])
        #expect(try UserFilter.ages(" 18-24 ,35-44,70+") == [18...24, 35...44, 70...150])
        #expect(try UserFilter.ages("0-150") == [0...150])
        // Shown back as given.
        #expect(UserFilter(ages: try UserFilter.ages("18-24,30,65+,150")).description == "--age 18-24,30,65+,150")
    }

    @Test func impossibleAgesAreRefusedNamingTheValue() throws {
        for (text, fragment) in [("40-30", "lower bound 40 is above its upper bound 30"), ("151", "0…150"), ("-5", "0…150"),
                                 ("25-", "0…150"), ("+", "0…150"), ("25-34-40", "25-34-40"), ("abc", "abc"), ("25,,34", "empty items"),
                                 ("", "empty items"), ("1e2", "1e2"), ("٣٠", "٣٠")] {
            do {
                _ = try UserFilter.ages(text)
                Issue.record("--age \(text) was accepted")
            } catch let error as WarehouseError {
                let message = error.description
                #expect(message.contains("--age") && message.contains(fragment) && !message.contains("\n"), "\(message)")
            }
        }
    }

    @Test func gendersTakeWhatPlatformsExportAndUnknownMeansNotDisclosed() throws {
        #expect(try UserFilter.genders("female") == [.female])
        #expect(try UserFilter.genders("F, m ,other") == [.female, .male, .other])
        #expect(try UserFilter.genders("unknown") == [nil])
        #expect(try UserFilter.genders("female,w,unknown,undisclosed") == [.female, nil])   // duplicates dropped
        #expect(UserFilter(genders: [.female, nil]).description == "--gender female,unknown")
        #expect(throws: WarehouseError.self) { try UserFilter.genders("robot") }
        #expect(throws: WarehouseError.self) { try UserFilter.genders("female,") }
    }

    @Test func countriesAreAssignedAlpha2CodesInAnyCase() throws {
        #expect(try UserFilter.countries("de,FR").map(\.code) == ["DE", "FR"])
        #expect(try UserFilter.countries("gb, GB").map(\.code) == ["GB"])
        for text in ["UK", "XX", "DEU", "D", "EU", "12"] {
            do {
                _ = try UserFilter.countries(text)
                Issue.record("--country \(text) was accepted")
            } catch let error as WarehouseError {
                #expect(error.description.contains("--country \(text)") && error.description.contains("ISO 3166-1"))
            }
        }
    }

    @Test func theSQLConditionPassesExactlyTheUsersTheFilterPasses() throws {
        let dir = try TemporaryDirectory()
        let store = try WarehouseStore(path: dir.path("f.sqlite"), mode: .createIfMissing)
        // 60 users: ages 10…69, genders cycling female/male/other/NULL, countries DE/FR/US/NULL/GB.
        let genders: [Gender?] = [.female, .male, .other, nil]
        let countries: [String?] = ["DE", "FR", "US", nil, "GB"]
        try store.write {
            for id in 1...60 {
                try store.connection.run("INSERT INTO users(id, age, liked_posts, gender, country) VALUES (?, ?, 0, ?, ?)",
                                         [.integer(Int64(id)), .integer(Int64(9 + id)),
                                          genders[id % 4].map { .text($0.rawValue) } ?? .null,
                                          countries[id % 5].map { .text($0) } ?? .null])
            }
        }
        let filters: [UserFilter] = [
            UserFilter(),
            UserFilter(ages: [25...34]),
            UserFilter(ages: [18...24, 65...150]),
            UserFilter(genders: [.female]),
            UserFilter(genders: [nil]),
            UserFilter(genders: [.male, nil]),
            UserFilter(countries: [try #require(Country(code: "DE")), try #require(Country(code: "GB"))]),
            UserFilter(ages: [25...34], genders: [.female], countries: [try #require(Country(code: "FR"))]),
            UserFilter(ages: [200...300]),
        ]
        for filter in filters {
            let selected = Set(try UsersTable.ids(passing: filter, from: store))
            for id in 1...60 {
                let expected = filter.passes(age: 9 + id, gender: genders[id % 4], country: countries[id % 5])
                #expect(selected.contains(Int64(id)) == expected, "user \(id), filter '\(filter)'")
            }
        }
        // Unknown: IS NULL, never the text 'unknown'.
        #expect(UserFilter(genders: [nil]).condition(user: "u").sql == "(u.gender IS NULL)")
        #expect(try UsersTable.ids(passing: UserFilter(genders: [nil]), from: store).count == 15)
        #expect(try UsersTable.ids(passing: UserFilter(ages: [200...300]), from: store).isEmpty)
        #expect(UserFilter().condition(user: "u").sql == "1" && UserFilter().isEmpty)
    }
}

import TestSupport
import Foundation
import Testing
import Storage
import WarehouseSupport
@testable import WarehouseTables
@testable import WarehouseKit

/// users.csv's demographic columns (issue 22): each read to its stored form or refused naming
/// file, line, column and value with the database unchanged; username and e-mail optional
/// (ids-only files import and segment); `--append` keeps a stored user only when the columns the
/// file has agree.
@Suite struct ImportDemographicsTests {
    /// 2026-12-07 12:00 UTC: the import's "today" in these tests.
    static let now: Int64 = 1_796_644_800
    static let today = CivilDate(unixSeconds: now)

    static func importing(_ fixture: ImportFixture, append: Bool = false) throws -> ImportSummary {
        try fixture.write()
        var configuration = fixture.configuration(append: append)
        configuration.now = now
        return try ImportJob.run(database: fixture.database, configuration: configuration)
    }

    static func refusal(_ fixture: ImportFixture, append: Bool = false) throws -> [String] {
        do {
            _ = try importing(fixture, append: append)
            Issue.record("the import was accepted")
            return []
        } catch let refusal as ImportRefusal {
            return refusal.problems
        }
    }

    static func phone(_ text: String, _ country: String? = nil) -> String {
        switch UserDemographics.normalizedPhone(text, country: country.flatMap { Country(code: $0) }) {
        case .success(let e164): e164
        case .failure(let problem): "refused: " + problem.text
        }
    }

    @Test func phonesBecomeE164() {
        #expect(Self.phone("+49 30 1234567") == "+49301234567")
        #expect(Self.phone("+1 (415) 555-0123") == "+14155550123")
        #expect(Self.phone("0049.30.1234567") == "+49301234567")
        #expect(Self.phone("+49 (0)30 1234567") == "+49301234567")
        #expect(Self.phone("030 1234567", "DE") == "+49301234567")
        #expect(Self.phone("(0)30 1234567", "de") == "+49301234567")
        #expect(Self.phone("07700 900123", "GB") == "+447700900123")
        #expect(Self.phone("415-555-0123", "US") == "+14155550123")
        #expect(Self.phone("030 1234567") == "refused: column phone: \"030 1234567\" has no country code and the row has no country")
        #expect(Self.phone("--") == "refused: column phone: \"--\" has no digits")
        #expect(Self.phone("+49 30 CALL-NOW").hasSuffix("holds letters"))
        #expect(Self.phone("+49 30 12345 ext 7").hasSuffix("holds letters"))
        #expect(Self.phone("+49/30/1234567").contains("holds \"/\", not a phone number character"))
        #expect(Self.phone("49+301234567").contains("has a \"+\" that does not start it"))
        #expect(Self.phone("+4930").contains("has 4 digits after \"+\" in E.164 form, not 8 to 15"))
        #expect(Self.phone("+49 301 234 567 890 123").contains("has 17 digits"))
        #expect(Self.phone("+0301234567").contains("country code starting with 0"))
        #expect(Self.phone("0301234567", "AQ").contains("AQ has no calling code"))
    }

    @Test func datesOfBirthAreRealPastAndAgree() {
        func check(_ text: String, age: Int64) -> String {
            switch UserDemographics.checkedBirthDate(text, age: age, today: Self.today) {
            case .success(let date): date
            case .failure(let problem): problem.text
            }
        }
        #expect(Self.today.description == "2026-12-07")
        #expect(check("1990-12-07", age: 36) == "1990-12-07")
        #expect(check("1990-12-08", age: 35) == "1990-12-08")
        #expect(check("1990-12-08", age: 36) == "1990-12-08")   // ±1: an export a little older or newer
        #expect(check("1990-12-08", age: 37).contains("makes the user 35 today (2026-12-07, UTC), the row's age is 37"))
        #expect(check("2000-02-29", age: 26) == "2000-02-29")
        #expect(check("2001-02-29", age: 25) == "column date_of_birth: \"2001-02-29\" is not a date in the calendar")
        #expect(check("1900-02-29", age: 126).contains("is not a date in the calendar"))
        #expect(check("1990-13-01", age: 36).contains("is not a date in the calendar"))
        #expect(check("07/12/1990", age: 36).contains("is not an ISO date YYYY-MM-DD"))
        #expect(check("1990-1-07", age: 36).contains("is not an ISO date YYYY-MM-DD"))
        #expect(check("2026-12-08", age: 0) == "column date_of_birth: \"2026-12-08\" is after today (2026-12-07, UTC)")
        #expect(check("2026-12-07", age: 0) == "2026-12-07")
        // The calendar arithmetic against days counted from 1970.
        #expect(CivilDate(unixSeconds: 0).description == "1970-01-01")
        #expect(CivilDate(unixSeconds: 951_782_400).description == "2000-02-29")
        #expect(CivilDate(unixSeconds: -1).description == "1969-12-31")
        #expect(CivilDate(iso: "2024-02-29")?.wholeYears(until: CivilDate(iso: "2025-02-28")!) == 0)
        #expect(CivilDate(iso: "2024-02-29")?.wholeYears(until: CivilDate(iso: "2025-03-01")!) == 1)
    }

    /// Every column read to its stored form (ASCII and Unicode white space trimmed); empty fields NULL.
    @Test func importsTheNormalForms() throws {
        var fixture = try ImportFixture()
        fixture.users = """
            user_id,age,gender,country,region,city,postal_code,phone,date_of_birth
            1,36,Woman, de ,\u{A0}Bayern\t,München\u{2003},80331,030 1234567,1990-06-01
            2,30,M,gb,,London,sw1a 1aa,+44 (0)20 7946 0958,
            3,41,prefer not to say,,,,,,
            4,20,non-binary,US,,,,001 415 555 0123,2006-01-01

            """
        fixture.likes = "user_id,subcategory,likes\n1,jazz,1\n2,folk,2\n"
        let summary = try Self.importing(fixture)
        #expect(summary.users == 4 && summary.ignoredColumns.isEmpty)
        let store = try WarehouseStore(path: fixture.database, mode: .readOnly)
        let rows = try store.connection.rows("""
            SELECT id, username, email, full_name, gender, country, region, city, postal_code, phone, date_of_birth FROM users ORDER BY id
            """)
        #expect(rows == [
            [.integer(1), .null, .null, .null, .text("female"), .text("DE"), .text("Bayern"), .text("München"), .text("80331"),
             .text("+49301234567"), .text("1990-06-01")],
            [.integer(2), .null, .null, .null, .text("male"), .text("GB"), .null, .text("London"), .text("SW1A 1AA"),
             .text("+442079460958"), .null],
            [.integer(3), .null, .null, .null, .null, .null, .null, .null, .null, .null, .null],
            [.integer(4), .null, .null, .null, .text("other"), .text("US"), .null, .null, .null, .text("+14155550123"),
             .text("2006-01-01")],
        ])
        #expect(try store.connection.rows("SELECT gender, country FROM user_profiles ORDER BY user_id").first == [.text("female"), .text("DE")])
        let report = try CheckJob.run(path: fixture.database)
        #expect(report.passed, "\(report.checks.filter { !$0.passed })")
    }

    /// (users.csv, the problem expected, with file and line).
    static let refused: [(users: String, expected: String)] = [
        ("user_id,age,gender\n1,30,female\n2,30,fem\n", "users.csv:3: column gender: \"fem\" is not a gender (female, f, woman"),
        ("user_id,age,country\n1,30,UK\n", "users.csv:2: column country: \"UK\" is not an ISO 3166-1 alpha-2 code (the United Kingdom is GB)"),
        ("user_id,age,country\n1,30,XX\n", "users.csv:2: column country: \"XX\" is not an ISO 3166-1 alpha-2 country code"),
        ("user_id,age,country\n1,30,Germany\n", "users.csv:2: column country: \"Germany\" is a country name, not an ISO 3166-1 alpha-2 code (Germany is DE)"),
        ("user_id,age,phone\n1,30,030 1234567\n", "users.csv:2: column phone: \"030 1234567\" has no country code and the row has no country"),
        ("user_id,age,phone,country\n1,30,call me,DE\n", "users.csv:2: column phone: \"call me\" holds letters"),
        ("user_id,age,phone\n1,30,+49\n", "users.csv:2: column phone: \"+49\" has 2 digits after \"+\""),
        ("user_id,age,phone\n1,30,()\n", "users.csv:2: column phone: \"()\" has no digits"),
        ("user_id,age,date_of_birth\n1,30,1996-02-30\n", "users.csv:2: column date_of_birth: \"1996-02-30\" is not a date in the calendar"),
        ("user_id,age,date_of_birth\n1,30,30.01.1996\n", "users.csv:2: column date_of_birth: \"30.01.1996\" is not an ISO date YYYY-MM-DD"),
        ("user_id,age,date_of_birth\n1,0,2027-01-01\n", "users.csv:2: column date_of_birth: \"2027-01-01\" is after today (2026-12-07, UTC)"),
        ("user_id,age,date_of_birth\n1,50,1996-01-01\n", "users.csv:2: column date_of_birth: \"1996-01-01\" makes the user 30 today (2026-12-07, UTC), the row's age is 50"),
        ("user_id,age,city\n1,30,\"a\u{7}b\"\n", "users.csv:2: column city: \"a"),
        ("user_id,age,region\n1,30,\(String(repeating: "é", count: 201))\n", "users.csv:2: column region: \"éééé"),
        ("user_id,age,postal_code\n1,30,123456789012345678901\n", "users.csv:2: column postal_code: \"123456789012345678901\" is longer than 20 characters"),
        ("user_id,age\n1,a\n", "users.csv:2: column age: \"a\" is not an integer"),
        ("user_id,username\n1,a\n", "users.csv:1: missing column \"age\""),
    ]

    @Test(arguments: 0..<refused.count)
    func refusesNamingFileLineColumnAndValue(_ index: Int) throws {
        var fixture = try ImportFixture()
        fixture.users = "user_id,username,email,age\n1,ann,ann@example.com,30\n"
        fixture.likes = "user_id,subcategory,likes\n1,jazz,1\n"
        _ = try Self.importing(fixture)   // a warehouse to protect: the import below must leave it as it is
        let before = fileBytes(fixture.database)
        fixture.users = Self.refused[index].users
        let problems = try Self.refusal(fixture, append: true)
        #expect(problems.contains { $0.contains(Self.refused[index].expected) }, "\(problems)")
        #expect(fileBytes(fixture.database) == before)
    }

    /// A region longer than the schema allows is refused by its character count, not its bytes.
    @Test func placeLengthsCountCharacters() throws {
        #expect(try UserDemographics.place(String(repeating: "é", count: 200), "region", limit: 200) != nil)
        #expect(throws: ImportRowProblem.self) { try UserDemographics.place(String(repeating: "é", count: 201), "region", limit: 200) }
    }

    /// Every problem of the file is listed, each with its line.
    @Test func listsEveryProblem() throws {
        var fixture = try ImportFixture()
        fixture.users = "user_id,age,gender,country,phone\n1,30,f,DE,030 1\n2,30,q,DE,\n3,30,,ZZ,\n4,30,,,+4930123456\n"
        fixture.likes = "user_id,subcategory,likes\n4,jazz,1\n"
        let problems = try Self.refusal(fixture)
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.contains { $0.hasSuffix("users.csv:2: column phone: \"030 1\" has 5 digits after \"+\" in E.164 form, not 8 to 15") }, "\(problems)")
        #expect(problems.contains { $0.contains("users.csv:3: column gender: \"q\"") }, "\(problems)")
        #expect(problems.contains { $0.contains("users.csv:4: column country: \"ZZ\"") }, "\(problems)")
        #expect(!FileManager.default.fileExists(atPath: fixture.database))
    }

    /// A platform that exports ids only: the users import, segment, and the audience CSV has
    /// empty username and e-mail fields.
    @Test func idsOnlyImportsAndSegments() throws {
        var fixture = try ImportFixture()
        var users = "user_id,age\n", likes = "user_id,subcategory,likes\n"
        let subcategories = ["jazz", "folk", "crime", "poetry", "cruises"]
        for user in 1...60 {
            users += "\(user),\(18 + user % 50)\n"
            likes += "\(user),\(subcategories[user % 5]),\(1 + user % 7)\n\(user),\(subcategories[(user / 5) % 5]),1\n"
        }
        fixture.users = users
        fixture.likes = likes
        let summary = try Self.importing(fixture)
        #expect(summary.users == 60)
        let store = try WarehouseStore(path: fixture.database, mode: .mustExist)
        #expect(try store.connection.scalar("SELECT count(*) FROM users WHERE username IS NULL AND email IS NULL") == .integer(60))
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
        #expect(try store.connection.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = 1") == .integer(60))
        let members = try AssignmentsTable.members(run: 1, k: 3, segment: 1, maxDistance: nil, from: store)
        #expect(!members.isEmpty && members.allSatisfy { $0.contact.username == nil && $0.contact.email == nil })
        // Several users without a username or e-mail, and more appended: NULL is unique to no one.
        fixture.users = "user_id,username,email,age\n61,,,30\n62,,,31\n63,amy,,32\n"
        fixture.likes = "user_id,subcategory,likes\n61,jazz,1\n"
        #expect(try Self.importing(fixture, append: true).users == 3)
        let report = try CheckJob.run(path: fixture.database)
        #expect(report.passed, "\(report.checks.filter { !$0.passed })")
    }

    /// `--append`: a stored user is kept when every identity column the file has agrees; a column
    /// the file lacks is not compared.
    @Test func appendComparesTheColumnsTheFileHas() throws {
        var fixture = try ImportFixture()
        fixture.users = "user_id,username,email,age,country,phone\n1,ann,ann@example.com,30,DE,+49 30 1234567\n"
        fixture.likes = "user_id,subcategory,likes\n1,jazz,1\n"
        _ = try Self.importing(fixture)
        let before = fileBytes(fixture.database)
        fixture.likes = "user_id,subcategory,likes\n2,jazz,1\n"
        // The same values in other spellings: the same user, kept.
        fixture.users = "user_id,username,email,age,country,phone\n1,ann,ann@example.com,30,de,0301234567\n2,bo,,40,,\n"
        #expect(try Self.importing(fixture, append: true).keptUsers == 1)
        // Without the demographic columns: not compared, kept.
        fixture.users = "user_id,username,email,age\n1,ann,ann@example.com,30\n3,cy,,40\n"
        fixture.likes = "user_id,subcategory,likes\n3,jazz,1\n"
        #expect(try Self.importing(fixture, append: true).keptUsers == 1)
        let kept = fileBytes(fixture.database)
        // Another country, or a country where the warehouse has none: refused, naming the values.
        fixture.users = "user_id,username,email,age,country\n1,ann,ann@example.com,30,FR\n4,di,,40,\n"
        fixture.likes = "user_id,subcategory,likes\n4,jazz,1\n"
        let problems = try Self.refusal(fixture, append: true)
        #expect(problems.contains { $0.hasSuffix("users.csv:2: user_id 1 is already in the warehouse with other values (here username \"ann\", email \"ann@example.com\", country \"FR\"); --append keeps a stored user only when every one of username, email, gender, country, region, city, postal_code, phone, date_of_birth that users.csv has is the same") }, "\(problems)")
        fixture.users = "user_id,age,gender\n1,30,f\n"
        #expect(try Self.refusal(fixture, append: true).contains { $0.contains("(here gender \"female\")") })
        #expect(fileBytes(fixture.database) == kept && kept != before)
    }
}

import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseSupport
@testable import WarehouseTables

/// The customer lists' normalisations against the platforms' own worked examples, their layouts,
/// repeats by normalised value, and what an audience without identifiers or with a filter that
/// leaves nobody does. Expected digests are the platforms' published ones or `sha256sum`'s, never
/// our own SHA-256's.
@Suite struct CustomerListTests {
    private func country(_ code: String) throws -> Country { try #require(Country(code: code)) }

    /// Meta's "Customer Information Parameters" examples: input → normalised → SHA-256 as the page
    /// prints it (docs/audiences.md); `sha256sum` agrees with each printed digest.
    @Test func metaNormalisesItsDocumentedExamples() throws {
        let nfd = "Vale\u{301}ry"
        let examples: [(String?, String, String)] = [
            (Identifiers.email("John_Smith@gmail.com"), "john_smith@gmail.com", "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f"),
            (Identifiers.metaPhone("+1 (650) 555-1212"), "16505551212", "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176"),
            (Identifiers.metaName("Mary"), "mary", "6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec"),
            (Identifiers.metaName("정"), "정", "8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14"),
            (Identifiers.metaName("Valéry"), "valéry", "08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c"),
            (Identifiers.metaName(nfd), "valéry", "08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c"),
        ]
        let independent = try coreutilsSHA256(examples.map(\.1))
        for ((normalised, expected, digest), coreutils) in zip(examples, independent) {
            #expect(normalised == expected)
            #expect(coreutils == digest)
            #expect(normalised.map(SHA256.hex) == digest)
        }
        // Meta's rules without a printed digest: the help page's and the SDK's forms.
        #expect(Identifiers.metaPhone("+44 844 412 4653") == "448444124653")
        #expect(Identifiers.metaPhone("+4915112345678") == "4915112345678")
        #expect(Identifiers.metaName("O'Brien-Smith") == "obriensmith")
        #expect(Identifiers.metaCity("Menlo Park") == "menlopark" && Identifiers.metaCity("St. Louis") == "stlouis")
        #expect(Identifiers.metaState("California", country: try country("US")) == "ca")
        #expect(Identifiers.metaState(" ca ", country: try country("US")) == "ca")
        #expect(Identifiers.metaState("Nowhere", country: try country("US")) == nil)
        #expect(Identifiers.metaState("Bayern", country: try country("DE")) == "bayern")
        #expect(Identifiers.metaZip("94035-1234", country: try country("US")) == "94035")
        #expect(Identifiers.metaZip("SW1A 1AA", country: try country("GB")) == "sw1a1")
        #expect(Identifiers.metaZip("80331", country: try country("DE")) == "80331")
        #expect(Identifiers.metaCountry(try country("us")) == "us")
        #expect(Identifiers.metaBirth(.init(year: 1997, month: 2, day: 16)) == "19970216")
        #expect(Identifiers.metaBirth(.init(year: 2001, month: 11, day: 5)) == "20011105")
        #expect(Identifiers.metaGender(.female) == "f" && Identifiers.metaGender(.male) == "m")
        #expect(Identifiers.metaGender(.other) == nil && Identifiers.metaGender(nil) == nil)
        // Nothing left after normalisation is absent, not the digest of "".
        #expect(Identifiers.email("   ") == nil && Identifiers.metaName("'-.") == nil && Identifiers.metaPhone("+000") == nil)
    }

    /// Google's examples: the Customer Match e-mail digest of "example@gmail.com", E.164 phones,
    /// names as its template writes them ("zoë", "pérez"), Country and Zip as plain text.
    @Test func googleNormalisesItsDocumentedExamples() throws {
        let email = try #require(Identifiers.email(" Example@Gmail.com "))
        #expect(email == "example@gmail.com")
        #expect(try coreutilsSHA256([email]) == ["264e53d93759bde067fd01ef2698f98d1253c730d12f021116f02eebcfa9ace6"])
        #expect(Identifiers.googlePhone("+12125650000") == "+12125650000" && Identifiers.googlePhone("+442070313000") == "+442070313000")
        #expect(Identifiers.googleName(" Zoë ") == "zoë" && Identifiers.googleName("Pe\u{301}rez") == "pérez")
        #expect(Identifiers.googleCountry(try country("SG")) == "sg")
        #expect(Identifiers.googleZip("94303-5300", country: try country("US")) == "94303-5300")
        #expect(Identifiers.googleZip("94303", country: try country("US")) == "94303")
        #expect(Identifiers.googleZip("9430", country: try country("US")) == nil)
        #expect(Identifiers.googleZip(" WC2H 8LG ", country: try country("GB")) == "WC2H 8LG")
    }

    /// First word first name, last word last name; one word: a first name only.
    @Test func fullNamesSplitAtTheirFirstAndLastWords() {
        #expect(Identifiers.nameParts("Anna Schmidt") == ("Anna", "Schmidt"))
        #expect(Identifiers.nameParts("  Anna  Maria\tSchmidt ") == ("Anna", "Schmidt"))
        #expect(Identifiers.nameParts("Prince") == ("Prince", nil))
        #expect(Identifiers.nameParts("   ") == (nil, nil) && Identifiers.nameParts(nil) == (nil, nil))
    }

    /// Every column of both layouts, in order, hashed or not as the platform says, against
    /// `sha256sum` of values normalised by hand; absent identifiers are empty cells.
    @Test func layoutsHoldEveryIdentifierInTheDocumentedColumns() throws {
        let full = UserContact(username: "anna", fullName: "Anna Maria Schmidt", email: " Anna.Schmidt@Example.DE", phone: "+4915112345678",
                               city: "Bad Tölz", region: "Bayern", postalCode: "83646", country: try country("DE"),
                               dateOfBirth: .init(year: 1990, month: 7, day: 4), gender: .female)
        let phoneOnly = UserContact(phone: "+16505551212", country: try country("US"), gender: .other)
        let nameAndAddress = UserContact(fullName: "John Smith", postalCode: "94035-1234", country: try country("US"))
        let nothing = UserContact(username: "ghost", fullName: "Ghost")

        let meta = try #require(CustomerList.text([full, phoneOnly, nameAndAddress, nothing], format: .meta))
        let metaLines = meta.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(metaLines.first == "email,phone,fn,ln,ct,st,zip,country,dob,gen")
        #expect(meta.lines == 3 && meta.unmatchable == 1 && meta.repeats == 0 && metaLines.count == 5 && metaLines.last == "")
        let annaValues = ["anna.schmidt@example.de", "4915112345678", "anna", "schmidt", "badtölz", "bayern", "83646", "de", "19900704", "f"]
        #expect(metaLines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init) == (try coreutilsSHA256(annaValues)))
        let phoneCells = metaLines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(phoneCells == ["", try coreutilsSHA256(["16505551212"])[0], "", "", "", "", "", try coreutilsSHA256(["us"])[0], "", ""])
        let johnCells = metaLines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(johnCells == ["", ""] + (try coreutilsSHA256(["john", "smith"])) + ["", ""] + (try coreutilsSHA256(["94035", "us"])) + ["", ""])

        let google = try #require(CustomerList.text([full, phoneOnly, nameAndAddress, nothing], format: .google))
        let googleLines = google.text.split(separator: "\n").map(String.init)
        #expect(googleLines.first == "Email,Phone,First Name,Last Name,Country,Zip")
        #expect(google.lines == 3 && google.unmatchable == 1)
        #expect(googleLines[1] == (try coreutilsSHA256(["anna.schmidt@example.de", "+4915112345678", "anna", "schmidt"])).joined(separator: ",") + ",de,83646")
        #expect(googleLines[2] == "," + (try coreutilsSHA256(["+16505551212"]))[0] + ",,,us,")
        #expect(googleLines[3] == ",," + (try coreutilsSHA256(["john", "smith"])).joined(separator: ",") + ",us,94035-1234")
        // A name without country and zip is nothing Google (or this list) can match.
        let nameOnly = UserContact(fullName: "John Smith", country: try country("US"))
        #expect(CustomerList.text([nameOnly], format: .google)?.lines == 0)
        #expect(CustomerList.text([full], format: .csv) == nil)
        // An unhashed zip that begins with a formula character is a text cell.
        let hostile = UserContact(fullName: "A B", postalCode: "=1+1", country: try country("DE"))
        #expect(CustomerList.text([hostile], format: .google)?.text.hasSuffix(",de,\"'=1+1\"\n") == true)
    }

    /// One e-mail in NFC and in NFD (and another case, with spaces around it) is one person: one
    /// row, the NFC address's digest. A user with another e-mail but the same phone is another
    /// person (a household's landline); without e-mails, two users are one only when every
    /// identifier agrees.
    @Test func repeatsAreFoundByTheNormalisedValueThatIsHashed() throws {
        let nfc = "zo\u{EB}@example.com", nfd = " ZOE\u{308}@Example.com "
        #expect(nfc.unicodeScalars.count != nfd.unicodeScalars.count)
        let contacts = [UserContact(email: nfc, phone: "+4930123456"), UserContact(email: nfd),
                        UserContact(email: "other@example.com", phone: "+4930123456"), UserContact(email: "third@example.com"),
                        UserContact(fullName: "Ann Lee", phone: "+4930999999"), UserContact(fullName: "Ann Lee", phone: "+4930999999"),
                        UserContact(fullName: "Bo Lee", phone: "+4930999999")]
        for format in [AudienceFormat.meta, .google] {
            let list = try #require(CustomerList.text(contacts, format: format))
            let lines = list.text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
            #expect(list.lines == 5 && list.repeats == 2 && list.unmatchable == 0, "\(list)")
            #expect(Array(lines.prefix(3)) == (try coreutilsSHA256([nfc, "other@example.com", "third@example.com"])))
            #expect(lines.suffix(2) == ["", ""])
        }
    }
}

/// Lists and filters through `AudienceJob` and `InterestAudienceJob`, on a seeded warehouse whose
/// users get demographics by UPDATE (the seed leaves them NULL).
@Suite struct AudienceFilterTests {
    /// Ids, ages, genders and countries set by id so every combination occurs.
    private func store(in dir: TemporaryDirectory, users: Int = 1_200, days: Int = 0) throws -> (WarehouseStore, Int64) {
        let store = try seededStore(users: users, days: days, in: dir)
        let run = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        try store.connection.run("""
            UPDATE users SET gender = CASE id % 4 WHEN 0 THEN 'female' WHEN 1 THEN 'male' WHEN 2 THEN 'other' ELSE NULL END,
                             country = CASE id % 3 WHEN 0 THEN 'DE' WHEN 1 THEN 'FR' ELSE NULL END
            """)
        return (store, run.runID)
    }

    private func ids(_ path: String) throws -> [Int64] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().compactMap { Int64($0.split(separator: ",")[0]) }
    }

    /// A filtered audience is exactly the members the SQL filter selects, in the same order as
    /// the unfiltered one.
    @Test func filtersKeepExactlyTheUsersSQLSelects() throws {
        let dir = try TemporaryDirectory()
        let (store, run) = try store(in: dir)
        var configuration = AudienceJob.Configuration(segment: .number(1), out: dir.path("all.csv"))
        _ = try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        let everyone = try ids(dir.path("all.csv"))
        for (filter, condition) in [
            (UserFilter(ages: [25...34]), "u.age BETWEEN 25 AND 34"),
            (UserFilter(ages: [18...24, 55...150], genders: [.female, nil]), "(u.age BETWEEN 18 AND 24 OR u.age >= 55) AND (u.gender = 'female' OR u.gender IS NULL)"),
            (UserFilter(countries: [try #require(Country(code: "DE"))]), "u.country = 'DE'"),
            (UserFilter(ages: [25...44], genders: [.male], countries: [try #require(Country(code: "DE")), try #require(Country(code: "FR"))]),
             "u.age BETWEEN 25 AND 44 AND u.gender = 'male' AND u.country IN ('DE', 'FR')"),
        ] {
            configuration.filter = filter
            configuration.out = dir.path("f.csv")
            configuration.force = true
            let summary = try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
            let expected = Set(try store.connection.rows("""
                SELECT a.user_id FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id
                WHERE a.run_id = ? AND a.segment = 1 AND \(condition)
                """, [.integer(run)]).compactMap { $0[0].int64 })
            let written = try ids(dir.path("f.csv"))
            #expect(!expected.isEmpty && Set(written) == expected && written.count == expected.count, "\(filter)")
            #expect(summary.files.first?.users == expected.count && summary.filter == filter.description)
            #expect(written == everyone.filter(expected.contains))
            #expect(summary.render().contains(filter.description))
        }
    }

    /// A filter that leaves a segment empty is refused in one line naming it; nothing is written.
    @Test func aFilterThatLeavesNobodyWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let (store, _) = try store(in: dir, users: 600)
        for format in AudienceFormat.allCases {
            var configuration = AudienceJob.Configuration(segment: .number(2), out: dir.path("none.csv"))
            configuration.format = format
            configuration.filter = UserFilter(countries: [try #require(Country(code: "IS"))])
            let error = try #require(throws: WarehouseError.self) {
                try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
            }
            #expect(error.description.contains("has no users with --country IS") && !error.description.contains("\n"), "\(error)")
            configuration.segment = .all
            configuration.out = dir.path("nodir")
            let all = try #require(throws: WarehouseError.self) {
                try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
            }
            #expect(all.description.contains("--country IS"), "\(all)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).allSatisfy { !$0.hasPrefix("none") && $0 != "nodir" })
    }

    /// Members without any identifier are skipped and counted; when none has one, a customer list
    /// is refused in one line saying what is missing, and the CSV (empty e-mail cells) still works.
    @Test func anAudienceWithoutIdentifiersSaysWhatIsMissing() throws {
        let dir = try TemporaryDirectory()
        let (store, run) = try store(in: dir, users: 600)
        let members = try store.connection.rows("SELECT user_id FROM segment_assignments WHERE run_id = ? AND segment = 1 ORDER BY user_id",
                                                [.integer(run)]).compactMap { $0[0].int64 }
        #expect(members.count > 3)
        // Two members lose their e-mail, phone and name: left out, counted.
        try store.connection.run("UPDATE users SET email = NULL, phone = NULL, full_name = NULL WHERE id IN (?, ?)",
                                 [.integer(members[0]), .integer(members[1])])
        var configuration = AudienceJob.Configuration(segment: .number(1), out: dir.path("some.meta.csv"))
        configuration.format = .meta
        let some = try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        #expect(some.files.first?.unmatchable == 2 && some.files.first?.users == members.count - 2)
        #expect(some.render().contains("2 users left out: without an e-mail, a phone"), "\(some.render())")
        // Nobody in the segment has one.
        try store.connection.run("""
            UPDATE users SET email = NULL, username = NULL, full_name = NULL, phone = NULL
            WHERE id IN (SELECT user_id FROM segment_assignments WHERE run_id = ? AND segment = 1)
            """, [.integer(run)])
        for format in [AudienceFormat.meta, .google] {
            configuration.format = format
            configuration.out = dir.path("none.\(format.rawValue).csv")
            let error = try #require(throws: WarehouseError.self) {
                try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
            }
            #expect(error.description.contains("no user of segment 1") && error.description.contains("an e-mail, a phone")
                    && error.description.contains("--format csv") && !error.description.contains("\n"), "\(error)")
            #expect(!FileManager.default.fileExists(atPath: configuration.out))
        }
        configuration.format = .csv
        configuration.out = dir.path("plain.csv")
        let csv = try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        #expect(csv.files.first?.users == members.count)
        let line = try #require(try String(contentsOfFile: configuration.out, encoding: .utf8).split(separator: "\n").dropFirst().first)
        #expect(line.split(separator: ",", omittingEmptySubsequences: false)[1...2] == ["", ""])
    }

    /// The stored identifiers reach the list: one member's every column, from the database.
    @Test func aMembersStoredIdentifiersReachTheList() throws {
        let dir = try TemporaryDirectory()
        let (store, run) = try store(in: dir, users: 600)
        let member = try #require(try store.connection.scalar(
            "SELECT min(user_id) FROM segment_assignments WHERE run_id = ? AND segment = 1", [.integer(run)])?.int64)
        try store.connection.run("""
            UPDATE users SET full_name = 'José  García', email = 'Jose@Example.ES', phone = '+34600111222', city = 'San Sebastián',
                             region = 'Gipuzkoa', postal_code = '20001', country = 'ES', date_of_birth = '1985-12-01', gender = 'male'
            WHERE id = ?
            """, [.integer(member)])
        var configuration = AudienceJob.Configuration(segment: .number(1), out: dir.path("m.csv"))
        configuration.format = .meta
        _ = try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        let expected = try coreutilsSHA256(["jose@example.es", "34600111222", "josé", "garcía", "sansebastián", "gipuzkoa", "20001", "es",
                                            "19851201", "m"]).joined(separator: ",")
        #expect(try String(contentsOfFile: configuration.out, encoding: .utf8).split(separator: "\n").contains { $0 == expected })
        // A value outside its stored form is refused in one line, naming it.
        try store.connection.execute("PRAGMA ignore_check_constraints = ON")
        configuration.force = true
        for (column, value) in [("phone", "0049 123"), ("phone", "+0123456789"), ("country", "de"), ("country", "XK"), ("gender", "robot"),
                                ("date_of_birth", "1990-13-01"), ("date_of_birth", "19900101")] {
            try store.connection.run("UPDATE users SET phone = '+34600111222', country = 'ES', gender = 'male', date_of_birth = '1985-12-01' WHERE id = ?",
                                     [.integer(member)])
            try store.connection.run("UPDATE users SET \(column) = ? WHERE id = ?", [.text(value), .integer(member)])
            let error = try #require(throws: WarehouseError.self) {
                try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
            }
            #expect(error.description.contains("users.\(column) of user \(member)") && error.description.contains(value)
                    && !error.description.contains("\n"), "\(error)")
        }
    }

    /// `--interest` with a filter: every user chosen passes it, and "everyone" counts only them.
    @Test func interestAudiencesTakeTheFilter() throws {
        let dir = try TemporaryDirectory()
        let (store, _) = try store(in: dir, users: 1_500, days: 30)
        var configuration = InterestAudienceJob.Configuration(interest: SubcategoryChoice("football"), size: 100, out: dir.path("i.csv"))
        configuration.filter = UserFilter(genders: [.female])
        let summary = try InterestAudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        let female = Set(try store.connection.rows("SELECT id FROM users WHERE gender = 'female'").compactMap { $0[0].int64 })
        let chosen = try ids(dir.path("i.csv"))
        #expect(!chosen.isEmpty && chosen.allSatisfy(female.contains))
        #expect(summary.scoredUsers == female.count && summary.filter == "--gender female")
        configuration.filter = UserFilter(countries: [try #require(Country(code: "IS"))])
        configuration.out = dir.path("none.csv")
        let error = try #require(throws: WarehouseError.self) {
            try InterestAudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        }
        #expect(error.description.contains("no user passes --country IS"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("none.csv")))
    }
}

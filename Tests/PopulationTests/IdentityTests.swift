import Testing
@testable import Population

@Suite("Identities")
struct IdentityTests {
    static let reservedDomains: Set<Substring> = ["example.com", "example.org", "example.net"]

    @Test func usernamesAndEmailsAreUniqueASCIIOnReservedDomains() {
        let batch = Fixtures.largeSample
        #expect(Set(batch.usernames).count == batch.userCount)
        #expect(Set(batch.emails).count == batch.userCount)
        for (index, id) in batch.ids.enumerated() {
            let username = batch.usernames[index]
            let email = batch.emails[index]
            #expect(username.utf8.allSatisfy { $0 < 0x80 })
            #expect(email.utf8.allSatisfy { $0 < 0x80 })
            // The name part has no digits; the trailing digits are the id.
            #expect(String(username.reversed().prefix { $0.isNumber }.reversed()) == String(id))
            let parts = email.split(separator: "@")
            #expect(parts.count == 2)
            #expect(Self.reservedDomains.contains(parts[1]))
            #expect(parts[0].hasSuffix(String(id)))
            #expect(parts[0].dropLast(String(id).count).allSatisfy { ("a"..."z").contains($0) || $0 == "." || $0 == "_" })
        }
        let domains = Set(batch.emails.compactMap { $0.split(separator: "@").last })
        #expect(domains == Self.reservedDomains)
    }

    @Test func fullNamesAreDisplayFormWithUnicode() {
        let names = Fixtures.mediumSample.fullNames
        #expect(names.allSatisfy { $0.split(separator: " ").count >= 2 })
        let nonASCII = names.filter { !$0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(Double(nonASCII.count) / Double(names.count) > 0.1, "\(nonASCII.count) non-ASCII names")
        #expect(Set(names).count > 5_000)
    }

    @Test func usernamePatternsAreAllUsed() {
        let batch = Fixtures.mediumSample
        #expect(batch.usernames.contains { $0.contains(".") })
        #expect(batch.usernames.contains { $0.contains("_") })
        #expect(batch.usernames.contains { !$0.contains(".") && !$0.contains("_") })
    }

    @Test func handlePatternsBuildFakerLikeHandles() {
        let identities = IdentityGenerator(cultures: [NameCulture(name: "test", weight: 1, firstNames: ["Zoë"], lastNames: ["O'Brien"])])
        var seen: Set<String> = []
        var generator = SplitMixForTests.make(50)
        for _ in 0..<300 {
            let identity = identities.identity(id: 42, using: &generator)
            #expect(identity.fullName == "Zoë O'Brien")
            seen.insert(identity.username)
        }
        #expect(seen == ["zoe.obrien42", "zobrien42", "obrienzoe42", "zoe_o42", "zoeobrien42", "zoe42", "obrien.z42"])
    }

    @Test func foldingMapsDiacriticsToASCII() {
        let cases: [(String, String)] = [
            ("José", "jose"), ("Zoë", "zoe"), ("Müller", "muller"), ("Søren", "soren"), ("Łukasz", "lukasz"),
            ("Çelik", "celik"), ("Nguyễn", "nguyen"), ("İbrahim", "ibrahim"), ("Yılmaz", "yilmaz"),
            ("Guðmundsdóttir", "gudmundsdottir"), ("Þóra", "thora"), ("Weiß", "weiss"), ("O'Brien", "obrien"),
            ("De la Cruz", "delacruz"), ("Al-Farsi", "alfarsi"), ("Đặng", "dang"), ("Ōta", "ota"),
            ("Adébáyọ̀", "adebayo"), ("Min-jun", "minjun"),
        ]
        for (name, folded) in cases {
            #expect(ASCIIFolding.fold(name) == folded, "\(name)")
        }
        #expect(ASCIIFolding.fold("名前") == nil)
    }

    /// Every embedded name folds to at least one ASCII letter, and the lists are large and varied.
    @Test func nameListsFoldAndAreLarge() {
        var firstNames = 0
        var lastNames = 0
        var nonASCII = 0
        for culture in NameLists.cultures {
            #expect(culture.firstNames.count >= 20 && culture.lastNames.count >= 20, "\(culture.name)")
            #expect(Set(culture.firstNames).count == culture.firstNames.count, "\(culture.name) duplicate first names")
            #expect(Set(culture.lastNames).count == culture.lastNames.count, "\(culture.name) duplicate last names")
            for name in culture.firstNames + culture.lastNames {
                let folded = ASCIIFolding.fold(name) ?? ""
                #expect(!folded.isEmpty, "\(name)")
                if !name.utf8.allSatisfy({ $0 < 0x80 }) { nonASCII += 1 }
            }
            firstNames += culture.firstNames.count
            lastNames += culture.lastNames.count
        }
        #expect(NameLists.cultures.count == 16)
        #expect(abs(NameLists.cultures.map(\.weight).reduce(0, +) - 1) < 1e-9)
        #expect(firstNames >= 400 && lastNames >= 400, "\(firstNames) first, \(lastNames) last names")
        #expect(nonASCII >= 100)
    }

    @Test func decimalDigits() {
        #expect(IdentityGenerator.decimalDigitCount(0) == 1)
        #expect(IdentityGenerator.decimalDigitCount(9) == 1)
        #expect(IdentityGenerator.decimalDigitCount(10) == 2)
        #expect(IdentityGenerator.decimalDigitCount(1_000_000) == 7)
        #expect(IdentityGenerator.decimalDigitCount(.max) == 19)
    }
}

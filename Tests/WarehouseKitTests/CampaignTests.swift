import WarehouseSupport
import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `sha256sum` (GNU coreutils) of `text`'s UTF-8 bytes: an implementation independent of ours.
func coreutilsSHA256(_ texts: [String]) throws -> [String] {
    try texts.map { text in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "Examples with Intermediate Values", SHA-256) and the
    /// million-"a" message of FIPS 180-2 appendix B.3.
    @Test func matchesTheNISTExamples() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        var million = SHA256()
        million.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(SHA256.hexadecimal(million.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Google's own example of a hashed Customer Match e-mail (docs/audiences.md).
    @Test func matchesGooglesDocumentedExample() {
        #expect(SHA256.hex("example@gmail.com") == "264e53d93759bde067fd01ef2698f98d1253c730d12f021116f02eebcfa9ace6")
    }

    /// Every length around the padding boundaries (55, 56, 63, 64, 65 …), fed at once and byte by
    /// byte, against sha256sum.
    @Test func agreesWithCoreutilsAcrossBlockBoundaries() throws {
        let lengths = [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000]
        let texts = lengths.map { length in String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) }) } + ["zoë@exämple.com"]
        let expected = try coreutilsSHA256(texts)
        for (text, want) in zip(texts, expected) {
            #expect(SHA256.hex(text) == want, "length \(text.utf8.count)")
            var piecewise = SHA256()
            for byte in text.utf8 { piecewise.update([byte]) }
            #expect(SHA256.hexadecimal(piecewise.finalize()) == want)
        }
    }
}

@Suite struct SegmentNameTests {
    @Test func everyNewRunGetsUniqueGeneratedNamesThatAreStable() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, in: dir)
        let first = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 6))
        let second = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 6))
        #expect(first.segmentNames.count == 6)
        #expect(Set(first.segmentNames.map { $0.name.lowercased() }).count == 6)
        #expect(first.segmentNames.allSatisfy { $0.source == "generated" && !$0.description.isEmpty && $0.name.contains(", ") })
        // The same data and settings give the same names; reading them again changes nothing.
        #expect(first.segmentNames.map(\.name) == second.segmentNames.map(\.name))
        let stored = try SegmentNaming.names(run: first.runID, k: 6, store: store)
        #expect(stored == first.segmentNames)
        #expect(try store.connection.scalar("SELECT count(*) FROM segment_names WHERE run_id = ?", [.integer(first.runID)]) == .integer(6))
        // A run from before names existed gets the same names, generated on demand.
        try store.connection.execute("DELETE FROM segment_names WHERE run_id = \(first.runID)")
        #expect(try SegmentNaming.names(run: first.runID, k: 6, store: store).map(\.name) == stored.map(\.name))
        // Descriptions carry the numbers.
        let description = stored[0].description
        #expect(description.contains("users (") && description.contains("over-likes") && description.contains("index"))
    }

    @Test func namesAreDisambiguatedDeterministically() {
        let segments = (1...3).map { RunTables.Segment(segment: $0, users: 100, share: 1.0 / 3, meanAge: 30, meanLikedPosts: 10, topCategory: nil) }
        // Three segments over-liking the same two subcategories; the third has no third interest.
        let profiles = (1...3).flatMap { segment in
            [RunTables.Profile(segment: segment, subcategoryID: 1, meanLikes: 1, share: 0.5, lift: 3, usersLiking: 90),
             RunTables.Profile(segment: segment, subcategoryID: 2, meanLikes: 1, share: 0.3, lift: 2, usersLiking: 90)]
            + (segment == 2 ? [RunTables.Profile(segment: 2, subcategoryID: 3, meanLikes: 1, share: 0.2, lift: 1.5, usersLiking: 90)] : [])
        }
        let inputs = SegmentNaming.Inputs(segments: segments, profiles: profiles, subcategoryNames: [1: "football", 2: "tennis", 3: "golf"],
                                          ageCounts: [[0, 50, 50, 0, 0, 0, 0], [0, 50, 50, 0, 0, 0, 0], [0, 50, 50, 0, 0, 0, 0]])
        // Every segment is half 18-24, half 25-34: no single group holds more than half, the two joined do.
        let names = SegmentNaming.generate(inputs, taken: [:])
        #expect(names == [1: "Football & tennis fans, 18–34", 2: "Football, tennis & golf fans, 18–34",
                          3: "Football & tennis fans, 18–34 (segment 3)"])
        // A user's name is never taken by a generated one.
        let taken = [1: SegmentNamesTable.Stored(segment: 1, name: "football & TENNIS fans, 18–34", source: "user")]
        #expect(SegmentNaming.generate(inputs, taken: taken)[2] == "Football, tennis & golf fans, 18–34")
        #expect(SegmentNaming.generate(inputs, taken: taken)[3] == "Football & tennis fans, 18–34 (segment 3)")
        // Hand-edited, very long subcategory names still give names the table accepts (≤ 80), still unique.
        let long = SegmentNaming.Inputs(segments: segments, profiles: profiles,
                                        subcategoryNames: [1: String(repeating: "f", count: 70), 2: String(repeating: "t", count: 70), 3: "golf"],
                                        ageCounts: inputs.ageCounts)
        let fitted = SegmentNaming.generate(long, taken: [:])
        #expect(fitted.values.allSatisfy { $0.unicodeScalars.count <= 80 } && Set(fitted.values).count == 3)
    }

    @Test func renamingRefusesBadNamesInOneLine() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 800, in: dir)
        let run = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let renamed = try NameJob.run(store: store, run: .latest, rename: .init(segment: .number(2), name: "  Weekend athletes "))
        #expect(renamed.segments[1].name == "Weekend athletes" && renamed.segments[1].source == "user")
        #expect(renamed.previousName == run.segmentNames[1].name)
        // By name, ignoring case.
        _ = try NameJob.run(store: store, run: .latest, rename: .init(segment: .name("weekend ATHLETES"), name: "Weekend warriors"))
        #expect(try SegmentNaming.names(run: run.runID, k: 4, store: store)[1].name == "Weekend warriors")
        let cases: [(RunSelector, SegmentChoice, String, String)] = [
            (.id(9), .number(1), "x", "no segmentation run '9'"),
            (.latest, .number(7), "x", "has no segment 7"),
            (.latest, .name("nobody"), "x", "no segment named 'nobody'"),
            (.latest, .number(1), "   ", "the segment name is empty"),
            (.latest, .number(1), "weekend warriors", "segment 2 of run 1 is already named 'Weekend warriors'"),
            (.latest, .number(1), String(repeating: "x", count: 81), "is 81 characters, more than 80"),
            (.latest, .number(1), "a\u{1B}[2Jb", "contains the control character U+1B"),
        ]
        for (selector, segment, name, message) in cases {
            let error = try #require(throws: WarehouseError.self) { try NameJob.run(store: store, run: selector, rename: .init(segment: segment, name: name)) }
            #expect(error.description.contains(message), "\(error)")
            #expect(!error.description.contains("\n"))
        }
        // Nothing changed by the refusals.
        #expect(try SegmentNaming.names(run: run.runID, k: 4, store: store)[0].name == run.segmentNames[0].name)
    }
}

@Suite struct AudienceTests {
    @Test func csvAndHashedListsHoldTheSegmentsUsersWithIndependentlyCheckedHashes() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_000, in: dir)
        let run = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let member = try #require(try store.connection.scalar(
            "SELECT min(user_id) FROM segment_assignments WHERE run_id = ? AND segment = 1", [.integer(run.runID)])?.int64)
        try store.connection.run("UPDATE users SET email = ? WHERE id = ?", [.text("  Mixed.Case@Example.COM\t"), .integer(member)])
        let expected = try store.connection.rows(
            "SELECT u.id, u.email FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id WHERE a.run_id = ? AND a.segment = 1",
            [.integer(run.runID)])
        let emails = Dictionary(uniqueKeysWithValues: expected.compactMap { row -> (Int64, String)? in
            guard let id = row[0].int64, case .text(let email) = row[1] else { return nil }
            return (id, email)
        })

        var configuration = AudienceJob.Configuration(segment: .number(1), out: dir.path("a.csv"))
        let csv = try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        #expect(csv.files.first?.users == emails.count)
        let lines = try String(contentsOfFile: dir.path("a.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "user_id,username,email,segment,segment_name,distance")
        let ids = Set(lines.dropFirst().compactMap { Int64($0.split(separator: ",").first ?? "") })
        #expect(ids == Set(emails.keys))

        for (format, header) in [(AudienceFormat.meta, "email,phone,fn,ln,ct,st,zip,country,dob,gen"),
                                 (.google, "Email,Phone,First Name,Last Name,Country,Zip")] {
            configuration.format = format
            configuration.out = dir.path("\(format.rawValue).csv")
            _ = try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
            let listLines = try String(contentsOfFile: configuration.out, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(listLines.first == header)
            // The e-mail is the first column of both layouts.
            let hashed = listLines.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
            #expect(hashed.dropFirst().allSatisfy { $0.count == 64 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
            // sha256sum of the normalised e-mails, in the file's order (nearest first).
            let order = lines.dropFirst().compactMap { Int64($0.split(separator: ",").first ?? "") }
            let normalised = order.compactMap { emails[$0] }.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
            #expect(normalised.contains("mixed.case@example.com"))
            #expect(Array(hashed.dropFirst()) == (try coreutilsSHA256(normalised)))
        }
    }

    @Test func refusesExistingFilesEmptyAudiencesAndWritesOneFilePerSegment() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 800, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let path = dir.path("a.csv")
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        var configuration = AudienceJob.Configuration(segment: .number(1), out: path)
        let exists = try #require(throws: WarehouseError.self) { try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration) }
        #expect(exists.description.contains("--force") && !exists.description.contains("\n"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        configuration.force = true
        _ = try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("user_id,"))

        var empty = AudienceJob.Configuration(segment: .number(2), out: dir.path("empty.csv"))
        empty.maxDistance = 0
        let none = try #require(throws: WarehouseError.self) { try AudienceJob.run(store: store, databasePath: store.path, configuration: empty) }
        #expect(none.description.contains("has no users within --max-distance") && !none.description.contains("\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("empty.csv")))

        var all = AudienceJob.Configuration(segment: .all, out: dir.path("lists"))
        all.format = .google
        let summary = try AudienceJob.run(store: store, databasePath: store.path, configuration: all)
        #expect(summary.files.map(\.segment) == [1, 2, 3, 4])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path("lists")).sorted()
        #expect(files == (1...4).map { "run1-segment\($0).google.csv" })
        // No temporary files are left beside them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("")).allSatisfy { !$0.hasSuffix(".tmp") })
    }
}

@Suite struct LookalikeTests {
    @Test func isTheNearestOutsidersByBruteForce() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_200, in: dir)
        let run = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let components = run.pca.componentCount
        let target = 2
        var configuration = LookalikeJob.Configuration(segment: .number(target), size: 150, out: dir.path("l.csv"))
        let summary = try LookalikeJob.run(store: store, databasePath: store.path, configuration: configuration)
        #expect(summary.users == 150 && summary.chosen.count == 150)

        // Brute force from the tables, independently of the job's queries.
        let centroid = try store.connection.rows(
            "SELECT value FROM segment_centroids WHERE run_id = ? AND segment = ? ORDER BY component", [.integer(run.runID), .integer(Int64(target))])
            .compactMap { $0[0].double }
        #expect(centroid.count == components)
        var scores: [Int64: [Double]] = [:]
        for row in try store.connection.rows("SELECT user_id, score FROM pca_scores WHERE run_id = ? ORDER BY user_id, component", [.integer(run.runID)]) {
            if let user = row[0].int64, let score = row[1].double { scores[user, default: []].append(score) }
        }
        var segmentOf: [Int64: Int64] = [:]
        for row in try store.connection.rows("SELECT user_id, segment FROM segment_assignments WHERE run_id = ?", [.integer(run.runID)]) {
            if let user = row[0].int64, let segment = row[1].int64 { segmentOf[user] = segment }
        }
        let outsiders = scores.filter { segmentOf[$0.key] != Int64(target) }.map { user, point in
            (user: user, distance: zip(point, centroid).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot())
        }
        let chosen = Set(summary.chosen.map(\.userID))
        // Everyone in it is outside the segment, and no outsider left out is closer than the farthest chosen.
        #expect(summary.chosen.allSatisfy { segmentOf[$0.userID] != Int64(target) && $0.segment != target })
        let farthest = try #require(summary.chosen.map(\.distance).max())
        let closerLeftOut = outsiders.filter { !chosen.contains($0.user) && $0.distance < farthest - 1e-12 }
        #expect(closerLeftOut.isEmpty, "\(closerLeftOut.prefix(3))")
        for candidate in summary.chosen {
            let brute = try #require(outsiders.first { $0.user == candidate.userID })
            #expect(abs(brute.distance - candidate.distance) < 1e-9)
        }
        #expect(summary.chosen.map(\.distance) == summary.chosen.map(\.distance).sorted())
        // The file: header and one line per user.
        let lines = try String(contentsOfFile: dir.path("l.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "user_id,username,email,own_segment,own_segment_name,distance_to_segment_2" && lines.count == 151)

        // Asking for more than exist writes every outsider.
        configuration.size = 1_000_000
        configuration.force = true
        let everyone = try LookalikeJob.run(store: store, databasePath: store.path, configuration: configuration)
        #expect(everyone.users == outsiders.count && everyone.candidates == outsiders.count)
    }
}

/// `audience --min-probability`: a latent-class run's members at least that sure of their
/// segment, with the probability column; a k-means run has none to filter on.
@Suite struct AudienceProbabilityTests {
    @Test func aLatentClassAudienceKeepsOnlyConfidentMembersAndSaysHowConfident() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, in: dir)
        let kmeans = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        var configuration = quickSegmentation()
        configuration.method = .latentClass
        let latent = try SegmentationJob.run(store: store, configuration: configuration)

        var audience = AudienceJob.Configuration(segment: .number(1), out: dir.path("sure.csv"))
        audience.run = .id(latent.runID)
        audience.minProbability = 0.9
        let summary = try AudienceJob.run(store: store, databasePath: store.path, configuration: audience)
        let lines = try String(contentsOfFile: dir.path("sure.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "user_id,username,email,segment,segment_name,distance,probability")
        let probabilities = lines.dropFirst().compactMap { Double($0.split(separator: ",").last ?? "") }
        #expect(probabilities.count == summary.files.first?.users && !probabilities.isEmpty)
        #expect(probabilities.allSatisfy { $0 >= 0.9 && $0 <= 1 })
        let expected = try store.connection.scalar(
            "SELECT count(*) FROM segment_assignments WHERE run_id = ? AND segment = 1 AND probability >= 0.9",
            [.integer(latent.runID)])?.int64
        #expect(expected == Int64(probabilities.count))

        audience.run = .id(kmeans.runID)
        audience.out = dir.path("kmeans.csv")
        let error = try #require(throws: WarehouseError.self) {
            try AudienceJob.run(store: store, databasePath: store.path, configuration: audience)
        }
        #expect(error.description.contains("has no membership probabilities"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("kmeans.csv")))
        audience.minProbability = 1.5
        #expect(throws: WarehouseError.self) { try audience.validate() }
    }
}

import Foundation
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `recommend` on a warehouse whose interest is ratings, not likes (an import of `rate` events,
/// a rating ≥ 4 is interest): "new to the user" must mean no rating ≥ 4 up to the run's as-of
/// (`AlreadyEngaged`), not "no `like` row", of which such a warehouse has none.
@Suite struct RecommendRatingsTests {
    /// 20 music fans (jazz 5 three times, folk 4) and 20 book fans (crime 5 three times, poetry 4),
    /// rated before `asOf`: the 5s about 100,000 s before it, the 4s 1,000–1,040 s before. User 1
    /// rated folk 2 (below the rule) instead of 4, and crime 5 after `asOf`.
    static let asOf: Int64 = 1_700_100_000

    static func fixture() throws -> EventsFixture {
        var fixture = try EventsFixture()
        fixture.users = "user_id,age\n" + (1...40).map { "\($0),30\n" }.joined()
        var events = "user_id,kind,timestamp,subcategory,value\n"
        for user in 1...40 {
            let (loved, liked) = user <= 20 ? ("jazz", "folk") : ("crime", "poetry")
            for repeat_ in 0..<3 { events += "\(user),rate,\(1_700_000_000 + user * 10 + repeat_),\(loved),5\n" }
            events += "\(user),rate,\(asOf - 1_000 - Int64(user)),\(liked),\(user == 1 ? 2 : 4)\n"
        }
        events += "1,rate,\(asOf + 1_000),crime,5\n"
        fixture.events = events
        try fixture.run()
        return fixture
    }

    static func suggestions(_ store: WarehouseStore, user: Int64, includeLiked: Bool = false) throws -> [String] {
        var options = RecommendOptions(userID: user)
        options.top = 4
        options.includeLiked = includeLiked
        return try RecommendJob.run(store: store, options: options).suggestions.map(\.name)
    }

    /// `recommend --all --top top`'s rows (user_id, rank, subcategory_id, subcategory, score, basis),
    /// written into `dir`.
    static func allRows(_ store: WarehouseStore, top: Int, in dir: TemporaryDirectory) throws -> [[String]] {
        var all = RecommendOptions(userID: nil)
        all.all = true
        all.top = top
        all.out = dir.path("all.csv")
        _ = try RecommendAllJob.run(store: store, options: all, threads: 2)
        return try String(contentsOfFile: dir.path("all.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
    }

    /// (window length, half-life) of the run: all time; a half-life (engagement from the same
    /// read's undecayed sums); a 12-hour window that leaves the 5s out (a read of their own).
    static let windows: [(seconds: Int64?, halfLife: Int64?)] = [(nil, nil), (nil, 30 * 86_400), (43_200, nil)]

    @Test(arguments: 0..<windows.count)
    func aGenreRatedFourOrMoreBeforeTheRunIsNotNewButOneRatedLowerOrLaterIs(window: Int) throws {
        let fixture = try Self.fixture()
        let store = try WarehouseStore(path: fixture.database, mode: .mustExist)
        var configuration = quickSegmentation(k: 2)
        configuration.window = WindowRequest(asOf: Self.asOf, windowSeconds: Self.windows[window].seconds,
                                             halfLifeSeconds: Self.windows[window].halfLife, weights: [.init(kind: "rate", weight: 1)])
        _ = try SegmentationJob.run(store: store, configuration: configuration)

        if Self.windows[window].seconds == nil {
            // The model puts each user's own genre first when it may.
            #expect(try Self.suggestions(store, user: 1, includeLiked: true).first == "jazz")
            #expect(try Self.suggestions(store, user: 21, includeLiked: true).first == "crime")
        }
        // New interests: user 1's folk (rated 2) and crime (rated after the run's as-of) are new; jazz is not.
        #expect(Set(try Self.suggestions(store, user: 1)) == ["folk", "crime", "poetry"])
        #expect(Set(try Self.suggestions(store, user: 21)) == ["jazz", "folk"])
        #expect(Set(try Self.suggestions(store, user: 2)) == ["crime", "poetry"])

        // `--all` leaves out the same interests for every user.
        let dir = try TemporaryDirectory()
        let rows = try Self.allRows(store, top: 4, in: dir)
        for user in [Int64(1), 2, 21, 40] {
            let fromFile = rows.filter { $0[0] == String(user) }.map { $0[3] }
            #expect(fromFile == (try Self.suggestions(store, user: user)), "user \(user)")
        }
    }

    /// A run that counts likes alone needs no read of the interactions before its window: the
    /// all-time likes hold them. `--all` (which then skips that read) still leaves out what
    /// `--user` (which reads it) leaves out, on a seeded run with a 30-day window.
    @Test func aLikesOnlyWindowNeedsNoSecondReadAndAgreesWithOneUser() throws {
        #expect(AlreadyEngaged.isInTheLikes(InteractionWindow(asOf: 0)))
        #expect(AlreadyEngaged.isInTheLikes(InteractionWindow(asOf: 0, weights: [.init(kind: "like", weight: 1), .init(kind: "comment", weight: 0)])))
        #expect(!AlreadyEngaged.isInTheLikes(InteractionWindow(asOf: 0, weights: [.init(kind: "rate", weight: 1)])))
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, days: 120, in: dir)
        var configuration = quickSegmentation(k: 3)
        configuration.window = WindowRequest(asOf: nil, windowSeconds: 30 * 86_400, halfLifeSeconds: nil, weights: [.init(kind: "like", weight: 1)])
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        let rows = try Self.allRows(store, top: 5, in: dir)
        for user in [Int64(1), 7, 100, 333, 600] {
            var one = RecommendOptions(userID: user)
            one.top = 5
            let fromFile = rows.filter { $0[0] == String(user) }.map { $0[3] }
            #expect(fromFile == (try RecommendJob.run(store: store, options: one).suggestions.map(\.name)), "user \(user)")
        }
    }
}

import Foundation
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// Issue 23's small things, from the inside: the report says a run's current members beside its
/// fit-time sizes once `assign` placed more, and `compare` suggests `--align-to` only where a new
/// run like B could take it.
@Suite struct SmallThingsTests {
    @Test func theReportGivesTheMembersNowBesideTheFitTimeSizes() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 900, seed: 5, in: dir)
        let run = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
        let before = try ReportJob.run(store: store)
        #expect(!before.html.contains("note-members-since-fit"), "nothing was assigned yet")

        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 120, seed: 5, append: true, days: 0))
        let assigned = try AssignJob.run(store: store, run: .latest, threads: 2)
        #expect(assigned.assigned > 0)
        let html = try ReportJob.run(store: store).html
        let note = try #require(html.components(separatedBy: "id=\"note-members-since-fit\"").dropFirst().first?
            .components(separatedBy: "</div>").first)
        // The fit's count, the users placed since, and each segment's members now, as stored.
        #expect(note.contains("(\(Format.plural(run.users, "user")))"), "\(note)")
        #expect(note.contains("placed \(Format.plural(assigned.assigned, "more user"))"), "\(note)")
        for segment in 1...3 {
            let now = try AssignmentsTable.segmentSize(run: run.runID, segment: segment, from: store)
            #expect(note.contains("\(segment): \(Format.count(now))"), "segment \(segment): \(note)")
        }
        // The stored fit-time sizes did not move.
        #expect(try store.connection.scalar("SELECT sum(users) FROM segments WHERE run_id = ?", [.integer(run.runID)])
                == .integer(Int64(run.users)))
    }

    @Test func compareSuggestsAlignToOnlyForARunThatCanTakeIt() {
        // Segments swapped between the runs: numbered differently.
        let overlap = SegmentOverlap([1, 1, 1, 2, 2], k: 2, [2, 2, 2, 1, 1], k: 2)
        var summary = CompareSummary(runA: 1, runB: 2, usersA: 5, usersB: 5, overlap: overlap, namesA: [], namesB: [])
        #expect(!summary.numbersAgree)
        #expect(summary.render().contains("--align-to 1"))
        summary.runBIsLatentClass = true
        let text = summary.render()
        #expect(!text.contains("`run-segmentation --align-to"), "\(text)")
        #expect(text.contains("run 2 is latent-class"), "\(text)")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }
}

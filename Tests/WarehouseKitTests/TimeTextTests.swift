import Testing
@testable import WarehouseTables

@Suite struct TimeTextTests {
    static func moment(_ text: String, bareDate: TimeText.BareDate = .endOfDay) -> Int64? {
        if case .success(let value) = TimeText.moment(text, bareDate: bareDate) { return value }
        return nil
    }

    @Test func momentsInEveryAcceptedForm() {
        #expect(Self.moment("1796083199") == 1_796_083_199)
        #expect(Self.moment("2026-11-30T23:59:59Z") == 1_796_083_199)
        #expect(Self.moment("2026-11-30 23:59:59z") == 1_796_083_199)
        #expect(Self.moment("2026-12-01T01:59:59+02:00") == 1_796_083_199)
        #expect(Self.moment("2026-11-30T18:59:59-0500") == 1_796_083_199)
        #expect(Self.moment("2026-11-30T23:59:59.75Z") == 1_796_083_199)
        #expect(Self.moment("2026-11-30T23:59Z") == 1_796_083_140)
        // A date is the end of that day.
        #expect(Self.moment("2026-11-30") == 1_796_083_199)
        #expect(Self.moment("1970-01-01T00:00:00Z") == 0)
    }

    @Test(arguments: [
        ("", "is empty"), ("yesterday", "is not a moment"), ("2026-02-30", "does not have"),
        ("2026-11-30T23:59:59", "has no zone"), ("2026-11-30T24:00:00Z", "does not exist"),
        ("1969-12-31T23:59:59Z", "outside"), ("10000-01-01", "is not a moment"), ("99999999999999", "outside"),
        ("2026-11-30T23:59:59+25:00", "does not exist"), ("2026-11-30T23:59:59Zjunk", "is not a moment"),
    ])
    func badMomentsAreRefusedWithTheReason(text: String, reason: String) {
        guard case .failure(let problem) = TimeText.moment(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(problem.description.contains(reason), "\(text): \(problem)")
    }

    @Test func aBareDateCanBeRefused() {
        #expect(Self.moment("2026-11-30", bareDate: .refused) == nil)
    }

    @Test func durations() {
        #expect(TimeText.duration("90d") == Int64(90 * 86_400))
        #expect(TimeText.duration("36h") == Int64(36 * 3_600))
        #expect(TimeText.duration("36500d") == Int64(36_500) * 86_400)
        for bad in ["0d", "90", "d", "-3d", "1.5d", "36501d", "9999999999d", "90 d", "90w"] {
            #expect(TimeText.duration(bad) == nil, "\(bad)")
        }
        #expect(TimeText.durationText(90 * 86_400) == "90d")
        #expect(TimeText.durationText(36 * 3_600) == "36h")
    }

    @Test func weights() throws {
        let parsed = try InteractionWindow.parseWeights("like=1, comment=3,share=5,search=2.5")
        #expect(parsed.map(\.kind) == ["like", "comment", "share", "search"])
        #expect(parsed.map(\.weight) == [1, 3, 5, 2.5])
        let window = InteractionWindow(asOf: 0, weights: parsed)
        #expect(window.weightsJSON == #"{"comment":3,"like":1,"search":2.5,"share":5}"#)
        #expect(RunWindowsTable.parseWeightsJSON(window.weightsJSON)?.sorted { $0.kind < $1.kind } == parsed.sorted { $0.kind < $1.kind })
        #expect(!window.givesWholeCounts)
        for (bad, reason) in [("like", "kind=weight"), ("like=-1", "from 0"), ("like=nan", "from 0"), ("like=inf", "from 0"),
                              ("like=1,like=2", "twice"), ("like=0", "positive"), ("=1", "kind=weight"), ("like=2e6", "from 0")] {
            let error = #expect(throws: WarehouseError.self) { try InteractionWindow.parseWeights(bad) }
            #expect(error.map { String(describing: $0).contains(reason) } == true, "\(bad): \(String(describing: error))")
        }
    }
}

import Foundation
import TestSupport
import Testing
@testable import WarehouseKit
import WarehouseTables

/// The spill an unordered events file goes through: runs written, merged back in the table's key
/// order, equal keys numbered again across runs as one sort of all the rows numbers them.
@Suite struct EventSpillTests {
    private static func row(day: Int32, user: Int64, second: Int32, kind: Int32 = 1, value: Double = .nan, keyword: Int32 = -1) -> ImportedInteraction {
        ImportedInteraction(day: day, second: second, kind: kind, keyword: keyword, user: user, subcategory: 3, item: 0, value: value)
    }

    @Test func mergedRunsComeBackInKeyOrderWithOrdinalsOfOneSort() throws {
        let dir = try TemporaryDirectory()
        var first = [Self.row(day: 5, user: 2, second: 10), Self.row(day: 1, user: 9, second: 0, keyword: 0),
                     Self.row(day: 5, user: 2, second: 10, value: 4), Self.row(day: 3, user: 1, second: 7)]
        var second = [Self.row(day: 5, user: 2, second: 10), Self.row(day: 1, user: 9, second: 0, keyword: 0),
                      Self.row(day: 2, user: 4, second: 1), Self.row(day: 5, user: 2, second: 10, value: 3)]
        let firstKeywords = ["zebra"], secondKeywords = ["apple"]
        ImportJob.sortAndNumber(&first, keywords: firstKeywords)
        ImportJob.sortAndNumber(&second, keywords: secondKeywords)
        var all = first.map { ($0, $0.keyword >= 0 ? firstKeywords[Int($0.keyword)] : nil) }
            + second.map { ($0, $0.keyword >= 0 ? secondKeywords[Int($0.keyword)] : nil) }
        // One sort of all the rows, for the expected order and ordinals.
        var expected = all.map(\.0)
        var texts: [String] = []
        for index in expected.indices {
            if let text = all[index].1 { expected[index].keyword = Int32(texts.count); texts.append(text) }
        }
        ImportJob.sortAndNumber(&expected, keywords: texts)
        all.removeAll()

        let spill = try EventSpill(directory: dir.url.path)
        try spill.append(first, keywords: firstKeywords)
        try spill.append(second, keywords: secondKeywords)
        var merged: [(ImportedInteraction, String?)] = []
        try spill.merge(batchRows: 3) { rows, keywords in
            merged += rows.map { ($0, $0.keyword >= 0 ? keywords[Int($0.keyword)] : nil) }
        }
        #expect(merged.count == 8)
        for (got, want) in zip(merged, expected) {
            #expect(got.0.sameKey(want) && got.0.ordinal == want.ordinal, "\(got.0) against \(want)")
            #expect(got.0.value.isNaN == want.value.isNaN && (got.0.value.isNaN || got.0.value == want.value))
            #expect(got.1 == (want.keyword >= 0 ? texts[Int(want.keyword)] : nil))
        }
        // Day 5, user 2, second 10 without a value, once in each run: ordinals 0 and 1 after the merge.
        #expect(merged.filter { $0.0.day == 5 && $0.0.value.isNaN }.map(\.0.ordinal) == [0, 1])
        // Keywords in text order: "apple" (second run) before "zebra" (first run) on the same key.
        #expect(merged.filter { $0.0.day == 1 }.map(\.1) == ["apple", "zebra"])
        // The spill's file is unlinked: nothing is left in the directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }
}

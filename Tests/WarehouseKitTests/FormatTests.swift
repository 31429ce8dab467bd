import Foundation
import Testing
@testable import WarehouseKit

/// The one formatting layer: one rounding rule, separators, plurals, quoting, wrapping, tables
/// that fit, and JSON that writes absent values as null.
@Suite struct FormatTests {
    @Test func oneRoundingRuleHalfAwayFromZero() {
        // 0.125 is exact in binary: it rounds up, everywhere (printf's "%.2f" gave "0.12").
        #expect(Format.fixed(0.125, 2) == "0.13")
        #expect(Format.fixed(-0.125, 2) == "-0.13")
        #expect(Format.fixed(2.5, 0) == "3" && Format.fixed(-2.5, 0) == "-3")
        // 1.005 is stored as 1.00499999999999989…: the stored value decides.
        #expect(Format.fixed(1.005, 2) == "1.00")
        #expect(Format.fixed(-0.0001, 2) == "0.00", "never -0")
        #expect(Format.fixed(3, 2) == "3.00", "trailing zeros kept so columns line up")
        #expect(Format.fixed(4451.971052039091, 1) == "4,452.0")
        #expect(Format.fixed(1339.2045, 1) == "1,339.2")
        #expect(Format.fixed(1e20, 0) == "100,000,000,000,000,000,000")
        #expect(Format.fixed(.nan, 2) == "-" && Format.fixed(.infinity, 1) == "-" && Format.fixed(nil as Double?, 1) == "-")
        #expect(Format.percent(0.4567) == "45.7%" && Format.percent(0.00125, 2) == "0.13%" && Format.percent(nil as Double?) == "-")
        #expect(Format.index(219.5) == "220" && Format.index(nil) == "-")
        #expect(Format.score(0.9372984131786793) == "0.937" && Format.score(-0.0004) == "0.000")
    }

    @Test func countsPluralsAndUnits() {
        #expect(Format.count(0) == "0" && Format.count(999) == "999" && Format.count(1000) == "1,000")
        #expect(Format.count(1_234_567) == "1,234,567" && Format.count(-1_234) == "-1,234")
        #expect(Format.count(Int64.min) == "-9,223,372,036,854,775,808")
        #expect(Format.plural(1, "segment") == "1 segment" && Format.plural(0, "segment") == "0 segments")
        #expect(Format.plural(2938, "user") == "2,938 users" && Format.plural(2, "batch", "batches") == "2 batches")
        #expect(Format.seconds(2.96) == "3.0 s" && Format.seconds(125) == "2 min 5 s" && Format.seconds(59.96) == "1 min 0 s")
        #expect(Format.bytes(512) == "512 bytes" && Format.bytes(1) == "1 byte" && Format.bytes(1536) == "1.5 KB")
        #expect(Format.bytes(2_300_000) == "2.2 MB")
        #expect(Format.rate(274_412.7) == "274,413")
        #expect(Format.minute("2026-12-01T21:10:18.202Z") == "2026-12-01 21:10" && Format.minute("yesterday") == "yesterday")
    }

    @Test func ratiosForJSONAreClampedAndRounded() {
        #expect(Format.unitRatio(1.0000000000000002) == 1)
        #expect(Format.unitRatio(0.9999999999999998) == 1)
        #expect(Format.unitRatio(-1e-17) == 0)
        #expect(Format.unitRatio(0.343) == 0.343)
    }

    @Test func shellQuoting() {
        #expect(Format.shellQuoted("out/dir-1") == "out/dir-1")
        #expect(Format.shellQuoted("my dir") == "'my dir'")
        #expect(Format.shellQuoted("it's") == "'it'\\''s'")
        #expect(Format.shellQuoted("") == "''")
        #expect(Format.shellQuoted("$HOME") == "'$HOME'")
        #expect(Format.databaseArgument(nil) == "" && Format.databaseArgument("a b.sqlite") == " --db 'a b.sqlite'")
        #expect(Format.printable("ok é") == "ok é" && Format.printable("a\nb\u{1B}") == "a\\u{A}b\\u{1B}")
    }

    @Test func wrappingNeverExceedsTheWidth() {
        let items = (1...40).map { "item \($0) of many" }
        let lines = Format.wrapped(items, lead: "list: ", indent: "  ")
        #expect(lines.count > 1 && lines.allSatisfy { $0.count <= 100 })
        #expect(lines[0].hasPrefix("list: item 1 of many · item 2") && lines[1].hasPrefix("  item"))
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix(" ·") })
        #expect(lines.joined(separator: " ").replacingOccurrences(of: " ·   ", with: " · ").contains("item 39 of many · item 40 of many"))
        #expect(Format.wrapped([], lead: "none: ") == ["none: "])
    }

    @Test func tablesFitByCuttingTextColumns() {
        var table = TextTable([("id", .right), ("name", .left), ("value", .right)])
        table.append(["1", String(repeating: "x", count: 150), "1,000"])
        table.append(["22", "short", "5"])
        let lines = table.lines(indent: "  ")
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines[1].contains("…") && lines[1].hasSuffix("1,000") && lines[2].contains("short"))
        var narrow = TextTable([("a", .right), ("b", .left)])
        narrow.append(["1", "text"])
        #expect(narrow.lines() == ["a  b", "1  text"])
    }

    @Test func absentValuesAreNullNotMissing() throws {
        struct Shape: Encodable {
            @JSONNullable var silhouette: Double?
            @JSONNullable var suggestedK: Int?
            let k: Int
        }
        let text = try Format.json(Shape(silhouette: nil, suggestedK: 3, k: 4))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["silhouette"] is NSNull && object["suggested_k"] as? Int == 3 && object["k"] as? Int == 4)
    }

    @Test func silhouetteBasisSaysSampleOnlyForASample() {
        #expect(SilhouetteBasis.text(rows: 2938, users: 2938) == "over all 2,938 users")
        #expect(SilhouetteBasis.text(rows: nil, users: 1) == "over all 1 user")
        #expect(SilhouetteBasis.text(rows: 10_000, users: 1_000_000) == "on a seeded sample of 10,000 of 1,000,000 users")
    }
}

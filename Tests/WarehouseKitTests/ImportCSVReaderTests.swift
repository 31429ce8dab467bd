import TestSupport
import Foundation
import Testing
import Randomness
@testable import WarehouseKit

/// The streaming RFC 4180 reader against hand-written cases and against a random writer, with
/// buffers small enough that every record straddles refills.
@Suite struct ImportCSVReaderTests {
    /// Every record of `text` as strings, with the line each starts on.
    static func records(_ text: [UInt8], bufferSize: Int = 1 << 18) throws -> [(line: Int, fields: [String])] {
        let dir = try TemporaryDirectory()
        let path = dir.path("f.csv")
        try Data(text).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, bufferSize: bufferSize)
        var out: [(Int, [String])] = []
        while try reader.next() {
            out.append((reader.line, (0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) }))
        }
        return out
    }

    @Test func quotedCommasQuotesAndLineBreaks() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nplain,,\"\"\nlast,row,no-newline"
        let rows = try Self.records(Array(text.utf8), bufferSize: 16)
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["plain", "", ""], ["last", "row", "no-newline"]])
        #expect(rows.map(\.line) == [1, 2, 5, 6])
    }

    @Test func malformedQuotesNameTheirLine() throws {
        for (text, line) in [("a,b\n1,\"open\n2,3\n", 2), ("a,b\n1,x\"y\n", 2), ("a\n\"q\"z\n", 2)] {
            do {
                _ = try Self.records(Array(text.utf8))
                Issue.record("accepted \(text.debugDescription)")
            } catch let malformed as CSVReader.Malformed {
                #expect(malformed.line == line, "\(text.debugDescription): \(malformed.reason)")
            }
        }
    }

    /// Random fields (commas, quotes, CR, LF, multi-byte UTF-8), written as RFC 4180 says, read back
    /// identically whatever the buffer size.
    @Test func randomRecordsRoundTrip() throws {
        var random = SplitMix64(seed: 7)
        let alphabet: [String] = ["a", "b", ",", "\"", "\n", "\r\n", " ", "é", "𝄞", "1"]
        var expected: [[String]] = []
        var text = ""
        for _ in 0..<300 {
            let width = 1 + Int(random.next() % 4)
            var fields: [String] = []
            for _ in 0..<width {
                let length = Int(random.next() % 6)
                fields.append((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined())
            }
            if fields == [""] { fields = ["x"] }  // a blank line is skipped by design
            expected.append(fields)
            text += fields.map { field in
                field.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",") + (random.next() % 2 == 0 ? "\n" : "\r\n")
        }
        for size in [16, 17, 64, 1 << 16] {
            let got = try Self.records(Array(text.utf8), bufferSize: size).map(\.fields)
            let first = Array(zip(got, expected)).firstIndex { $0.0 != $0.1 }
            #expect(first == nil && got.count == expected.count,
                    "buffer \(size): record \(first.map(String.init) ?? "count") \(first.map { "\(got[$0]) vs \(expected[$0])" } ?? "\(got.count) vs \(expected.count)")")
        }
    }
}

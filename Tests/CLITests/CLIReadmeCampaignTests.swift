import Foundation
import TestSupport
import Testing

/// README.md's "A campaign, end to end" runs as written: every line of its `sh` block is run with
/// the built `warehouse` in a fresh directory, in order, and must exit 0; every "quoted" fragment
/// of a line's comment must be in what that line prints. So the names, segment numbers and counts
/// the README promises are the ones the commands produce.
@Suite struct CLIReadmeCampaignTests {
    struct Line {
        let arguments: [String]
        let quoted: [String]
        let text: String
    }

    static let heading = "## A campaign, end to end"

    /// The first ```sh block after `heading`, one `Line` per non-empty line.
    static func campaign() throws -> [Line] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n" + heading + "\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "\n```").first)
        return try block.split(separator: "\n").map { try parse(String($0)) }
    }

    /// Shell words (double quotes group, no escapes) up to an unquoted `#`; the comment's "…" spans.
    static func parse(_ text: String) throws -> Line {
        var words: [String] = [], word = "", inQuotes = false, hasWord = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" {
                inQuotes.toggle()
                hasWord = true
            } else if !inQuotes && character == "#" {
                break
            } else if !inQuotes && character == " " {
                if hasWord { words.append(word) }
                word = ""
                hasWord = false
            } else {
                word.append(character)
                hasWord = true
            }
            index = text.index(after: index)
        }
        #expect(!inQuotes, "unbalanced quotes in: \(text)")
        if hasWord { words.append(word) }
        let comment = String(text[index...])
        let quoted = comment.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        return Line(arguments: words, quoted: quoted, text: text)
    }

    @Test func theParserSplitsWordsQuotesAndComments() throws {
        let line = try Self.parse(#"warehouse name --segment 3 "Weekend athletes"   # "a → 'b'" and "c""#)
        #expect(line.arguments == ["warehouse", "name", "--segment", "3", "Weekend athletes"])
        #expect(line.quoted == ["a → 'b'", "c"])
    }

    @Test func everyCampaignLineRunsAndPrintsWhatTheReadmeQuotes() throws {
        let lines = try Self.campaign()
        #expect(lines.count >= 6, "the campaign block has \(lines.count) lines")
        // Most lines quote their output (the rename quotes the name it replaces, so the segment number is checked).
        #expect(lines.filter { !$0.quoted.isEmpty }.count >= 6)
        let dir = try TemporaryDirectory()
        for line in lines {
            #expect(line.arguments.first == "warehouse", "not a warehouse command: \(line.text)")
            let outcome = try CLIRunner.run(Array(line.arguments.dropFirst()), in: dir.url)
            #expect(outcome.status == 0, "\(line.text)\n\(outcome.stderr)")
            for fragment in line.quoted {
                #expect(outcome.stdout.contains(fragment), "README quotes \"\(fragment)\" but `\(line.text)` printed:\n\(outcome.stdout)")
            }
        }
        // The files the lines name were written where the README says.
        #expect(FileManager.default.fileExists(atPath: dir.path("athletes.meta.csv")))
        #expect(FileManager.default.fileExists(atPath: dir.path("athletes-lookalike.csv")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("lists")).count == 4)
    }
}

import Foundation
import Testing
import TestSupport

/// The audience command each segment card prints works as printed: run by a shell in the report's
/// directory, with the built `warehouse` on PATH, it writes one CSV row per member the card counts.
@Suite struct CLISegmentCardsTests {
    /// (command, users) of each card of the page at `path`: the `<code>warehouse audience …</code>`
    /// text (XML entities undone) and the card's "Size" count.
    static func cards(_ html: String) -> [(command: String, users: Int)] {
        html.components(separatedBy: "<article class=\"segment-card\"").dropFirst().compactMap { card in
            guard let code = card.range(of: "<code>warehouse audience "),
                  let end = card.range(of: "</code>", range: code.upperBound..<card.endIndex),
                  let size = card.range(of: "<dt>Size</dt><dd>"),
                  let users = card[size.upperBound...].split(separator: " ").first.map({ $0.replacingOccurrences(of: ",", with: "") }),
                  let count = Int(users) else { return nil }
            let command = "warehouse audience " + card[code.upperBound..<end.lowerBound]
                .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            return (command, count)
        }
    }

    @Test func everyCardsAudienceCommandWritesItsMembers() throws {
        let dir = try TemporaryDirectory()
        // A directory name a shell must have quoted.
        let home = dir.url.appendingPathComponent("my warehouse")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let db = home.appendingPathComponent("w.sqlite").path
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1200", "--days", "120", "--quiet"]).status == 0)
        let segmentation = try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--n-init", "2", "--elbow", "off", "--quiet"])
        #expect(segmentation.status == 0, "\(segmentation.stderr)")
        let path = pathWithWarehouse()
        for (page, options) in [("all.html", [String]()), ("young.html", ["--age", "18-34"])] {
            let report = try CLIRunner.run(["report", "--db", db, "--out", home.appendingPathComponent(page).path] + options)
            #expect(report.status == 0, "\(report.stderr)")
            let html = try String(contentsOf: home.appendingPathComponent(page), encoding: .utf8)
            let cards = Self.cards(html)
            #expect(cards.count == 3, "\(page): \(cards)")
            let outputs = dir.url.appendingPathComponent(page + "-files")
            try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
            for card in cards {
                #expect(card.command.contains("--db '") && (options.isEmpty || card.command.contains("--age 18-34")), "\(card.command)")
                let outcome = try CLIRunner.run(in: outputs, shell: "PATH=\(path); export PATH; " + card.command)
                #expect(outcome.status == 0, "\(card.command): \(outcome.stderr)")
                let file = card.command.split(separator: " ").last.map(String.init) ?? ""
                let lines = try String(contentsOf: outputs.appendingPathComponent(file), encoding: .utf8).split(separator: "\n")
                #expect(lines.first?.hasPrefix("user_id,") == true)
                #expect(lines.count - 1 == card.users && card.users > 0, "\(card.command): \(lines.count - 1) rows, card says \(card.users)")
            }
        }
    }

    /// The directory of the built `warehouse`, then the inherited PATH, shell-quoted.
    func pathWithWarehouse() -> String {
        let inherited = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return "'" + CLIRunner.executable.deletingLastPathComponent().path + ":" + inherited + "'"
    }
}

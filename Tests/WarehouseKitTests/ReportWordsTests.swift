import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// The report in a marketer's words (issue 23): a glossary beside the run's technical figures,
/// only of the terms the page shows; the analyst tables collapsed; the liked-posts heatmap in
/// plain numbers; and no chart left alone in half a row of the grid.
@Suite struct ReportWordsTests {
    /// The top-level blocks of each `<section>`, by id: their element, class and id.
    final class SectionBlocks: NSObject, XMLParserDelegate {
        struct Block { let element: String, classes: [String], id: String }
        var sections: [String: [Block]] = [:]
        private var depth = 0, sectionDepth: Int?, section = ""

        static func parse(_ html: String) -> SectionBlocks? {
            let blocks = SectionBlocks()
            let parser = XMLParser(data: Data(html.utf8))
            parser.delegate = blocks
            return parser.parse() ? blocks : nil
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            if name == "section" {
                sectionDepth = depth
                section = attributes["id"] ?? ""
            } else if let sectionDepth, depth == sectionDepth + 1 {
                sections[section, default: []].append(Block(element: name, classes: (attributes["class"] ?? "").split(separator: " ").map(String.init),
                                                            id: attributes["id"] ?? ""))
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if depth == sectionDepth { sectionDepth = nil }
            depth -= 1
        }
    }

    /// Runs of half-row blocks between the blocks that span the row (headings, intros, notes, wide
    /// blocks): each run's length. An odd run leaves a block alone beside a blank half row.
    static func halfRowRuns(_ blocks: [SectionBlocks.Block]) -> [(count: Int, last: String)] {
        var runs: [(count: Int, last: String)] = []
        var count = 0, last = ""
        for block in blocks {
            let spans = ["h2", "p"].contains(block.element) || block.classes.contains("note") || block.classes.contains("wide")
            if spans {
                if count > 0 { runs.append((count, last)) }
                count = 0
            } else {
                count += 1
                last = block.id.isEmpty ? block.classes.joined(separator: " ") : block.id
            }
        }
        if count > 0 { runs.append((count, last)) }
        return runs
    }

    private func blocks(of html: String) throws -> [String: [SectionBlocks.Block]] {
        try #require(SectionBlocks.parse(html), "the page is not well-formed XML").sections
    }

    @Test func aKMeansRunHasItsGlossaryCollapsedDetailAndAFullGrid() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 4, elbow: 1...5))
        let report = try ReportJob.run(store: store)
        let html = report.html
        let glossary = try #require(html.components(separatedBy: "id=\"glossary-run\"").dropFirst().first?.components(separatedBy: "</div>\n</dl>").first)
        for term in ["Inertia", "Silhouette", "Adjusted Rand index (ARI)", "Lift", "PC1, PC2 (principal components)"] {
            #expect(glossary.contains("<dt>\(term)</dt>"), "glossary lacks \(term)")
        }
        #expect(!glossary.contains("BIC"), "a k-means run shows no BIC")
        for id in ["tbl-elbow", "tbl-explained-variance", "tbl-run-parameters", "tbl-population-statistics"] {
            #expect(html.contains("<details class=\"table-block") && html.contains("detail\" id=\"\(id)\">"), "\(id) is not collapsed")
        }
        #expect(html.contains("<div class=\"table-block\" id=\"tbl-segments\">"), "the segment sizes stay open")
        #expect(!html.contains("<details open"))
        // The heatmap and histograms in plain words.
        let heatmap = try #require(html.components(separatedBy: "id=\"fig-liked-posts-by-age\"").dropFirst().first?.components(separatedBy: "</figure>").first)
        #expect(!heatmap.contains("log₁₀") && !heatmap.contains("decade") && heatmap.contains("Users per cell"))
        #expect(heatmap.contains(">100</text>") && heatmap.contains(">10</text>"))
        #expect(!html.contains("1/10 decade"))
        // No block alone in half a row, in the population and run sections.
        let sections = try blocks(of: html)
        for id in ["population", "segmentation"] {
            let runs = Self.halfRowRuns(try #require(sections[id]))
            #expect(runs.allSatisfy { $0.count % 2 == 0 }, "\(id): \(runs)")
        }
    }

    @Test func aLatentClassRunExplainsItsOwnFiguresAndKeepsTheGridFull() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_200, in: dir)
        var configuration = quickSegmentation(k: 4, elbow: 2...4)
        configuration.method = .latentClass
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        let html = try ReportJob.run(store: store).html
        #expect(html.contains("<dt>BIC and ICL</dt>") && html.contains("<dt>Membership probability</dt>"))
        #expect(!html.contains("<dt>Inertia</dt>"))
        #expect(!html.contains("id=\"note-no-elbow\""), "a latent-class run is not asked for an elbow")
        // The certainty histogram's count axis is logarithmic, in plain numbers.
        let certainty = try #require(html.components(separatedBy: "id=\"fig-certainty\"").dropFirst().first?.components(separatedBy: "</figure>").first)
        #expect(certainty.contains("Users (log scale)") && certainty.contains(">10</text>"))
        let runs = Self.halfRowRuns(try #require(try blocks(of: html)["segmentation"]))
        #expect(runs.allSatisfy { $0.count % 2 == 0 }, "\(runs)")
    }

    /// A run on a window draws its weighted interactions, not likes: its scatter says "interest".
    @Test func aWindowedRunsScatterSaysInterest() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, days: 120, in: dir)
        var configuration = quickSegmentation(k: 3)
        configuration.window = WindowRequest(windowSeconds: 90 * 86_400)
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        let html = try ReportJob.run(store: store).html
        let scatter = try #require(html.components(separatedBy: "id=\"fig-likes-age\"").dropFirst().first?.components(separatedBy: "</figure>").first)
        #expect(scatter.contains("Interest against age") && !scatter.contains("Liked posts"), "\(scatter.prefix(600))")
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
        let allTime = try ReportJob.run(store: store).html
        #expect(allTime.contains("Liked posts against age"))
    }
}

/// A damaged row that only the report's own sections read (an earlier run's record, a seed
/// batch) leaves those sections out with a note, instead of refusing the page: `pipeline`, which
/// writes a run before it reports, must not fail after writing.
@Suite struct ReportSectionReadTests {
    @Test func aDamagedEarlierRunLeavesTheTimeSectionOutWithANote() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 800, days: 30, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
        try store.connection.execute("PRAGMA ignore_check_constraints = 1; UPDATE segmentation_runs SET seconds = -5 WHERE id = 1;")
        let report = try ReportJob.run(store: store, configuration: ReportConfiguration(run: .id(2)))
        #expect(report.html.contains("id=\"note-unread-sections\""))
        #expect(report.html.contains("Behaviour over time and Does it predict? not shown"))
        #expect(!report.html.contains("<section id=\"time\">"))
        // The rest of the page is there, and the page is still well-formed XML.
        #expect(report.html.contains("<section id=\"segment-cards\">") && report.html.contains("<section id=\"population\">"))
        let parser = XMLParser(data: Data(report.html.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        // A damaged shown run still refuses the page.
        #expect(throws: WarehouseError.self) { try ReportJob.run(store: store, configuration: ReportConfiguration(run: .id(1))) }
    }
}

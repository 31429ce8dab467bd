import TestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Storage
import Testing
@testable import WarehouseKit
@testable import WarehouseTables
import WarehouseSupport

/// A 5,000-user warehouse with one segmentation run, built once and copied into each test's own
/// temporary directory (seeding and segmenting take seconds in a debug build).
private enum ReportFixture {
    static let users = 5_000

    /// The database file's bytes: seeded, segmented, checkpointed (no WAL beside it).
    static let withRun: Result<Data, any Error> = Result { try build(segment: true) }

    private static func build(segment: Bool) throws -> Data {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: users, in: dir)
        if segment {
            var configuration = SegmentationConfiguration()
            configuration.elbow = 1...8
            _ = try SegmentationJob.run(store: store, configuration: configuration)
        }
        _ = try store.connection.scalar("PRAGMA wal_checkpoint(TRUNCATE)")
        return try Data(contentsOf: URL(fileURLWithPath: store.path))
    }

    /// A copy of the segmented warehouse in `dir`, opened.
    static func store(in dir: TemporaryDirectory, name: String = "w.sqlite") throws -> WarehouseStore {
        let path = dir.path(name)
        try withRun.get().write(to: URL(fileURLWithPath: path))
        return try WarehouseStore(path: path, mode: .mustExist)
    }
}

/// The `<svg …>…</svg>` blocks of a page, in order.
private func svgBlocks(_ html: String) -> [String] {
    var blocks: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
        blocks.append(String(rest[start.lowerBound..<end.upperBound]))
        rest = rest[end.upperBound...]
    }
    return blocks
}

/// The page without its "Segments at a glance" section.
private func withoutSegmentCards(_ html: String) -> String {
    guard let start = html.range(of: "<section id=\"segment-cards\">"),
          let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return html }
    return String(html[..<start.lowerBound]) + String(html[end.upperBound...])
}

/// Whether `text` is well-formed XML (FoundationXML's parser), with the parser's error if not.
private func parsesAsXML(_ text: String) -> (ok: Bool, error: String) {
    let parser = XMLParser(data: Data(text.utf8))
    let ok = parser.parse()
    return (ok, parser.parserError.map { String(describing: $0) } ?? "")
}

/// XML escaping of the five special characters (the test target does not import Charts).
private func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

private func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

@Suite struct ReportTests {
    static let populationCharts = ["fig-age-histogram", "fig-liked-posts-histogram", "fig-liked-posts-by-age", "fig-age-groups",
                                   "fig-category-likes", "fig-favourite-category"]
    static let runCharts = populationCharts + ["fig-pca-map", "fig-likes-age", "fig-segment-map", "fig-elbow", "fig-lift-heatmap",
                                               "fig-segment-ages", "fig-segment-genders", "fig-segment-countries"]
    static let runTables = ["tbl-population-statistics", "tbl-category-likes", "tbl-favourite-category", "tbl-segments", "tbl-elbow",
                            "tbl-top-interests", "tbl-segment-personas", "tbl-explained-variance", "tbl-run-parameters",
                            "tbl-segment-ages", "tbl-segment-genders", "tbl-segment-countries"]

    // MARK: The page with a run

    @Test func everyChartAndTableIsPresent() throws {
        let dir = try TemporaryDirectory()
        let report = try ReportJob.run(store: ReportFixture.store(in: dir))
        #expect(report.charts.map(\.id) == Self.runCharts)
        #expect(report.figures.filter { $0.kind == .table }.map(\.id).sorted() == Self.runTables.sorted())
        #expect(report.runID == 1)
        #expect(report.users == ReportFixture.users)
        for figure in report.figures {
            #expect(report.html.contains("id=\"\(figure.id)\""), "missing \(figure.id)")
            #expect(report.html.contains(escaped(figure.title)), "missing title \(figure.title)")
        }
        // Two SVGs per chart (desktop, then phone), of the expected kinds (the segment cards'
        // small charts, drawn once each, are tested in SegmentCardsTests).
        let svgs = svgBlocks(withoutSegmentCards(report.html))
        #expect(svgs.count == 2 * Self.runCharts.count)
        #expect(occurrences(of: "<div class=\"chart-view chart-desk\">", in: report.html) == Self.runCharts.count)
        #expect(occurrences(of: "<div class=\"chart-view chart-phone\">", in: report.html) == Self.runCharts.count)
        for (index, svg) in svgs.enumerated() {
            let phone = index % 2 == 1
            #expect(svg.contains(phone ? "width=\"\(PhoneChart.width)\"".replacingOccurrences(of: ".0\"", with: "\"") : "width=\"640\""),
                    "SVG \(index) is not \(phone ? "phone" : "desktop") width: \(svg.prefix(200))")
        }
        // The phone copies of the scatter plots are thinned to at most PhoneChart.scatterPoints points.
        for (index, svg) in svgs.enumerated() where index % 2 == 1 && svg.contains("class=\"chart chart-scatter\"") {
            #expect(occurrences(of: "<circle", in: svg) <= PhoneChart.scatterPoints + 20, "phone scatter \(index) not thinned")
            #expect(occurrences(of: "<circle", in: svg) >= 100)
        }
        for kind in ["histogram", "density", "bar", "scatter", "line", "heatmap-table"] {
            #expect(svgs.contains { $0.contains("class=\"chart chart-\(kind)\"") }, "no \(kind) chart")
        }
        #expect(occurrences(of: "class=\"chart chart-histogram\"", in: report.html) == 2 * 2)
        #expect(occurrences(of: "class=\"chart chart-scatter\"", in: report.html) == 3 * 2)
        // The three scatter plots are interactive views; the segment table's rows are clickable.
        for id in ["fig-pca-map", "fig-likes-age", "fig-segment-map"] {
            #expect(report.html.contains("id=\"\(id)\" data-widget="), "\(id) is not interactive")
        }
        for segment in 1...4 { #expect(report.html.contains("<tr data-key=\"segment-\(segment)\"")) }
        // Centroid labels S1…S4 on the segment map, explained variance in the axis labels.
        let segmentMap = try #require(svgs.first { $0.contains("Segments on the PCA map") })
        for label in ["S1", "S2", "S3", "S4"] { #expect(segmentMap.contains(">\(label)<")) }
        #expect(segmentMap.contains("PC1 ("))
        #expect(segmentMap.contains("of variance)"))
        // The elbow marks the chosen k; the ARI against the planted personas is shown.
        #expect(report.html.contains("chosen k = 4"))
        #expect(report.html.contains("Adjusted Rand index"))
        #expect(!report.html.contains("no segmentation run yet"))
    }

    @Test func pageIsWellFormedSelfContainedAndSmall() throws {
        let dir = try TemporaryDirectory()
        let report = try ReportJob.run(store: ReportFixture.store(in: dir))
        for (index, svg) in svgBlocks(report.html).enumerated() {
            let result = parsesAsXML(svg)
            #expect(result.ok, "SVG block \(index) does not parse: \(result.error)")
        }
        // The whole page is XML too (HTML5 written in its XML-compatible subset).
        let document = report.html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
        let whole = parsesAsXML(document)
        #expect(whole.ok, "the page does not parse: \(whole.error)")

        // Saving a chart as PNG draws the chart's own SVG, as a data: URL, on a canvas, and both
        // saves offer the file through a blob: URL: the only image source and object URLs the page
        // makes, each written once, none from the network. The checks below read the page without them.
        let saving = ["new image()", "image.src = 'data:image/svg+xml;", "url.createobjecturl(", "url.revokeobjecturl("]
        for construct in saving {
            #expect(occurrences(of: construct, in: report.html.lowercased()) == 1, "\(construct) in the page")
        }
        let lower = saving.reduce(report.html.lowercased()) { $0.replacingOccurrences(of: $1, with: "") }
        // One inline script (no src), which asks for nothing over the network.
        #expect(occurrences(of: "<script", in: lower) == 1)
        #expect(lower.contains("<script>//<![cdata["))
        for call in ["fetch(", "xmlhttprequest", "import(", "websocket", "eventsource", "sendbeacon", ".src =", "new image"] {
            #expect(!lower.contains(call), "the page calls \(call)")
        }
        #expect(!lower.contains("https://"))
        #expect(!lower.contains("@import"))
        #expect(!lower.contains("url("))
        #expect(!lower.contains("<link"))
        #expect(!lower.contains("<img"))
        // The only URL is the SVG namespace (on each chart, and once in the script that draws SVG).
        #expect(occurrences(of: "http://", in: lower) == occurrences(of: "http://www.w3.org/2000/svg", in: lower))
        #expect(report.byteCount < 2_000_000)
        #expect(report.byteCount == report.html.utf8.count)
    }

    @Test func sameSeedSamePageOtherSeedOtherSample() throws {
        let dir = try TemporaryDirectory()
        let store = try ReportFixture.store(in: dir)
        let first = try ReportJob.run(store: store)
        let second = try ReportJob.run(store: store)
        #expect(first.html == second.html)
        let other = try ReportJob.run(store: store, configuration: ReportConfiguration(seed: 7))
        #expect(other.html != first.html)
        let small = try ReportJob.run(store: store, configuration: ReportConfiguration(sampleSize: 100))
        #expect(small.html.contains("A seeded sample of 100 of the"))
        #expect(small.byteCount < first.byteCount)
    }

    @Test func textIsEscaped() throws {
        let dir = try TemporaryDirectory()
        let store = try ReportFixture.store(in: dir, name: "a&b <w>.sqlite")
        try store.connection.run("UPDATE personas SET name = ? WHERE id = 1", [.text("Sports <fan> & \"co\"")])
        let report = try ReportJob.run(store: store)
        #expect(report.html.contains("Sports &lt;fan&gt; &amp; &quot;co&quot;"))
        #expect(!report.html.contains("<fan>"))
        #expect(report.html.contains("a&amp;b &lt;w&gt;.sqlite"))
        #expect(parsesAsXML(report.html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")).ok)
    }

    @Test func selectsARunById() throws {
        let dir = try TemporaryDirectory()
        let store = try ReportFixture.store(in: dir)
        let report = try ReportJob.run(store: store, configuration: ReportConfiguration(run: .id(1)))
        #expect(report.runID == 1)
        #expect(report.html.contains("Segmentation run #1"))
    }

    @Test func latestIsTheNewestRunAndARunWithoutElbowGetsANote() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, in: dir)
        var configuration = SegmentationConfiguration()
        configuration.elbow = nil
        configuration.nInit = 2
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        configuration.k = 3
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        let latest = try ReportJob.run(store: store)
        #expect(latest.runID == 2)
        #expect(!latest.charts.contains { $0.id == "fig-elbow" })
        #expect(latest.figures.contains { $0.id == "note-no-elbow" && $0.kind == .note })
        #expect(latest.charts.count == Self.runCharts.count - 1)
        #expect(latest.html.contains("k = 3 segments"))
        let first = try ReportJob.run(store: store, configuration: ReportConfiguration(run: .id(1)))
        #expect(first.runID == 1)
        #expect(first.html.contains("k = 4 segments"))
    }

    // MARK: Without a run, and a missing run

    @Test func withoutARunThePopulationIsShownWithANote() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, in: dir)
        let report = try ReportJob.run(store: store)
        #expect(report.runID == nil)
        #expect(report.charts.map(\.id) == Self.populationCharts)
        #expect(report.html.contains("var REPORT_DATA = null;"))
        #expect(report.figures.contains { $0.id == "note-no-run" && $0.kind == .note })
        #expect(report.html.contains("no segmentation run yet: run <code>warehouse run-segmentation</code>"))
        #expect(parsesAsXML(report.html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")).ok)
        for svg in svgBlocks(report.html) { #expect(parsesAsXML(svg).ok) }
    }

    @Test func aMissingRunIsRefused() throws {
        let dir = try TemporaryDirectory()
        let store = try ReportFixture.store(in: dir)
        #expect(throws: WarehouseError.noSuchRun("999")) {
            try ReportJob.run(store: store, configuration: ReportConfiguration(run: .id(999)))
        }
        let empty = try seededStore(users: 100, in: dir, name: "empty-runs.sqlite")
        #expect(throws: WarehouseError.noSuchRun("1")) {
            try ReportJob.run(store: empty, configuration: ReportConfiguration(run: .id(1)))
        }
    }

    @Test func anEmptyWarehouseIsRefused() throws {
        let dir = try TemporaryDirectory()
        let store = try WarehouseStore(path: dir.path("empty.sqlite"), mode: .createIfMissing)
        #expect(throws: WarehouseError.emptyWarehouse(path: store.path)) {
            try ReportJob.run(store: store)
        }
    }

    // MARK: Configuration

    @Test func configurationIsValidated() throws {
        #expect(RunSelector(parsing: "latest") == .latest)
        #expect(RunSelector(parsing: "12") == .id(12))
        #expect(RunSelector(parsing: "0") == nil)
        #expect(RunSelector(parsing: "-3") == nil)
        #expect(RunSelector(parsing: "last") == nil)
        #expect(throws: WarehouseError.invalidArgument("--sample must be between 1 and 15000, got 0")) {
            try ReportConfiguration(sampleSize: 0).validate()
        }
        #expect(throws: WarehouseError.self) { try ReportConfiguration(sampleSize: 15_001).validate() }
        try ReportConfiguration().validate()
    }

    // MARK: Writing the file

    @Test func theFileIsReplacedAtomically() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("report.html")
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let bytes = try ReportFileWriter.write("<p>new é</p>", to: path, sparing: nil)
        #expect(bytes == "<p>new é</p>".utf8.count)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "<p>new é</p>")
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["report.html"])
        #expect(throws: WarehouseError.self) { try ReportFileWriter.write("x", to: dir.path("missing/report.html"), sparing: nil) }
        #expect(throws: WarehouseError.self) { try ReportFileWriter.write("x", to: dir.url.path, sparing: nil) }
    }
}

@Suite struct ReportStatisticsTests {
    @Test func summaryMatchesHandComputedValues() {
        // Deviations from the mean 4: −3, −2, −1, 0, 6; m₂ = 50/5 = 10, m₃ = 180/5 = 36,
        // g₁ = 36 / 10^1.5 = 1.138420…
        let summary = DistributionSummary([10, 1, 3, 2, 4])
        #expect(summary.count == 5)
        #expect(summary.mean == 4)
        #expect(summary.median == 3)
        #expect(abs(summary.skewness - 36 / 1000.0.squareRoot()) < 1e-12)
        #expect(summary.minimum == 1 && summary.maximum == 10)
        #expect(DistributionSummary([4, 1, 3, 2]).median == 2.5)
        #expect(DistributionSummary([7, 7, 7]).skewness == 0)
        #expect(DistributionSummary([]).mean.isNaN)
    }

    @Test func medianBySortingAgreesWithCounting() {
        let wide: [Int32] = [0, 5, Int32(DistributionSummary.countingLimit) + 10, 3, 8, 2]
        #expect(DistributionSummary(wide).median == 4)
        #expect(DistributionSummary([0, 5, 9, 3, 8, 2]).median == 4)
    }

    @Test func logBinsHaveIntegerEdgesAboutATenthOfADecadeWide() {
        let bins = LogIntegerBins(maximum: 100, perDecade: 10)
        #expect(bins.edges == [1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63, 79, 100, 126])
        #expect(bins.index(of: 1) == 0)
        #expect(bins.index(of: 7) == 5)
        #expect(bins.index(of: 100) == 17)
        #expect(bins.index(of: 0) == nil)
        #expect(bins.index(of: 126) == nil)
        // Density: a nominal-width bin keeps its count; [1, 2) spans log₁₀ 2 ≈ 0.301 decade.
        #expect(abs(bins.density(count: 301, bin: 0) - 100) < 0.1)
        #expect(abs(bins.density(count: 100, bin: 10) - 100 / (10 * log10(25.0 / 20))) < 1e-9)
    }

    @Test func sampleIsSeededSortedAndWithoutReplacement() {
        let sample = UserSample.indices(population: 1_000, size: 100, seed: 3)
        #expect(sample.count == 100)
        #expect(Set(sample).count == 100)
        #expect(sample == sample.sorted())
        #expect(sample.allSatisfy { (0..<1_000).contains($0) })
        #expect(sample == UserSample.indices(population: 1_000, size: 100, seed: 3))
        #expect(sample != UserSample.indices(population: 1_000, size: 100, seed: 4))
        #expect(UserSample.indices(population: 5, size: 100, seed: 3) == [0, 1, 2, 3, 4])
        #expect(UserSample.indices(population: 0, size: 10, seed: 3).isEmpty)
    }
}

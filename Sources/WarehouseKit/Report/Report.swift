/// One block of a report page: a chart, a table or a note.
public struct ReportFigure: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case chart, table, note
    }

    /// The element id on the page (`fig-…`, `tbl-…`, `note-…`): stable, usable as a URL fragment.
    public let id: String
    /// The heading shown above it (and the chart's SVG `<title>`).
    public let title: String
    public let kind: Kind

    public init(id: String, title: String, kind: Kind) {
        self.id = id
        self.title = title
        self.kind = kind
    }
}

/// A rendered report: one self-contained HTML page (inline SVG, CSS and one inline script that
/// adds interaction, `ReportScript`; no font, no network reference) and what it contains.
public struct Report: Sendable {
    /// The page, UTF-8 text.
    public let html: String
    /// Every chart, table and note, in page order.
    public let figures: [ReportFigure]
    /// The run shown; nil when the warehouse has no run yet.
    public let runID: Int64?
    /// Users in the warehouse when it was read.
    public let users: Int
    /// The shown run's segment names and descriptions (empty without a run).
    public var segmentNames: [SegmentName] = []

    /// Size of the page in bytes (UTF-8).
    public var byteCount: Int { html.utf8.count }

    /// The charts only, in page order.
    public var charts: [ReportFigure] { figures.filter { $0.kind == .chart } }
}

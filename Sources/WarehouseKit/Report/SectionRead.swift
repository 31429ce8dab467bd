import WarehouseTables

/// The reads of the report's own sections beyond the population and the shown run (the segment
/// cards' rising interests, behaviour over time, the latest evaluation, the data's words): a
/// damaged row or page there (a broken invariant, a corrupt page) leaves that section out, with a
/// note naming the problem, instead of refusing the whole page.
///
/// Why: `pipeline` segments (a write) before it reports, and its run reads only the population.
/// A report that refused over a damaged earlier run, seed batch, evaluation or interaction page
/// would leave the run written by a command that failed (the hostile harness's "changed on
/// failure"). The population and the shown run are read as before: damage there still refuses
/// the page, and `run-segmentation` has read the same rows first.
struct SectionReads {
    /// Sections left out, each with the reason, in the order they were tried.
    private(set) var unread: [(section: String, reason: String)] = []

    /// `body`'s value, or nil (and the section recorded as unread) when it meets damaged data.
    /// Every other error (busy, disk full, …) is thrown as it is.
    mutating func attempt<T>(_ section: String, _ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch {
            guard let damage = WarehouseError.damage(in: error) else { throw error }
            unread.append((section, damage))
            return nil
        }
    }

    /// The page's section (a note) for the sections left out; nothing when every one was read.
    func note(into page: inout ReportPage) {
        guard !unread.isEmpty else { return }
        let text = unread.map { "\($0.section) not shown: \(Format.printable($0.reason))" }.joined(separator: "; ")
            + ". Run `warehouse check` to find what is damaged."
        page.section(id: "unread", title: "Sections left out")
        page.note(id: "note-unread-sections", title: "Left out", text: text)
    }
}

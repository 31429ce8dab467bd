import Charts

/// One plain sentence beside each technical figure of the report, for a reader who is not an
/// analyst: the run section's block says what inertia, silhouette, the adjusted Rand index,
/// principal components, lift and (for a latent-class run) BIC, ICL and membership probability
/// mean, listing only the terms the page shows.
enum ReportGlossary {
    struct Entry: Sendable, Equatable {
        let term: String
        let meaning: String
    }

    static let title = "What the figures mean"

    /// The terms the run section of `view` shows, each with its sentence.
    static func entries(_ view: RunView) -> [Entry] {
        let run = view.record
        var entries = [
            Entry(term: "Segment",
                  meaning: "a group of users with similar interests; k is how many groups the run made, segment 1 the largest."),
            Entry(term: "Lift",
                  meaning: "how many times as likely a segment's members are to engage with an interest as everyone "
                    + "(2.4× = 2.4 times as likely; 1× = like everyone), pulled toward 1× for a small segment (by a prior worth 100 users), so a few keen members cannot top a list."),
            Entry(term: "PC1, PC2 (principal components)",
                  meaning: "a few summary directions that condense each user's interests so they can be drawn on a map; "
                    + "explained variance is how much of the differences between users they keep."),
        ]
        if run.method == .kmeans {
            entries.append(Entry(term: "Inertia",
                                 meaning: "the total squared distance from each user to their segment's centre: smaller means tighter "
                                    + "segments; it always falls as k grows, so the elbow chart looks for where the fall slows."))
        }
        if run.silhouette != nil {
            entries.append(Entry(term: "Silhouette",
                                 meaning: "how much nearer users are to their own segment than to the next one, from −1 to 1: "
                                    + "above 0.5 the segments are clearly apart, near 0 they blur into each other."))
        }
        if run.ari != nil {
            entries.append(Entry(term: "Adjusted Rand index (ARI)",
                                 meaning: "how far the segments agree with the personas the seed planted: 1 is the same grouping, "
                                    + "about 0 no better than chance. Only a seeded warehouse has it."))
        }
        if run.method == .latentClass {
            entries.append(Entry(term: "Membership probability",
                                 meaning: "how sure the model is of a user's segment: 0.95 means it puts 95% of its weight there."))
            entries.append(Entry(term: "BIC and ICL",
                                 meaning: "scores of how well the model fits for each k, with a penalty for its size (ICL also for "
                                    + "users it cannot place surely): lower is better; the suggested k has the lowest BIC."))
        }
        return entries
    }

    /// `<div class="glossary wide" id="…"><h3>title</h3><dl>…</dl></div>`, escaped.
    static func html(id: String, title: String, entries: [Entry]) -> String {
        var out = "<div class=\"glossary wide\" id=\"\(XMLEscape.escape(id))\">\n<h3>\(XMLEscape.escape(title))</h3>\n<dl>\n"
        for entry in entries {
            out += "<div><dt>\(XMLEscape.escape(entry.term))</dt><dd>\(XMLEscape.escape(entry.meaning))</dd></div>\n"
        }
        return out + "</dl>\n</div>\n"
    }

    /// The glossary's and the collapsed details' style (appended to the page's).
    static let css = """
    .glossary { background: #ffffff; border: 1px solid #e0e0dc; border-radius: 6px; padding: 10px 14px; }
    .glossary dl { margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 380px), 1fr)); gap: 6px 20px; }
    .glossary dt { font-weight: 600; }
    .glossary dd { margin: 0; color: #444444; }
    details.detail > summary { cursor: pointer; list-style-position: inside; }
    details.detail > summary h3 { display: inline; }
    details.detail:not([open]) { padding-bottom: 6px; }

    """
}

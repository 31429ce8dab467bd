/// How the report's tables fit their box: text cells (`td.text`, `th.text`) wrap at spaces (a
/// word is never cut to make a column narrower; only a word longer than the whole box breaks);
/// numbers (`.num`) stay on one line, except that a count and its share ("1,656 (38.0%)", class
/// `pair`) may split between the two when the box is narrow (at a million users the favourite-
/// category table's seven-digit counts were 728 px in a 650 px box). With `table-layout: auto` and `width: 100%`, the browser then narrows the text
/// columns until the table fits its box: at 1,400 px no table scrolls sideways (the browser
/// check `tables_fit_their_box` holds it). Column headers wrap too, so a long title does not
/// widen a column of short numbers.
enum TableFit {
    static let css = """
    table.data th.text, table.data td.text { white-space: normal; overflow-wrap: break-word; }
    table.data thead th { white-space: normal; vertical-align: bottom; }
    table.data td.num { white-space: nowrap; }
    table.data td.num.pair { white-space: normal; }

    """
}

extension ReportScript {
    /// Collision-free placement of point labels (the biplot's loading names), so they stay
    /// readable at 390 px.
    ///
    /// Each label's box is estimated (0.58 × font size per character wide, font size + 3 high,
    /// no DOM measuring). It goes right of its anchor, or left of it when the anchor is in the
    /// plot's right half, kept inside the plot horizontally; its baseline starts 4 units above the
    /// anchor and, when that box meets a label placed before it or leaves the plot, tries one line
    /// (font size + 2) lower, one higher, two lower, … up to six lines either way. A label with no
    /// free slot is left out (its arrow's end keeps the name as a tooltip). Invariant: no two
    /// returned boxes overlap.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let labelLayout = #"""
  function placeLabels(items, bounds, size) {
    var placed = [], out = [], line = size + 2;
    function clear(box) {
      for (var k = 0; k < placed.length; k++) {
        var o = placed[k];
        if (box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1) return false;
      }
      return true;
    }
    items.forEach(function (it) {
      var w = it.text.length * size * 0.58, east = it.x > (bounds.left + bounds.right) / 2;
      var x0 = Math.max(bounds.left + 2, Math.min(bounds.right - 2 - w, east ? it.x - 4 - w : it.x + 4));
      for (var step = 0; step <= 12; step++) {
        var y = it.y - 4 + (step % 2 ? 1 : -1) * Math.ceil(step / 2) * line;
        var box = { x0: x0, x1: x0 + w, y0: y - size, y1: y + 3 };
        if (box.y0 < bounds.top || box.y1 > bounds.bottom || !clear(box)) continue;
        placed.push(box);
        out.push({ tx: x0, ty: y, anchor: 'start', text: it.text, title: it.title, box: box });
        return;
      }
    });
    return out;
  }

"""#
}

extension ReportScript {
    /// Picking points on the scatter widget: the nearest drawn point to the pointer, through a
    /// grid index, and the box selection with its count and segment mix.
    ///
    /// The index (built by each render) files every drawn point under the 8 × 8-unit cell holding
    /// its centre; a lookup within radius r scans only the (2⌈r/8⌉ + 1)² cells around the pointer,
    /// so a hover costs a few dozen distance tests at 4,000 points instead of 4,000. Among points
    /// whose circle contains the pointer it returns the last drawn (the one on top, as the
    /// browser's own hit test would); otherwise the nearest centre within r (ties: the later drawn).
    ///
    /// A box selection (in user units, clipped to the plot) is stored in data units
    /// (`data-sel="x0 x1 y0 y1"` on the SVG) so it survives zooming and panning; it counts every
    /// user whose point is shown (group not hidden, coordinates finite) and lies in the box,
    /// borders included, and lists their segments, largest first.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let scatterPick = #"""
  Scatter.prototype.index = function (xs, ys, rs, ids) {
    var cell = 8, grid = {};
    for (var k = 0; k < ids.length; k++) {
      var key = Math.floor(xs[k] / cell) + ',' + Math.floor(ys[k] / cell);
      (grid[key] || (grid[key] = [])).push(k);
    }
    this.hit = { cell: cell, grid: grid, xs: xs, ys: ys, rs: rs, ids: ids };
  };
  /** The user index of the drawn point under or nearest (ux, uy) within `reach` units, or −1. */
  Scatter.prototype.nearest = function (ux, uy, reach) {
    var h = this.hit;
    if (!h) return -1;
    var gx = Math.floor(ux / h.cell), gy = Math.floor(uy / h.cell), span = Math.ceil(reach / h.cell);
    var best = -1, bestD = reach * reach, top = -1;
    for (var a = gx - span; a <= gx + span; a++) for (var b = gy - span; b <= gy + span; b++) {
      var list = h.grid[a + ',' + b];
      if (!list) continue;
      for (var j = 0; j < list.length; j++) {
        var k = list[j], dx = h.xs[k] - ux, dy = h.ys[k] - uy, d = dx * dx + dy * dy;
        if (d <= h.rs[k] * h.rs[k] && k > top) top = k;
        if (d < bestD || (d === bestD && k > best)) { bestD = d; best = k; }
      }
    }
    var k2 = top >= 0 ? top : best;
    this.hovered = k2;
    return k2 >= 0 ? h.ids[k2] : -1;
  };
  /** A ring around the hovered point (`this.hovered`, an index into the drawn points), or none. */
  Scatter.prototype.ring = function (i) {
    if (this.ringMark && this.ringMark.parentNode) this.ringMark.parentNode.removeChild(this.ringMark);
    this.ringMark = null;
    if (i < 0 || !this.hit || this.hovered < 0) return;
    this.ringMark = el('circle', { 'class': 'hover-ring', cx: this.hit.xs[this.hovered], cy: this.hit.ys[this.hovered], r: 5.5,
                                   fill: 'none', stroke: '#222222', 'stroke-width': 1.5, 'pointer-events': 'none' }, this.svg);
  };
  /** The rubber band while a box is drawn (user units, clipped to the plot). */
  Scatter.prototype.drawBox = function (a, b) {
    var s = this.scale;
    if (!this.band) this.band = el('rect', { 'class': 'selection-band', fill: 'rgba(0, 90, 181, 0.12)', stroke: '#005ab5',
                                             'stroke-dasharray': '4 3', 'pointer-events': 'none' }, this.svg);
    else if (!this.band.parentNode) this.svg.appendChild(this.band);
    var x0 = Math.max(s.left, Math.min(a.x, b.x)), x1 = Math.min(s.right, Math.max(a.x, b.x));
    var y0 = Math.max(s.top, Math.min(a.y, b.y)), y1 = Math.min(s.bottom, Math.max(a.y, b.y));
    this.band.setAttribute('x', x0); this.band.setAttribute('y', y0);
    this.band.setAttribute('width', Math.max(0, x1 - x0)); this.band.setAttribute('height', Math.max(0, y1 - y0));
  };
  /** Ends a box drawn from `a` to `b` (user units): a box under 3 units wide or high clears the selection. */
  Scatter.prototype.selectBox = function (a, b) {
    var s = this.scale, d = this.domain;
    if (this.band && this.band.parentNode) this.band.parentNode.removeChild(this.band);
    var x0 = Math.max(s.left, Math.min(a.x, b.x)), x1 = Math.min(s.right, Math.max(a.x, b.x));
    var y0 = Math.max(s.top, Math.min(a.y, b.y)), y1 = Math.min(s.bottom, Math.max(a.y, b.y));
    if (x1 - x0 < 3 || y1 - y0 < 3) { this.selection = null; this.render(); return; }
    this.selection = { x0: d.x0 + (x0 - s.left) / s.kx, x1: d.x0 + (x1 - s.left) / s.kx,
                       y0: d.y0 + (s.bottom - y1) / s.ky, y1: d.y0 + (s.bottom - y0) / s.ky };
    this.render();
  };
  /** Draws the stored selection and writes its count and segment mix under the chart. */
  Scatter.prototype.showSelection = function (X, Y) {
    var self = this, sel = this.selection, out = this.summary;
    if (!sel) { out.hidden = true; this.svg.removeAttribute('data-sel'); return; }
    this.svg.setAttribute('data-sel', [sel.x0, sel.x1, sel.y0, sel.y1].join(' '));
    var s = this.scale;
    var bx0 = Math.max(s.left, X(sel.x0)), bx1 = Math.min(s.right, X(sel.x1)), by0 = Math.max(s.top, Y(sel.y1)), by1 = Math.min(s.bottom, Y(sel.y0));
    if (bx1 > bx0 && by1 > by0) {
      el('rect', { 'class': 'selection-box', x: bx0, y: by0, width: bx1 - bx0, height: by1 - by0, fill: 'rgba(0, 90, 181, 0.08)',
                   stroke: '#005ab5', 'stroke-dasharray': '4 3', 'pointer-events': 'none' }, this.svg);
    }
    var count = 0, bySegment = {};
    for (var i = 0; i < n; i++) {
      var g = this.opts.groupOf(i);
      if (g < 0 || this.hidden[g]) continue;
      var p = this.xy(i);
      if (!(p[0] >= sel.x0 && p[0] <= sel.x1 && p[1] >= sel.y0 && p[1] <= sel.y1)) continue;
      count++;
      bySegment[D.seg[i]] = (bySegment[D.seg[i]] || 0) + 1;
    }
    var mix = Object.keys(bySegment).map(function (k) { return [+k, bySegment[k]]; });
    mix.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    out.textContent = '';
    out.setAttribute('data-count', String(count));
    html('strong', {}, out, count.toLocaleString('en-US') + (count === 1 ? ' user' : ' users') + ' selected');
    out.appendChild(document.createTextNode(count ? ': ' + mix.map(function (m) {
      var share = 100 * m[1] / count;
      return segmentLabel(m[0]) + ': ' + m[1].toLocaleString('en-US') + ' (' + (share > 0 && share < 1 ? '<1' : Math.round(share)) + '%)';
    }).join(' \u00b7 ') : ''));
    var clear = html('button', { type: 'button', 'class': 'clear-selection' }, out, 'Clear');
    clear.addEventListener('click', function () { self.selection = null; self.render(); });
    out.hidden = false;
  };

"""#
}

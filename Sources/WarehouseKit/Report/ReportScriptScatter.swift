extension ReportScript {
    /// The interactive scatter widget: toolbar (PC switcher, biplot toggle, zoom buttons, Reset,
    /// Select, save), legend buttons, nearest-point hover, wheel zoom, drag to pan (pointer
    /// events) or to draw a selection box (Select on, or Shift held), domain reset and zoom.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let scatter = #"""
  var widgets = [];
  var highlight = 0;

  /**
   * An interactive scatter plot in `fig`. opts: groups [{name, color}], groupOf(i) → group index
   * or −1, x(i)/y(i) in data units (NaN: not drawn), xLabel()/yLabel(), yTick(v, step) (label),
   * logY (y is a log₁₀ value: ticks at 1, 2, 5 × 10^k, see `logTicks`),
   * pca (true: switcher, biplot, centroids), opacity (points' fill-opacity, default 0.7),
   * help (a sentence added to the help line).
   */
  function Scatter(fig, opts) {
    var self = this;
    this.opts = opts;
    this.hidden = {};
    this.pair = 0;
    fig.classList.add('enhanced');
    var box = html('div', { 'class': 'widget' }, fig);
    var bar = html('div', { 'class': 'toolbar' }, box);
    html('strong', { 'class': 'widget-title' }, bar, opts.title);
    if (opts.pca && m >= 2) {
      var pairs = m >= 3 ? [[0, 1], [0, 2], [1, 2]] : [[0, 1]];
      this.pairs = pairs;
      var select = html('select', { 'class': 'pc-switch', 'aria-label': 'Components shown' }, bar);
      pairs.forEach(function (p, k) { html('option', { value: String(k) }, select, 'PC' + (p[0] + 1) + ' × PC' + (p[1] + 1)); });
      select.addEventListener('change', function () { self.pair = +select.value; self.reset(); });
      var label = html('label', { 'class': 'biplot-toggle' }, bar);
      this.biplotBox = html('input', { type: 'checkbox' }, label);
      label.appendChild(document.createTextNode(' loadings'));
      this.biplotBox.addEventListener('change', function () { self.render(); });
    } else {
      this.pairs = [[0, 1]];
    }
    [['+', 'Zoom in', 0.5], ['\u2212', 'Zoom out', 2]].forEach(function (b) {
      var button = html('button', { type: 'button', 'class': 'zoom', 'aria-label': b[1], title: b[1] }, bar, b[0]);
      button.addEventListener('click', function () {
        var d = self.domain;
        self.zoomAt((d.x0 + d.x1) / 2, (d.y0 + d.y1) / 2, b[2]);
      });
    });
    var resetButton = html('button', { type: 'button', 'class': 'reset' }, bar, 'Reset');
    resetButton.addEventListener('click', function () { self.reset(); });
    var selectButton = html('button', { type: 'button', 'class': 'select', 'aria-pressed': 'false', title: 'Draw a box to select users' }, bar, 'Select');
    selectButton.addEventListener('click', function () {
      self.selecting = !self.selecting;
      selectButton.setAttribute('aria-pressed', self.selecting ? 'true' : 'false');
      // A finger draws the box instead of scrolling the page while Select is on.
      self.svg.style.touchAction = self.selecting ? 'none' : '';
    });
    saveButtons(fig, bar);
    this.svg = el('svg', { 'class': 'iscatter', role: 'img', 'aria-label': opts.title }, box);
    this.legend = html('div', { 'class': 'legend-buttons' }, box);
    opts.groups.forEach(function (g, k) {
      var button = html('button', { type: 'button', 'class': 'legend-item', 'data-group': String(k), 'aria-pressed': 'true' }, self.legend);
      var dot = html('span', { 'class': 'dot' }, button);
      dot.style.background = g.color;
      button.appendChild(document.createTextNode(g.name));
      button.addEventListener('click', function () {
        self.hidden[k] = !self.hidden[k];
        button.setAttribute('aria-pressed', self.hidden[k] ? 'false' : 'true');
        self.render();
      });
    });
    html('p', { 'class': 'widget-help' }, box, 'Hover near a point for its user; scroll or +/\u2212 to zoom, drag to pan; ' +
         '"Select" (or Shift + drag) draws a box that counts the users in it; click a legend entry to hide or show it.' +
         (opts.help ? ' ' + opts.help : ''));
    this.summary = html('p', { 'class': 'selection', 'aria-live': 'polite', hidden: 'hidden' }, box);
    this.box = box;
    // Nearest drawn point within 6 px of the pointer (a grid index, see `nearest`).
    this.svg.addEventListener('pointermove', function (e) {
      if (drag || self.boxing) return;
      var t = e.target;
      for (var c = t.firstElementChild; c; c = c.nextElementSibling) if (c.tagName === 'title') return; // a centroid's own tooltip
      var u = self.toUser(e), i = self.nearest(u.x, u.y, 6);
      self.ring(i);
      if (i >= 0) showTip(pointLines(i), e.clientX, e.clientY); else hideTip();
    });
    this.svg.addEventListener('pointerleave', function () { self.ring(-1); hideTip(); });
    this.svg.addEventListener('wheel', function (e) {
      if (!self.scale) return;
      e.preventDefault();
      var p = self.toData(e);
      self.zoomAt(p.x, p.y, e.deltaY < 0 ? 0.8 : 1.25);
    }, { passive: false });
    // Drag to pan, with a mouse or a finger (pointer events; a vertical swipe still scrolls the page).
    var drag = null;
    this.svg.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) return;
      if (self.selecting || e.shiftKey) {
        self.boxing = self.toUser(e);
        if (self.svg.setPointerCapture) self.svg.setPointerCapture(e.pointerId);
        e.preventDefault();
        return;
      }
      drag = { x: e.clientX, y: e.clientY, d: self.domain };
      if (self.svg.setPointerCapture) self.svg.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    this.svg.addEventListener('pointermove', function (e) {
      if (self.boxing) { self.drawBox(self.boxing, self.toUser(e)); return; }
      if (!drag || !self.scale) return;
      var s = self.scale, dx = (e.clientX - drag.x) / s.kx, dy = (e.clientY - drag.y) / s.ky;
      if (dx === 0 && dy === 0) return;
      self.domain = { x0: drag.d.x0 - dx, x1: drag.d.x1 - dx, y0: drag.d.y0 + dy, y1: drag.d.y1 + dy };
      self.render();
    });
    function endDrag(e) {
      drag = null;
      if (self.boxing) {
        var start = self.boxing;
        self.boxing = null;
        if (e.type === 'pointerup') self.selectBox(start, self.toUser(e));
      }
    }
    this.svg.addEventListener('pointerup', endDrag);
    this.svg.addEventListener('pointercancel', endDrag);
    this.reset();
  }
  Scatter.prototype.xy = function (i) {
    var p = this.pairs[this.pair];
    return this.opts.pca ? [D.pc[i * m + p[0]], m > 1 ? D.pc[i * m + p[1]] : 0] : [this.opts.x(i), this.opts.y(i)];
  };
  Scatter.prototype.labels = function () {
    var p = this.pairs[this.pair];
    return this.opts.pca ? [D.axes[p[0]], D.axes[p[1]] || 'PC2'] : [this.opts.xLabel, this.opts.yLabel];
  };
  Scatter.prototype.reset = function () {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (var i = 0; i < n; i++) {
      var p = this.xy(i);
      if (!isFinite(p[0]) || !isFinite(p[1])) continue;
      if (p[0] < x0) x0 = p[0]; if (p[0] > x1) x1 = p[0]; if (p[1] < y0) y0 = p[1]; if (p[1] > y1) y1 = p[1];
    }
    if (!(x1 >= x0)) { x0 = 0; x1 = 1; y0 = 0; y1 = 1; }
    var px = (x1 - x0) * 0.04 || 0.5, py = (y1 - y0) * 0.04 || 0.5;
    this.domain = { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
    this.render();
  };
  Scatter.prototype.zoomAt = function (cx, cy, factor) {
    var d = this.domain;
    this.domain = { x0: cx + (d.x0 - cx) * factor, x1: cx + (d.x1 - cx) * factor, y0: cy + (d.y0 - cy) * factor, y1: cy + (d.y1 - cy) * factor };
    this.render();
  };
  /** The pointer in the widget's user units (the SVG may be drawn scaled). */
  Scatter.prototype.toUser = function (e) {
    var r = this.svg.getBoundingClientRect(), w = +this.svg.getAttribute('width') || r.width, h = +this.svg.getAttribute('height') || r.height;
    return { x: (e.clientX - r.left) * w / (r.width || 1), y: (e.clientY - r.top) * h / (r.height || 1) };
  };
  Scatter.prototype.toData = function (e) {
    var r = this.svg.getBoundingClientRect(), s = this.scale;
    return { x: this.domain.x0 + (e.clientX - r.left - s.left) / s.kx, y: this.domain.y0 + (s.bottom - (e.clientY - r.top)) / s.ky };
  };
"""#
}

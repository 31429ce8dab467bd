extension ReportScript {
    /// Zoom and pan along x for every server-drawn x-y chart (histograms, line charts, static
    /// scatters): any root `<svg class="chart">` with `data-plot`, `data-x-domain` and
    /// `data-x-scale` (written by Charts' `PlotZoom`).
    ///
    /// The chart's `data-layer="marks"` groups move into a nested `<svg class="plot-view">` over
    /// the plot rectangle, which clips them (no `url(#…)` anywhere). Zooming narrows that
    /// viewport's `viewBox` to the original pixels `v0 … v0 + vw` (factor k = width / vw, from 1
    /// to 64, never past the original range), stretching the marks along x only; circles are
    /// scaled back by 1/k so they stay round, lines keep their width (`vector-effect`). The x axis
    /// is redrawn from the domain: the data value at original pixel q is
    /// lower + (q − x)/width · (upper − lower) (in log₁₀ units on a log axis). While zoomed the
    /// original x ticks, vertical gridlines and reference lines are hidden (`svg.zoomed`), and
    /// `data-view="a b"` on the chart holds the visible data range.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let chartZoom = #"""
  /** Compact tick label for a log axis: 0.5, 1, 20, 300, 4k, 50k, 1.2M. */
  function compactNumber(v) {
    var a = Math.abs(v);
    if (a >= 1e6) return +(v / 1e6).toPrecision(3) + 'M';
    if (a >= 1e3) return +(v / 1e3).toPrecision(3) + 'k';
    return String(+v.toPrecision(3));
  }
  function ChartZoom(svg) {
    var p = svg.getAttribute('data-plot').split(' ').map(Number);
    var dom = svg.getAttribute('data-x-domain').split(' ').map(Number);
    this.svg = svg; this.p = p; this.log = svg.getAttribute('data-x-scale') === 'log';
    this.fixedTicks = null;
    try { if (svg.hasAttribute('data-x-ticks')) this.fixedTicks = JSON.parse(svg.getAttribute('data-x-ticks')); } catch (err) { this.fixedTicks = null; }
    this.lo = this.log ? Math.log(dom[0]) / Math.LN10 : dom[0];
    this.hi = this.log ? Math.log(dom[1]) / Math.LN10 : dom[1];
    var layers = [];
    for (var c = svg.firstElementChild; c; c = c.nextElementSibling) if (c.getAttribute('data-layer') === 'marks') layers.push(c);
    this.ok = layers.length > 0 && p[2] > 0 && p[3] > 0 && this.hi > this.lo;
    if (!this.ok) return;
    this.grid = el('g', { 'class': 'zoom-grid', stroke: '#e6e6e6' }, null);
    svg.insertBefore(this.grid, layers[0]);
    this.view = el('svg', { 'class': 'plot-view', x: p[0], y: p[1], width: p[2], height: p[3], viewBox: p.join(' '),
                            preserveAspectRatio: 'none', overflow: 'hidden' }, null);
    svg.insertBefore(this.view, layers[0]);
    layers.forEach(function (g) { this.view.appendChild(g); }, this);
    svg.querySelectorAll('g.grid > line').forEach(function (l) {
      if (l.getAttribute('x1') === l.getAttribute('x2')) l.setAttribute('class', 'vgrid');
    });
    var axisX = svg.querySelector('g.axis-x');
    this.axis = el('g', { 'class': 'zoom-axis', 'font-size': axisX ? axisX.getAttribute('font-size') || 11 : 11 }, svg);
    this.v0 = p[0]; this.vw = p[2];
    svg.setAttribute('data-view', this.value(p[0]) + ' ' + this.value(p[0] + p[2]));
    var self = this, drag = null;
    svg.addEventListener('wheel', function (e) {
      // The page scrolls under a plain wheel until the chart is zoomed (buttons, or Ctrl/Shift + wheel).
      if (!(e.ctrlKey || e.shiftKey || e.metaKey || self.vw < self.p[2])) return;
      e.preventDefault();
      self.zoomAt(self.userX(e), e.deltaY < 0 ? 0.8 : 1.25);
    }, { passive: false });
    svg.addEventListener('pointerdown', function (e) {
      if (e.button !== 0 || self.vw >= self.p[2]) return;
      drag = { x: self.userX(e), v0: self.v0 };
      if (svg.setPointerCapture) svg.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    svg.addEventListener('pointermove', function (e) {
      if (!drag) return;
      self.set(drag.v0 - (self.userX(e) - drag.x) * self.vw / self.p[2], self.vw);
    });
    function endDrag() { drag = null; }
    svg.addEventListener('pointerup', endDrag);
    svg.addEventListener('pointercancel', endDrag);
  }
  /** The pointer's x in the chart's user units (the chart may be drawn scaled). */
  ChartZoom.prototype.userX = function (e) {
    var r = this.svg.getBoundingClientRect(), w = +this.svg.getAttribute('width') || r.width;
    return (e.clientX - r.left) * w / (r.width || 1);
  };
  /** Data value at original pixel q. */
  ChartZoom.prototype.value = function (q) {
    var t = this.lo + (q - this.p[0]) / this.p[2] * (this.hi - this.lo);
    return this.log ? Math.pow(10, t) : t;
  };
  /** Screen pixel (user units) of data value v in the current view. */
  ChartZoom.prototype.pixel = function (v) {
    var t = this.log ? Math.log(v) / Math.LN10 : v;
    var q = this.p[0] + (t - this.lo) / (this.hi - this.lo) * this.p[2];
    return this.p[0] + (q - this.v0) * this.p[2] / this.vw;
  };
  /** Zooms by `factor` (< 1: in) keeping the data under screen x `ux` in place. */
  ChartZoom.prototype.zoomAt = function (ux, factor) {
    var q = this.v0 + (ux - this.p[0]) * this.vw / this.p[2], vw = this.vw * factor;
    this.set(q - (ux - this.p[0]) * vw / this.p[2], vw);
  };
  ChartZoom.prototype.set = function (v0, vw) {
    var p = this.p;
    vw = Math.max(p[2] / 64, Math.min(p[2], vw));
    v0 = Math.max(p[0], Math.min(p[0] + p[2] - vw, v0));
    this.v0 = v0; this.vw = vw;
    var k = p[2] / vw, zoomed = k > 1.0001;
    this.view.setAttribute('viewBox', v0 + ' ' + p[1] + ' ' + vw + ' ' + p[3]);
    this.view.querySelectorAll('circle').forEach(function (c) {
      var cx = +c.getAttribute('cx');
      if (zoomed) c.setAttribute('transform', 'matrix(' + 1 / k + ' 0 0 1 ' + cx * (1 - 1 / k) + ' 0)');
      else c.removeAttribute('transform');
    });
    this.svg.classList.toggle('zoomed', zoomed);
    this.svg.setAttribute('data-view', this.value(v0) + ' ' + this.value(v0 + vw));
    this.drawAxis(zoomed);
  };
  ChartZoom.prototype.reset = function () { this.set(this.p[0], this.p[2]); };
  /** The x axis of the visible range, about one tick per 80 px: nice ticks (1, 2, 5 × 10^k) or,
   *  on a log axis spanning more than a factor 3, 1, 2 and 5 × 10^k or powers of ten (`logTicks`). An axis with its own
   *  labels (`data-x-ticks`) shows those of its ticks in view instead. */
  ChartZoom.prototype.drawAxis = function (zoomed) {
    var self = this, p = this.p, axis = this.axis, grid = this.grid, bottom = p[1] + p[3];
    while (axis.firstChild) axis.removeChild(axis.firstChild);
    while (grid.firstChild) grid.removeChild(grid.firstChild);
    if (!zoomed) return;
    var a = this.value(this.v0), b = this.value(this.v0 + this.vw), count = Math.max(2, Math.round(p[2] / 80));
    var values = [], label;
    if (this.fixedTicks) {
      // The axis' own labels (dates, names): those in view, thinned to about `count`.
      var inView = this.fixedTicks.filter(function (t) { return +t[0] >= a && +t[0] <= b; });
      var every = Math.max(1, Math.ceil(inView.length / count)), names = {};
      inView.forEach(function (t, j) { if (j % every === 0) { values.push(+t[0]); names[+t[0]] = t[1]; } });
      label = function (v) { return names[v]; };
    } else if (this.log && b / a > 3) {
      values = logTicks(Math.log(a) / Math.LN10, Math.log(b) / Math.LN10, count).values.map(function (v) { return +Math.pow(10, v).toPrecision(6); });
      label = compactNumber;
    } else {
      var t = ticks(a, b, count);
      if (this.svg.getAttribute('data-x-integer') === '1' && t.step < 1) {
        // Whole numbers only (k): every whole number in view, or every n-th when there are too many.
        var whole = [], every = Math.max(1, Math.ceil((b - a) / count));
        for (var w = Math.ceil(a / every) * every; w <= b; w += every) whole.push(w);
        t = { step: every, values: whole };
      }
      values = t.values.filter(function (v) { return v >= a - t.step * 1e-9 && v <= b + t.step * 1e-9 && (!self.log || v > 0); });
      label = this.log ? compactNumber : function (v) { return tickText(v, t.step); };
    }
    var size = +axis.getAttribute('font-size');
    el('line', { x1: p[0], x2: p[0] + p[2], y1: bottom, y2: bottom, stroke: '#444444' }, axis);
    values.forEach(function (v) {
      var x = self.pixel(v);
      el('line', { x1: x, x2: x, y1: p[1], y2: bottom }, grid);
      el('line', { x1: x, x2: x, y1: bottom, y2: bottom + 5, stroke: '#444444' }, axis);
      el('text', { x: x, y: bottom + 8 + size * 0.85, 'text-anchor': 'middle', 'class': 'zoom-tick' }, axis).textContent = label(v);
    });
  };

"""#
}

/// The report page's one inline script: interaction over charts the server already drew.
///
/// Written for this project, no library, no network, ES5-compatible. It reads `REPORT_DATA`
/// (`ReportData`), then:
/// - shows a tooltip for every SVG mark with a `<title>` (bars, cells, centroids);
/// - replaces each `figure[data-widget]`'s static scatter with an interactive one drawn at the
///   figure's own width: hover a point for its user id, age, likes per category, favourite
///   category and segment; wheel or buttons zoom, drag (mouse or finger) pans, Reset restores; legend buttons hide
///   or show a category or segment; on the PCA maps a switcher picks PC1×PC2, PC1×PC3, PC2×PC3 and
///   a checkbox draws the loadings as a biplot (arrows scaled to 85% of the shorter half-axis);
/// - a click (or Enter) on a row of the segment table highlights that segment on both maps.
/// When done it sets `window.reportReady = true` and `data-ready` on `<body>` (the browser tests
/// wait for it). The static SVG stays in the page (hidden), so the page is whole with scripts off.
enum ReportScript {
    static let source = #"""
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var D = window.REPORT_DATA;
  var tip = document.getElementById('tooltip');
  function showTip(lines, cx, cy) {
    tip.textContent = '';
    lines.forEach(function (line, k) {
      var div = document.createElement('div');
      if (k === 0) div.className = 'tip-head';
      div.textContent = line;
      tip.appendChild(div);
    });
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = cx + 14, y = cy + 14;
    if (x + w > window.innerWidth - 4) x = Math.max(4, cx - w - 14);
    if (y + h > window.innerHeight - 4) y = Math.max(4, cy - h - 14);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hideTip() { tip.hidden = true; }
  document.addEventListener('mouseover', function (e) {
    var t = e.target;
    if (!t || !t.closest || t.tagName === 'svg' || !t.closest('svg.chart, svg.iscatter')) return;
    var title = null;
    for (var c = t.firstElementChild; c; c = c.nextElementSibling) if (c.tagName === 'title') title = c;
    if (title) showTip(title.textContent.split('\n'), e.clientX, e.clientY);
  });
  document.addEventListener('mouseout', function (e) {
    if (e.target && e.target.closest && e.target.closest('svg.chart, svg.iscatter')) hideTip();
  });
  document.body.classList.add('js');
  function ready() { window.__readyAt = window.performance ? performance.now() : 0; window.reportReady = true; document.body.setAttribute('data-ready', '1'); }
  if (!D) { ready(); return; }

  var n = D.id.length, m = D.components, C = D.categories.length;
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var key in attrs) if (Object.prototype.hasOwnProperty.call(attrs, key)) e.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(name, attrs, parent, text) {
    var e = document.createElement(name);
    for (var key in attrs) if (Object.prototype.hasOwnProperty.call(attrs, key)) e.setAttribute(key, attrs[key]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function total(i) { var s = 0; for (var c = 0; c < C; c++) s += D.likes[i * C + c]; return s; }
  function group(i) { return D.top[i] < 0 ? -1 : D.groupOf[D.top[i]]; }
  function segmentLabel(s) { var g = D.segments[s - 1]; return g ? 'S' + s + (g.name ? ' ' + g.name : '') : 'S' + s; }
  function pointLines(i) {
    var likes = [];
    for (var c = 0; c < C; c++) { var v = D.likes[i * C + c]; if (v > 0) likes.push([v, D.categories[c]]); }
    likes.sort(function (a, b) { return b[0] - a[0]; });
    var shown = likes.slice(0, 8).map(function (p) { return p[1] + ' ' + p[0]; });
    if (likes.length > 8) shown.push('… ' + (likes.length - 8) + ' more');
    return ['User ' + D.id[i] + ' · age ' + D.age[i],
            'Likes: ' + (shown.length ? shown.join(', ') : 'none') + ' (total ' + total(i) + ')',
            'Top category: ' + (D.top[i] < 0 ? 'none' : D.categories[D.top[i]]),
            'Segment: ' + segmentLabel(D.seg[i])];
  }

  /** Nice ticks covering [lo, hi]: steps of 1, 2 or 5 × 10^k, about `count` of them. */
  function ticks(lo, hi, count) {
    var span = hi - lo;
    if (!(span > 0)) return { step: 1, values: [lo] };
    var raw = span / Math.max(1, count), mag = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var f = raw / mag, step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    var values = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return { step: step, values: values };
  }
  function tickText(v, step) {
    var d = Math.max(0, Math.min(6, -Math.floor(Math.log(step) / Math.LN10 + 1e-9)));
    return v.toFixed(d).replace('-', '\u2212');
  }

  var widgets = [];
  var highlight = 0;

  /**
   * An interactive scatter plot in `fig`. opts: groups [{name, color}], groupOf(i) → group index
   * or −1, x(i)/y(i) in data units (NaN: not drawn), xLabel()/yLabel(), yTick(v, step) (label),
   * pca (true: switcher, biplot, centroids).
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
    html('p', { 'class': 'widget-help' }, box, 'Hover a point for its user; scroll or +/\u2212 to zoom, drag to pan; click a legend entry to hide or show it.');
    this.box = box;
    this.svg.addEventListener('mouseover', function (e) {
      var i = e.target.getAttribute && e.target.getAttribute('data-i');
      if (i !== null && i !== undefined) showTip(pointLines(+i), e.clientX, e.clientY);
    });
    this.svg.addEventListener('mouseout', hideTip);
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
      drag = { x: e.clientX, y: e.clientY, d: self.domain };
      if (self.svg.setPointerCapture) self.svg.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    this.svg.addEventListener('pointermove', function (e) {
      if (!drag || !self.scale) return;
      var s = self.scale, dx = (e.clientX - drag.x) / s.kx, dy = (e.clientY - drag.y) / s.ky;
      if (dx === 0 && dy === 0) return;
      self.domain = { x0: drag.d.x0 - dx, x1: drag.d.x1 - dx, y0: drag.d.y0 + dy, y1: drag.d.y1 + dy };
      self.render();
    });
    function endDrag() { drag = null; }
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
  Scatter.prototype.toData = function (e) {
    var r = this.svg.getBoundingClientRect(), s = this.scale;
    return { x: this.domain.x0 + (e.clientX - r.left - s.left) / s.kx, y: this.domain.y0 + (s.bottom - (e.clientY - r.top)) / s.ky };
  };
  Scatter.prototype.render = function () {
    var self = this, svg = this.svg, d = this.domain;
    var width = Math.max(260, Math.min(900, this.box.clientWidth || 600));
    var height = Math.round(Math.max(240, Math.min(520, width * 0.72)));
    var left = 58, right = width - 14, top = 10, bottom = height - 44;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('data-x0', d.x0); svg.setAttribute('data-x1', d.x1);
    svg.setAttribute('data-y0', d.y0); svg.setAttribute('data-y1', d.y1);
    var kx = (right - left) / (d.x1 - d.x0), ky = (bottom - top) / (d.y1 - d.y0);
    this.scale = { left: left, bottom: bottom, kx: kx, ky: ky };
    function X(v) { return left + (v - d.x0) * kx; }
    function Y(v) { return bottom - (v - d.y0) * ky; }
    el('rect', { x: 0, y: 0, width: width, height: height, fill: '#ffffff' }, svg);
    var axes = el('g', { 'class': 'axes', 'font-size': 12, fill: '#444444' }, svg);
    var tx = ticks(d.x0, d.x1, Math.max(3, Math.round(width / 110))), ty = ticks(d.y0, d.y1, Math.max(3, Math.round(height / 70)));
    tx.values.forEach(function (v) {
      el('line', { x1: X(v), x2: X(v), y1: top, y2: bottom, stroke: '#e3e3e3' }, axes);
      el('text', { x: X(v), y: bottom + 16, 'text-anchor': 'middle', 'class': 'x-tick' }, axes).textContent = tickText(v, tx.step);
    });
    ty.values.forEach(function (v) {
      el('line', { x1: left, x2: right, y1: Y(v), y2: Y(v), stroke: '#e3e3e3' }, axes);
      el('text', { x: left - 6, y: Y(v) + 4, 'text-anchor': 'end', 'class': 'y-tick' }, axes).textContent =
        self.opts.yTick ? self.opts.yTick(v, ty.step) : tickText(v, ty.step);
    });
    el('rect', { x: left, y: top, width: right - left, height: bottom - top, fill: 'none', stroke: '#444444' }, axes);
    var labels = this.labels();
    el('text', { x: (left + right) / 2, y: height - 8, 'text-anchor': 'middle', 'class': 'x-label', fill: '#222222' }, svg).textContent = labels[0];
    el('text', { x: 14, y: (top + bottom) / 2, 'text-anchor': 'middle', 'class': 'y-label', fill: '#222222',
                 transform: 'rotate(-90 14 ' + (top + bottom) / 2 + ')' }, svg).textContent = labels[1];
    // No clip path (the page references nothing, not even a fragment): marks outside the plot are not drawn.
    var plot = el('g', { 'class': 'points' }, svg);
    function inside(px, py) { return px >= left && px <= right && py >= top && py <= bottom; }
    var colors = this.opts.groups.map(function (g) { return g.color; });
    for (var i = 0; i < n; i++) {
      var g = this.opts.groupOf(i);
      if (g < 0 || this.hidden[g]) continue;
      var p = this.xy(i);
      if (!isFinite(p[0]) || !isFinite(p[1])) continue;
      var cx = X(p[0]), cy = Y(p[1]);
      if (cx < left - 2 || cx > right + 2 || cy < top - 2 || cy > bottom + 2) continue;
      var dim = highlight && D.seg[i] !== highlight;
      el('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: dim ? 1.8 : 2.6, fill: colors[g],
                     'fill-opacity': dim ? 0.12 : 0.7, 'data-i': i, 'data-g': g }, plot);
    }
    var pair = this.pairs[this.pair];
    if (this.opts.pca && D.centroids.length) {
      var marks = el('g', { 'class': 'centroids', 'font-size': 12, 'font-weight': 700 }, plot);
      D.centroids.forEach(function (c, s) {
        var cx = c[pair[0]], cy = m > 1 ? c[pair[1]] : 0;
        if (cx === null || cy === null || !isFinite(cx) || !isFinite(cy) || !inside(X(cx), Y(cy))) return;
        if (self.opts.showCentroids) {
          var dot = el('circle', { cx: X(cx), cy: Y(cy), r: 6, fill: D.segments[s].color, stroke: '#ffffff', 'stroke-width': 2 }, marks);
          el('title', {}, dot).textContent = D.segments[s].label + ' (centroid)';
          el('text', { x: X(cx) + 9, y: Y(cy) - 7, stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke' }, marks).textContent = 'S' + (s + 1);
        }
      });
    }
    if (this.biplotBox && this.biplotBox.checked && D.loadings.length > Math.max(pair[0], pair[1])) {
      var la = D.loadings[pair[0]], lb = D.loadings[pair[1]], longest = 0;
      for (var f = 0; f < la.length; f++) longest = Math.max(longest, Math.sqrt((la[f] || 0) * (la[f] || 0) + (lb[f] || 0) * (lb[f] || 0)));
      var reach = 0.85 * Math.min((d.x1 - d.x0), (d.y1 - d.y0)) / 2, k = longest > 0 ? reach / longest : 0;
      // From the origin (the scores are centred) when it is in view, else from the view's centre.
      var ox = d.x0 < 0 && d.x1 > 0 ? 0 : (d.x0 + d.x1) / 2, oy = d.y0 < 0 && d.y1 > 0 ? 0 : (d.y0 + d.y1) / 2;
      var arrows = el('g', { 'class': 'biplot', stroke: '#222222', 'font-size': 11 }, plot);
      for (var j = 0; j < la.length; j++) {
        if (la[j] === null || lb[j] === null) continue;
        var ex = ox + la[j] * k, ey = oy + lb[j] * k;
        if (!inside(X(ex), Y(ey))) continue;
        el('line', { x1: X(ox), y1: Y(oy), x2: X(ex), y2: Y(ey), 'stroke-width': 1.5 }, arrows);
        el('circle', { cx: X(ex), cy: Y(ey), r: 2.5, fill: '#222222' }, arrows);
        var east = X(ex) > (left + right) / 2;
        el('text', { x: X(ex) + (east ? -4 : 4), y: Y(ey) + (Y(ey) < top + 14 ? 14 : -4), 'text-anchor': east ? 'end' : 'start',
                     fill: '#222222', stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke' }, arrows)
          .textContent = D.features[j] + ' (' + la[j].toFixed(2) + ', ' + lb[j].toFixed(2) + ')';
      }
    }
  };

  var categoryGroups = D.groups;
  var segmentGroups = D.segments.map(function (s) { return { name: s.label, color: s.color }; });
  document.querySelectorAll('figure[data-widget]').forEach(function (fig) {
    var kind = fig.getAttribute('data-widget');
    var title = (fig.querySelector('svg.chart > title') || { textContent: '' }).textContent;
    var w;
    if (kind === 'pca') {
      w = new Scatter(fig, { key: 'pca', title: title, pca: true, groups: categoryGroups, groupOf: group });
    } else if (kind === 'segments') {
      w = new Scatter(fig, { key: 'segments', title: title, pca: true, showCentroids: true, groups: segmentGroups,
                             groupOf: function (i) { return D.seg[i] - 1; } });
    } else if (kind === 'likes-age') {
      w = new Scatter(fig, { key: 'likes-age', title: title, groups: categoryGroups, groupOf: group,
                             x: function (i) { return D.age[i]; },
                             y: function (i) { var t = total(i); return t > 0 ? Math.log(t) / Math.LN10 : NaN; },
                             xLabel: 'Age (years)', yLabel: 'Liked posts (log scale)',
                             yTick: function (v) { var p = Math.pow(10, v); return p >= 10 ? String(Math.round(p)) : String(+p.toPrecision(2)); } });
    }
    if (w) widgets.push(w);
  });

  document.querySelectorAll('tr[data-key^="segment-"]').forEach(function (row) {
    function toggle() {
      var s = +row.getAttribute('data-key').slice(8);
      highlight = highlight === s ? 0 : s;
      document.querySelectorAll('tr[data-key^="segment-"]').forEach(function (r) {
        r.classList.toggle('selected', highlight !== 0 && r === row);
      });
      document.body.setAttribute('data-highlight', String(highlight));
      widgets.forEach(function (w) { w.render(); });
    }
    row.addEventListener('click', toggle);
    row.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
  });
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { widgets.forEach(function (w) { w.render(); }); }, 120);
  });
  ready();
})();
"""#
}

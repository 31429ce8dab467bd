extension ReportScript {
    /// The scatter widget's drawing at the figure's width: axes, nice ticks, points (hidden
    /// groups left out, the highlighted segment lit; filed in the hover index), centroids, the
    /// biplot's loading arrows (labels laid out not to overlap, see ``labelLayout``) and the
    /// box selection.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let render = #"""
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
    this.scale = { left: left, right: right, top: top, bottom: bottom, kx: kx, ky: ky };
    this.ringMark = null;
    function X(v) { return left + (v - d.x0) * kx; }
    function Y(v) { return bottom - (v - d.y0) * ky; }
    el('rect', { x: 0, y: 0, width: width, height: height, fill: '#ffffff' }, svg);
    var axes = el('g', { 'class': 'axes', 'font-size': 12, fill: '#444444' }, svg);
    var tx = ticks(d.x0, d.x1, Math.max(3, Math.round(width / 110))), ty = (this.opts.logY ? logTicks : ticks)(d.y0, d.y1, Math.max(3, Math.round(height / 70)));
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
    var colors = this.opts.groups.map(function (g) { return g.color; }), opacity = this.opts.opacity || 0.7;
    var xs = [], ys = [], rs = [], ids = [];
    for (var i = 0; i < n; i++) {
      var g = this.opts.groupOf(i);
      if (g < 0 || this.hidden[g]) continue;
      var p = this.xy(i);
      if (!isFinite(p[0]) || !isFinite(p[1])) continue;
      var cx = X(p[0]), cy = Y(p[1]);
      if (cx < left - 2 || cx > right + 2 || cy < top - 2 || cy > bottom + 2) continue;
      var dim = highlight && D.seg[i] !== highlight, r = dim ? 1.8 : 2.6;
      cx = +cx.toFixed(1); cy = +cy.toFixed(1);
      el('circle', { cx: cx, cy: cy, r: r, fill: colors[g],
                     'fill-opacity': dim ? 0.12 : opacity, 'data-i': i, 'data-g': g }, plot);
      xs.push(cx); ys.push(cy); rs.push(r); ids.push(i);
    }
    this.index(xs, ys, rs, ids);
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
      var arrows = el('g', { 'class': 'biplot', stroke: '#222222', 'font-size': 11 }, plot), labels = [];
      for (var j = 0; j < la.length; j++) {
        if (la[j] === null || lb[j] === null) continue;
        var ex = ox + la[j] * k, ey = oy + lb[j] * k;
        if (!inside(X(ex), Y(ey))) continue;
        el('line', { x1: X(ox), y1: Y(oy), x2: X(ex), y2: Y(ey), 'stroke-width': 1.5 }, arrows);
        var tip = el('circle', { cx: X(ex), cy: Y(ey), r: 3.5, fill: '#222222' }, arrows);
        // Narrow charts name the feature only; the loadings stay in the label's tooltip.
        var numbers = '(' + la[j].toFixed(2) + ', ' + lb[j].toFixed(2) + ')';
        el('title', {}, tip).textContent = D.features[j] + ' ' + numbers;
        labels.push({ x: X(ex), y: Y(ey), text: width < 560 ? D.features[j] : D.features[j] + ' ' + numbers,
                      title: D.features[j] + ' ' + numbers });
      }
      placeLabels(labels, { left: left, right: right, top: top, bottom: bottom }, 11).forEach(function (l) {
        var t = el('text', { x: l.tx, y: l.ty, 'text-anchor': l.anchor, 'class': 'loading-label', fill: '#222222', stroke: '#ffffff',
                             'stroke-width': 3, 'paint-order': 'stroke' }, arrows);
        t.textContent = l.text;
        el('title', {}, t).textContent = l.title;
      });
    }
    this.showSelection(X, Y);
  };

"""#
}

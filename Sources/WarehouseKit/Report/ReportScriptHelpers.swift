extension ReportScript {
    /// Element builders, the sampled user's tooltip lines, and nice ticks (1, 2 or 5 × 10^k)
    /// for the interactive axes.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let helpers = #"""
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
  /** Ticks for an axis in log₁₀ units over [lo, hi]: the log of 1, 2 and 5 × 10^k, or of powers of
   *  ten alone when those would be more than 1.5 × `count`, every other power past 3 × `count`. */
  function logTicks(lo, hi, count) {
    var all = [], tens = [];
    for (var k = Math.floor(lo); k <= Math.ceil(hi); k++) {
      [1, 2, 5].forEach(function (f) {
        var v = k + Math.log(f) / Math.LN10;
        if (v >= lo - 1e-9 && v <= hi + 1e-9) { all.push(v); if (f === 1) tens.push(v); }
      });
    }
    if (all.length <= count * 1.5) return { step: 1, values: all };
    if (tens.length <= count * 3) return { step: 1, values: tens };
    return { step: 2, values: tens.filter(function (v, j) { return j % 2 === 0; }) };
  }
  function tickText(v, step) {
    var d = Math.max(0, Math.min(6, -Math.floor(Math.log(step) / Math.LN10 + 1e-9)));
    return v.toFixed(d).replace('-', '\u2212');
  }

"""#
}

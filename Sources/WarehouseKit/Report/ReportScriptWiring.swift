extension ReportScript {
    /// Builds a widget for each `figure[data-widget]` (the likes-against-age scatter jittered and
    /// translucent against overplotting), makes the segment table's rows highlight
    /// their segment, redraws on resize, then calls `ready()`.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let wiring = #"""
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
                             // Ages are whole years: a fixed jitter per user (within ±0.35 year) and
                             // translucent points show where thousands of users stack up.
                             x: function (i) { return D.age[i] + ((i * 2654435761 % 1000) / 1000 - 0.5) * 0.7; },
                             opacity: 0.35,
                             help: 'Ages are jittered by up to \u00b10.35 year and points are translucent, so darker areas hold more users.',
                             y: function (i) { var t = total(i); return t > 0 ? Math.log(t) / Math.LN10 : NaN; },
                             xLabel: 'Age (years)', yLabel: (D.counted || 'Liked posts') + ' (log scale)',
                             logY: true,
                             yTick: function (v) { return compactNumber(Math.pow(10, v)); } });
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
"""#
}

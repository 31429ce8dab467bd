extension ReportScript {
    /// The script's first part: the shared tooltip (any SVG mark with a `<title>`, and the
    /// interactive points), and `ready()`.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let tooltip = #"""
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

"""#
}

extension ReportScript {
    /// Per-figure tools: "Save as PNG" and "Save as SVG" for every chart, and +, − and Reset for
    /// every server-drawn x-y chart (``chartZoom``), in a small toolbar under the figure.
    ///
    /// Saving serialises the chart shown at this width (the interactive widget, or the desktop or
    /// phone SVG, as zoomed) with `XMLSerializer`; PNG draws that SVG, as a `data:` image, on a
    /// canvas at twice its size on white and takes `canvas.toBlob`. Either file is offered through
    /// a `blob:` URL and an `<a download>`: nothing is fetched from the network.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let chartTools = #"""
  /** The chart `fig` shows at this width: its widget's SVG, else its visible static SVG. */
  function shownChart(fig) {
    var widget = fig.querySelector('svg.iscatter');
    if (widget) return widget;
    var all = fig.querySelectorAll('.chart-view > svg.chart');
    for (var k = 0; k < all.length; k++) if (all[k].getClientRects().length) return all[k];
    return all[0] || null;
  }
  function offer(blob, name) {
    var url = URL.createObjectURL(blob), a = html('a', { href: url, download: name }, document.body);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 4000);
  }
  function svgText(svg) {
    var copy = svg.cloneNode(true);
    copy.setAttribute('xmlns', NS);
    if (!copy.getAttribute('font-family')) copy.setAttribute('font-family', 'system-ui, sans-serif');
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }
  function saveSVG(fig) {
    var svg = shownChart(fig);
    if (svg) offer(new Blob([svgText(svg)], { type: 'image/svg+xml' }), (fig.id || 'chart') + '.svg');
  }
  function savePNG(fig) {
    var svg = shownChart(fig);
    if (!svg) return;
    var w = +svg.getAttribute('width') || svg.getBoundingClientRect().width, h = +svg.getAttribute('height') || svg.getBoundingClientRect().height;
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(w * 2); canvas.height = Math.round(h * 2);
      var g = canvas.getContext('2d');
      g.fillStyle = '#ffffff'; g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) { if (blob) offer(blob, (fig.id || 'chart') + '.png'); }, 'image/png');
    };
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText(svg));
  }
  function saveButtons(fig, bar) {
    [['PNG', 'Save as PNG', savePNG], ['SVG', 'Save as SVG', saveSVG]].forEach(function (b) {
      var button = html('button', { type: 'button', 'class': 'save save-' + b[0].toLowerCase(), title: b[1], 'aria-label': b[1] }, bar, b[0]);
      button.addEventListener('click', function () { b[2](fig); });
    });
  }
  var chartZooms = [];
  document.querySelectorAll('figure.chart-figure').forEach(function (fig) {
    if (fig.hasAttribute('data-widget')) return; // the widget's toolbar has its own buttons
    var zooms = [];
    fig.querySelectorAll('.chart-view > svg.chart[data-plot]').forEach(function (svg) {
      var z = new ChartZoom(svg);
      if (z.ok) zooms.push(z);
    });
    chartZooms = chartZooms.concat(zooms);
    var bar = html('div', { 'class': 'chart-tools' }, fig);
    if (zooms.length) {
      var shown = function () {
        for (var k = 0; k < zooms.length; k++) if (zooms[k].svg.getClientRects().length) return zooms[k];
        return zooms[0];
      };
      [['+', 'Zoom in', 0.5], ['\u2212', 'Zoom out', 2]].forEach(function (b) {
        var button = html('button', { type: 'button', 'class': 'zoom', title: b[1], 'aria-label': b[1] }, bar, b[0]);
        button.addEventListener('click', function () { var z = shown(); z.zoomAt(z.p[0] + z.p[2] / 2, b[2]); });
      });
      html('button', { type: 'button', 'class': 'reset', title: 'Show the whole range' }, bar, 'Reset')
        .addEventListener('click', function () { zooms.forEach(function (z) { z.reset(); }); });
      html('span', { 'class': 'tools-help' }, bar, 'Zoom in, then drag to pan; Ctrl or Shift + wheel zooms too');
    }
    saveButtons(fig, bar);
  });

"""#
}

extension ReportScript {
    /// Legends of the server-drawn charts toggle their series: a click (or Enter / Space on the
    /// focused entry) on a `g.legend-item[data-series]` hides every mark with the same
    /// `data-series` in the figure's charts (desktop and phone copies alike), and a second shows
    /// them again; the entry fades (`data-off`, `aria-pressed`). Stacked bars keep their places:
    /// the gap shows where the hidden series was.
    /// A fragment of one function body, see ``ReportScript/source``.
    static let legendToggle = #"""
  /** Hides or shows series `s` in every copy (desktop, phone) of the figure holding `item`.
   *  Stacked bars keep their places: the gap shows where the hidden series was. */
  function toggleSeries(item) {
    var s = item.getAttribute('data-series'), fig = item.closest('figure') || item.closest('svg');
    var off = item.getAttribute('data-off') !== '1';
    fig.querySelectorAll('svg.chart [data-series="' + s + '"]').forEach(function (e) {
      if (e.classList.contains('legend-item')) { e.setAttribute('data-off', off ? '1' : '0'); e.setAttribute('aria-pressed', off ? 'false' : 'true'); }
      else e.style.display = off ? 'none' : '';
    });
  }
  document.querySelectorAll('svg.chart g.legend-item[data-series]').forEach(function (item) {
    item.setAttribute('tabindex', '0');
    item.setAttribute('role', 'button');
    item.setAttribute('aria-pressed', 'true');
  });
  document.addEventListener('click', function (e) {
    var item = e.target && e.target.closest && e.target.closest('svg.chart g.legend-item[data-series]');
    if (item) toggleSeries(item);
  });
  document.addEventListener('keydown', function (e) {
    var item = e.target && e.target.closest && e.target.closest('svg.chart g.legend-item[data-series]');
    if (item && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); toggleSeries(item); }
  });

"""#
}

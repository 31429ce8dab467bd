#!/usr/bin/env python3
"""Opens a `warehouse report` page in headless Chromium (selenium + chromedriver) and checks its
interactions. Prints one JSON object: {"checks": {name: {"ok": bool, "detail": str}}, "timing": {...}}.

Usage: check_report.py REPORT.html [--only NAME,...] [--timing-only]
Environment: CHROMIUM (browser binary, default: chromium), CHROMEDRIVER (default: chromedriver);
REPORT_PHONE_SCREENSHOT=PATH also saves the 390 px view of the PCA map there (PNG), and
REPORT_PHONE_CHARTS_SCREENSHOT=PATH the 390 px view of the favourite-category chart and its table.

Checks: no console error; no network request (every request the page makes is its own file:
URL); hovering a PCA point shows a tooltip naming that user's id; a histogram bar and a heatmap
cell show their counts in users; a legend click hides its
series (and a second click shows it again); the PC switcher changes the axis labels; zoom
changes the axis range and Reset restores it; clicking a segment row highlights it; at 390 px
wide the document is no wider than the viewport, and every chart fits its box (no sideways scroll
inside it) with its smallest SVG text rendered at >= 10 CSS px, with scripts on and with scripts
off (the static phone SVGs); every segment card's text inside its box at 1,400 and 390 px, and
every table inside its box at 1,400 px. Timing: navigation start to `reportReady`.

Hovers are deterministic: the pointer goes to the mark's centre as the page computes it
(getBoundingClientRect) and each tooltip check waits for the tooltip's text (up to
TOOLTIP_TIMEOUT seconds) instead of sleeping, so a slow or loaded machine delays it, never fails it.
"""
import json
import os
import shutil
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait


def make_driver(width, height, profile):
    options = Options()
    options.binary_location = shutil.which(os.environ.get("CHROMIUM", "chromium")) or "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-extensions", "--hide-scrollbars", f"--window-size={width},{height}",
                f"--user-data-dir={profile}", "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "--disable-sync", "--metrics-recording-only", "--no-default-browser-check"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver_path = shutil.which(os.environ.get("CHROMEDRIVER", "chromedriver")) or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(driver_path), options=options)


def wait_ready(driver, timeout=30):
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return window.reportReady === true"))


# Hovering a mark goes through the page's own coordinates: the mark is scrolled to the middle of
# the window, its centre taken from getBoundingClientRect (viewport CSS px, whole pixels as the
# WebDriver pointer needs) and the pointer moved exactly there: no guess at where the driver
# thinks an SVG shape's centre lies.
MARK_CENTRE_JS = """
var t = arguments[0];
t.scrollIntoView({block: 'center', inline: 'nearest'});
var r = t.getBoundingClientRect();
var x = Math.floor(r.left + r.width / 2), y = Math.floor(r.top + r.height / 2);
return {x: x, y: y};
"""

# The tooltip's visible text, or null while it is hidden.
TOOLTIP_TEXT_JS = """
var tip = document.getElementById('tooltip');
return tip && !tip.hidden && tip.getClientRects().length ? tip.innerText : null;
"""

TOOLTIP_TIMEOUT = 20  # seconds: generous for a loaded machine; a passing check never waits this long


def hover(driver, mark):
    """Moves the pointer to `mark`'s centre (see MARK_CENTRE_JS); returns that point."""
    centre = driver.execute_script(MARK_CENTRE_JS, mark)
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(centre["x"], centre["y"])
    actions.perform()
    return centre


def wait_for_tooltip(driver, accept):
    """Waits until the tooltip is shown with a text `accept` takes, then returns that text; on a
    timeout, the last text seen ('' when hidden): the check then fails saying what it saw."""
    seen = [""]

    def shown(d):
        text = d.execute_script(TOOLTIP_TEXT_JS)
        seen[0] = text or ""
        return text is not None and accept(text)
    try:
        WebDriverWait(driver, TOOLTIP_TIMEOUT, poll_frequency=0.05).until(shown)
    except TimeoutException:
        pass
    return seen[0]


def lines_of(text):
    return [line.strip() for line in text.strip().split("\n") if line.strip()]


# For every chart figure: its box's scrollWidth and clientWidth, and the smallest rendered font
# size (computed font-size × the SVG's scale on screen) of its visible SVG text, in CSS px.
PHONE_CHARTS_JS = """
var out = [];
document.querySelectorAll('figure.chart-figure').forEach(function (f) {
  var min = Infinity, where = '', texts = 0;
  f.querySelectorAll('svg text').forEach(function (t) {
    if (!t.getClientRects().length || !t.textContent.trim()) return;
    var m = t.getScreenCTM(), scale = m ? Math.sqrt(m.a * m.a + m.b * m.b) : 1;
    var size = parseFloat(getComputedStyle(t).fontSize) * scale;
    texts++;
    if (size < min) { min = size; where = t.textContent.slice(0, 24); }
  });
  var r = f.getBoundingClientRect();
  out.push({id: f.id, scroll: f.scrollWidth, client: f.clientWidth, right: r.right, texts: texts,
            min: texts ? Math.round(min * 100) / 100 : null, where: where});
});
return {figures: out, viewport: document.documentElement.clientWidth};
"""


def record_phone_charts(driver, record, name):
    """Every chart's box holds its chart (no sideways scroll inside it, no overflow of the viewport)
    and its smallest visible SVG text renders at >= 10 CSS px."""
    result = driver.execute_script(PHONE_CHARTS_JS)
    figures, viewport = result["figures"], result["viewport"]
    bad = [f for f in figures if f["scroll"] > f["client"] or f["right"] > viewport + 0.5
           or not f["texts"] or f["min"] < 10]
    smallest = min((f for f in figures if f["texts"]), key=lambda f: f["min"], default=None)
    record(name, figures and not bad,
           (f"failing: {bad[:4]}" if bad else
            f"{len(figures)} charts fit in {viewport} px; smallest text {smallest['min']} px "
            f"({smallest['id']}: {smallest['where']!r})" if smallest else "no chart"))


# ---- Helper TIME (issue 23): the "Behaviour over time" (#time) and "Does it predict?"
# (#evaluation) sections. Each chart is drawn, or a note says why not (no interactions, one run,
# no evaluation); a drawn chart has its one-line reading; hovering an activity point shows its
# week. Console errors these interactions raise are caught by no_console_error, checked after.
def check_time_and_evaluation(driver, record):
    state = driver.execute_script("""
        function visible(e) { return !!e && e.getClientRects().length > 0; }
        function reading(id) { var p = document.getElementById(id); return p ? p.textContent.length : 0; }
        var out = {time: !!document.querySelector('section#time'), evaluation: !!document.querySelector('section#evaluation')};
        var act = document.querySelector('#time-activity .chart-desk svg');
        out.activity = act ? {shown: visible(act), lines: act.querySelectorAll('g.series polyline').length,
                              points: act.querySelectorAll('g.series circle').length, reading: reading('time-activity-reading')} : null;
        out.activityNote = !!document.getElementById('time-activity-missing');
        var sizes = document.querySelector('#time-sizes .chart-desk svg');
        out.sizes = sizes ? {shown: visible(sizes), lines: sizes.querySelectorAll('g.series polyline').length,
                             reading: reading('time-sizes-reading'), flows: document.querySelectorAll('#time-flows tbody tr').length} : null;
        out.sizesNote = !!document.getElementById('time-segments-missing') || REPORT_DATA === null;
        var bars = document.querySelector('#evaluation-ndcg-at-5 .chart-desk svg');
        out.bars = bars ? {shown: visible(bars), bars: bars.querySelectorAll('rect.bar').length,
                           whiskers: bars.querySelectorAll('path.whisker').length,
                           rows: document.querySelectorAll('#evaluation-table tbody tr').length, reading: reading('evaluation-reading')} : null;
        out.evaluationNote = !!document.getElementById('evaluation-missing');
        return out;""")
    activity, sizes, bars = state["activity"], state["sizes"], state["bars"]
    time_ok = state["time"] and (
        (activity is not None and activity["shown"] and activity["lines"] > 0 and activity["reading"] > 20)
        or (activity is None and state["activityNote"])) and (
        (sizes is not None and sizes["shown"] and sizes["lines"] > 0 and sizes["reading"] > 20 and sizes["flows"] > 0)
        or (sizes is None and state["sizesNote"]))
    record("time_charts_present", time_ok, json.dumps(state))
    evaluation_ok = state["evaluation"] and (
        (bars is not None and bars["shown"] and bars["bars"] > 0 and bars["whiskers"] > 0 and bars["rows"] > 0 and bars["reading"] > 20)
        or (bars is None and state["evaluationNote"]))
    record("evaluation_charts_present", evaluation_ok, json.dumps(state))
    if activity is None:
        record("time_point_tooltip_names_week", state["activityNote"], "no activity chart; its note is shown")
        return
    points = driver.find_elements(By.CSS_SELECTOR, "#time-activity .chart-desk g.series circle")
    if not points:
        record("time_point_tooltip_names_week", False, "no point on the activity chart")
        return
    mark = points[len(points) // 2]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", mark)
    title = driver.execute_script(
        "for (var c = arguments[0].firstElementChild; c; c = c.nextElementSibling)"
        " if (c.tagName === 'title') return c.textContent; return null;", mark)
    hover(driver, mark)
    text = wait_for_tooltip(driver, lambda t: "week of" in t)
    record("time_point_tooltip_names_week", "week of" in text and title is not None and lines_of(text) == lines_of(title),
           f"title {title!r}; tooltip {text!r}")
# ---- end of helper TIME's checks


# ---------------------------------------------------------------------------------------------
# Interaction checks (issue 23, helper INTERACT): nearest-point hover, tooltips on printed labels,
# x zoom on the server-drawn charts, static legend toggles, box selection, save as PNG/SVG, and
# the biplot's labels at 390 px. Each takes the driver and `record`.
# ---------------------------------------------------------------------------------------------

# A drawn position of the widget in `fig` (points at the very same spot count as one: the hover
# then names the one drawn last, on top) whose nearest other position is more than 10 px away, so
# "the point within 6 px" of a pointer 3 px off it is that one alone; scrolled to the window's
# middle: the index of its top point and its centre in viewport px.
ISOLATED_POINT_JS = """
var svg = document.querySelector(arguments[0] + ' svg.iscatter'), c = svg.querySelectorAll('circle[data-i]');
var spots = {}, list = [];
for (var k = 0; k < c.length; k++) {
  var key = c[k].getAttribute('cx') + ',' + c[k].getAttribute('cy');
  if (!spots[key]) { spots[key] = {x: +c[k].getAttribute('cx'), y: +c[k].getAttribute('cy')}; list.push(spots[key]); }
  spots[key].top = c[k];
}
var best = null, gap = 0;
for (var a = 0; a < list.length; a += Math.max(1, Math.floor(list.length / 400))) {
  var near = Infinity;
  for (var b = 0; b < list.length; b++) if (b !== a) {
    var dx = list[a].x - list[b].x, dy = list[a].y - list[b].y; near = Math.min(near, dx * dx + dy * dy);
  }
  if (near > gap) { gap = near; best = list[a].top; }
}
if (!best || gap < 10 * 10) return null;
best.scrollIntoView({block: 'center', inline: 'nearest'});
var r = best.getBoundingClientRect();
return {i: +best.getAttribute('data-i'), x: r.left + r.width / 2, y: r.top + r.height / 2, gap: Math.sqrt(gap)};
"""


def move_to(driver, x, y):
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(round(x)), int(round(y)))
    actions.perform()


def check_hover_near_point(driver, record):
    """Hovering 3 px right of an isolated point (off its 2.6-px circle) shows that point's user."""
    point = driver.execute_script(ISOLATED_POINT_JS, "#fig-pca-map")
    if not point:
        record("hover_near_point_names_user", False, "no isolated point in the PCA map")
        return
    user = driver.execute_script("return REPORT_DATA.id[arguments[0]];", point["i"])
    move_to(driver, point["x"] + 3, point["y"])
    under = driver.execute_script(
        "var e = document.elementFromPoint(arguments[0], arguments[1]); return e ? e.getAttribute('data-i') : null;",
        int(round(point["x"] + 3)), int(round(point["y"])))
    text = wait_for_tooltip(driver, lambda t: t.startswith(f"User {user} "))
    record("hover_near_point_names_user", text.startswith(f"User {user} ") and under is None,
           f"pointer 3 px right of user {user}'s point (nearest other {point['gap']:.1f} px away; "
           f"element under the pointer data-i={under}); tooltip: {text[:60]!r}")


# For a printed label: the mark (in `marks`, same chart) whose box holds the label's centre, that
# mark's <title>, the label's centre in viewport px and what the browser hit-tests there.
LABEL_MARK_JS = """
var label = arguments[0], marks = arguments[1];
label.scrollIntoView({block: 'center', inline: 'nearest'});
var r = label.getBoundingClientRect(), x = Math.floor(r.left + r.width / 2), y = Math.floor(r.top + r.height / 2);
for (var k = 0; k < marks.length; k++) {
  var b = marks[k].getBoundingClientRect();
  if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) {
    var title = null;
    for (var c = marks[k].firstElementChild; c; c = c.nextElementSibling) if (c.tagName === 'title') title = c.textContent;
    var hit = document.elementFromPoint(x, y);
    return {x: x, y: y, title: title, hitIsMark: hit === marks[k], label: label.textContent};
  }
}
return null;
"""


def check_label_hover(driver, record):
    """Hovering the printed number in a heatmap cell and in a stacked-bar segment shows that
    cell's / segment's own tooltip (the label lets the pointer through to its mark)."""
    results = []
    for name, labels_css, marks_css in (
            ("heatmap cell", "#fig-lift-heatmap .chart-desk g.cell-values text", "#fig-lift-heatmap .chart-desk g.cells rect"),
            ("stacked bar", "#fig-favourite-category .chart-desk g.value-labels text", "#fig-favourite-category .chart-desk g.bars rect")):
        labels = driver.find_elements(By.CSS_SELECTOR, labels_css)
        marks = driver.find_elements(By.CSS_SELECTOR, marks_css)
        if not labels or not marks:
            results.append((name, False, "no printed label or mark"))
            continue
        found = driver.execute_script(LABEL_MARK_JS, labels[len(labels) // 2], marks)
        if not found or found["title"] is None:
            results.append((name, False, f"no mark under the label: {found}"))
            continue
        move_to(driver, found["x"], found["y"])
        text = wait_for_tooltip(driver, lambda t: lines_of(t) == lines_of(found["title"]))
        results.append((name, found["hitIsMark"] and lines_of(text) == lines_of(found["title"]),
                        f"label {found['label']!r} → tooltip {text!r} (mark's title {found['title']!r}, "
                        f"hit test on the mark: {found['hitIsMark']})"))
    record("label_hover_shows_mark_tooltip", all(ok for _, ok, _ in results),
           "; ".join(f"{n}: {d}" for n, _, d in results))


def check_chart_zoom(driver, record):
    """On every server-drawn x-y chart (histograms, line charts, the density map): "+" halves the
    visible x range (data-view) and redraws ticks (an axis with its own labels keeps them); Ctrl +
    wheel zooms further; a drag pans; Reset restores."""
    details, ok_all = [], True
    figures = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('figure.chart-figure'), function (f) {"
        " return f.querySelector('.chart-desk svg.chart[data-plot]') && !f.hasAttribute('data-widget') ? f.id : null;"
        "}).filter(function (x) { return x; });")
    def view(fig):
        v = driver.execute_script("return document.querySelector('#' + arguments[0] + ' .chart-desk svg.chart').getAttribute('data-view');", fig)
        return [float(x) for x in v.split()]
    for fig in figures:
        svg = driver.find_element(By.CSS_SELECTOR, f"#{fig} .chart-desk svg.chart")
        log = svg.get_attribute("data-x-scale") == "log"
        span = (lambda v: __import__("math").log10(v[1] / v[0])) if log else (lambda v: v[1] - v[0])
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", svg)
        original = view(fig)
        driver.find_element(By.CSS_SELECTOR, f"#{fig} .chart-tools button.zoom").click()
        zoomed = view(fig)
        ticks = [t.text for t in svg.find_elements(By.CSS_SELECTOR, ".zoom-tick")]
        driver.execute_script(
            "var r = arguments[0].getBoundingClientRect();"
            "arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: -100, ctrlKey: true, clientX: r.left + r.width / 2,"
            " clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));", svg)
        wheeled = view(fig)
        ActionChains(driver).move_to_element(svg).click_and_hold().move_by_offset(40, 0).release().perform()
        panned = view(fig)
        driver.find_element(By.CSS_SELECTOR, f"#{fig} .chart-tools button.reset").click()
        restored = view(fig)
        # An axis with its own labels (data-x-ticks: dates, names) shows those of them in view, which
        # may be one; an axis of numbers gets new nice ticks, at least two.
        own = svg.get_attribute("data-x-ticks")
        ticks_ok = (set(ticks) <= {label for _, label in json.loads(own)} and len(ticks) >= 1) if own else len(ticks) >= 2
        ok = (abs(span(zoomed) - span(original) / 2) < 1e-6 * max(1, abs(span(original))) and ticks_ok
              and span(wheeled) < span(zoomed) and panned[0] < wheeled[0]
              and abs(span(panned) - span(wheeled)) < 1e-6 * max(1, abs(span(wheeled)))
              and all(abs(a - b) <= 1e-9 * max(1, abs(b)) for a, b in zip(restored, original)))
        ok_all = ok_all and ok
        details.append(f"{fig}{' (log)' if log else ''}: {original} → {zoomed} (+, ticks {ticks}) → {wheeled} (wheel)"
                       f" → {panned} (drag) → {restored} (reset)")
    record("chart_zoom_changes_range_reset_restores", figures and ok_all, "; ".join(details) or "no zoomable chart")


def check_static_legend(driver, record):
    """A click on a static chart's legend entry hides that series' marks; a second shows them."""
    details, ok_all = [], True
    for fig in ("fig-favourite-category", "fig-elbow"):
        items = driver.find_elements(By.CSS_SELECTOR, f"#{fig} .chart-desk g.legend-item[data-series='0']")
        if not items:
            continue
        count = ("return Array.prototype.filter.call(document.querySelectorAll('#' + arguments[0] + ' .chart-desk svg.chart "
                 "[data-series=\"' + arguments[1] + '\"]:not(.legend-item)'), function (e) { return e.getClientRects().length > 0; }).length;")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", items[0])
        before, others = driver.execute_script(count, fig, "0"), driver.execute_script(count, fig, "1")
        ActionChains(driver).move_to_element(items[0]).click().perform()
        after, others_after = driver.execute_script(count, fig, "0"), driver.execute_script(count, fig, "1")
        ActionChains(driver).move_to_element(items[0]).click().perform()
        again = driver.execute_script(count, fig, "0")
        ok = before > 0 and after == 0 and others_after == others and again == before
        ok_all = ok_all and ok
        details.append(f"{fig} series 0: {before} marks → {after} → {again}; series 1 {others} → {others_after}")
    record("static_legend_hides_series", details and ok_all, "; ".join(details) or "no static legend")


def check_box_selection(driver, record):
    """Select, then drag a box over the segment map: the count the page reports equals the users
    whose points lie in the box, counted here from REPORT_DATA (PC1, PC2, segment) and the box the
    page stored in data units, and lies between the drawn points strictly inside and touching the
    dragged rectangle on screen."""
    fig = "#fig-segment-map"
    svg = driver.find_element(By.CSS_SELECTOR, f"{fig} svg.iscatter")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", svg)
    driver.find_element(By.CSS_SELECTOR, f"{fig} button.select").click()
    r = driver.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height];", svg)
    x0, y0 = int(r[0] + r[2] * 0.3), int(r[1] + r[3] * 0.25)
    x1, y1 = int(r[0] + r[2] * 0.65), int(r[1] + r[3] * 0.7)
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(x0, y0).pointer_down().move_to_location((x0 + x1) // 2, (y0 + y1) // 2)
    actions.pointer_action.move_to_location(x1, y1).pointer_up()
    actions.perform()
    shown = driver.execute_script(
        "var p = document.querySelector(arguments[0] + ' p.selection');"
        "return p && !p.hidden ? [p.getAttribute('data-count'), p.textContent] : null;", fig)
    expected = driver.execute_script(
        "var svg = document.querySelector(arguments[0] + ' svg.iscatter'), s = (svg.getAttribute('data-sel') || '').split(' ').map(Number);"
        "if (s.length !== 4) return null;"
        "var D = REPORT_DATA, m = D.components, n = D.id.length, count = 0;"
        "for (var i = 0; i < n; i++) { if (D.seg[i] < 1) continue; var x = D.pc[i * m], y = m > 1 ? D.pc[i * m + 1] : 0;"
        " if (x >= s[0] && x <= s[1] && y >= s[2] && y <= s[3]) count++; }"
        "return count;", fig)
    screen = driver.execute_script(
        "var c = document.querySelectorAll(arguments[0] + ' svg.iscatter circle[data-i]'), inner = 0, outer = 0;"
        "for (var k = 0; k < c.length; k++) { var b = c[k].getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2;"
        " if (x > arguments[1] + 0.5 && x < arguments[3] - 0.5 && y > arguments[2] + 0.5 && y < arguments[4] - 0.5) inner++;"
        " if (x >= arguments[1] - 0.5 && x <= arguments[3] + 0.5 && y >= arguments[2] - 0.5 && y <= arguments[4] + 0.5) outer++; }"
        "return [inner, outer];", fig, x0, y0, x1, y1)
    driver.find_element(By.CSS_SELECTOR, f"{fig} button.select").click()
    count = int(shown[0]) if shown else -1
    record("box_selection_counts_users",
           shown is not None and count == expected and screen[0] <= count <= screen[1] and count > 0 and "selected" in shown[1],
           f"page says {shown[1][:160] if shown else None!r}; from REPORT_DATA in the stored box: {expected}; "
           f"drawn points on screen strictly inside / touching the box: {screen}")
    driver.execute_script("var b = document.querySelector(arguments[0] + ' p.selection button'); if (b) b.click();", fig)


# Records every blob the page makes (type, size) and every download link it clicks, without
# leaving the page.
INTERCEPT_SAVES_JS = """
window.__saved = []; window.__downloads = [];
var make = URL.createObjectURL;
URL.createObjectURL = function (blob) { window.__saved.push({type: blob.type, size: blob.size}); return make.call(URL, blob); };
HTMLAnchorElement.prototype.click = function () { window.__downloads.push(this.getAttribute('download')); };
"""


def check_save_buttons(driver, record):
    """Every chart has Save-as-PNG and Save-as-SVG buttons; on a histogram and on the PCA widget
    each produces a non-empty blob of its type offered under a .png / .svg name."""
    driver.execute_script(INTERCEPT_SAVES_JS)
    figures = driver.execute_script("return document.querySelectorAll('figure.chart-figure').length;")
    with_buttons = driver.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('figure.chart-figure'), function (f) {"
        " return f.querySelector('button.save-png') && f.querySelector('button.save-svg'); }).length;")
    for fig in ("fig-age-histogram", "fig-pca-map"):
        for kind in ("svg", "png"):
            button = driver.find_element(By.CSS_SELECTOR, f"#{fig} button.save-{kind}")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
            button.click()
    try:
        WebDriverWait(driver, 20, poll_frequency=0.05).until(lambda d: d.execute_script("return window.__downloads.length") >= 4)
    except TimeoutException:
        pass
    saved = driver.execute_script("return window.__saved;")
    downloads = driver.execute_script("return window.__downloads;")
    types = sorted(s["type"] for s in saved)
    ok = (figures > 0 and with_buttons == figures and len(saved) == 4 and all(s["size"] > 0 for s in saved)
          and types == ["image/png", "image/png", "image/svg+xml", "image/svg+xml"]
          and sorted(downloads) == ["fig-age-histogram.png", "fig-age-histogram.svg", "fig-pca-map.png", "fig-pca-map.svg"])
    record("save_buttons_make_files", ok, f"{with_buttons} of {figures} charts have both buttons; blobs {saved}; downloads {downloads}")


def check_interaction_clean(driver, record, url):
    """After all the interaction checks: no console error and no web request."""
    errors = [e["message"] for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")]
    web = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            target = message["params"]["request"]["url"]
            if target.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp"):
                web.append(target)
    record("interaction_no_console_error_or_request", not errors and not web,
           f"errors: {errors[:3]}; web requests: {web[:3]}" if errors or web else "none")


def check_phone_biplot_labels(driver, record):
    """At 390 px, with the biplot on, no two loading labels overlap on screen."""
    box = driver.find_elements(By.CSS_SELECTOR, "#fig-pca-map .biplot-toggle input")
    if not box:
        record("phone_biplot_labels_apart", False, "no biplot toggle")
        return
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", box[0])
    rects = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#fig-pca-map svg.iscatter text.loading-label'), function (t) {"
        " var r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, t.textContent]; });")
    overlaps = [(a[4], b[4]) for k, a in enumerate(rects) for b in rects[k + 1:]
                if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]
    driver.execute_script("arguments[0].click();", box[0])
    record("phone_biplot_labels_apart", rects and not overlaps, f"{len(rects)} labels; overlapping pairs: {overlaps[:4]}")

def check_phone_touch_selection(driver, record, url):
    """At 390 px with a touch screen: Select on, a finger drawing a box over the segment map
    selects users (the page reports a count) and the page stays put. Caveat: CDP's synthetic
    touches do not start the browser's own touch scrolling here (the check passes with or without
    the widget's `touch-action: none` while selecting), so it shows the touch path selects, not
    that a real finger cannot scroll instead."""
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    driver.get(url)
    wait_ready(driver)
    svg = driver.find_element(By.CSS_SELECTOR, "#fig-segment-map svg.iscatter")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});"
                          "document.querySelector('#fig-segment-map button.select').click();", svg)
    r = driver.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height];", svg)
    x0, y0, x1, y1 = r[0] + r[2] * 0.3, r[1] + r[3] * 0.3, r[0] + r[2] * 0.6, r[1] + r[3] * 0.6
    before = driver.execute_script("return window.scrollY;")
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y0}]})
    for k in range(1, 6):
        driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [
            {"x": x0 + (x1 - x0) * k / 5, "y": y0 + (y1 - y0) * k / 5}]})
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    try:
        WebDriverWait(driver, 10, poll_frequency=0.05).until(lambda d: d.execute_script(
            "var p = document.querySelector('#fig-segment-map p.selection'); return p && !p.hidden;"))
    except TimeoutException:
        pass
    shown = driver.execute_script("var p = document.querySelector('#fig-segment-map p.selection');"
                                  "return [p && !p.hidden, p && p.getAttribute('data-count'), window.scrollY];")
    record("phone_touch_box_selection", shown[0] and int(shown[1] or 0) > 0 and shown[2] == before,
           f"selection shown {shown[0]}, count {shown[1]}; page scrolled {before} → {shown[2]}")

# --------------------------------------------------------------------------------------------- end INTERACT


# ---- Segment cards and table fit (helper CARDS, issue 23) -----------------------------------
# Every `.segment-card` shows all its text without a sideways scroll: the card's scrollWidth is at
# most its clientWidth, and every text element in it (heading, facts, list items, the audience
# command) lies within the card's box; the page itself does not scroll sideways. Checked at 1,400
# and at 390 px. At 1,400 px every table's block holds its table (scrollWidth <= clientWidth).

SEGMENT_CARDS_JS = """
var out = [];
document.querySelectorAll('article.segment-card').forEach(function (card) {
  var box = card.getBoundingClientRect(), outside = [];
  card.querySelectorAll('h3, dt, dd, li, code, figure').forEach(function (e) {
    if (!e.getClientRects().length) return;
    var r = e.getBoundingClientRect();
    if (r.right > box.right + 0.5 || r.left < box.left - 0.5) outside.push(e.tagName + ':' + (e.textContent || '').slice(0, 30));
  });
  var smallest = Infinity;
  card.querySelectorAll('svg text').forEach(function (t) {
    if (!t.getClientRects().length || !t.textContent.trim()) return;
    var m = t.getScreenCTM(), scale = m ? Math.sqrt(m.a * m.a + m.b * m.b) : 1;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
  });
  out.push({id: card.id, scroll: card.scrollWidth, client: card.clientWidth, visible: card.getClientRects().length > 0,
            chart_text: smallest === Infinity ? null : Math.round(smallest * 100) / 100,
            text: (card.innerText || '').trim().length, outside: outside.slice(0, 3), facts: card.querySelectorAll('dl.card-facts dd').length});
});
return {cards: out, page: document.documentElement.scrollWidth, body: document.body.scrollWidth,
        viewport: document.documentElement.clientWidth};
"""


# The smallest SVG text of a card's charts, as rendered, in CSS px.
CARD_CHART_TEXT_MINIMUM = 10


def record_segment_cards(driver, record, name):
    """Every segment card's text is inside its box, the card and the page need no sideways scroll,
    and its charts' text renders at >= CARD_CHART_TEXT_MINIMUM CSS px."""
    result = driver.execute_script(SEGMENT_CARDS_JS)
    cards, viewport = result["cards"], result["viewport"]
    bad = [c for c in cards if c["scroll"] > c["client"] or c["outside"] or not c["visible"] or c["text"] == 0 or c["facts"] < 2
           or (c["chart_text"] is not None and c["chart_text"] < CARD_CHART_TEXT_MINIMUM)]
    smallest = min((c["chart_text"] for c in cards if c["chart_text"] is not None), default=None)
    page_ok = result["page"] <= viewport and result["body"] <= viewport
    record(name, cards and not bad and page_ok,
           f"failing: {bad[:3]}" if bad else
           (f"page scrollWidth {result['page']} / body {result['body']} > viewport {viewport}" if not page_ok else
            f"{len(cards)} cards fit in {viewport} px; smallest chart text {smallest} px" if cards else "no segment card on the page"))


TABLES_FIT_JS = """
var out = [];
document.querySelectorAll('table.data').forEach(function (t) {
  var block = t.closest('.table-block') || t.parentElement;
  out.push({id: block.id || '', table: t.scrollWidth, block_scroll: block.scrollWidth, block: block.clientWidth});
});
return out;
"""


# ---- Helper WORDS (issue 23): grid rows without a lone block; analyst detail collapsed. ----------
# At desktop width every block of the population and segmentation sections that takes half a row
# shares its row with another (a lone chart beside a blank half row was the complaint), and every
# `details.detail` (elbow values, explained variance, run parameters, statistics) starts closed,
# hides its table, and opens on a click of its summary.
WORDS_LAYOUT_JS = r"""
var out = {lone: [], halves: 0, details: []};
['population', 'segmentation'].forEach(function (id) {
  var section = document.getElementById(id);
  if (!section) return;
  var width = section.getBoundingClientRect().width, halves = [];
  for (var c = section.firstElementChild; c; c = c.nextElementSibling) {
    var r = c.getBoundingClientRect();
    if (c.tagName === 'H2' || c.tagName === 'P') continue;  // headings and intros span the row (an intro's text is narrower)
    if (r.width > 0 && r.width < 0.75 * width) halves.push({id: c.id || c.className, top: Math.round(r.top), left: r.left});
  }
  out.halves += halves.length;
  halves.forEach(function (h) {
    var mates = halves.filter(function (o) { return o !== h && Math.abs(o.top - h.top) <= 2; });
    if (!mates.length) out.lone.push(id + ': ' + h.id);
  });
});
var d = document.querySelectorAll('details.detail');
for (var k = 0; k < d.length; k++) {
  var t = d[k].querySelector('table');
  // A closed <details> keeps its content's boxes (content-visibility: hidden): ask whether it is seen.
  out.details.push({id: d[k].id, open: d[k].open, tableShown: !!(t && t.checkVisibility())});
}
return out;
"""


def record_tables_fit(driver, record, name):
    """Every table fits its box: no table is wider than its block, no block scrolls sideways."""
    tables = driver.execute_script(TABLES_FIT_JS)
    bad = [t for t in tables if t["table"] > t["block"] or t["block_scroll"] > t["block"]]
    record(name, tables and not bad,
           f"failing: {bad[:4]}" if bad else f"{len(tables)} tables fit their boxes")


def check_cards_and_tables(url, profile, record):
    """The cards at 1,400 px and at 390 px (a phone), the tables at 1,400 px."""
    driver = make_driver(1400, 900, profile + "-cards")
    try:
        driver.get(url)
        wait_ready(driver)
        record_segment_cards(driver, record, "segment_cards_fit_1400")
        record_tables_fit(driver, record, "tables_fit_their_box_1400")
    finally:
        driver.quit()
        shutil.rmtree(profile + "-cards", ignore_errors=True)
    driver = make_driver(390, 844, profile + "-cards")
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        driver.get(url)
        wait_ready(driver)
        record_segment_cards(driver, record, "segment_cards_fit_390")
    finally:
        driver.quit()
        shutil.rmtree(profile + "-cards", ignore_errors=True)
# ---- end of the segment cards block -----------------------------------------------------------


def check_words_layout(driver, record):
    result = driver.execute_script(WORDS_LAYOUT_JS)
    record("no_lone_half_row_block", result["halves"] > 0 and not result["lone"],
           f"alone in their row: {result['lone']}" if result["lone"] else f"{result['halves']} half-row blocks, all paired")
    details = result["details"]
    closed = details and all(not d["open"] and not d["tableShown"] for d in details)
    opened = False
    if details:
        summary = driver.find_element(By.CSS_SELECTOR, "details.detail > summary")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
        summary.click()
        opened = driver.execute_script(
            "var d = document.querySelector('details.detail'), t = d.querySelector('table');"
            "return d.open && !!(t && t.checkVisibility());")
        summary.click()
    record("analyst_detail_collapsed", closed and opened,
           f"{len(details)} collapsed blocks ({', '.join(d['id'] for d in details)}); all closed: {bool(closed)}; "
           f"a click opens one: {opened}")


def main():
    args = sys.argv[1:]
    if not args:
        print("usage: check_report.py REPORT.html [--timing-only]", file=sys.stderr)
        return 2
    page = os.path.abspath(args[0])
    timing_only = "--timing-only" in args
    url = "file://" + page
    checks = {}
    timing = {}

    def record(name, ok, detail=""):
        checks[name] = {"ok": bool(ok), "detail": str(detail)}

    profile = tempfile.mkdtemp(prefix="report-browser-")
    try:
        driver = make_driver(1280, 900, profile)
        try:
            driver.get_log("performance")  # drop the browser's own start-up requests
            driver.get_log("browser")
            start = time.monotonic()
            driver.get(url)
            wait_ready(driver)
            wall = time.monotonic() - start
            first_ready = driver.execute_script("return window.__readyAt;")
            # A second load, the browser warm: what a reader opening the file sees.
            start = time.monotonic()
            driver.get(url)
            wait_ready(driver)
            warm_wall = time.monotonic() - start
            nav = driver.execute_script(
                "var e = performance.getEntriesByType('navigation')[0];"
                "return {ready: window.__readyAt || performance.now(), dcl: e ? e.domContentLoadedEventEnd : null,"
                " load: e ? e.loadEventEnd : null, bytes: document.documentElement.outerHTML.length};")
            timing = {"cold_wall_seconds_get_to_ready": round(wall, 3), "cold_ready_ms": first_ready,
                      "warm_wall_seconds_get_to_ready": round(warm_wall, 3), "warm_dom_content_loaded_ms": nav["dcl"],
                      "warm_load_event_ms": nav["load"], "warm_ready_ms": nav["ready"], "page_characters": nav["bytes"]}
            if timing_only:
                print(json.dumps({"checks": checks, "timing": timing}))
                return 0

            # Tooltip on a PCA point names that user's id.
            pca = driver.find_element(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter")
            points = pca.find_elements(By.CSS_SELECTOR, "circle[data-i]")
            if points:
                # A point that is on top at its own centre (in a dense or hand-built map many coincide).
                target = driver.execute_script(
                    "var c = arguments[0], n = c.length;"
                    "for (var k = 0; k < n; k++) { var t = c[(Math.floor(n / 2) + k * 7919) % n];"
                    " t.scrollIntoView({block: 'center', inline: 'nearest'}); var r = t.getBoundingClientRect();"
                    " var x = Math.floor(r.left + r.width / 2), y = Math.floor(r.top + r.height / 2);"
                    " if (document.elementFromPoint(x, y) === t) return t; }"
                    "return c[Math.floor(n / 2)];", points)
                centre = hover(driver, target)
                # The point under the pointer, at the very pixel the pointer is on (the hovered one
                # may lie beneath another).
                index = driver.execute_script(
                    "var e = document.elementFromPoint(arguments[0], arguments[1]);"
                    "return e && e.getAttribute('data-i') !== null ? +e.getAttribute('data-i') : -1;",
                    centre["x"], centre["y"])
                user = driver.execute_script("return arguments[0] >= 0 ? REPORT_DATA.id[arguments[0]] : null;", index)
                text = wait_for_tooltip(driver, lambda t: user is not None and t.startswith(f"User {user} ")) \
                    if user is not None else ""
                record("tooltip_names_user", user is not None and text.startswith(f"User {user} ")
                       and "Segment: S" in text and "Top category:" in text,
                       f"point under the pointer data-i={index} (user {user}) at {centre['x']},{centre['y']}; tooltip: {text!r}")
            else:
                record("tooltip_names_user", False, "no point in the PCA map")

            # A bar and a heatmap cell give their counts in users.
            counts = []
            for selector in ("#fig-liked-posts-histogram .chart-desk rect.bar", "#fig-liked-posts-by-age .chart-desk g.cells rect"):
                marks = driver.find_elements(By.CSS_SELECTOR, selector)
                if not marks:
                    counts.append((selector, ""))
                    continue
                # The largest mark (a middle bin may be empty, its bar of no height).
                mark = driver.execute_script(
                    "var best = null, area = 0; arguments[0].forEach(function (m) { var b = m.getBoundingClientRect();"
                    " if (b.width * b.height > area) { area = b.width * b.height; best = m; } }); return best;", marks)
                # Its tooltip is its own <title>: wait for exactly that text (not a tooltip left over
                # from the mark hovered before).
                title = driver.execute_script(
                    "for (var c = arguments[0].firstElementChild; c; c = c.nextElementSibling)"
                    " if (c.tagName === 'title') return c.textContent; return null;", mark)
                hover(driver, mark)
                counts.append((selector, wait_for_tooltip(
                    driver, lambda t: title is not None and lines_of(t) == lines_of(title))))
            record("bar_and_cell_tooltips_in_users",
                   all(text.endswith(" users") and any(ch.isdigit() for ch in text) for _, text in counts),
                   "; ".join(f"{selector}: {text!r}" for selector, text in counts))

            # Legend click hides its series, second click shows it.
            button = driver.find_element(By.CSS_SELECTOR, "#fig-pca-map .legend-item[data-group='0']")
            before = len(pca.find_elements(By.CSS_SELECTOR, "circle[data-g='0']"))
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
            button.click()
            pca = driver.find_element(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter")
            after = len(pca.find_elements(By.CSS_SELECTOR, "circle[data-g='0']"))
            others = len(pca.find_elements(By.CSS_SELECTOR, "circle[data-i]"))
            button.click()
            again = len(driver.find_elements(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter circle[data-g='0']"))
            record("legend_hides_series", before > 0 and after == 0 and others > 0 and again == before,
                   f"group 0 points: {before} → {after} after a click ({others} others left) → {again} after another")

            # The PC switcher changes the axis labels.
            def labels():
                return (driver.find_element(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter .x-label").text,
                        driver.find_element(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter .y-label").text)
            first = labels()
            switch = driver.find_elements(By.CSS_SELECTOR, "#fig-pca-map select.pc-switch")
            if switch and len(Select(switch[0]).options) >= 2:
                Select(switch[0]).select_by_index(1)
                second = labels()
                Select(switch[0]).select_by_index(0)
                record("switcher_changes_axes", first != second and second[1].startswith("PC3"),
                       f"{first} → {second}")
            else:
                record("switcher_changes_axes", False, "no PC switcher with ≥ 2 options (run with < 3 components?)")
            biplot = driver.find_elements(By.CSS_SELECTOR, "#fig-pca-map .biplot-toggle input")
            if biplot:
                biplot[0].click()
                arrows = len(driver.find_elements(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter g.biplot line"))
                biplot[0].click()
                record("biplot_draws_loadings", arrows > 0, f"{arrows} loading arrows")

            # Zoom changes the axis range; Reset restores it.
            def domain():
                svg = driver.find_element(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter")
                return tuple(round(float(svg.get_attribute(a)), 9) for a in ("data-x0", "data-x1", "data-y0", "data-y1"))
            def tick_labels():
                return [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter .x-tick")]
            original, original_ticks = domain(), tick_labels()
            driver.find_element(By.CSS_SELECTOR, "#fig-pca-map button.zoom").click()
            zoomed, zoomed_ticks = domain(), tick_labels()
            # Wheel zoom over the plot too.
            svg = driver.find_element(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter")
            driver.execute_script(
                "var r = arguments[0].getBoundingClientRect();"
                "arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: -100, clientX: r.left + r.width / 2,"
                " clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));", svg)
            wheeled = domain()
            svg = driver.find_element(By.CSS_SELECTOR, "#fig-pca-map svg.iscatter")
            ActionChains(driver).move_to_element(svg).click_and_hold().move_by_offset(60, 0).release().perform()
            panned = domain()
            driver.find_element(By.CSS_SELECTOR, "#fig-pca-map button.reset").click()
            restored = domain()
            narrower = (zoomed[1] - zoomed[0]) < (original[1] - original[0]) * 0.75
            record("zoom_changes_range_reset_restores",
                   narrower and zoomed_ticks != original_ticks and (wheeled[1] - wheeled[0]) < (zoomed[1] - zoomed[0])
                   and panned[0] < wheeled[0] and abs((panned[1] - panned[0]) - (wheeled[1] - wheeled[0])) < 1e-6
                   and restored == original,
                   f"x range {original[:2]} → {zoomed[:2]} (button) → {wheeled[:2]} (wheel) → {panned[:2]} (drag right) "
                   f"→ {restored[:2]} (reset); "
                   f"ticks {original_ticks} → {zoomed_ticks}")

            # A segment row highlights it on the maps.
            row = driver.find_element(By.CSS_SELECTOR, "tr[data-key='segment-1']")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", row)
            row.click()
            dim = driver.execute_script(
                "var c = document.querySelectorAll('#fig-segment-map svg.iscatter circle[data-i]'), lit = 0, dim = 0;"
                "for (var k = 0; k < c.length; k++) { var s = REPORT_DATA.seg[+c[k].getAttribute('data-i')];"
                " var o = +c[k].getAttribute('fill-opacity'); if (s === 1 && o > 0.5) lit++; if (s !== 1 && o < 0.5) dim++; }"
                "return [lit, dim, c.length];")
            row.click()
            record("segment_row_highlights", dim[0] > 0 and dim[0] + dim[1] == dim[2],
                   f"segment 1 lit {dim[0]}, others dimmed {dim[1]}, of {dim[2]} points")

            # The desktop page is no wider than the window either.
            wide = driver.execute_script("return [document.documentElement.scrollWidth, document.body.scrollWidth,"
                                         " document.documentElement.clientWidth];")
            record("desktop_no_sideways_scroll", wide[0] <= wide[2] and wide[1] <= wide[2],
                   f"scrollWidth {wide[0]} / body {wide[1]}, viewport {wide[2]}")

            # Helper WORDS (issue 23): the grid and the collapsed analyst detail.
            check_words_layout(driver, record)

            # Desktop shows the desktop SVGs (or the interactive view), never the phone copies.
            views = driver.execute_script(
                "var f = document.querySelectorAll('figure.chart-figure'), shown = 0, phone = 0;"
                "for (var k = 0; k < f.length; k++) {"
                " var d = f[k].querySelector('.chart-desk svg'), p = f[k].querySelector('.chart-phone svg');"
                " if (p && p.getClientRects().length) phone++;"
                " if ((d && d.getClientRects().length) || f[k].querySelector('svg.iscatter')) shown++; }"
                "return [shown, phone, f.length];")
            record("desktop_shows_desktop_charts", views[0] == views[2] and views[1] == 0 and views[2] > 0,
                   f"{views[0]} of {views[2]} figures show the desktop chart; {views[1]} show a phone copy")

            check_time_and_evaluation(driver, record)

            # No console error.
            logs = driver.get_log("browser")
            errors = [entry["message"] for entry in logs if entry.get("level") in ("SEVERE", "ERROR")]
            record("no_console_error", not errors, "; ".join(errors)[:500] or f"{len(logs)} console entries, none an error")

            # No network request: every request is the page's own file: URL.
            requests = []
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message.get("method") == "Network.requestWillBeSent":
                    params = message["params"]
                    requests.append((params["request"]["url"], params.get("documentURL", "")))
            # The page's own requests (its document's), and any web request from anywhere; the
            # browser's internal chrome:// pages (its new-tab page) are not the report's.
            foreign = [r for r, doc in requests
                       if r != url and (doc == url or r.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp"))]
            requests = [r for r, doc in requests if doc == url or r == url]
            record("no_network_request", not foreign and url in requests,
                   f"requests: {foreign[:5]}" if foreign else f"only the page itself ({len(requests)} request)")

            # Interaction checks (INTERACT block above); after the network check, as saving makes blobs.
            check_hover_near_point(driver, record)
            check_label_hover(driver, record)
            check_chart_zoom(driver, record)
            check_static_legend(driver, record)
            check_box_selection(driver, record)
            check_save_buttons(driver, record)
            check_interaction_clean(driver, record, url)
        finally:
            driver.quit()

        # Phone width: the document is no wider than the viewport.
        driver = make_driver(390, 844, profile + "-phone")
        try:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
            driver.get(url)
            wait_ready(driver)
            sizes = driver.execute_script(
                "return [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth,"
                " document.documentElement.clientWidth];")
            shot = os.environ.get("REPORT_PHONE_SCREENSHOT")
            if shot:  # the PCA map as a phone shows it, for the README
                driver.execute_script("document.getElementById('fig-pca-map').scrollIntoView({block: 'start'});")
                time.sleep(0.3)
                driver.save_screenshot(shot)
            shot = os.environ.get("REPORT_PHONE_CHARTS_SCREENSHOT")
            if shot:  # a non-scatter chart and the table under it, as a phone shows them
                driver.execute_script("document.getElementById('fig-favourite-category').scrollIntoView({block: 'start'});")
                time.sleep(0.3)
                driver.save_screenshot(shot)
            record("phone_no_sideways_scroll", sizes[0] <= sizes[3] and sizes[1] <= sizes[3] and sizes[2] <= 400,
                   f"scrollWidth {sizes[0]} / body {sizes[1]}, viewport {sizes[3]} (innerWidth {sizes[2]})")
            record_phone_charts(driver, record, "phone_charts_fit_legible")
            check_phone_biplot_labels(driver, record)
            check_phone_touch_selection(driver, record, url)
        finally:
            driver.quit()
            shutil.rmtree(profile + "-phone", ignore_errors=True)

        # Phone width with scripts off: the static phone SVGs fit and stay legible too.
        driver = make_driver(390, 844, profile + "-phone")
        try:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
            driver.get(url)
            WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
            record_phone_charts(driver, record, "phone_static_charts_fit_legible")
        finally:
            driver.quit()
            shutil.rmtree(profile + "-phone", ignore_errors=True)
        check_cards_and_tables(url, profile, record)  # helper CARDS
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps({"checks": checks, "timing": timing}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

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
off (the static phone SVGs). Timing: navigation start to `reportReady`.

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
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps({"checks": checks, "timing": timing}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measures a built page as it prints: headless Chromium over the DevTools protocol (see
Tests/Browser/devtools.py) with print media emulated at the width of an A4 page's text (718 px).

    python3 print_check.py CHROMIUM FILE_URL

Prints one JSON object: the same measures for "screen" and for "print".
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Browser"))
from devtools import Page  # noqa: E402

chromium, url = sys.argv[1:3]

MEASURE = """JSON.stringify((() => {
  const style = (selector) => { const e = document.querySelector(selector); return e ? getComputedStyle(e) : null; };
  const shown = (selector) => { const s = style(selector); return s ? s.display !== 'none' : null; };
  const pres = [...document.querySelectorAll('pre')];
  return {
    width: innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    nav: shown('.site-nav'), footer: shown('.site-footer'),
    background: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.body).color,
    runBackground: style('.run').backgroundColor,
    runOutput: style('.run-output').color,
    // Code that would be cut off on paper: wider than its box and not wrapped.
    clippedPres: pres.filter(p => p.scrollWidth > p.clientWidth + 1).length,
    pres: pres.length,
    svgsFit: [...document.querySelectorAll('svg.diagram')].every(s => s.getBoundingClientRect().width <= s.parentElement.getBoundingClientRect().width + 0.5),
  };
})())"""

report = {}
with Page(chromium, url) as page:
    page.call("Emulation.setDeviceMetricsOverride", {"width": 718, "height": 1000, "deviceScaleFactor": 1, "mobile": False}, page=True)
    report["screen"] = json.loads(page.evaluate(MEASURE))
    page.call("Emulation.setEmulatedMedia", {"media": "print"}, page=True)
    report["print"] = json.loads(page.evaluate(MEASURE))
print(json.dumps(report))

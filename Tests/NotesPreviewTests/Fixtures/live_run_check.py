"""Checks `notes serve --run replay` as an author's browser sees it (headless Chromium over the
DevTools protocol, see Tests/Browser/devtools.py).

    python3 live_run_check.py CHROMIUM URL LISTING_FILE

Opens URL (a note whose listing LISTING_FILE is run on save), marks the page, saves a new version of
the listing (printing "bonjour 1", waiting a second, then "bonjour 2"), and waits, without touching
the page, until its run panel shows the new output. Prints one JSON object with what it saw: the
output before; whether a live panel showed "bonjour 1" while the run was still going; the output
after; and whether the page reloaded by itself (the mark is gone).
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Browser"))
from devtools import Page  # noqa: E402

chromium, url, listing_path = sys.argv[1:4]

OUTPUT = "(document.querySelector('.run-output') || {}).textContent || ''"
LIVE = """JSON.stringify((() => {
  const panel = document.querySelector('.notes-live-run');
  return panel ? {status: panel.dataset.status, text: panel.querySelector('.notes-live-run-output').textContent,
                  head: panel.querySelector('.notes-live-run-status').textContent} : null;
})())"""

report = {}
with Page(chromium, url) as page:
    page.wait_for("document.querySelector('h1') && 1")
    time.sleep(0.5)  # let the page's event stream connect
    report["before"] = page.evaluate(OUTPUT)
    page.evaluate("window.notesMarked = true; 1")
    temporary = os.path.join(os.path.dirname(listing_path), ".hello.sh.tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        file.write('#!/bin/sh\necho "bonjour 1"\nsleep 1\necho "bonjour 2"\n')
    os.rename(temporary, listing_path)  # as editors save
    report["live"] = None
    deadline = time.time() + 30
    while time.time() < deadline:
        live = json.loads(page.evaluate(LIVE) or "null")
        if live and live["status"] == "running" and "bonjour 1" in live["text"]:
            report["live"] = live
            break
        if "bonjour 2" in page.evaluate(OUTPUT):
            break
        time.sleep(0.05)
    page.wait_for("(document.querySelector('.run-output') || {}).textContent?.includes('bonjour 2') && 1", timeout=30)
    report["after"] = page.evaluate(OUTPUT)
    report["reloaded"] = page.evaluate("window.notesMarked !== true")
print(json.dumps(report))

"""Checks `notes serve`'s live reload as a reader's browser sees it (headless Chromium over the
DevTools protocol, see Tests/Browser/devtools.py).

    python3 live_reload_check.py CHROMIUM URL NOTE_FILE

Opens URL, then edits NOTE_FILE three times (new title; a broken figure; the original back) and
after each edit waits for the page to show it. Prints one JSON object with what it saw.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Browser"))
from devtools import Page  # noqa: E402

chromium, url, note_path = sys.argv[1:4]

STATE = """JSON.stringify({
  h1: (document.querySelector('h1') || {}).textContent || null,
  panel: (document.getElementById('notes-build-error') || {}).textContent || null,
  marked: window.notesMarked === true
})"""
# Set on the page after each check: a reload clears it, so it tells a reload from a patch.
MARK = "window.notesMarked = true; 1"


def save(text):
    with open(note_path, "w", encoding="utf-8") as file:
        file.write(text)


report = {}
with Page(chromium, url) as page:
    page.wait_for("document.querySelector('h1') && 1")
    # Give the page's event stream a moment to connect before the first save.
    time.sleep(0.5)
    report["loaded"] = json.loads(page.evaluate(STATE))
    page.evaluate(MARK)
    original = open(note_path, encoding="utf-8").read()
    retitled = original.replace('title: "Do it all at once', 'title: "Do it all together')

    save(retitled)
    page.wait_for("(document.querySelector('h1') || {}).textContent?.startsWith('Do it all together') && 1")
    report["retitled"] = json.loads(page.evaluate(STATE))
    page.evaluate(MARK)
    time.sleep(0.5)

    save(retitled.replace("search     0.30-0.80", "search     0.80-0.30"))
    page.wait_for("document.getElementById('notes-build-error') && 1")
    report["broken"] = json.loads(page.evaluate(STATE))
    page.evaluate(MARK)

    save(original)
    page.wait_for("(document.querySelector('h1') || {}).textContent?.startsWith('Do it all at once')"
                  " && !document.getElementById('notes-build-error') && 1")
    report["fixed"] = json.loads(page.evaluate(STATE))
print(json.dumps(report))

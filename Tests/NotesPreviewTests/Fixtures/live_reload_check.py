"""Drives headless Chromium over the DevTools protocol (--remote-debugging-pipe, standard library
only) to check `notes serve`'s live reload as a reader's browser sees it.

    python3 live_reload_check.py CHROMIUM URL NOTE_FILE

Opens URL, then edits NOTE_FILE three times (new title; a broken figure; the original back) and
after each edit waits for the page to show it. Prints one JSON object with what it saw.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

chromium, url, note_path = sys.argv[1:4]
profile = tempfile.mkdtemp(prefix="chromium-")
# The browser reads commands from fd 3 and writes answers to fd 4.
to_browser_read, to_browser_write = os.pipe()
from_browser_read, from_browser_write = os.pipe()
browser = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
     "--remote-debugging-pipe", "about:blank"],
    # close_fds runs after preexec_fn: keep the two numbers the browser expects.
    pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    preexec_fn=lambda: (os.dup2(to_browser_read, 3), os.dup2(from_browser_write, 4)))
os.close(to_browser_read)
os.close(from_browser_write)
pending = b""
next_id = 0


def call(method, params=None, session=None):
    global next_id, pending
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_browser_write, json.dumps(message).encode() + b"\0")
    while True:
        while b"\0" not in pending:
            chunk = os.read(from_browser_read, 65536)
            if not chunk:
                raise SystemExit("the browser closed the pipe")
            pending += chunk
        raw, pending = pending.split(b"\0", 1)
        answer = json.loads(raw)
        if answer.get("id") == next_id:
            if "error" in answer:
                raise SystemExit(f"{method}: {answer['error']}")
            return answer["result"]


def evaluate(session, expression):
    result = call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
    return result.get("result", {}).get("value")


def wait_for(session, expression, timeout=15):
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        try:
            value = evaluate(session, expression)
        except SystemExit:
            value = None  # between documents while the page reloads
        if value:
            return value
        time.sleep(0.1)
    return value


STATE = """JSON.stringify({
  h1: (document.querySelector('h1') || {}).textContent || null,
  panel: (document.getElementById('notes-build-error') || {}).textContent || null,
  marked: window.notesMarked === true
})"""
# Set on the page after each check: a reload clears it, so it tells a reload from a patch.
MARK = "window.notesMarked = true; 1"

report = {}
try:
    target = call("Target.createTarget", {"url": url})["targetId"]
    session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    wait_for(session, "document.readyState === 'complete' && document.querySelector('h1') && 1")
    # Give the page's event stream a moment to connect before the first save.
    time.sleep(0.5)
    report["loaded"] = json.loads(evaluate(session, STATE))
    evaluate(session, MARK)
    original = open(note_path, encoding="utf-8").read()

    def save(text):
        with open(note_path, "w", encoding="utf-8") as file:
            file.write(text)

    save(original.replace('title: "Do it all at once', 'title: "Do it all together'))
    wait_for(session, "(document.querySelector('h1') || {}).textContent?.startsWith('Do it all together') && 1")
    report["retitled"] = json.loads(evaluate(session, STATE))
    evaluate(session, MARK)
    time.sleep(0.5)

    save(original.replace('title: "Do it all at once', 'title: "Do it all together')
         .replace("search     0.30-0.80", "search     0.80-0.30"))
    wait_for(session, "document.getElementById('notes-build-error') && 1")
    report["broken"] = json.loads(evaluate(session, STATE))
    evaluate(session, MARK)

    save(original)
    wait_for(session, "(document.querySelector('h1') || {}).textContent?.startsWith('Do it all at once') && !document.getElementById('notes-build-error') && 1")
    report["fixed"] = json.loads(evaluate(session, STATE))
finally:
    browser.kill()
    browser.wait()
print(json.dumps(report))

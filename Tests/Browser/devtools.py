"""A headless Chromium page driven over the DevTools protocol, standard library only.

Used by the browser tests' driver scripts (Tests/*/Fixtures/*_check.py):

    with Page(chromium, url) as page:
        page.evaluate("document.title")
        page.wait_for("document.querySelector('h1') && 1")

    with Page(chromium) as page:             # set the page up first, then open it
        page.capture_errors()
        page.emulate(scripts=False, color_scheme="dark", width=360)
        page.navigate(url)
        page.press("Tab")
        page.screenshot("/tmp/page.png")
        page.errors()                        # console errors and uncaught exceptions seen so far

The protocol runs over --remote-debugging-pipe: the browser reads JSON messages ending in NUL
from fd 3 and writes its answers to fd 4, so no port is opened.
"""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time


# Input.dispatchKeyEvent fields for the keys the tests press.
KEYS = {
    "Tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
    " ": {"key": " ", "code": "Space", "windowsVirtualKeyCode": 32, "text": " "},
    "Enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "ArrowLeft": {"key": "ArrowLeft", "code": "ArrowLeft", "windowsVirtualKeyCode": 37},
    "ArrowRight": {"key": "ArrowRight", "code": "ArrowRight", "windowsVirtualKeyCode": 39},
}


class Page:
    def __init__(self, chromium, url=None):
        self._profile = tempfile.mkdtemp(prefix="chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        self._browser = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={self._profile}", "--remote-debugging-pipe", "about:blank"],
            # close_fds runs after preexec_fn: keep the two numbers the browser expects.
            pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: (os.dup2(to_browser_read, 3), os.dup2(from_browser_write, 4)))
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._pending = b""
        self._next_id = 0
        self.events = []  # protocol events received so far, as (method, params)
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        if url:
            self.navigate(url)

    def navigate(self, url):
        """Opens `url` (a new document) and waits until it has loaded."""
        self.evaluate("document.notesLeaving = true")  # the new document will not have it
        self.call("Page.navigate", {"url": url}, page=True)
        self.wait_for("!document.notesLeaving && document.readyState === 'complete' && location.href !== 'about:blank' && 1")

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def close(self):
        self._browser.kill()
        self._browser.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    def call(self, method, params=None, page=False):
        """Sends one command (to the page when `page`, else to the browser) and returns its result."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if page:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._pending:
                chunk = os.read(self._from_browser, 65536)
                if not chunk:
                    raise RuntimeError("the browser closed the pipe")
                self._pending += chunk
            raw, self._pending = self._pending.split(b"\0", 1)
            answer = json.loads(raw)
            if "method" in answer:
                self.events.append((answer["method"], answer.get("params", {})))
            elif answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def evaluate(self, expression, await_promise=False):
        """The value of a JavaScript expression in the page, as JSON allows (a promise's, awaited, if asked)."""
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": await_promise}, page=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate: {result['exceptionDetails'].get('exception', {}).get('description', result)}")
        return result.get("result", {}).get("value")

    def capture_errors(self):
        """Starts collecting console messages, log entries and uncaught exceptions (see `errors`)."""
        self.call("Runtime.enable", page=True)
        self.call("Log.enable", page=True)

    def errors(self):
        """Console errors, error log entries and uncaught exceptions seen since `capture_errors`, as text."""
        self.evaluate("0")  # reads what the browser sent meanwhile
        found = []
        for method, params in self.events:
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                found.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                found.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())
        return found

    def emulate(self, scripts=True, color_scheme=None, reduced_motion=None, media="", width=None, height=900):
        """Sets up what the page sees: JavaScript on or off, the reader's colour scheme and motion
        preference, a media type ("print"), and a viewport width (a phone's when under 600 px)."""
        self.call("Emulation.setScriptExecutionDisabled", {"value": not scripts}, page=True)
        features = []
        if color_scheme:
            features.append({"name": "prefers-color-scheme", "value": color_scheme})
        if reduced_motion:
            features.append({"name": "prefers-reduced-motion", "value": reduced_motion})
        self.call("Emulation.setEmulatedMedia", {"media": media, "features": features}, page=True)
        if width:
            self.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}, page=True)

    def press(self, key):
        """Presses and releases a key (a name in KEYS) as the reader would, in the focused element."""
        fields = KEYS[key]
        self.call("Input.dispatchKeyEvent", dict(fields, type="keyDown"), page=True)
        up = {name: value for name, value in fields.items() if name != "text"}
        self.call("Input.dispatchKeyEvent", dict(up, type="keyUp"), page=True)

    def screenshot(self, path, full_page=False):
        """Saves a PNG of the viewport (or the whole page) to `path`."""
        params = {"format": "png", "captureBeyondViewport": full_page}
        data = self.call("Page.captureScreenshot", params, page=True)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def wait_for(self, expression, timeout=15):
        """Evaluates `expression` until it is truthy (or `timeout` seconds pass); returns its last value."""
        deadline = time.monotonic() + timeout
        value = None
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except RuntimeError:
                value = None  # between documents while the page reloads
            if value:
                return value
            time.sleep(0.1)
        return value

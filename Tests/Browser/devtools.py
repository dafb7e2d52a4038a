"""A headless Chromium page driven over the DevTools protocol, standard library only.

Used by the browser tests' driver scripts (Tests/*/Fixtures/*_check.py):

    with Page(chromium, url) as page:
        page.evaluate("document.title")
        page.wait_for("document.querySelector('h1') && 1")

The protocol runs over --remote-debugging-pipe: the browser reads JSON messages ending in NUL
from fd 3 and writes its answers to fd 4, so no port is opened.
"""
import json
import os
import shutil
import subprocess
import tempfile
import time


class Page:
    def __init__(self, chromium, url):
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
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        if url:
            self.call("Page.navigate", {"url": url}, page=True)
            self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank' && 1")

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
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page, as JSON allows."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, page=True)
        return result.get("result", {}).get("value")

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

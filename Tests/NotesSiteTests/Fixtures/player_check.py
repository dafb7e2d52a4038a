"""Drives the run player (templates/assets/player.js) on a built note page in headless Chromium,
over the DevTools protocol (see Tests/Browser/devtools.py), as a reader would: from file://, with
real clicks, keys and media settings, no stubs.

    python3 player_check.py CHROMIUM SCENARIO PAGE_URL [ARGUMENTS...]

Scenarios (each prints one JSON object; PlayerBrowserTests asserts on it):

    moment  PAGE_URL SECONDS,... open PAGE_URL#listing-1-run@SECONDS, then link to the next: what the panel shows
    play    PAGE_URL             Play at 4x from the final state, to the end: the order lines appeared in
    text    PAGE_URL             the page's visible text with JavaScript off and on (player UI left out)
    keys    PAGE_URL             keyboard only: Tab to the player, Space, arrows; then "Copy link"
    axe     PAGE_URL AXE_JS      axe-core's violations, JavaScript on and off, light and dark
    reduced PAGE_URL             Play with prefers-reduced-motion: the moments shown
    reload  PAGE_URL             move the player, reload the page, then open it afresh
    shots   PAGE_URL SECONDS DIR screenshots paused at SECONDS, light and dark, 360 px and 1280 px wide
    shift   PAGE_URL             where every element sits before the script runs (player.js blocked) and after
    visible-text PAGE_URL        the visible text of any page with JavaScript off (makes the golden file)

Every scenario but visible-text also reports `errors`: console errors and uncaught exceptions.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Browser"))
from devtools import Page  # noqa: E402

PANEL = "listing-1-run"

# The page's visible text (innerText), leaving out what `hide` selects; with `opened`, every
# <details> is opened first, so folded content counts too. The page is left as it was.
VISIBLE_TEXT = """((hide, opened) => {
  const hidden = hide ? [...document.querySelectorAll(hide)] : [];
  hidden.forEach(e => e.style.setProperty('display', 'none', 'important'));
  const closed = opened ? [...document.querySelectorAll('details:not([open])')] : [];
  closed.forEach(d => { d.open = true; });
  const text = document.body.innerText;
  closed.forEach(d => { d.open = false; });
  hidden.forEach(e => e.style.removeProperty('display'));
  return text;
})"""

# Where every element of the page sits (left, top, width, height, from the document's corner), leaving
# out what the script adds on top of the page (copy buttons, the playhead, the live region), with the
# document's size: equal before and after the script has run when nothing shifts as it loads.
LAYOUT = """(() => {
  const added = '.copy-button, .rp-playhead, .rp-announcer';
  const round = x => Math.round(x * 10) / 10;
  const elements = [...document.body.querySelectorAll('*')].filter(e => !e.closest(added));
  return {size: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
          boxes: elements.map(e => { const box = e.getBoundingClientRect();
            return [e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''),
                    round(box.left + scrollX), round(box.top + scrollY), round(box.width), round(box.height)]; })};
})()"""

# The step list's visible text, as if it were open.
STEPS_TEXT = """(() => {
  const steps = document.getElementById('%(panel)s-steps');
  const wasOpen = steps.open;
  steps.open = true;
  const text = steps.innerText;
  steps.open = wasOpen;
  return text;
})()""" % {"panel": PANEL}

# What a panel shows right now.
PANEL_STATE = """(() => {
  const panel = document.getElementById('%(panel)s');
  const output = document.getElementById('%(panel)s-output');
  const scrub = panel.querySelector('.rp-scrub');
  const playhead = panel.querySelector('.rp-playhead');
  const steps = document.getElementById('%(panel)s-steps');
  return {
    outputText: output.innerText,
    lineTexts: [...output.querySelectorAll('.run-line')].map(l => l.textContent),
    command: output.querySelector('.run-prompt').nextSibling.textContent.replace(/\\n$/, ''),
    data: JSON.parse(document.getElementById('%(panel)s-data').textContent),
    current: [...panel.querySelectorAll('.step.rp-current')].map(e => e.id),
    currentBars: [...panel.querySelectorAll('a.dg-link.rp-current')].map(a => a.getAttribute('data-step')),
    futureSteps: [...panel.querySelectorAll('.step.rp-future')].map(e => e.id),
    stepsOpen: steps ? steps.open : null,
    replaying: panel.classList.contains('rp-replaying'),
    time: panel.querySelector('.rp-time').textContent,
    scrub: scrub ? Number(scrub.value) : null,
    playhead: playhead ? {x: Number(playhead.getAttribute('x1')), shown: playhead.getAttribute('visibility') === 'visible'} : null,
    playLabel: panel.querySelector('[data-action=play]').getAttribute('aria-label'),
    status: panel.querySelector('.rp-status').textContent,
    marked: panel.querySelectorAll('.rp-later, .rp-current, .rp-future, .rp-running, .rp-streaming').length,
    entries: [...panel.querySelectorAll('.step dd')].map(dd => ({
      kind: dd.classList[0], text: (dd.querySelector('pre') || dd).textContent, shown: dd.getClientRects().length > 0,
      running: dd.classList.contains('rp-running')})),
    panelTop: Math.round(panel.getBoundingClientRect().top),
    fileURL: location.protocol === 'file:',
  };
})()""" % {"panel": PANEL}


def state(page):
    return page.evaluate(PANEL_STATE)


def wait_ready(page):
    page.wait_for("document.querySelector('.run-player.is-ready') && 1")


def opened(chromium, url, blocked=(), **emulation):
    """A page with errors captured and the given emulation, loaded at `url`; requests for URLs
    matching a pattern in `blocked` (e.g. "*assets/player.js") fail, as if never answered."""
    page = Page(chromium)
    page.capture_errors()
    page.emulate(**emulation)
    if blocked:
        page.call("Network.enable", page=True)
        page.call("Network.setBlockedURLs", {"urls": list(blocked)}, page=True)
    page.navigate(url)
    return page


def moment(chromium, url, moments):
    """Opens the page at the first of `moments` (seconds, comma-separated), then follows a link to each other."""
    moments = moments.split(",")
    result = {"moments": []}
    with opened(chromium, f"{url}#{PANEL}@{moments[0]}") as page:
        wait_ready(page)
        for index, seconds in enumerate(moments):
            if index > 0:
                page.evaluate(f"location.hash = '#{PANEL}@{seconds}'")
                page.wait_for(f"document.querySelector('#{PANEL} .rp-time').textContent.startsWith("
                              f"(Math.round(Math.min({seconds} * 1000, JSON.parse(document.getElementById('{PANEL}-data').textContent).duration_ms) / 100) / 10).toFixed(1)) && 1", timeout=5)
            result["moments"].append({"seconds": seconds, "state": state(page)})
        result["errors"] = page.errors()
    return result


def play(chromium, url):
    with opened(chromium, url) as page:
        wait_ready(page)
        before = state(page)
        before_steps = page.evaluate(STEPS_TEXT)
        # Record each line as it is shown, with the time the player was at.
        page.evaluate("""(() => {
          const panel = document.getElementById('%(panel)s');
          const lines = [...panel.querySelectorAll('.run-line')];
          window.seen = {appeared: [], hiddenAtSomePoint: new Set(), said: []};
          const status = panel.querySelector('.rp-status');
          new MutationObserver(() => window.seen.said.push(status.textContent))
            .observe(status, {childList: true, characterData: true, subtree: true});
          new MutationObserver(records => {
            for (const record of records) {
              const index = lines.indexOf(record.target);
              if (index < 0) continue;
              if (record.target.classList.contains('rp-later')) window.seen.hiddenAtSomePoint.add(index);
              else if (record.oldValue && record.oldValue.includes('rp-later'))
                window.seen.appeared.push([index, Number(panel.querySelector('.rp-scrub').value)]);
            }
          }).observe(panel, {subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true});
          const speed = panel.querySelector('.rp-speed');
          speed.value = '4';
          speed.dispatchEvent(new Event('change', {bubbles: true}));
          window.playStarted = performance.now();
          panel.querySelector('[data-action=play]').click();
        })()""" % {"panel": PANEL})
        page.wait_for("document.querySelector('#%s.rp-replaying') && 1" % PANEL, timeout=5)
        page.wait_for("!document.querySelector('#%s.rp-replaying') && 1" % PANEL, timeout=30)
        elapsed = page.evaluate("performance.now() - window.playStarted")
        page.wait_for("document.querySelector('#%s .rp-status').textContent.startsWith('End') && 1" % PANEL, timeout=5)
        after = state(page)
        return {
            "appeared": page.evaluate("window.seen.appeared"),
            "hiddenAtSomePoint": page.evaluate("window.seen.hiddenAtSomePoint.size"),
            "said": page.evaluate("window.seen.said"),
            "elapsedMS": elapsed,
            "before": before, "after": after,
            "stepsTextBefore": before_steps,
            "stepsTextAfter": page.evaluate(STEPS_TEXT),
            "errors": page.errors(),
        }


def text(chromium, url):
    result = {}
    with opened(chromium, url, scripts=False) as page:
        result["off"] = page.evaluate(VISIBLE_TEXT + "('', false)")
        result["offOpened"] = page.evaluate(VISIBLE_TEXT + "('', true)")
        # What the player's page adds to the page before it: each step's time range, and the toggle's label.
        result["offOpenedWithoutAdditions"] = page.evaluate(VISIBLE_TEXT + "('.step-time, .run-more', true)")
        result["stepTimes"] = page.evaluate("[...document.querySelectorAll('.step-time')].map(e => e.textContent)")
        result["moreLabel"] = page.evaluate("document.querySelector('.run-more').innerText")
        result["controlsShown"] = page.evaluate(
            "[...document.querySelectorAll('[data-player-ui]')].filter(e => e.getClientRects().length).length")
        # Without a script, Chromium opens a folded <details> when a link points inside it.
        page.evaluate("location.hash = '#%s-step-2'" % PANEL)
        page.wait_for("document.getElementById('%s-steps').open && 1" % PANEL, timeout=5)
        result["offStepLinkOpens"] = page.evaluate("document.getElementById('%s-steps').open" % PANEL)
    with opened(chromium, url) as page:
        wait_ready(page)
        result["on"] = page.evaluate(VISIBLE_TEXT + "('[data-player-ui]', false)")
        result["onOpened"] = page.evaluate(VISIBLE_TEXT + "('[data-player-ui]', true)")
        result["onControls"] = page.evaluate(
            "[...document.querySelectorAll('.run-player, .rp-scrub-row')].map(e => getComputedStyle(e).visibility)")
        result["copyButtons"] = page.evaluate(
            "[...document.querySelectorAll('.copy-button')].map(b => b.getAttribute('aria-label'))")
        # A bar in the lanes links to its step: the step list opens there and the step is marked.
        page.evaluate("document.querySelector('#%s a.dg-link[data-step=\"2\"]').dispatchEvent("
                      "new MouseEvent('click', {bubbles: true, cancelable: true}))" % PANEL)
        page.wait_for("location.hash === '#%s-step-2' && 1" % PANEL, timeout=5)
        result["onStepLink"] = page.evaluate("""(() => {
          const step = document.getElementById('%(panel)s-step-2');
          const box = step.getBoundingClientRect();
          return {open: document.getElementById('%(panel)s-steps').open, target: step.matches(':target'),
                  inView: box.top >= -1 && box.top < innerHeight, background: getComputedStyle(step).backgroundColor};
        })()""" % {"panel": PANEL})
        result["errors"] = page.errors()
    return result


# The focused element, and whether its focus shows: its own outline, or for the visually hidden
# "Show all lines" checkbox, its label's.
FOCUSED = """(() => {
  const e = document.activeElement;
  const shown = e.matches('.run-more-toggle') ? e.labels[0] : e;
  const style = getComputedStyle(shown);
  return {tag: e.tagName.toLowerCase(), id: e.id, type: e.type || null,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1};
})()"""


def focused(page):
    """The focused element, with its accessible name and role as Chromium computes them."""
    found = page.evaluate(FOCUSED)
    for node in page.call("Accessibility.getFullAXTree", page=True)["nodes"]:
        properties = {p["name"]: p.get("value", {}).get("value") for p in node.get("properties", [])}
        if properties.get("focused") and node.get("role", {}).get("value") != "RootWebArea":
            found["role"] = node.get("role", {}).get("value")
            found["name"] = node.get("name", {}).get("value")
            break
    return found


def keys(chromium, url):
    result = {"reached": [], "statusSeen": []}
    with opened(chromium, url) as page:
        wait_ready(page)
        page.call("Accessibility.enable", page=True)
        page.evaluate("""(() => {
          window.statusSeen = [];
          const status = document.querySelector('#%(panel)s .rp-status');
          new MutationObserver(() => window.statusSeen.push(status.textContent)).observe(status, {childList: true, characterData: true, subtree: true});
        })()""" % {"panel": PANEL})
        # Tab from the top of the page to the player's group, then on through its controls.
        for _ in range(80):
            page.press("Tab")
            if page.evaluate("document.activeElement.id") == f"{PANEL}-player":
                break
        result["group"] = focused(page)
        page.press(" ")
        result["afterSpace"] = page.wait_for("document.querySelector('#%s [data-action=play]').getAttribute('aria-label') === 'Pause' && 'Pause'" % PANEL, timeout=5)
        page.press(" ")
        result["afterSecondSpace"] = page.evaluate("document.querySelector('#%s [data-action=play]').getAttribute('aria-label')" % PANEL)
        page.press("ArrowRight")
        page.press("ArrowRight")
        page.wait_for("document.querySelector('#%s .rp-status').textContent.startsWith('Step 2') && 1" % PANEL, timeout=5)
        time.sleep(0.6)  # room for a second announcement, which must not come
        result["afterRight"] = state(page)
        result["statusSeen"] = page.evaluate("window.statusSeen")
        page.press("ArrowLeft")
        page.wait_for("document.querySelector('#%s .rp-status').textContent.startsWith('Step 1') && 1" % PANEL, timeout=5)
        result["afterLeft"] = state(page)
        # Every control of the bar and the scrubber is reached by Tab, has a name and shows its focus.
        for _ in range(30):
            page.press("Tab")
            now = focused(page)
            result["reached"].append(now)
            if now.get("type") == "range":
                break
        # "Copy link to this moment": the page's address with the panel and the time, on the clipboard.
        page.call("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        page.evaluate("document.querySelector('#%s [data-action=link]').focus()" % PANEL)
        page.press("Enter")
        result["linkStatus"] = page.wait_for(
            "document.querySelector('#%s .rp-status').textContent.includes('copied') && document.querySelector('#%s .rp-status').textContent"
            % (PANEL, PANEL), timeout=5)
        try:
            result["clipboard"] = page.evaluate("navigator.clipboard.readText()", await_promise=True)
        except RuntimeError as error:
            result["clipboard"] = f"unreadable: {error}"
        result["expectedLink"] = page.evaluate("location.href.split('#')[0] + '#%s@2.52'" % PANEL)
        result["errors"] = page.errors()
    return result


def axe(chromium, url, axe_path):
    """axe-core on the page as a reader gets it: JavaScript on and off, light and dark, at a
    desktop's width and a phone's; with JavaScript also paused mid-run."""
    source = open(axe_path, encoding="utf-8").read()
    result = {"errors": []}
    runs = [(scripts, scheme, 1280, "") for scripts in (True, False) for scheme in ("light", "dark")]
    runs += [(scripts, scheme, 360, "") for scripts in (True, False) for scheme in ("light", "dark")]
    runs += [(True, scheme, 1280, f"#{PANEL}@4.2") for scheme in ("light", "dark")]
    for scripts, scheme, width, fragment in runs:
        with opened(chromium, url + fragment, scripts=scripts, color_scheme=scheme, width=width) as page:
            if scripts:
                wait_ready(page)
            else:
                # axe waits on timers, which do not fire while scripts are off. The page has loaded
                # without its script (and with its <noscript> style); turning scripts back on now
                # runs none of the page's own, only what is evaluated from here.
                page.emulate(scripts=True, color_scheme=scheme, width=width)
            result["errors"] += page.errors()  # the page's own; axe's attempts to read stylesheets over file:// fail
            page.evaluate(source)
            violations = page.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
                " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length})))",
                await_promise=True)
            name = f"{'on' if scripts else 'off'}-{scheme}-{width}{fragment and '-paused'}"
            result[name] = {
                "version": page.evaluate("axe.version"),
                "dark": page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches"),
                "playerRan": page.evaluate("Boolean(document.querySelector('.run-player.is-ready'))"),
                "violations": violations,
            }
    return result


def reduced(chromium, url):
    with opened(chromium, url, reduced_motion="reduce") as page:
        wait_ready(page)
        page.evaluate("""(() => {
          const panel = document.getElementById('%(panel)s');
          const scrub = panel.querySelector('.rp-scrub');
          window.shown = [];
          new MutationObserver(() => {
            const at = Number(scrub.value);
            if (window.shown[window.shown.length - 1] !== at) window.shown.push(at);
          }).observe(panel, {subtree: true, attributes: true, childList: true, characterData: true});
          const speed = panel.querySelector('.rp-speed');
          speed.value = '4';
          speed.dispatchEvent(new Event('change', {bubbles: true}));
          panel.querySelector('[data-action=play]').click();
        })()""" % {"panel": PANEL})
        page.wait_for("document.querySelector('#%s.rp-replaying') && 1" % PANEL, timeout=5)
        first = state(page)
        page.wait_for("!document.querySelector('#%s.rp-replaying') && 1" % PANEL, timeout=30)
        return {"shown": page.evaluate("window.shown"), "first": first, "after": state(page), "errors": page.errors()}


def reload(chromium, url):
    """Moves the player, reloads the page (as notes serve does after a rebuild), then visits it afresh."""
    with opened(chromium, url) as page:
        wait_ready(page)
        page.evaluate("document.querySelector('#%s [data-action=next]').click()" % PANEL)
        page.evaluate("document.querySelector('#%s [data-action=next]').click()" % PANEL)
        moved = state(page)
        page.evaluate("document.notesLeaving = true; location.reload()")
        page.wait_for("!document.notesLeaving && document.readyState === 'complete' && document.querySelector('.run-player.is-ready') && 1")
        reloaded = state(page)
        page.navigate(url)
        wait_ready(page)
        return {"moved": moved, "reloaded": reloaded, "visited": state(page), "errors": page.errors()}


def shots(chromium, url, seconds, folder):
    os.makedirs(folder, exist_ok=True)
    taken = []
    for scheme in ("light", "dark"):
        for width in (360, 1280):
            with opened(chromium, f"{url}#{PANEL}@{seconds}", color_scheme=scheme, width=width, height=2200) as page:
                wait_ready(page)
                time.sleep(0.3)
                page.evaluate("document.getElementById('%s').scrollIntoView({block: 'start'})" % PANEL)
                path = os.path.join(folder, f"player-{seconds}s-{scheme}-{width}.png")
                page.screenshot(path)
                taken.append({"path": path, "scrollWidth": page.evaluate("document.documentElement.scrollWidth"),
                              "errors": page.errors()})
    return {"shots": taken}


def shift(chromium, url):
    """The page's layout with the player's script blocked (as a reader sees it while the script is
    still on its way) and once the player is ready, at a phone's width and a desktop's."""
    result = {"widths": []}
    for width in (360, 1280):
        with opened(chromium, url, blocked=["*assets/player.js"], width=width) as page:
            page.wait_for("document.readyState === 'complete' && 1")
            before = page.evaluate(LAYOUT)
            blocked = not page.evaluate("!!document.querySelector('.run-player.is-ready')")
            errors = page.errors()
        with opened(chromium, url, width=width) as page:
            wait_ready(page)
            after = page.evaluate(LAYOUT)
            errors += page.errors()
        moved = [[b, a] for b, a in zip(before["boxes"], after["boxes"]) if b != a]
        result["widths"].append({
            "width": width, "scriptBlocked": blocked, "sizeBefore": before["size"], "sizeAfter": after["size"],
            "elements": [len(before["boxes"]), len(after["boxes"])], "moved": [json.dumps(m) for m in moved[:5]], "movedCount": len(moved),
            "errors": [e for e in errors if "player.js" not in e]})
    return result


def visible_text(chromium, url):
    with opened(chromium, url, scripts=False) as page:
        return {"text": page.evaluate(VISIBLE_TEXT + "('', true)")}


if __name__ == "__main__":
    chromium, scenario, url = sys.argv[1:4]
    rest = sys.argv[4:]
    run = {
        "moment": lambda: moment(chromium, url, rest[0]),
        "play": lambda: play(chromium, url),
        "text": lambda: text(chromium, url),
        "keys": lambda: keys(chromium, url),
        "axe": lambda: axe(chromium, url, rest[0]),
        "reduced": lambda: reduced(chromium, url),
        "reload": lambda: reload(chromium, url),
        "shots": lambda: shots(chromium, url, rest[0], rest[1]),
        "shift": lambda: shift(chromium, url),
        "visible-text": lambda: visible_text(chromium, url),
    }[scenario]
    print(json.dumps(run()))

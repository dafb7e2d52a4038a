/* The run player: turns each run panel of a note page (details.run) into a replay of the recorded
   run, and adds copy buttons to listings, run output and tool calls. See docs/player.md.

   The page is complete without this script: it shows the final state of every run. The script
   reads the times in each panel's <script type="application/json" class="run-data"> and, when the
   reader asks for it, shows the state of the run at a moment: which output lines had been printed,
   which steps had started, what text had streamed in, which tool was running. The end of the run
   is the final state again, exactly as the page was on load.

   One classic script, no dependencies, no network: it works from file:// and under any base path. */
(function () {
  "use strict";

  // Idle stretches (no output, no model call, no tool) longer than this are compressed when the
  // reader ticks "Skip start-up and idle gaps" ...
  var GAP_MS = 500;
  // ... so that each takes this long to play at 1×.
  var GAP_PLAYED_MS = 250;
  // With prefers-reduced-motion, playback jumps from step to step and stays this long on each (at 1×).
  var STEP_HOLD_MS = 1500;
  // Step changes are announced once the time has stayed in a step this long (not while scrubbing through).
  var ANNOUNCE_DELAY_MS = 250;
  var SVG = "http://www.w3.org/2000/svg";

  var reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var players = {}; // by panel id
  var announcer = null; // the page's polite live region for copy buttons

  // MARK: - Small helpers

  /** "4.2" for 4,213 ms: seconds to a tenth, as the page writes them. */
  function tenths(ms) {
    return (Math.round(ms / 100) / 10).toFixed(1);
  }

  /** Shows or hides an element during a replay (a class, so printing can show everything). */
  function setLater(element, later) {
    if (element) element.classList.toggle("rp-later", later);
  }

  /** Says `message` through a polite live region, replacing what it said before. */
  function say(region, message) {
    if (region && region.textContent !== message) region.textContent = message;
  }

  /** Copies `text`: the async clipboard where the page may use it, else a selected textarea. */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithSelection(text); });
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    var focused = document.activeElement;
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;pointer-events:none";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    if (focused && focused.focus) focused.focus({ preventScroll: true });
    return copied;
  }

  // MARK: - The replay of one panel

  /** Wires the player of one run panel; returns null (leaving the page as it is) if its data does not fit. */
  function createPlayer(panel, data) {
    var id = panel.id;
    var bar = panel.querySelector(".run-player");
    var output = document.getElementById(id + "-output");
    var lines = output ? output.querySelectorAll(".run-line") : [];
    var exit = output && output.querySelector(".run-exit");
    var stepList = document.getElementById(id + "-steps");
    var svg = panel.querySelector(".run-lanes svg.diagram");
    var bars = svg ? svg.querySelectorAll("a.dg-link[data-start]") : [];
    var scrubbers = panel.querySelectorAll("input.rp-scrub");
    var playButton = bar && bar.querySelector('[data-action="play"]');
    var clock = bar && bar.querySelector(".rp-time");
    var speedSelect = bar && bar.querySelector('[data-action="speed"]');
    var skipBox = bar && bar.querySelector('[data-action="skip"]');
    var status = bar && bar.querySelector(".rp-status");
    var duration = data.duration_ms;
    if (!bar || !output || lines.length !== data.lines.length || !(duration > 0)) return null;

    // Each step's item and each of its entries' <dt>/<dd>, in the order the data gives them.
    var steps = [];
    for (var s = 0; s < data.steps.length; s++) {
      var step = data.steps[s];
      var item = document.getElementById(id + "-step-" + step.n);
      if (!item) return null;
      var cells = item.querySelectorAll("dd");
      if (cells.length !== step.entries.length) return null;
      var entries = [];
      for (var e = 0; e < cells.length; e++) {
        var pre = cells[e].querySelector("pre");
        entries.push({
          data: step.entries[e], dd: cells[e], dt: cells[e].previousElementSibling,
          pre: pre, text: pre ? pre.textContent : null, shown: null,
          isAction: cells[e].classList.contains("step-action"),
        });
      }
      steps.push({ data: step, item: item, entries: entries });
    }

    var lanes = data.lanes;
    var playhead = null;
    if (svg && lanes) {
      playhead = document.createElementNS(SVG, "line");
      playhead.setAttribute("class", "rp-playhead");
      playhead.setAttribute("y1", lanes.top);
      playhead.setAttribute("y2", lanes.bottom);
      playhead.setAttribute("aria-hidden", "true");
      playhead.setAttribute("visibility", "hidden");
      svg.appendChild(playhead);
    }

    var gaps = idleGaps(data, bars, duration);
    var state = {
      time: duration, // ms from the start of the process; `duration` is the final state
      playing: false,
      frame: 0, // requestAnimationFrame id while playing smoothly
      timer: 0, // setTimeout id while playing step by step
      lastNow: 0,
      spoken: "end", // the step the live region last announced, so each change is said once
      pending: "end", // the step the replay is in, to be announced if it stays there
      announceTimer: 0,
      printing: false,
    };

    // MARK: Drawing a moment

    /** Shows the run as it was at `state.time` (everything, at the end). */
    function render() {
      var final = state.printing || state.time >= duration;
      var t = final ? duration : state.time;
      panel.classList.toggle("rp-replaying", !final);
      for (var i = 0; i < lines.length; i++) setLater(lines[i], !final && data.lines[i] > t);
      setLater(exit, !final);
      var current = final ? -1 : currentStep(t);
      steps.forEach(function (step, index) {
        step.item.classList.toggle("rp-current", index === current);
        step.item.classList.toggle("rp-future", !final && step.data.start > t);
        step.entries.forEach(function (entry) { renderEntry(entry, final, t); });
        // The step has begun but nothing of it is back yet: its model call is under way.
        step.item.classList.toggle("rp-waiting", index === current &&
          step.entries.every(function (entry) { return entry.data.at > t; }));
      });
      var currentNumber = current >= 0 ? steps[current].data.n : null;
      for (var b = 0; b < bars.length; b++) {
        var link = bars[b];
        var start = Number(link.getAttribute("data-start"));
        var end = Number(link.getAttribute("data-end"));
        link.classList.toggle("rp-future", !final && start > t);
        link.classList.toggle("rp-current", !final && Number(link.getAttribute("data-step")) === currentNumber);
        link.classList.toggle("rp-running", !final && start <= t && t < end);
      }
      if (playhead) {
        var x = lanes.left + (t / lanes.end_ms) * (lanes.right - lanes.left);
        playhead.setAttribute("x1", x.toFixed(2));
        playhead.setAttribute("x2", x.toFixed(2));
        playhead.setAttribute("visibility", final ? "hidden" : "visible");
        if (!final) keepInView(x);
      }
      var clockText = tenths(t) + " s / " + tenths(duration) + " s";
      if (clock && clock.textContent !== clockText) clock.textContent = clockText;
      for (var k = 0; k < scrubbers.length; k++) {
        if (Number(scrubbers[k].value) !== Math.round(t)) scrubbers[k].value = Math.round(t);
      }
      var label = state.playing ? "Pause" : "Play";
      if (playButton.getAttribute("aria-label") !== label) playButton.setAttribute("aria-label", label);
      playButton.classList.toggle("is-playing", state.playing);
      followNewestLine(final);
      if (!state.printing) scheduleAnnouncement(final ? "end" : current);
    }

    /** One <dt>/<dd> pair: hidden until it appears, streamed text cut to what had arrived, a tool marked running. */
    function renderEntry(entry, final, t) {
      var at = entry.data.at;
      var until = entry.data.until;
      setLater(entry.dd, !final && at > t);
      setLater(entry.dt, !final && at > t);
      entry.dd.classList.toggle("rp-running", !final && entry.isAction && until !== undefined && at <= t && t < until);
      var arrivals = entry.data.arrivals;
      if (!entry.pre || !arrivals || !arrivals.length) return;
      var length = entry.text.length;
      var streaming = false;
      if (!final && t < (until !== undefined ? until : arrivals[arrivals.length - 1][0])) {
        length = 0;
        for (var i = 0; i < arrivals.length && arrivals[i][0] <= t; i++) length = arrivals[i][1];
        streaming = true;
      }
      entry.dd.classList.toggle("rp-streaming", streaming);
      if (entry.shown !== length) {
        entry.pre.textContent = entry.text.slice(0, length);
        entry.shown = length;
      }
    }

    /** The index of the latest step that has started by `t`, or -1 during start-up. */
    function currentStep(t) {
      var current = -1;
      for (var i = 0; i < steps.length; i++) if (steps[i].data.start <= t) current = i;
      return current;
    }

    /** On a narrow screen the lanes scroll sideways in their frame: keep the playhead (at `x` in the drawing) in view. */
    function keepInView(x) {
      var frame = svg.parentElement;
      if (frame.scrollWidth <= frame.clientWidth) return;
      var px = (x / lanes.width) * svg.getBoundingClientRect().width;
      var margin = frame.clientWidth / 5;
      if (px < frame.scrollLeft + margin || px > frame.scrollLeft + frame.clientWidth - margin) {
        frame.scrollLeft = px - frame.clientWidth / 2;
      }
    }

    /** While a clipped long output replays, keeps its newest lines in view; at the end, back to its top. */
    function followNewestLine(final) {
      if (!output.classList.contains("run-long")) return;
      var top = final ? 0 : output.scrollHeight - output.clientHeight;
      if (output.scrollTop !== top) output.scrollTop = top;
    }

    /** Announces the step the replay is in (`key`: its index, -1 in start-up, "end"), once it has
        stayed there a moment; each change once. */
    function scheduleAnnouncement(key) {
      if (key === state.pending) return;
      state.pending = key;
      clearTimeout(state.announceTimer);
      if (key === state.spoken) return;
      state.announceTimer = setTimeout(function () {
        state.spoken = key;
        if (key === "end") {
          say(status, "End of the run, " + tenths(duration) + " seconds");
        } else if (key === -1) {
          say(status, "Start-up, before the first step");
        } else {
          say(status, "Step " + (key + 1) + " of " + steps.length + ", " + tenths(steps[key].data.start) + " seconds");
        }
      }, ANNOUNCE_DELAY_MS);
    }

    // MARK: Moving in time

    /** Shows the run at `ms` (clamped to the run); opens the step list when a replay starts. */
    function seek(ms) {
      var wasFinal = state.time >= duration;
      state.time = Math.max(0, Math.min(duration, ms));
      if (wasFinal && state.time < duration) {
        panel.open = true;
        if (stepList) stepList.open = true;
      }
      render();
    }

    /** The next step's start, or the end of the run; from the end, the first step's start. */
    function nextBoundary(t) {
      if (t >= duration) return steps.length ? steps[0].data.start : duration;
      for (var i = 0; i < steps.length; i++) if (steps[i].data.start > t) return steps[i].data.start;
      return duration;
    }

    /** The start of the step under way (or of the one before, at its very start); 0 before the first. */
    function previousBoundary(t) {
      var found = 0;
      for (var i = 0; i < steps.length; i++) if (steps[i].data.start < t - 1) found = steps[i].data.start;
      return found;
    }

    /** Run time after playing `budget` ms of replay from `t`: idle gaps pass quicker when skipping. */
    function advance(t, budget) {
      if (!skipBox || !skipBox.checked) return t + budget;
      for (var i = 0; i < gaps.length; i++) {
        var from = gaps[i][0];
        var to = gaps[i][1];
        if (t >= to) continue;
        if (t < from) {
          if (budget <= from - t) return t + budget;
          budget -= from - t;
          t = from;
        }
        var rate = (to - from) / GAP_PLAYED_MS;
        if (budget <= (to - t) / rate) return t + budget * rate;
        budget -= (to - t) / rate;
        t = to;
      }
      return t + budget;
    }

    function speed() {
      var value = speedSelect ? Number(speedSelect.value) : 1;
      return value > 0 ? value : 1;
    }

    // MARK: Playing

    function play() {
      state.playing = true;
      if (reducedMotion && reducedMotion.matches) {
        // Step by step: no continuous motion; each step boundary is shown for a moment.
        stepOn();
        return;
      }
      if (state.time >= duration) seek(0);
      state.lastNow = performance.now();
      state.frame = requestAnimationFrame(tick);
      render();
    }

    function pause() {
      state.playing = false;
      cancelAnimationFrame(state.frame);
      clearTimeout(state.timer);
      render();
    }

    function tick(now) {
      // A hidden tab gets no frames: do not jump ahead by the whole time it was away.
      var elapsed = Math.min(now - state.lastNow, 250);
      state.lastNow = now;
      var t = advance(state.time, elapsed * speed());
      if (t >= duration) {
        state.playing = false;
        seek(duration);
        return;
      }
      seek(t);
      state.frame = requestAnimationFrame(tick);
    }

    function stepOn() {
      var t = nextBoundary(state.time);
      if (t >= duration) {
        state.playing = false;
        seek(duration);
        return;
      }
      seek(t);
      state.timer = setTimeout(stepOn, STEP_HOLD_MS / speed());
    }

    /** Jumps to a step boundary; playback, if on, goes on from there. */
    function jump(ms) {
      seek(ms);
      if (state.playing && ms >= duration) {
        pause();
      } else if (state.playing && reducedMotion && reducedMotion.matches) {
        clearTimeout(state.timer);
        state.timer = setTimeout(stepOn, STEP_HOLD_MS / speed());
      }
    }

    var actions = {
      play: function () { if (state.playing) pause(); else play(); },
      previous: function () { jump(previousBoundary(state.time)); },
      next: function () { jump(nextBoundary(state.time)); },
      link: function (button) { copyLink(button); },
    };

    // MARK: Deep links

    /** "4.2" or "4.21": the current time in seconds, as short as the scrubber's 10 ms allow. */
    function momentText() {
      return String(Math.round(state.time / 10) / 100);
    }

    function copyLink(button) {
      var url = location.href.split("#")[0] + "#" + id + "@" + momentText();
      copyText(url).then(function (copied) {
        say(status, copied ? "Link to " + momentText() + " s copied" : "Could not copy the link: " + url);
        if (!copied) return;
        // Keep the button's width while its text says so, so nothing around it moves.
        button.style.minWidth = button.offsetWidth + "px";
        button.textContent = "Link copied";
        setTimeout(function () {
          button.textContent = "Copy link to this moment";
          button.style.minWidth = "";
        }, 1500);
      });
    }

    // MARK: Wiring

    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button && actions[button.getAttribute("data-action")]) actions[button.getAttribute("data-action")](button);
    });
    for (var k = 0; k < scrubbers.length; k++) {
      scrubbers[k].addEventListener("input", function (event) {
        // The track's last step reaches the end of the run (its max need not be a whole step).
        var value = Number(event.target.value);
        seek(value + (Number(event.target.step) || 1) > duration ? duration : value);
        if (state.playing) state.lastNow = performance.now();
      });
    }
    panel.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      // Form controls, summaries and scrolling code keep their own keys.
      if (event.target.closest("input, select, textarea, summary")) return;
      if (event.key === " " && !event.target.closest("button")) {
        event.preventDefault();
        actions.play();
      } else if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && !event.target.closest("pre")) {
        event.preventDefault();
        actions[event.key === "ArrowLeft" ? "previous" : "next"]();
      }
    });

    bar.classList.add("is-ready");
    panel.querySelectorAll(".rp-scrub-row").forEach(function (row) { row.classList.add("is-ready"); });

    return {
      panel: panel,
      /** Pauses at `ms` (a deep link). */
      pauseAt: function (ms) {
        if (state.playing) pause();
        seek(ms);
      },
      isFinal: function () { return state.time >= duration; },
      time: function () { return state.time; },
      /** Printing shows every run whole; afterwards the replay is back where it was. */
      setPrinting: function (printing) {
        state.printing = printing;
        render();
      },
    };
  }

  /** Stretches of the run longer than GAP_MS with no output, model call or tool call, as [from, to] ms. */
  function idleGaps(data, bars, duration) {
    var busy = data.lines.map(function (ms) { return [ms, ms]; });
    data.steps.forEach(function (step) {
      // A step is busy from its model call's start until its last item appeared or its last tool ended.
      var end = step.start;
      step.entries.forEach(function (entry) {
        end = Math.max(end, entry.at, entry.until || 0);
        (entry.arrivals || []).forEach(function (arrival) { busy.push([arrival[0], arrival[0]]); });
      });
      busy.push([step.start, end]);
    });
    for (var i = 0; i < bars.length; i++) {
      busy.push([Number(bars[i].getAttribute("data-start")), Number(bars[i].getAttribute("data-end"))]);
    }
    busy.sort(function (a, b) { return a[0] - b[0]; });
    var gaps = [];
    var reached = 0; // the run is idle from 0 until its first activity
    busy.forEach(function (span) {
      if (span[0] - reached > GAP_MS) gaps.push([reached, span[0]]);
      reached = Math.max(reached, span[1]);
    });
    if (duration - reached > GAP_MS) gaps.push([reached, duration]);
    return gaps;
  }

  // MARK: - Copy buttons

  /** Adds a copy button (from #copy-button-template) to `host`, named `name`, copying `text()`. */
  function addCopyButton(template, host, name, text) {
    var button = template.content.firstElementChild.cloneNode(true);
    var label = button.querySelector(".copy-label");
    button.setAttribute("aria-label", name);
    button.addEventListener("click", function () {
      copyText(text()).then(function (copied) {
        if (!copied) return;
        button.classList.add("is-copied");
        if (label) label.textContent = "Copied";
        say(announcer, "");
        say(announcer, "Copied");
        setTimeout(function () {
          button.classList.remove("is-copied");
          if (label) label.textContent = "Copy";
          say(announcer, "");
        }, 1500);
      });
    });
    host.appendChild(button);
    return button;
  }

  function addCopyButtons() {
    var template = document.getElementById("copy-button-template");
    if (!template || !template.content || !template.content.firstElementChild) return;
    announcer = document.createElement("p");
    announcer.className = "rp-announcer";
    announcer.setAttribute("aria-live", "polite");
    announcer.setAttribute("data-player-ui", "");
    document.body.appendChild(announcer);

    // Listings: the button sits in the header beside the file name (over the code when there is none).
    document.querySelectorAll("figure.listing pre.code").forEach(function (pre) {
      var figure = pre.closest("figure.listing");
      var header = figure.querySelector(".listing-header");
      var button = addCopyButton(template, header || figure, "Copy code", function () { return pre.textContent; });
      if (!header) figure.insertBefore(button, pre);
    });
    // A run's output: on the panel's summary line; only what the program printed.
    document.querySelectorAll("details.run").forEach(function (panel) {
      var output = panel.querySelector("pre.run-output");
      if (!output) return;
      var button = addCopyButton(template, panel, "Copy output", function () {
        return Array.prototype.map.call(output.querySelectorAll(".run-line"), function (line) { return line.textContent; }).join("");
      });
      var summary = panel.querySelector("summary");
      panel.insertBefore(button, summary ? summary.nextSibling : panel.firstChild);
    });
    // Each tool call's input and result, in full even while a replay hides part of a step.
    document.querySelectorAll(".step dd.step-action, .step dd.step-observation").forEach(function (dd) {
      var pre = dd.querySelector("pre");
      if (!pre) return;
      var full = pre.textContent;
      var term = dd.previousElementSibling ? dd.previousElementSibling.textContent.toLowerCase() : "";
      var step = dd.closest(".step").querySelector(".step-label");
      var stepName = step && step.firstChild ? step.firstChild.textContent.trim() : "";
      stepName = stepName === "Final" ? "the final step" : stepName.toLowerCase();
      addCopyButton(template, dd, "Copy " + term + " of " + stepName, function () { return full; });
    });
  }

  // MARK: - Boxes that scroll sideways

  /** Puts boxes that scroll sideways (wide code, a diagram on a phone) in the Tab order when nothing
      in them is, so a keyboard can scroll them; takes them out again when they fit. */
  function letKeyboardsScroll() {
    document.querySelectorAll("pre, .diagram-frame").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 &&
        !box.querySelector("a[href], button, input, select, textarea, [tabindex]");
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-rp-scroller", "");
      } else if (!scrolls && box.hasAttribute("data-rp-scroller")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-rp-scroller");
      }
    });
  }

  // MARK: - Fragments: #<panel>@<seconds>, and step ids

  /** Follows the page's fragment: pauses a panel at a moment, or opens the step list at a step. */
  function followFragment() {
    var fragment;
    try {
      fragment = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    var moment = /^(.+)@(\d+(?:\.\d*)?)$/.exec(fragment);
    if (moment && players[moment[1]]) {
      var player = players[moment[1]];
      player.pauseAt(Math.round(Number(moment[2]) * 1000));
      player.panel.scrollIntoView({ block: "start" });
      return;
    }
    var target = fragment && document.getElementById(fragment);
    var list = target && target.closest("details.run-steps");
    if (!list) return;
    for (var details = list; details; details = details.parentElement && details.parentElement.closest("details")) {
      details.open = true;
    }
    target.scrollIntoView({ block: "start" });
  }

  // MARK: - Keeping the playhead across a reload (notes serve reloads pages on every rebuild)

  function storageKey(panelId) {
    return "notes-player:" + location.pathname + "#" + panelId;
  }

  function wasReloaded() {
    var navigation = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    return Boolean(navigation && navigation.type === "reload");
  }

  function restoreAfterReload() {
    var reloaded = wasReloaded();
    var restored = false;
    Object.keys(players).forEach(function (panelId) {
      try {
        var saved = sessionStorage.getItem(storageKey(panelId));
        sessionStorage.removeItem(storageKey(panelId));
        if (reloaded && saved !== null && saved !== "") {
          players[panelId].pauseAt(Number(saved));
          restored = true;
        }
      } catch (error) {
        // No storage (a privacy setting): a reload starts at the final state.
      }
    });
    return restored;
  }

  function saveBeforeUnload() {
    Object.keys(players).forEach(function (panelId) {
      try {
        if (!players[panelId].isFinal()) sessionStorage.setItem(storageKey(panelId), String(players[panelId].time()));
      } catch (error) {
        // As above: nothing to keep.
      }
    });
  }

  // MARK: - Start

  function start() {
    document.querySelectorAll("details.run").forEach(function (panel) {
      var script = document.getElementById(panel.id + "-data");
      if (!script) return;
      var data;
      try {
        data = JSON.parse(script.textContent);
      } catch (error) {
        return;
      }
      var player = createPlayer(panel, data);
      if (player) players[panel.id] = player;
    });
    addCopyButtons();
    letKeyboardsScroll();
    var resizing = 0;
    window.addEventListener("resize", function () {
      cancelAnimationFrame(resizing);
      resizing = requestAnimationFrame(letKeyboardsScroll);
    });
    if (!restoreAfterReload()) followFragment();
    window.addEventListener("hashchange", followFragment);
    window.addEventListener("pagehide", saveBeforeUnload);
    window.addEventListener("beforeprint", function () {
      Object.keys(players).forEach(function (panelId) { players[panelId].setPrinting(true); });
    });
    window.addEventListener("afterprint", function () {
      Object.keys(players).forEach(function (panelId) { players[panelId].setPrinting(false); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

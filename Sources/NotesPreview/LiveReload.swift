import NotesRender

/// The script `notes serve` adds to every HTML page it serves (never to `site/`, which stays
/// script-free): it listens to `/_notes/events`, reloads after a good build, and shows a failed
/// build's errors over the page until the next good one.
enum LiveReload {
    static let eventsPath = "/_notes/events"

    static let script = """
        <script id="notes-live-reload">
        (() => {
          let seen = null;
          // Saying which page this is lets the server fill it first after a template edit.
          const events = new EventSource("\(eventsPath)?page=" + encodeURIComponent(location.pathname));
          events.addEventListener("build", (message) => {
            const build = JSON.parse(message.data);
            if (seen !== null && build.generation !== seen && build.error === null) { location.reload(); return; }
            seen = build.generation;
            let panel = document.getElementById("notes-build-error");
            if (build.error === null) { if (panel) panel.remove(); return; }
            if (document.getElementById("notes-not-built")) return;
            if (!panel) {
              panel = document.createElement("pre");
              panel.id = "notes-build-error";
              panel.setAttribute("role", "alert");
              panel.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.25rem;"
                + "background:#3b0d0c;color:#ffe3e0;font:13px/1.45 ui-monospace,monospace;white-space:pre-wrap;z-index:2147483647";
              document.body.append(panel);
            }
            panel.textContent = "notes serve: the last build failed; this page shows the build before it.\\n\\n" + build.error;
          });
          // A listing `notes serve --run` is running: its output under the listing, as it is printed.
          events.addEventListener("run", (message) => {
            const run = JSON.parse(message.data);
            const path = decodeURIComponent(location.pathname).replace(/index\\.html$/, "");
            if (!path.endsWith("/notes/" + run.slug + "/")) return;
            const figure = Array.from(document.querySelectorAll("figure.listing")).find((candidate) => {
              const name = candidate.querySelector(".listing-file");
              return name && name.textContent === run.file;
            });
            if (!figure) return;
            let panel = figure.nextElementSibling;
            if (!panel || !panel.classList.contains("notes-live-run")) {
              panel = document.createElement("section");
              panel.className = "notes-live-run";
              panel.setAttribute("aria-label", "Live run of " + run.file);
              panel.style.cssText = "margin:0.5rem 0 1rem;padding:0.6rem 0.9rem;border:1px solid #8a6d00;border-radius:6px;"
                + "background:#fffbea;color:#2b2100";
              const head = document.createElement("p");
              head.className = "notes-live-run-status";
              head.setAttribute("role", "status");
              head.style.cssText = "margin:0 0 0.4rem;font:600 0.85rem/1.4 system-ui,sans-serif";
              const output = document.createElement("pre");
              output.className = "notes-live-run-output";
              output.style.cssText = "margin:0;max-height:24rem;overflow:auto;white-space:pre-wrap;font:12.5px/1.45 ui-monospace,monospace";
              panel.append(head, output);
              figure.after(panel);
            }
            const head = panel.querySelector(".notes-live-run-status");
            const output = panel.querySelector(".notes-live-run-output");
            if (run.reset) output.textContent = run.text; else output.textContent += run.text;
            output.scrollTop = output.scrollHeight;
            panel.dataset.status = run.status;
            if (run.status === "running") {
              head.textContent = "\\u25CF running: " + run.command;
            } else {
              head.textContent = (run.status === "succeeded" ? "\\u2714 " : "\\u2718 ") + run.command + ": " + run.summary;
              if (run.problems) output.textContent += (output.textContent ? "\\n" : "") + run.problems;
            }
          });
        })();
        </script>

        """

    /// The page shown until a build of this session succeeds: that it is building, or why it failed,
    /// with the script, so it turns into the site as soon as a build does.
    static func notBuiltYetPage(_ error: String?) -> [UInt8] {
        var escaped = ""
        HTMLEscaping.append(error ?? "", to: &escaped)
        let title = error == nil ? "Building the preview" : "The build failed"
        let heading = error == nil ? "Building the preview…" : "The site has not built yet"
        let lead =
            error == nil
            ? "This page turns into the site as soon as the first build is done."
            : "Fix what is below and save; this page turns into the site when a build succeeds."
        let html = """
            <!doctype html>
            <html lang="en">
            <meta charset="utf-8">
            <title>\(title) · notes serve</title>
            <body id="notes-not-built" style="font: 15px/1.5 system-ui, sans-serif; margin: 2rem">
            <h1 style="font-size: 1.3rem">\(heading)</h1>
            <p>\(lead)</p>
            <pre style="white-space: pre-wrap; font: 13px/1.45 ui-monospace, monospace">\(escaped)</pre>
            </body>
            </html>

            """
        return inject(into: Array(html.utf8))
    }

    /// `html` with the script added before `</body>` (or at the end when there is none).
    static func inject(into html: [UInt8]) -> [UInt8] {
        let marker = Array("</body>".utf8)
        let script = Array(Self.script.utf8)
        guard let index = lastIndex(of: marker, in: html) else { return html + script }
        return Array(html[..<index]) + script + Array(html[index...])
    }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }
}

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
          const events = new EventSource("\(eventsPath)");
          events.addEventListener("build", (message) => {
            const build = JSON.parse(message.data);
            if (seen !== null && build.generation !== seen && build.error === null) { location.reload(); return; }
            seen = build.generation;
            let panel = document.getElementById("notes-build-error");
            if (build.error === null) { if (panel) panel.remove(); return; }
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
        })();
        </script>

        """

    /// The page shown while no build has succeeded yet: the errors, and the script, so it turns
    /// into the site as soon as a build does.
    static func firstBuildFailedPage(_ error: String) -> [UInt8] {
        var escaped = ""
        HTMLEscaping.append(error, to: &escaped)
        let html = """
            <!doctype html>
            <html lang="en">
            <meta charset="utf-8">
            <title>The build failed · notes serve</title>
            <body style="font: 15px/1.5 system-ui, sans-serif; margin: 2rem">
            <h1 style="font-size: 1.3rem">The site has not built yet</h1>
            <p>Fix what is below and save; this page turns into the site when a build succeeds.</p>
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

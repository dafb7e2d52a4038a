import Foundation
import NotesRender
import NotesTestSupport
import Testing

/// Golden files: one realistic listing per language, highlighted whole.
@Suite struct HighlightSnapshotTests {
    let highlighter = SyntaxHighlighter()

    @Test func pythonListingMatchesGoldenFile() throws {
        let code = try HighlightFixture.parallelTools()
        expectSnapshot(highlighter.highlight(code, language: "python"), named: "highlight-python.html")
    }

    @Test func jsonSampleMatchesGoldenFile() {
        expectSnapshot(highlighter.highlight(HighlightSample.json, language: "json"), named: "highlight-json.html")
    }

    @Test func shellSampleMatchesGoldenFile() {
        expectSnapshot(highlighter.highlight(HighlightSample.shell, language: "bash"), named: "highlight-shell.html")
    }

    @Test func consoleSampleMatchesGoldenFile() {
        expectSnapshot(highlighter.highlight(HighlightSample.console, language: "console"), named: "highlight-console.html")
    }

    @Test func swiftSampleMatchesGoldenFile() {
        expectSnapshot(highlighter.highlight(HighlightSample.swift, language: "swift"), named: "highlight-swift.html")
    }
}

/// The Python fixture: `parallel_tools.py` from field note 03, byte for byte.
enum HighlightFixture {
    static func parallelTools(filePath: String = #filePath) throws -> String {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/parallel_tools.py")
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }
}

/// Representative listings for the other languages, each touching that lexer's hard cases.
enum HighlightSample {
    static let json = #"""
        {
          "model": "claude-sonnet-4-6",
          "max_tokens": 1024,
          "temperature": 0.7,
          "stream": false,
          "stop_sequence": null,
          "messages": [
            {"role": "user", "content": "Say \"hi\" in\u00A0French\n"}
          ],
          "usage": {"input_tokens": 2095, "output_tokens": -1.5e-3}
        }

        """#

    static let shell = #"""
        #!/usr/bin/env bash
        # Records a cassette, then replays it offline.
        set -euo pipefail
        root=$(git rev-parse --show-toplevel)   # repository root
        export NOTES_MODE="${1:-replay}"
        for listing in "$root"/content/*.md; do
          if [[ -f "$listing" && $listing != *draft* ]]; then
            echo "building ${listing##*/} ($(date +%s))" >&2
          fi
        done
        case "$NOTES_MODE" in
          record) notes run --record 2>&1 | tee log.txt ;;
          *) echo 'mode: '$NOTES_MODE\!; exit 1 ;;
        esac
        cat <<-EOF > summary.txt
        	Don't worry: $HOME is not expanded in 'quotes' here? It is, but this stays plain.
        	EOF
        echo issue#42 "done: $?"

        """#

    static let console = #"""
        $ python parallel_tools.py
        ─── SYSTEM ─────────────────────────────────────────────────
          You are a personal assistant who manages the user's calendar.
        ─── stop_reason: end_turn ──────────────────
        $ curl -s https://api.anthropic.com/v1/messages \
            -H "x-api-key: $ANTHROPIC_API_KEY" \
            -d '{"model": "claude-sonnet-4-6"}' | jq .usage
        {"input_tokens": 12, "output_tokens": 40}
        # echo "root prompt" > /tmp/out && cat /tmp/out
        root prompt
        $ echo $?
        0

        """#

    static let swift = #####"""
        import Foundation

        /// Runs every tool call of one turn in parallel.
        @MainActor
        struct ToolRunner<Tool: Sendable>: Sendable {
            #if DEBUG
            static let limit = 0x1F + 1_000 - 0b1010 * 0o17
            #else
            static let limit = 1.5e-3
            #endif
            var open = false

            func run(_ calls: [Call], in context: inout Context) async throws -> [String] {
                /* a /* nested */ comment */
                let name = "tool \(calls.first?.name ?? "none") took \(elapsed, format: "%.2f")s\n"
                let raw = #"C:\path\#(name) "quoted""#
                let text = """
                    Line one \
                    continues, then "\(calls.count)" calls
                    """
                guard !calls.isEmpty else { return [] }
                for case let call? in calls where call.isParallel {
                    print(type(of: call), raw, text)
                }
                return calls.map { $0.id }
            }

            var count: Int {
                get { limit }
                set(newValue) { _ = newValue }
            }
        }

        """#####
}

import Foundation

// Fence attributes (listings, runs, diagrams) and diagram bodies.
extension BadInputCase {
    static let fenceCases: [BadInputCase] = {
        let x = Corpus.x
        let seed = Corpus.seed
        let py = Corpus.xFile("a.py", "print(1)\n")
        let sh = Corpus.xFile("a.sh", "echo 1\n")
        func fence(_ info: String, _ body: String = "") -> String { "```\(info)\n\(body)```\n" }
        return [
            BadInputCase(
                name: "fence-unknown-attribute", edits: [py, .xNote(fence("python file=a.py colour=red"))],
                expect: ["\(x):6:21: error: unknown listing attribute `colour`"]),
            BadInputCase(
                name: "fence-unknown-attribute-near-miss", edits: [py, .xNote(fence("python file=a.py captoin=\"c\""))],
                expect: ["\(x):6:21: error: unknown listing attribute `captoin`", "did you mean `caption`?"]),
            BadInputCase(
                name: "fence-seed-unknown-attribute", edits: [.replace(seed, "tools=run_tool", "tool=run_tool")],
                expect: ["\(seed):59:"], oneOf: ["unknown listing attribute `tool`"]),
            BadInputCase(
                name: "fence-file-given-twice", edits: [py, .xNote(fence("python file=a.py file=b.py"))],
                expect: ["\(x):6:21: error: attribute `file` is given twice"]),
            BadInputCase(
                name: "fence-caption-given-twice", edits: [py, .xNote(fence("python file=a.py caption=\"a\" caption=\"b\""))],
                expect: ["\(x):6:33: error: attribute `caption` is given twice"]),
            BadInputCase(
                name: "fence-run-given-twice", edits: [py, .xNote(fence("python file=a.py run run"))],
                expect: ["\(x):6:25: error: attribute `run` is given twice"]),
            BadInputCase(
                name: "fence-unterminated-double-quote", edits: [py, .xNote(fence("python file=a.py caption=\"oops"))],
                expect: ["\(x):6:29: error: unterminated quote in the fence's attributes"]),
            BadInputCase(
                name: "fence-unterminated-single-quote", edits: [py, .xNote(fence("python file=a.py caption='oops"))],
                expect: ["\(x):6:29: error: unterminated quote in the fence's attributes"]),
            BadInputCase(
                name: "fence-unterminated-quote-in-args", edits: [py, .xNote(fence("python file=a.py run args=\"x"))],
                expect: ["\(x):6:30: error: unterminated quote"]),
            BadInputCase(
                name: "fence-seed-quote-inside-unquoted-value",
                edits: [.replace(seed, "caption=\"A ReAct loop", "caption=A \"ReAct loop")],
                expect: ["\(seed):59:63: error: unknown listing attribute `\"ReAct`"]),
            BadInputCase(
                name: "fence-file-in-parent-folder",
                edits: [.xNote(fence("python file=../03-do-it-all-at-once/parallel_tools.py"))],
                expect: ["\(x):6:11: error: listing file `../03-do-it-all-at-once/parallel_tools.py` is outside the note's folder"]),
            BadInputCase(
                name: "fence-file-absolute-path", edits: [.xNote(fence("python file=/etc/passwd"))],
                expect: ["\(x):6:11: error: listing file `/etc/passwd` is outside the note's folder"]),
            BadInputCase(
                name: "fence-file-symlink-outside",
                edits: [.symlink("\(Corpus.xDir)/a.py", "/etc/hostname"), .xNote(fence("python file=a.py"))],
                expect: ["\(x):6:11: error: listing file `a.py` is outside the note's folder"]),
            BadInputCase(
                name: "fence-file-missing", edits: [.xNote(fence("python file=nope.py"))],
                expect: ["\(x):6:11: error: listing file `nope.py` not found in content/01-x/"]),
            BadInputCase(
                name: "fence-seed-file-misspelt", edits: [.replace(seed, "file=parallel_tools.py", "file=parallel_tool.py")],
                expect: ["\(seed):59:11: error: listing file `parallel_tool.py` not found in content/03-do-it-all-at-once/"]),
            BadInputCase(
                name: "fence-file-is-a-folder", edits: [.makeFolder("\(Corpus.xDir)/sub"), .xNote(fence("python file=sub"))],
                expect: ["\(x):6:11: error:"], reject: ["not found", "create content/01-x/sub"]),
            BadInputCase(
                name: "fence-file-not-utf8",
                edits: [.write("\(Corpus.xDir)/bin.py", bytes: [0xFF, 0xFE, 0x0A]), .xNote(fence("python file=bin.py"))],
                expect: ["\(x):6:11: error: listing file `bin.py` is not UTF-8 text", "content/01-x/bin.py:1:1"]),
            BadInputCase(
                name: "fence-file-empty-value", edits: [.xNote(fence("python file="))],
                expect: ["\(x):6:11: error: `file=` needs a file name"]),
            BadInputCase(
                name: "fence-file-empty-quoted-value", edits: [.xNote(fence("python file=\"\""))],
                expect: ["\(x):6:11: error: `file=` needs a file name"]),
            BadInputCase(
                name: "fence-listing-with-file-and-body", edits: [py, .xNote(fence("python file=a.py", "print(2)\n"))],
                expect: ["\(x):6:1: error: listing has both a body and `file=a.py`"]),
            BadInputCase(
                name: "fence-run-without-file", edits: [.xNote(fence("python run", "print(1)\n"))],
                expect: ["\(x):6:11: error: `run` needs the listing's code in a file"]),
            BadInputCase(
                name: "fence-run-with-caption-without-file", edits: [.xNote(fence("python run caption=\"c\"", "print(1)\n"))],
                expect: ["\(x):6:11: error: `run` needs the listing's code in a file"]),
            BadInputCase(
                name: "fence-run-without-file-seen-by-check", edits: [.xNote(fence("sh run caption=\"c\"", "echo 1\n"))],
                command: ["check", "--no-replay"], expect: ["\(x):6:7: error: `run` needs the listing's code in a file"]),
            BadInputCase(
                name: "fence-tools-on-shell-listing", edits: [sh, .xNote(fence("sh file=a.sh run tools=run_tool"))],
                expect: ["\(x):6:21: error: `tools=` applies only to Python listings, not `sh`"]),
            BadInputCase(
                name: "fence-tools-without-run", edits: [py, .xNote(fence("python file=a.py tools=run_tool"))],
                expect: ["\(x):6:21: error: `tools=` has no effect on a listing that does not run"]),
            BadInputCase(
                name: "fence-tools-not-a-function-name", edits: [py, .xNote(fence("python file=a.py run tools=1bad,,"))],
                expect: ["\(x):6:25: error: `tools=` names `1bad`, which is not a Python function name"]),
            BadInputCase(
                name: "fence-same-stem-hang-py-and-hang-sh",
                edits: [
                    Corpus.xFile("hang.py", "print(1)\n"), Corpus.xFile("hang.sh", "echo 1\n"),
                    .xNote(fence("python file=hang.py run") + "\n" + fence("sh file=hang.sh run")),
                ],
                expect: ["\(x):9:"], oneOf: ["hang"]),
            BadInputCase(
                name: "fence-same-stem-seen-by-check",
                edits: [
                    Corpus.xFile("hang.py", "print(1)\n"), Corpus.xFile("hang.sh", "echo 1\n"),
                    .xNote(fence("python file=hang.py run") + "\n" + fence("sh file=hang.sh run")),
                ],
                command: ["check", "--no-replay"], expect: ["\(x):9:", "hang.sh"], reject: ["hang.py has no stored run"]),
            BadInputCase(
                name: "fence-from-names-a-listing-that-is-not-run",
                edits: [py, .xNote(fence("python file=a.py") + "\n" + fence("turn from=a.py step=1"))],
                expect: ["\(x):9:9: error: `from=a.py` does not name a runnable listing of this note"]),
            BadInputCase(
                name: "fence-from-names-a-missing-file", edits: [.xNote(fence("lanes from=nope.py"))],
                expect: ["\(x):6:10: error: `from=nope.py` does not name a runnable listing of this note"]),
            BadInputCase(
                name: "fence-seed-from-misspelt",
                edits: [.replace(seed, "~~~turn from=parallel_tools.py", "~~~turn from=paralel_tools.py")],
                expect: ["\(seed):50:9: error: `from=paralel_tools.py` does not name a runnable listing of this note"]),
            BadInputCase(
                name: "fence-turn-from-without-step", edits: [.replace(seed, "from=parallel_tools.py step=2 ", "from=parallel_tools.py ")],
                expect: ["\(seed):50:9: error: a `turn` drawn from a run needs `step=N`"]),
            BadInputCase(
                name: "fence-turn-step-zero", edits: [.replace(seed, "step=2", "step=0")],
                expect: ["\(seed):50:32: error:"], reject: ["needs `step=N`"]),
            BadInputCase(
                name: "fence-turn-step-word", edits: [.replace(seed, "step=2", "step=two")],
                expect: ["\(seed):50:32: error:"], reject: ["needs `step=N`"]),
            BadInputCase(
                name: "fence-turn-step-past-the-run", edits: [.replace(seed, "step=2", "step=99")], status: 0,
                expect: ["\(seed):50:9: warning: the run of parallel_tools.py has no step 99"]),
            BadInputCase(
                name: "fence-diagram-from-with-body",
                edits: [
                    .replace(
                        seed, "tool_use` blocks, run in parallel, with their results funnelled back into the next turn's context.\"\n~~~",
                        "x\"\ncall a\n~~~")
                ],
                expect: ["\(seed):50:1: error: a diagram drawn `from=parallel_tools.py` has a body too"]),
            BadInputCase(
                name: "fence-lanes-bad-body",
                edits: [.xNote(fence("lanes caption=\"L\"", "group A\nfoo 0.5\n\"fetch doc 0-1\nbar 2-1\n"))],
                expect: [
                    "\(x):8:5: error: a bar needs a start and an end", "\(x):9:1: error: this quote is never closed",
                    "\(x):10:5: error: the bar `bar` ends before it starts",
                ]),
            BadInputCase(
                name: "fence-seed-lanes-bad-keyword", edits: [.replace(seed, "group Parallel", "grup Parallel")],
                expect: ["\(seed):36:1: error: unknown keyword `grup`"], oneOf: ["did you mean `group`?", "group"]),
            BadInputCase(
                name: "fence-lanes-not-numbers", edits: [.xNote(fence("lanes", "a 0-nan\nb inf-inf\nc 0-1e308\n"))],
                expect: [
                    "\(x):7:5: error: `nan` is not a number of seconds", "\(x):8:3: error:", "\(x):9:5: error: `1e308` is not a number",
                ]),
            BadInputCase(
                name: "fence-lanes-empty", edits: [.xNote(fence("lanes"))],
                expect: ["\(x):6:1: error: a `lanes` block needs at least one bar"]),
            BadInputCase(
                name: "fence-lanes-axis-twice", edits: [.xNote(fence("lanes", "a 0-1\naxis 2\naxis 3\n"))],
                expect: ["\(x):9:1: error: `axis` is given twice"]),
            BadInputCase(
                name: "fence-turn-unknown-line", edits: [.xNote(fence("turn caption=\"T\"", "cal x\n"))],
                expect: ["\(x):7:1: error: unknown line `cal`", "did you mean `call`?"]),
            BadInputCase(
                name: "fence-turn-without-call", edits: [.xNote(fence("turn", "turn A\n"))],
                expect: ["\(x):6:1: error: a `turn` block needs at least one `call`"]),
            BadInputCase(
                name: "fence-turn-very-long-call", edits: [.xNote(fence("turn", "call " + String(repeating: "a", count: 100_000) + "\n"))],
                status: 0),
            BadInputCase(
                name: "fence-lanes-2000-overlapping-bars",
                edits: [.xNote(fence("lanes", (0..<2000).map { "b\($0) 0-1\n" }.joined()))], status: 0),
        ]
    }()
}

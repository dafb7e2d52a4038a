#!/usr/bin/env python3
"""Writes a deterministic corpus of N notes shaped like the seed note, for bench/build.

Each note: front matter, ~900 words of prose in sections, the seed's `lanes` figure, and a 166-line Python
listing in its own file (the seed's listing with per-note names, so no two files are equal).
With --hugo it also writes the same Markdown as a Hugo site (listing inlined in its fence,
since Hugo has no file= listings), so both tools build the same text.
"""
import argparse, os, random, re, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "content", "03-do-it-all-at-once")

def blocks():
    """The seed body's prose paragraphs, and its `lanes` figure fence (verbatim)."""
    text = open(os.path.join(SEED, "note.md"), encoding="utf-8").read()
    body = text.split("---\n", 2)[2]
    prose, figure, fence, current = [], None, None, []
    for line in body.split("\n"):
        if fence:
            current.append(line)
            if line.startswith(fence):
                if current[0].startswith("```lanes"):
                    figure = "\n".join(current)
                fence, current = None, []
        elif line.startswith(("```", "~~~")):
            fence, current = line[:3], [line]
        elif line.strip() and not line.startswith("#"):
            prose.append(line)
    return prose, figure

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--hugo")
    args = parser.parse_args()
    rng = random.Random(42)
    prose, figure = blocks()
    listing = open(os.path.join(SEED, "parallel_tools.py"), encoding="utf-8").read()
    words = sorted(set(re.findall(r"[a-z]{5,}", " ".join(prose).lower())))
    tags = ["agents", "tool-use", "fundamentals", "evals", "latency", "prompting", "memory", "retrieval"]
    shutil.rmtree(args.out, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(args.out, "templates"))
    os.makedirs(os.path.join(args.out, "content"))
    shutil.copy(os.path.join(ROOT, "content", "site.yml"), os.path.join(args.out, "content", "site.yml"))
    if args.hugo:
        shutil.rmtree(args.hugo, ignore_errors=True)
        for folder in ["content/notes", "layouts/_default"]:
            os.makedirs(os.path.join(args.hugo, folder))
        layout = "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>"
        files = {
            "layouts/_default/baseof.html": layout,
            "layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Params.dek }}</p>{{ .Content }}{{ end }}",
            "layouts/_default/list.html": "{{ define \"main\" }}{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}",
            "layouts/index.html": "{{ define \"main\" }}{{ range .Site.RegularPages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}",
        }
        for name, text in files.items():
            open(os.path.join(args.hugo, name), "w").write(text)
    for n in range(1, args.notes + 1):
        slug = f"{n:04d}-" + "-".join(rng.sample(words, 3))
        title = " ".join(rng.sample(words, 6)).capitalize()
        dek = " ".join(rng.sample(words, 20)).capitalize() + "."
        date = f"{2020 + n % 7}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        note_tags = rng.sample(tags, 3)
        sections = []
        for s in range(4):
            sections.append(f"## {' '.join(rng.sample(words, 4)).capitalize()}")
            sections += rng.sample(prose, 3)
        sections.insert(6, figure)
        name = f"agent_{n:04d}.py"
        code = listing.replace("claude-sonnet-4-6", f"claude-sonnet-4-6-{n}").replace("evnt_123", f"evnt_{n}")
        front = f"---\nnumber: {n}\ntitle: \"{title}\"\ndek: \"{dek}\"\ndate: {date}\ntags: [{', '.join(note_tags)}]\nauthor: Ben\n---\n\n"
        fence = f"```python file={name} caption=\"Listing for note {n}\"\n```"
        folder = os.path.join(args.out, "content", slug)
        os.makedirs(folder)
        open(os.path.join(folder, "note.md"), "w", encoding="utf-8").write(front + "\n\n".join(sections[:9] + [fence] + sections[9:]) + "\n")
        open(os.path.join(folder, name), "w", encoding="utf-8").write(code)
        if args.hugo:
            inline = f"```python\n{code}```"
            hugo_front = front.replace(f"number: {n}\n", "")
            text = hugo_front + "\n\n".join(sections[:9] + [inline] + sections[9:]) + "\n"
            open(os.path.join(args.hugo, "content", "notes", slug + ".md"), "w", encoding="utf-8").write(text)

if __name__ == "__main__":
    main()

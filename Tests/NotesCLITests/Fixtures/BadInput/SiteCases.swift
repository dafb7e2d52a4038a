import Foundation

// content/site.yml, templates/, templates/assets/, and the note folders themselves.
extension BadInputCase {
    static let siteSettingsCases: [BadInputCase] = {
        let site = "content/site.yml"
        let good = "title: Field notes\nbase_url: https://fieldnotes.example.com/\nauthor: Ben\n"
        return [
            BadInputCase(
                name: "site-yml-missing", edits: [.remove(site)], expect: ["\(site): error: missing site settings"]),
            BadInputCase(
                name: "site-yml-missing-seen-by-check", edits: [.remove(site)], command: ["check", "--no-replay"],
                expect: ["\(site): error: missing site settings"]),
            BadInputCase(
                name: "site-yml-invalid-yaml", edits: [.write(site, "title: [x\nbase_url: https://x.example/\nauthor: B\n")],
                expect: ["\(site):1:8: error: invalid YAML: the list opened here is never closed"]),
            BadInputCase(
                name: "site-yml-not-a-mapping", edits: [.write(site, "- a\n- b\n")],
                expect: ["\(site):1:1: error: expected `key: value` lines"]),
            BadInputCase(
                name: "site-yml-missing-title", edits: [.replace(site, "title: Field notes\n", "")],
                expect: ["\(site):1:1: error: missing required field `title`"]),
            BadInputCase(
                name: "site-yml-missing-base-url", edits: [.replace(site, "base_url: https://fieldnotes.example.com/\n", "")],
                expect: ["\(site):1:1: error: missing required field `base_url`"]),
            BadInputCase(
                name: "site-yml-missing-author", edits: [.replace(site, "author: Ben\n", "")],
                expect: ["\(site):1:1: error: missing required field `author`"]),
            BadInputCase(
                name: "site-yml-empty", edits: [.write(site, "")],
                expect: ["\(site):1:1: error: missing required fields `title`, `base_url`, `author`"]),
            BadInputCase(
                name: "site-yml-invalid-utf8", edits: [.write(site, Corpus.inserting([0xFF], before: "\nbase_url", in: good))],
                expect: ["\(site):1:19: error: the file is not UTF-8 text"]),
            BadInputCase(
                name: "site-yml-unknown-field", edits: [.write(site, good + "secret: 1\n")],
                expect: ["\(site):4:1: error: unknown field `secret`"]),
            BadInputCase(
                name: "site-yml-relative-base-url", edits: [.replace(site, "https://fieldnotes.example.com/", "not a url")],
                expect: ["\(site):3:1: error: `base_url` must be an absolute http(s) URL"]),
            BadInputCase(
                name: "site-yml-feed-limit-word", edits: [.write(site, good + "feed_limit: lots\n")],
                expect: ["\(site):4:13: error: `feed_limit` must be a whole number"]),
            BadInputCase(
                name: "site-yml-symlink-to-file-outside", edits: [.symlinkOutside(site, good)],
                expect: ["\(site): error: the site settings lead outside the project"]),
            BadInputCase(
                name: "site-yml-symlink-to-etc", edits: [.remove(site), .symlink(site, "/etc/hostname")],
                expect: ["\(site): error: the site settings lead outside the project"]),
            BadInputCase(
                name: "site-yml-is-a-folder", edits: [.remove(site), .makeFolder(site)], expect: ["\(site): error:"],
                reject: ["create content/site.yml"]),
            BadInputCase(
                name: "site-yml-content-folder-missing", edits: [.remove("content")],
                expect: [
                    "error: no content/site.yml here; this is not a notes project",
                    "help: run `notes build` in the folder holding content/",
                ]),
        ]
    }()

    static let templateCases: [BadInputCase] = {
        let footer = "templates/partials/footer.mustache"
        let neverClosed = "error: template error: the section `x` opened here is never closed"
        return [
            BadInputCase(
                name: "template-unclosed-section", edits: [.write(footer, "x\n{{#x}}\ny\n")],
                expect: ["\(footer):2:1: \(neverClosed)"]),
            BadInputCase(
                name: "template-unclosed-section-in-note",
                edits: [.transform("templates/note.mustache") { $0 + Data("{{#note.dek}}\nabc\n".utf8) }],
                expect: ["error: template error: the section `note.dek` opened here is never closed"],
                oneOf: ["templates/note.mustache:25:1:"]),
            BadInputCase(
                name: "template-unclosed-inverted-section", edits: [.write(footer, "x\n{{^x}}\ny\n")],
                expect: ["\(footer):2:1: \(neverClosed)"]),
            BadInputCase(
                name: "template-unclosed-tag", edits: [.write(footer, "x\n\n  {{x\ny\n")],
                expect: ["\(footer):3:3: error: template error: a tag is not closed with }}"],
                reject: ["every {{#section}} is closed"]),
            BadInputCase(
                name: "template-unclosed-triple-mustache", edits: [.write(footer, "x\n{{{x}}\n")], expect: ["\(footer):2:"]),
            BadInputCase(
                name: "template-section-closed-with-other-name", edits: [.write(footer, "{{#a}}\nx\n{{/b}}\n")], expect: ["\(footer):3:"]),
            BadInputCase(
                name: "template-close-without-open", edits: [.write(footer, "x\n{{/x}}\n")], expect: ["\(footer):2:"]),
            BadInputCase(
                name: "template-missing-note", edits: [.remove("templates/note.mustache")],
                expect: ["templates/note.mustache: error: missing template `note`"]),
            BadInputCase(
                name: "template-missing-layout", edits: [.remove("templates/layout.mustache")],
                expect: ["templates/layout.mustache: error: missing template `layout`"]),
            BadInputCase(
                name: "template-missing-404", edits: [.remove("templates/404.mustache")],
                expect: ["templates/404.mustache: error: missing template `404`"]),
            BadInputCase(
                name: "template-folder-missing", edits: [.remove("templates")],
                expect: ["templates/index.mustache: error: missing template `index`", "templates/layout.mustache: error: missing template"]),
            BadInputCase(
                name: "template-partial-includes-itself", edits: [.write(footer, "a\n{{>partials/footer}}\n")],
                expect: ["\(footer):2:1: error: templates include each other in a loop: partials/footer -> partials/footer"]),
            BadInputCase(
                name: "template-partials-include-each-other",
                edits: [.write(footer, "a\n{{>partials/b}}\n"), .write("templates/partials/b.mustache", "b\n{{>partials/footer}}\n")],
                expect: ["error: templates include each other in a loop"],
                oneOf: ["\(footer):2:1: error:", "templates/partials/b.mustache:2:1: error:"]),
            BadInputCase(
                name: "template-missing-partial", edits: [.write(footer, "a\n{{>partials/nope}}\n")],
                expect: ["\(footer):2:1: error: template `partials/footer` includes `partials/nope`, which does not exist"]),
            BadInputCase(
                name: "template-invalid-utf8", edits: [.write(footer, bytes: [0x61, 0xFF, 0x0A])],
                expect: ["\(footer):1:2: error: the file is not UTF-8 text"]),
            BadInputCase(
                name: "template-partial-symlink-outside", edits: [.symlinkOutside(footer, "<footer>outside</footer>\n")],
                expect: ["\(footer): error: the template leads outside the project"]),
            BadInputCase(
                name: "template-layout-symlink-outside",
                edits: [.symlinkOutside("templates/layout.mustache", "{{$content}}{{/content}}\n")],
                expect: ["templates/layout.mustache: error: the template leads outside the project"]),
            BadInputCase(
                name: "template-error-seen-by-check", edits: [.write(footer, "x\n{{#x}}\n")], command: ["check", "--no-replay"],
                expect: [neverClosed], oneOf: ["\(footer):2:1:"]),
            BadInputCase(
                name: "asset-symlink-to-etc-passwd", edits: [.symlink("templates/assets/passwd.css", "/etc/passwd")],
                expect: ["templates/assets/passwd.css: error: the asset leads outside the project"]),
            BadInputCase(
                name: "asset-symlink-to-file-outside", edits: [.symlinkOutside("templates/assets/extra.css", "body{}\n")],
                expect: ["templates/assets/extra.css: error: the asset leads outside the project"]),
            BadInputCase(
                name: "asset-symlink-to-folder-outside", edits: [.symlink("templates/assets/tmp", "/tmp")],
                expect: ["templates/assets/tmp: error: the asset leads outside the project"]),
            BadInputCase(
                name: "asset-dangling-symlink", edits: [.symlink("templates/assets/gone.css", "/nonexistent/gone.css")],
                expect: ["templates/assets/gone.css: error:"]),
            BadInputCase(
                name: "asset-replaced-by-symlink-outside",
                edits: [.remove("templates/assets/style.css"), .symlink("templates/assets/style.css", "/etc/hostname")],
                expect: ["templates/assets/style.css: error: the asset leads outside the project"]),
        ]
    }()

    static let folderCases: [BadInputCase] = {
        let note = Corpus.front + "Body.\n"
        let page = "cannot be a page address"
        return [
            BadInputCase(
                name: "folder-name-with-space", edits: [.write("content/01 x/note.md", note)],
                expect: ["content/01 x/note.md: error: the folder name `01 x` \(page)"]),
            BadInputCase(
                name: "folder-name-with-angle-brackets", edits: [.write("content/01-<x>/note.md", note)],
                expect: ["content/01-<x>/note.md: error: the folder name `01-<x>` \(page)"]),
            BadInputCase(
                name: "folder-name-with-quote", edits: [.write("content/01-\"x\"/note.md", note)],
                expect: ["content/01-\"x\"/note.md: error: the folder name `01-\"x\"` \(page)"]),
            BadInputCase(
                name: "folder-name-with-question-mark-and-hash", edits: [.write("content/01-a?b#c/note.md", note)],
                expect: ["content/01-a?b#c/note.md: error: the folder name `01-a?b#c` \(page)"]),
            BadInputCase(
                name: "note-symlinked-from-outside", edits: [.symlinkOutside(Corpus.x, note)],
                expect: ["\(Corpus.x): error: the note leads outside the project"]),
            BadInputCase(
                name: "note-folder-symlinked-from-outside", edits: [.moveOutside(Corpus.seedDir)],
                expect: ["\(Corpus.seed): error: the note leads outside the project"]),
            BadInputCase(
                name: "note-symlink-to-etc", edits: [.symlink(Corpus.x, "/etc/hostname")],
                expect: ["\(Corpus.x): error: the note leads outside the project"]),
            BadInputCase(
                name: "note-md-is-a-folder", edits: [.makeFolder(Corpus.x)], expect: ["\(Corpus.x): error:"]),
        ]
    }()
}

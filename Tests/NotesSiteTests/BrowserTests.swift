import Foundation
import NotesTestSupport
import Testing

/// What a reader's browser does with the built seed site, opened from `file://` in headless Chromium.
///
/// `Fixtures/site-probe.html` is copied into the built site and crawls it from `index.html` the way a
/// reader clicks through, measuring each page at a phone's width (360 px) and a desktop's (1200 px).
@Suite("Browser") struct BrowserTests {
    /// What the probe reports.
    struct ProbeResult: Decodable {
        struct Page: Decodable {
            var path: String
            var widths: [String: Measure]
        }
        struct Measure: Decodable {
            var viewport: Double
            var scrollWidth: Double
            var styleRules: Int
            var background: String
            var text: String
            var modelFill: String?
            var svgs: [Figure]
        }
        struct Figure: Decodable {
            var label: String
            var width: Double
            var viewBoxWidth: Double
            var fontSize: Double
            var frame: Double
            var column: Double

            /// How tall the diagram's labels are on screen, in CSS pixels.
            var labelPixels: Double { viewBoxWidth > 0 ? fontSize * width / viewBoxWidth : 0 }
        }
        struct BrokenLink: Decodable {
            var path: String
            var from: String
            var href: String
        }
        var pages: [Page]
        var files: [String]
        var broken: [BrokenLink]
        var dark: Bool
    }

    /// Builds the seed site once per call and runs the probe over it.
    func probe(darkMode: Bool) async throws -> ProbeResult {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        let probe = project.site.appendingPathComponent("site-probe.html")
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/site-probe.html"), to: probe)
        let dom = try await HeadlessBrowser().dumpDOM(of: probe, darkMode: darkMode)
        guard let start = dom.range(of: "<pre id=\"result\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex),
            start.upperBound < end.lowerBound
        else {
            Issue.record("the probe wrote no result; the browser printed:\n\(dom.prefix(2000))")
            throw ProbeFailed()
        }
        let json = unescapeHTML(String(dom[start.upperBound..<end.lowerBound]))
        return try JSONDecoder().decode(ProbeResult.self, from: Data(json.utf8))
    }

    struct ProbeFailed: Error {}

    @Test func everyLinkWorksFromFileURLs() async throws {
        let result = try await probe(darkMode: false)
        #expect(result.broken.isEmpty, "links that do not load from file://: \(result.broken)")
        #expect(
            Set(result.pages.map(\.path)) == [
                "index.html", "notes/03-do-it-all-at-once/index.html",
                "tags/agents/index.html", "tags/tool-use/index.html", "tags/fundamentals/index.html",
            ])
        #expect(
            Set(result.files) == ["assets/style.css", "assets/player.css", "atom.xml", "notes/03-do-it-all-at-once/parallel_tools.py"])
        for page in result.pages {
            for (width, measure) in page.widths {
                #expect(measure.styleRules > 0, "\(page.path) at \(width) px has no stylesheet")
            }
        }
    }

    @Test func pagesFitAPhoneAndFiguresStayReadable() async throws {
        let result = try await probe(darkMode: false)
        let note = try #require(result.pages.first { $0.path == "notes/03-do-it-all-at-once/index.html" })
        for width in ["360", "1200"] {
            let measure = try #require(note.widths[width])
            // Both article figures and the run's lanes.
            #expect(measure.svgs.count == 3, "\(measure.svgs.map(\.label))")
        }
        for page in result.pages {
            for (width, measure) in page.widths {
                #expect(measure.viewport == Double(width))
                #expect(
                    measure.scrollWidth <= measure.viewport, "\(page.path) scrolls sideways at \(width) px: \(measure.scrollWidth) px wide")
                for figure in measure.svgs {
                    let name = "\(page.path) at \(width) px: figure \(figure.label)"
                    // The frame stays in the column; on a phone the diagram scrolls inside it rather
                    // than shrinking its labels out of reach; on a desktop it fills the frame.
                    #expect(figure.frame <= figure.column + 0.5, "\(name) has a \(figure.frame) px frame in a \(figure.column) px column")
                    #expect(figure.labelPixels >= 9, "\(name) has \(figure.labelPixels) px labels")
                    if width == "1200" {
                        #expect(abs(figure.width - figure.frame) <= 0.5, "\(name) is \(figure.width) px in a \(figure.frame) px frame")
                    }
                }
            }
        }
    }

    @Test func lightAndDarkThemesFollowTheReadersSettingAndReachTheFigures() async throws {
        let light = try await probe(darkMode: false)
        let dark = try await probe(darkMode: true)
        #expect(!light.dark)
        #expect(dark.dark)
        for (theme, result) in [("light", light), ("dark", dark)] {
            for page in result.pages {
                for (width, measure) in page.widths {
                    let background = try #require(RGB(css: measure.background), "\(measure.background)")
                    let text = try #require(RGB(css: measure.text), "\(measure.text)")
                    #expect(
                        theme == "dark" ? background.luminance < 0.05 : background.luminance > 0.8,
                        "\(page.path) at \(width) px in the \(theme) theme has background \(measure.background)")
                    // WCAG AA for body text.
                    #expect(
                        RGB.contrast(background, text) >= 4.5,
                        "\(page.path) in the \(theme) theme: text \(measure.text) on \(measure.background)")
                }
            }
        }
        // The diagrams take their colours from the page's CSS variables, so they switch too.
        let lightFill = light.pages.first { $0.path.hasPrefix("notes/") }?.widths["1200"]?.modelFill
        let darkFill = dark.pages.first { $0.path.hasPrefix("notes/") }?.widths["1200"]?.modelFill
        #expect(lightFill != nil)
        #expect(darkFill != nil)
        #expect(lightFill != darkFill)
    }
}

extension BrowserTests {
    @Test func theNotePrintsInBlackOnWhiteWithNothingCutOff() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/print_check.py")
        let page = project.site.appendingPathComponent("notes/03-do-it-all-at-once/index.html")
        let result = try await HeadlessBrowser().runDriver(script, arguments: [page.absoluteString], directory: project.root)
        #expect(result.status == 0, "\(result.stderr)")
        struct Measure: Decodable, Equatable {
            var width, scrollWidth: Double
            var nav, footer: Bool
            var background, text, runBackground, runOutput: String
            var clippedPres, pres: Int
            var svgsFit: Bool
        }
        let seen = try JSONDecoder().decode([String: Measure].self, from: Data(result.stdout.utf8))
        let screen = try #require(seen["screen"])
        let print = try #require(seen["print"])
        // On screen the run panel is dark and long output lines scroll inside their box ...
        #expect(screen.nav && screen.footer)
        #expect(screen.runBackground != "rgb(255, 255, 255)")
        #expect(screen.clippedPres > 0)
        // ... on paper: no navigation, black on white everywhere, every line of code wrapped, figures in the column.
        #expect(
            print
                == Measure(
                    width: 718, scrollWidth: 718, nav: false, footer: false,
                    background: "rgb(255, 255, 255)", text: "rgb(0, 0, 0)",
                    runBackground: "rgb(255, 255, 255)", runOutput: "rgb(0, 0, 0)",
                    clippedPres: 0, pres: screen.pres, svgsFit: true))
    }
}

/// A CSS `rgb(r, g, b)` colour, for contrast checks.
struct RGB {
    var red, green, blue: Double

    init?(css: String) {
        let numbers = css.split { !"0123456789.".contains($0) }.compactMap { Double($0) }
        guard css.hasPrefix("rgb"), numbers.count >= 3 else { return nil }
        if numbers.count == 4, numbers[3] == 0 { return nil }  // transparent: no background painted
        (red, green, blue) = (numbers[0], numbers[1], numbers[2])
    }

    /// WCAG 2 relative luminance.
    var luminance: Double {
        func channel(_ value: Double) -> Double {
            let c = value / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (lighter, darker) = (max(a.luminance, b.luminance), min(a.luminance, b.luminance))
        return (lighter + 0.05) / (darker + 0.05)
    }
}

import Foundation
import NotesDiagnostics
import NotesRender
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The promises every diagram keeps: it parses as XML whatever an author writes, it is the same
/// bytes every time, it is an accessible image that scales, and its ids never clash.
@Suite struct DiagramXMLTests {
    @Test func everyDiagramParsesAsXML() throws {
        for (name, svg) in try DiagramFixture.allSVGs() {
            #expect(SVGDocument(svg) != nil, "\(name) is not well-formed XML")
        }
    }

    @Test func hostileTextIsEscapedAndStillParses() throws {
        let diagram = try Diagram.parse(
            language: "turn", text: "turn <b>&\"turn\"</b>\ncall a&b <x y=\"1\">\u{1}\nnext ]]> \u{7}", bodyStart: DiagramFixture.start)
        let svg = diagram.svg(title: "A & B < C \"quoted\"", idPrefix: "x")
        let document = try #require(SVGDocument(svg))
        #expect(document.first("title")?.text == "A & B < C \"quoted\"")
        #expect(document.all("text").contains { $0.text.contains("<b>&\"turn\"</b>") })
    }

    @Test func sameInputGivesSameBytes() throws {
        for ((name, first), (_, second)) in zip(try DiagramFixture.allSVGs(), try DiagramFixture.allSVGs()) {
            #expect(first == second, "\(name) differs between two renderings")
        }
    }

    @Test func rootIsAnAccessibleScalableImage() throws {
        for (name, svg) in try DiagramFixture.allSVGs() {
            let document = try #require(SVGDocument(svg))
            let root = try #require(document.elements.first)
            #expect(root.name == "svg")
            #expect(root.attributes["role"] == "img", "\(name)")
            #expect(root.attributes["width"] == nil && root.attributes["height"] == nil, "\(name) has a fixed size")
            #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true, "\(name)")
            let labelledBy = try #require(root.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
            #expect(labelledBy.count == 2)
            #expect(document.first("title")?.attributes["id"] == labelledBy.first)
            #expect(document.first("desc")?.attributes["id"] == labelledBy.last)
            #expect(document.first("desc")?.text.isEmpty == false)
            #expect(!svg.contains("<image"), "\(name) must be vector only")
        }
    }

    @Test func idsCarryThePrefixAndEveryReferenceResolves() throws {
        for (name, svg) in try DiagramFixture.allSVGs() {
            let document = try #require(SVGDocument(svg))
            let ids = document.elements.compactMap { $0.attributes["id"] }
            #expect(Set(ids).count == ids.count, "\(name) repeats an id")
            let prefix = try #require(ids.first?.split(separator: "-").dropLast().joined(separator: "-"))
            #expect(ids.allSatisfy { $0.hasPrefix(prefix + "-") }, "\(name): \(ids)")
            for reference in svg.components(separatedBy: "url(#").dropFirst() {
                let id = String(reference.prefix { $0 != ")" })
                #expect(ids.contains(id), "\(name) refers to missing #\(id)")
            }
        }
    }
}

// MARK: - Reading SVG back

/// An SVG parsed with Foundation's XMLParser: its elements in document order, with their text.
struct SVGDocument {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""

        /// A numeric attribute, or nan when missing.
        func number(_ key: String) -> Double { attributes[key].flatMap(Double.init) ?? .nan }
        /// The element's classes.
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    var elements: [Element]

    /// Nil when `svg` is not well-formed XML.
    init?(_ svg: String) {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { return nil }
        elements = collector.elements
    }

    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className.map($0.classes.contains) ?? true) }
    }

    func first(_ name: String) -> Element? { elements.first { $0.name == name } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append(Element(name: name, attributes: attributes))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            // Text belongs to every open element, so a <text> holding <tspan>s reads as a whole.
            for index in open { elements[index].text += string }
        }
    }
}

/// A line a program printed to a terminal, as HTML: ANSI SGR escape sequences (`ESC [ 1 ; 32 m`,
/// what rich, colorama and most CLIs write) become styled spans; every other escape sequence and
/// control character is dropped, so nothing invisible or unsafe reaches the page.
///
/// The 16 basic colours are classes (`ansi-fg-2`, `ansi-bg-4`; the style sheet picks shades that
/// read on the run panel in both themes); 256-colour and 24-bit colours are inline styles.
package enum TerminalText {
    /// The look the sequences so far have set.
    struct Style: Equatable {
        var bold = false
        var dim = false
        var italic = false
        var underline = false
        var foreground: Colour?
        var background: Colour?

        var isPlain: Bool { self == Style() }
    }

    enum Colour: Equatable {
        /// One of the 16 basic colours, 0-15.
        case basic(Int)
        /// A `#rrggbb` colour (256-colour palette entries are turned into this too).
        case rgb(String)
    }

    /// Appends `line` to `html`: escaped text, styled where the line asks for it. Styles end with
    /// the line (a page shows lines, not a terminal's state).
    package static func appendHTML(_ line: String, to html: inout String) {
        guard line.utf8.contains(0x1B) else {
            HTMLEscaping.append(line, to: &html)
            return
        }
        var style = Style()
        var open = false
        var text = ""
        func flush() {
            guard !text.isEmpty else { return }
            if !style.isPlain, !open {
                html += span(style)
                open = true
            }
            HTMLEscaping.append(text, to: &html)
            text = ""
        }
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\u{1B}" else {
                text.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            let (length, parameters) = sequence(in: scalars, at: index)
            index += length
            guard let parameters else { continue }  // another escape sequence: dropped
            flush()
            let next = apply(parameters, to: style)
            if next != style {
                if open {
                    html += "</span>"
                    open = false
                }
                style = next
            }
        }
        flush()
        if open { html += "</span>" }
    }

    /// The length of the escape sequence at `index`, and its parameters when it is an SGR
    /// (`ESC [ ... m`); nil parameters for any other sequence.
    static func sequence(in scalars: [Unicode.Scalar], at index: Int) -> (Int, [Int]?) {
        guard index + 1 < scalars.count else { return (1, nil) }
        switch scalars[index + 1] {
        case "[":
            // CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E.
            var end = index + 2
            while end < scalars.count, (0x20...0x3F).contains(scalars[end].value) { end += 1 }
            guard end < scalars.count, (0x40...0x7E).contains(scalars[end].value) else { return (end - index, nil) }
            let body = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
            guard scalars[end] == "m", body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ";") }) else { return (end - index + 1, nil) }
            let parameters = body.isEmpty ? [0] : body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            return (end - index + 1, parameters)
        case "]":
            // OSC (titles, hyperlinks): up to BEL or ESC \\.
            var end = index + 2
            while end < scalars.count, scalars[end] != "\u{07}", !(scalars[end] == "\u{1B}" && end + 1 < scalars.count) { end += 1 }
            if end < scalars.count, scalars[end] == "\u{1B}" { end += 1 }
            return (min(end + 1, scalars.count) - index, nil)
        default:
            return (2, nil)
        }
    }

    /// The style after the SGR `parameters`.
    static func apply(_ parameters: [Int], to style: Style) -> Style {
        var style = style
        var index = 0
        while index < parameters.count {
            let code = parameters[index]
            switch code {
            case 0: style = Style()
            case 1: style.bold = true
            case 2: style.dim = true
            case 3: style.italic = true
            case 4: style.underline = true
            case 22: (style.bold, style.dim) = (false, false)
            case 23: style.italic = false
            case 24: style.underline = false
            case 30...37: style.foreground = .basic(code - 30)
            case 90...97: style.foreground = .basic(code - 90 + 8)
            case 39: style.foreground = nil
            case 40...47: style.background = .basic(code - 40)
            case 100...107: style.background = .basic(code - 100 + 8)
            case 49: style.background = nil
            case 38, 48:
                let (colour, used) = extendedColour(parameters, after: index)
                if code == 38 { style.foreground = colour } else { style.background = colour }
                index += used
            default: break
            }
            index += 1
        }
        return style
    }

    /// A `38;5;n` or `38;2;r;g;b` colour, and how many parameters it used after the 38/48.
    static func extendedColour(_ parameters: [Int], after index: Int) -> (Colour?, Int) {
        guard index + 1 < parameters.count else { return (nil, 0) }
        switch parameters[index + 1] {
        case 5 where index + 2 < parameters.count:
            let n = parameters[index + 2]
            guard (0...255).contains(n) else { return (nil, 2) }
            if n < 16 { return (.basic(n), 2) }
            return (.rgb(hex(palette(n))), 2)
        case 2 where index + 4 < parameters.count:
            let rgb = parameters[(index + 2)...(index + 4)].map { min(255, max(0, $0)) }
            return (.rgb(hex((rgb[0], rgb[1], rgb[2]))), 4)
        default:
            return (nil, 1)
        }
    }

    /// The xterm 256-colour palette, from entry 16: a 6×6×6 cube, then 24 greys.
    static func palette(_ n: Int) -> (Int, Int, Int) {
        if n >= 232 {
            let grey = 8 + (n - 232) * 10
            return (grey, grey, grey)
        }
        let cube = n - 16
        let level = { (value: Int) in value == 0 ? 0 : 55 + value * 40 }
        return (level(cube / 36), level((cube / 6) % 6), level(cube % 6))
    }

    static func hex(_ rgb: (Int, Int, Int)) -> String {
        let digits = Array("0123456789abcdef")
        return "#" + [rgb.0, rgb.1, rgb.2].map { "\(digits[$0 / 16])\(digits[$0 % 16])" }.joined()
    }

    /// The opening tag for `style`.
    static func span(_ style: Style) -> String {
        var classes: [String] = []
        var inline: [String] = []
        if style.bold { classes.append("ansi-bold") }
        if style.dim { classes.append("ansi-dim") }
        if style.italic { classes.append("ansi-italic") }
        if style.underline { classes.append("ansi-underline") }
        switch style.foreground {
        case .basic(let n)?: classes.append("ansi-fg-\(n)")
        case .rgb(let hex)?: inline.append("color:\(hex)")
        case nil: break
        }
        switch style.background {
        case .basic(let n)?: classes.append("ansi-bg-\(n)")
        case .rgb(let hex)?: inline.append("background-color:\(hex)")
        case nil: break
        }
        var tag = "<span"
        if !classes.isEmpty { tag += " class=\"\(classes.joined(separator: " "))\"" }
        if !inline.isEmpty { tag += " style=\"\(inline.joined(separator: ";"))\"" }
        return tag + ">"
    }
}

/// Builds SVG markup one element per line, so that golden files diff line by line.
///
/// Attribute values and text are escaped here, in one place, so that every diagram parses as XML
/// whatever an author writes in a label.
struct SVGWriter {
    /// The markup written so far.
    private(set) var output = ""

    /// Opens `<name ...>` on its own line.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        output += "<\(name)"
        append(attributes)
        output += ">\n"
    }

    /// Closes `</name>` on its own line.
    mutating func close(_ name: String) {
        output += "</\(name)>\n"
    }

    /// Writes `<name .../>`, or `<name ...>text</name>` when `text` is given.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) {
        output += "<\(name)"
        append(attributes)
        if let text {
            output += ">"
            output += SVGWriter.escape(text)
            output += "</\(name)>\n"
        } else {
            output += "/>\n"
        }
    }

    fileprivate mutating func append(_ attributes: KeyValuePairs<String, String>) {
        for (key, value) in attributes where !value.isEmpty {
            output += " \(key)=\""
            output += SVGWriter.escape(value)
            output += "\""
        }
    }

    /// `text` escaped for XML text or a double-quoted attribute, without the control characters
    /// that XML 1.0 forbids (they would make the whole page's SVG unparsable).
    static func escape(_ text: String) -> String {
        let allowed = text.unicodeScalars.allSatisfy { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        if allowed { return HTMLEscaping.escape(text) }
        var cleaned = String.UnicodeScalarView()
        cleaned.append(contentsOf: text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        return HTMLEscaping.escape(String(cleaned))
    }
}

// MARK: - Numbers

extension Double {
    /// A coordinate or length for SVG: at most two decimals, no trailing zeros, never `-0`.
    ///
    /// Formatted by hand rather than with `String(format:)` so that output is the same bytes on every
    /// platform and locale.
    var svg: String { DecimalText.format(self, decimals: 2, trimZeros: true) }
}

/// Fixed-point decimal text, independent of locale and platform.
enum DecimalText {
    /// `value` rounded to `decimals` places; `trimZeros` drops trailing zeros and a bare point.
    static func format(_ value: Double, decimals: Int, trimZeros: Bool) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard scaled != 0 else {
            return trimZeros || decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals)
        }
        let magnitude = Int64(abs(scaled))
        let whole = magnitude / Int64(scale)
        var fraction = String(magnitude % Int64(scale))
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        if trimZeros {
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        let sign = scaled < 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}

// MARK: - Mixed text

extension SVGWriter {
    /// One `<text>` made of differently styled runs, written on one line so that no stray
    /// whitespace separates the runs other than what `runs` contain.
    mutating func text(_ attributes: KeyValuePairs<String, String>, runs: [(text: String, attributes: KeyValuePairs<String, String>)]) {
        var inner = SVGWriter()
        for run in runs {
            inner.output += "<tspan"
            inner.append(run.attributes)
            inner.output += ">" + SVGWriter.escape(run.text) + "</tspan>"
        }
        output += "<text"
        append(attributes)
        output += ">" + inner.output + "</text>\n"
    }
}

/// Highlights code listings at build time into HTML spans (see `HighlightClass` for the classes).
///
/// Lexers work on UTF-8 bytes and append to one pre-reserved buffer that is decoded once. The word
/// tables are built in `init`, so keep one highlighter and reuse it for every listing of a build.
package struct SyntaxHighlighter: Sendable {
    private let pythonWords: KeywordTable
    private let shellWords: KeywordTable
    private let swiftWords: KeywordTable

    /// A highlighter for every supported language.
    package init() {
        pythonWords = PythonLexer.words()
        shellWords = ShellLexer.words()
        swiftWords = SwiftLexer.words()
    }

    /// Canonical language for a fence/file language name or alias, or nil if unsupported
    /// (python/py/python3; json; shell/sh/bash/zsh; console/shell-session (prompt lines `$ ` or `# `
    /// then shell, others output); swift).
    package static func language(for name: String) -> HighlightLanguage? {
        HighlightLanguage(name: name)
    }

    /// HTML for `code`: escaped (& < > "), with <span class="hl-XX">…</span> tokens. Unsupported
    /// languages: escaped only.
    ///
    /// No span crosses a newline, so the result can be split into lines; stripping the tags and
    /// unescaping gives back `code` exactly.
    package func highlight(_ code: String, language: String) -> String {
        highlight(code, as: Self.language(for: language))
    }

    /// HTML for `code` in `language`, or escaped only when `language` is nil.
    package func highlight(_ code: String, as language: HighlightLanguage?) -> String {
        var code = code
        code.makeContiguousUTF8()  // no-op for native strings; bridged ones get copied once
        if let html = code.utf8.withContiguousStorageIfAvailable({ render($0, as: language) }) {
            return html
        }
        return Array(code.utf8).withUnsafeBufferPointer { render($0, as: language) }
    }

    private func render(_ bytes: UnsafeBufferPointer<UInt8>, as language: HighlightLanguage?) -> String {
        switch language {
        case .python:
            var lexer = PythonLexer(bytes, words: pythonWords)
            lexer.run()
            return lexer.scanner.html.finish()
        case .json:
            var lexer = JSONLexer(bytes)
            lexer.run()
            return lexer.scanner.html.finish()
        case .shell:
            var lexer = ShellLexer(bytes, words: shellWords)
            lexer.run()
            return lexer.scanner.html.finish()
        case .console:
            var lexer = ConsoleLexer(bytes, words: shellWords)
            lexer.run()
            return lexer.shell.scanner.html.finish()
        case .swift:
            var lexer = SwiftLexer(bytes, words: swiftWords)
            lexer.run()
            return lexer.scanner.html.finish()
        case nil:
            var writer = HighlightWriter(input: bytes)
            return writer.finish()
        }
    }
}

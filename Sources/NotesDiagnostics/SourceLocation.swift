/// A place in a source file, printed the way compilers print it: `path:line:col`.
///
/// Lines and columns start at 1; the column counts bytes, as libcmark's source positions do.
package struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file as the author would type it, usually relative to the working directory.
    package var path: String
    /// 1-based line; 0 means "the file as a whole".
    package var line: Int
    /// 1-based column; 0 means "the line as a whole".
    package var column: Int

    /// Creates a location; pass `line: 0` for a whole file.
    package init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col`, `path:line` or `path`, dropping the parts that are unknown.
    package var description: String {
        guard line > 0 else { return path }
        guard column > 0 else { return "\(path):\(line)" }
        return "\(path):\(line):\(column)"
    }

    /// The same file and line, at another column.
    package func at(column: Int) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    package static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// A request that the cassette could not answer, with the closest recorded request and how they differ.
package struct ReplayMiss: Sendable, Hashable, CustomStringConvertible {
    /// The request's number in this run, from 1, in order of arrival.
    package var number: Int
    /// The request's method.
    package var method: String
    /// The request's path and query.
    package var path: String
    /// The closest recorded request (index into the cassette's entries), if the cassette has any.
    package var closestEntry: Int?
    /// How the request differs from the closest recorded one, by JSON path.
    package var differences: [JSONDifference]
    /// One sentence on why nothing matched.
    package var reason: String

    /// How many differences ``description`` lists before summarising the rest.
    package static let shownDifferences = 12

    /// `request 3 (POST /v1/messages) ...` and then one indented line per difference.
    package var description: String {
        var lines = ["request \(number) (\(method) \(path)) \(reason)"]
        for difference in differences.prefix(Self.shownDifferences) { lines.append("  \(difference)") }
        if differences.count > Self.shownDifferences {
            lines.append("  ... and \(differences.count - Self.shownDifferences) more differences")
        }
        return lines.joined(separator: "\n")
    }

    /// The message of the 400 error the program receives, on one line.
    var engineMessage: String {
        var text = "notes replay: request \(number) (\(method) \(path)) \(reason)"
        if let first = differences.first { text += " First difference: \(first)." }
        return text
    }
}

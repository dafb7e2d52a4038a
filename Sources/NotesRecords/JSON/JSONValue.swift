/// A JSON value that keeps what the wire said: key order, duplicate keys and each number's spelling.
///
/// The transport cannot use `JSONSerialization` or `Codable` for bodies: a replayed response must give
/// the program the same dictionaries in the same order (Python dicts keep insertion order, and the SDK
/// echoes blocks back byte for byte), and `1.0` must stay `1.0`. Matching uses ``canonical`` instead,
/// where key order no longer counts.
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number in its original spelling (`1`, `1.0`, `1e3` are three different values here).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in wire order; duplicate keys are kept as sent.
    case object([Member])

    /// One `"key": value` pair of an object.
    package struct Member: Sendable, Hashable {
        /// The key, unescaped.
        package var key: String
        /// The value.
        package var value: JSONValue

        /// Creates a member.
        package init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }
}

// MARK: - Access

extension JSONValue {
    /// The value of `key` when this is an object (the last one wins, as in most parsers), else nil.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The element at `index` when this is an array and the index exists, else nil.
    package subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string, when this is a string.
    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number as an `Int`, when this is a number written as an integer.
    package var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// The number as a `Double`, when this is a number.
    package var doubleValue: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }

    /// The boolean, when this is `true` or `false`.
    package var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, when this is an array.
    package var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members in order, when this is an object.
    package var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// An integer number.
    package static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// An object from members given in order.
    package static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { Member($0.key, $0.value) })
    }

    /// An object whose keys are sorted, for the cassette's own envelope (never for bodies).
    package static func sortedObject(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { Member(key, $0) } }.sorted { $0.key < $1.key })
    }

    /// The same value with every object's keys sorted, recursively: the form requests are matched in.
    package var canonical: JSONValue {
        switch self {
        case .array(let elements): .array(elements.map(\.canonical))
        case .object(let members):
            // Later duplicates win, as in Python's json module; sort so that order stops mattering.
            .object(Self.lastWins(members).map { Member($0.key, $0.value.canonical) }.sorted { $0.key < $1.key })
        default: self
        }
    }

    /// Members with duplicate keys resolved as parsers do: the last one wins, at the first one's place.
    package static func lastWins(_ members: [Member]) -> [Member] {
        var seen = Set<String>()
        var kept: [Member] = []
        for member in members.reversed() where seen.insert(member.key).inserted { kept.append(member) }
        return kept.reversed()
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .number(String(value)) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Keeps the literal's order, so tests can write bodies as they appear on the wire.
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { Member($0.0, $0.1) })
    }
}

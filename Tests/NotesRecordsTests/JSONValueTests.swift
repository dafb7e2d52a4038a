import Foundation
import NotesRecords
import Testing

@Suite struct JSONValueTests {
    @Test func compactBodiesRoundTripByteForByte() throws {
        let wire =
            #"{"model":"m","content":[{"type":"text","text":"Caf\u00e9? "#
            + #"\"quoted\"\n","citations":null}],"n":1.0,"big":12345678901234567890,"e":-1.5E+3,"ok":true}"#
        let value = try JSONValue(parsing: wire)
        // Python's ensure_ascii spelling round-trips through the ASCII-escaping format.
        #expect(JSONValue.faithful(Array(wire.utf8))?.escapesNonASCII == true)
        #expect(value.text(JSONFormat(escapesNonASCII: true)) == wire)
        #expect(value["n"] == .number("1.0"), "numbers keep their spelling: 1.0 stays 1.0")
        #expect(value["big"] == .number("12345678901234567890"))
    }

    @Test func keyOrderAndDuplicatesAreKept() throws {
        let value = try JSONValue(parsing: #"{"b":1,"a":2,"b":3}"#)
        #expect(value.text() == #"{"b":1,"a":2,"b":3}"#)
        #expect(value["b"] == 3, "the last duplicate wins on lookup, as in Python")
        #expect(value.canonicalText == #"{"a":2,"b":3}"#)
    }

    @Test func canonicalFormIgnoresKeyOrderOnly() throws {
        let a = try JSONValue(parsing: #"{"x":{"q":1,"p":[2,{"z":1,"y":2}]},"w":"é"}"#)
        let b = try JSONValue(parsing: #"{ "w" : "\u00e9", "x" : { "p" : [2, {"y":2,"z":1}], "q" : 1 } }"#)
        #expect(a.canonicalText == b.canonicalText)
        let c = try JSONValue(parsing: #"{"x":{"q":1,"p":[{"z":1,"y":2},2]},"w":"é"}"#)
        #expect(a.canonicalText != c.canonicalText, "array order still counts")
    }

    @Test func bodiesThatDoNotRoundTripAreNotStoredAsJSON() {
        #expect(JSONValue.faithful(Array(#"{"type": "ping"}"#.utf8)) == nil, "a space after the colon cannot be reproduced")
    }

    @Test func surrogatePairsDecodeAndLoneSurrogatesAreNotFaithful() throws {
        #expect(try JSONValue(parsing: #""\ud83d\ude00""#) == .string("😀"))
        #expect(JSONValue.faithful(Array(#""\ud83d""#.utf8)) == nil)
    }

    @Test func prettyFormatIndentsLikePython() throws {
        let value: JSONValue = ["a": [1, ["b": .null]], "c": [:], "d": []]
        #expect(
            value.text(.pretty) == """
                {
                  "a": [
                    1,
                    {
                      "b": null
                    }
                  ],
                  "c": {},
                  "d": []
                }
                """)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\u{01}\"", "tru", "[1] x", "\"\\x\""])
    func malformedJSONIsRejected(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func deepNestingIsRejectedNotCrashed() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: String(repeating: "[", count: 10_000)) }
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var split = SHA256()
        split.update(Array("ab".utf8))
        split.update(Array("c".utf8))
        var whole = SHA256()
        whole.update(Array("abc".utf8))
        #expect(split.finalize() == whole.finalize(), "feeding in pieces gives the same digest")
    }
}

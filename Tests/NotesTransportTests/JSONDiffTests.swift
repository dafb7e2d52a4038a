import NotesRecords
import Testing

@testable import NotesTransport

@Suite struct JSONDiffTests {
    @Test func differencesAreNamedByJSONPath() throws {
        let old = try JSONValue(
            parsing: #"{"model":"m","messages":[{"role":"user","content":"When are James and Sarah free?"}],"max_tokens":512}"#)
        let new = try JSONValue(
            parsing:
                #"{"max_tokens":1024,"model":"m","messages":[{"role":"user","content":"When are James and Trish "#
                + #"free?"}],"temperature":0.5}"#
        )
        let lines = JSONDiff.differences(recorded: old, actual: new).map(\.description)
        #expect(
            lines == [
                "$.max_tokens: recorded 512, now 1024",
                #"$.messages[0].content: recorded "When are James and Sarah free?", now "When are James and Trish free?""#,
                "$.temperature: recorded (absent), now 0.5",
            ])
    }

    @Test func longStringsAreShownAroundTheirFirstDifference() {
        let prefix = String(repeating: "x", count: 200)
        let difference = JSONDifference(path: "$.system", recorded: .string(prefix + "old tail"), actual: .string(prefix + "new tail"))
        #expect(difference.description == #"$.system: recorded "…xxxxxxxxxxxxxxxxxxxxold tail", now "…xxxxxxxxxxxxxxxxxxxxnew tail""#)
    }

    @Test func oddKeysAreQuotedAndArraysCompareByPosition() {
        let lines = JSONDiff.differences(recorded: ["a b": [1, 2]], actual: ["a b": [1]]).map(\.description)
        #expect(lines == [#"$["a b"][1]: recorded 2, now (absent)"#])
    }

    @Test func equalValuesHaveNoDifferences() {
        #expect(JSONDiff.differences(recorded: ["a": 1, "b": 2], actual: ["b": 2, "a": 1]).isEmpty)
    }
}

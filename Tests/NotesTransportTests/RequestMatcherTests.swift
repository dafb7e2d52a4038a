import Foundation
import NotesRecords
import Testing

@testable import NotesTransport

@Suite struct RequestMatcherTests {
    static func entry(_ body: JSONValue, status: Int = 200, headers: [CassetteHeader] = [CassetteHeader("anthropic-version", "2026-10-21")])
        -> CassetteEntry
    {
        CassetteEntry(
            startedDateTime: Date(),
            request: CassetteRequest(method: "POST", url: "https://e/v1/messages", headers: headers, body: .json(body)),
            response: CassetteResponse(status: status, body: .json(["status": .int(status)])))
    }

    @Test func keyOrderAndWhitespaceDoNotMatterButValuesDo() throws {
        var matcher = RequestMatcher(entries: [Self.entry(["model": "m", "max_tokens": 5])])
        let reordered = CassetteBody.capture(Array(#"{ "max_tokens": 5, "model": "m" }"#.utf8))
        guard case .hit(0) = matcher.match(number: 1, method: "POST", path: "/v1/messages", body: reordered) else {
            Issue.record("reordered keys should match")
            return
        }
        var other = RequestMatcher(entries: [Self.entry(["model": "m", "max_tokens": 5])])
        guard
            case .miss(let miss) = other.match(
                number: 1, method: "POST", path: "/v1/messages", body: .json(["model": "m", "max_tokens": .number("5.0")]))
        else {
            Issue.record("5.0 is not 5")
            return
        }
        #expect(miss.differences.map(\.path) == ["$.max_tokens"])
    }

    @Test func identicalRequestsAreAnsweredFirstInFirstOut() {
        let body: JSONValue = ["model": "m"]
        var matcher = RequestMatcher(entries: [
            Self.entry(body, status: 529), Self.entry(["model": "other"]), Self.entry(body, status: 200),
        ])
        var order: [Int] = []
        for number in 1...2 {
            if case .hit(let index) = matcher.match(number: number, method: "POST", path: "/v1/messages", body: .json(body)) {
                order.append(index)
            }
        }
        #expect(order == [0, 2])
        guard case .miss(let miss) = matcher.match(number: 3, method: "POST", path: "/v1/messages", body: .json(body)) else {
            Issue.record("a third identical request is one more than was recorded")
            return
        }
        #expect(
            miss.description
                == "request 3 (POST /v1/messages) repeats entry 0, but the cassette answers this request only 2 times and this run asked "
                + "again."
        )
        #expect(matcher.unanswered == [1])
    }

    @Test func headersNeverDecideAMatchButVersionChangesWarn() {
        var matcher = RequestMatcher(entries: [Self.entry(["model": "m"])])
        let headers = [
            CassetteHeader("anthropic-version", "2027-01-01"), CassetteHeader("anthropic-beta", "new-thing"),
            CassetteHeader("x-stainless-retry-count", "2"),
        ]
        guard case .hit(0) = matcher.match(number: 4, method: "POST", path: "/v1/messages", body: .json(["model": "m"])) else {
            Issue.record("headers must not stop a match")
            return
        }
        #expect(
            matcher.versionWarnings(number: 4, headers: headers, entry: 0) == [
                #"request 4: anthropic-version is "2027-01-01" but the cassette recorded "2026-10-21" (entry 0); re-record if the API "#
                    + #"changed"#,
                #"request 4: anthropic-beta is "new-thing" but the cassette recorded none (entry 0); re-record if the API changed"#,
            ])
        #expect(matcher.versionWarnings(number: 4, headers: [CassetteHeader("anthropic-version", "2026-10-21")], entry: 0).isEmpty)
    }

    @Test func aMissNamesTheClosestRequestAndHowItDiffers() {
        var matcher = RequestMatcher(entries: [
            Self.entry(["model": "m", "messages": [["role": "user", "content": "Plan a meeting with Sarah"]]]),
            Self.entry([
                "model": "m",
                "messages": [["role": "user", "content": "Plan a meeting with James"], ["role": "assistant", "content": "ok"]],
            ]),
        ])
        let body: JSONValue = ["model": "m", "messages": [["role": "user", "content": "Plan a meeting with Trish"]]]
        guard case .miss(let miss) = matcher.match(number: 2, method: "POST", path: "/v1/messages", body: .json(body)) else {
            Issue.record("should miss")
            return
        }
        #expect(miss.closestEntry == 0)
        #expect(
            miss.description == """
                request 2 (POST /v1/messages) is not in the cassette; the closest recorded request is entry 0.
                  $.messages[0].content: recorded "Plan a meeting with Sarah", now "Plan a meeting with Trish"
                """)
    }

    @Test func anotherPathIsFartherThanAnyBodyDifference() {
        var matcher = RequestMatcher(entries: [Self.entry(["a": 1, "b": 2, "c": 3])])
        guard
            case .miss(let miss) = matcher.match(
                number: 1, method: "POST", path: "/v1/messages/count_tokens", body: .json(["a": 1, "b": 2, "c": 3]))
        else {
            Issue.record("should miss")
            return
        }
        #expect(miss.differences.map(\.description) == [#"path: recorded "/v1/messages", now "/v1/messages/count_tokens""#])
    }
}

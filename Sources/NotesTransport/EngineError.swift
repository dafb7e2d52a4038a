import NotesRecords

/// Error responses in the engine's own shape, so the SDK raises its usual exception types.
///
/// `{"type":"error","error":{"type":"authentication_error","message":"..."},"request_id":"req_..."}`
struct EngineError: Sendable {
    var status: Int
    var type: String
    var message: String

    /// 401: the request did not carry this run's token.
    static func unauthorized() -> EngineError {
        EngineError(
            status: 401, type: "authentication_error",
            message:
                "notes transport: missing or wrong API key; send the run's token from ANTHROPIC_API_KEY as x-api-key or Authorization: "
                + "Bearer"
        )
    }

    /// 404: outside the Messages API, or not a path this mode serves.
    static func notFound(_ path: String) -> EngineError {
        EngineError(status: 404, type: "not_found_error", message: "notes transport: \(path) is not served here; only /v1/* paths are")
    }

    /// 400: a replay miss, naming the request and its first difference.
    static func miss(_ miss: ReplayMiss) -> EngineError {
        EngineError(status: 400, type: "invalid_request_error", message: miss.engineMessage)
    }

    /// 413: the body is larger than the transport accepts.
    static func tooLarge(_ limit: Int) -> EngineError {
        EngineError(status: 413, type: "request_too_large", message: "notes transport: request body is larger than \(limit) bytes")
    }

    var reason: String {
        [400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 413: "Payload Too Large"][status] ?? ""
    }

    /// The JSON body for request `number`; `x-should-retry: false` stops the SDK from retrying it.
    func response(number: Int) -> (headers: [CassetteHeader], body: [UInt8]) {
        let requestID = "req_notes_\(String(number))"
        let body: JSONValue = [
            "type": "error",
            "error": ["type": .string(type), "message": .string(message)],
            "request_id": .string(requestID),
        ]
        return (
            [
                CassetteHeader("content-type", "application/json"), CassetteHeader("request-id", requestID),
                CassetteHeader("x-should-retry", "false"),
            ], body.serialized()
        )
    }
}

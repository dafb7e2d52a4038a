#!/usr/bin/env python3
"""A stand-in for the engine, for tests only: speaks the Messages API wire format on loopback.

    STAND_IN_KEY=<key> python3 stand_in_engine.py      # prints "PORT <n>" once listening

Standard library only. The request's `model` picks the behaviour:
  stand-in-tools          text + two tool_use blocks (thinking first if asked), then a final answer
                          once the next request carries the tool_results
  stand-in-overloaded     529, 529, then 200        stand-in-rate-limited  429, then 200
  stand-in-error          500, then 200             stand-in-drop          connection closed, then 200
  stand-in-stream-error   200 stream that ends with an `error` event
  stand-in-stream-drop    200 stream cut off in the middle
  stand-in-leak           a text that quotes the key (the transport must scrub it)
  stand-in-gzip           the echo gzip-compressed when the request accepts gzip (and the codings it accepted)
  stand-in-redirect       307 to /v1/elsewhere (the transport must not follow it)
  stand-in-slow-stream    a stream of pings every 0.1 s for 30 s; GET /v1/_hangups counts the clients that left
  stand-in-silent         reads the request, then never answers
  stand-in-garbage        200 with a body that is not JSON
anything else             an echo of the last user message.
With STAND_IN_TLS_CERT and STAND_IN_TLS_KEY (PEM files) it serves HTTPS instead of HTTP.
`"stream": true` turns any 200 into server-sent events, with `ping`s and every delta type.
Ids are derived from the request body, so the same request always gets the same answer.
"""
import gzip
import hashlib
import json
import os
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = os.environ.get("STAND_IN_KEY", "")
HANGUPS = [0]
ATTEMPTS = {}
LOCK = threading.Lock()
FAILURES = {
    "stand-in-overloaded": [(529, "overloaded_error", "Overloaded")] * 2,
    "stand-in-rate-limited": [(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit")],
    "stand-in-error": [(500, "api_error", "Internal server error")],
    "stand-in-drop": ["drop"],
}


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def digest(*parts):
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def tool_results(messages):
    last = messages[-1] if messages else {}
    content = last.get("content")
    if last.get("role") != "user" or not isinstance(content, list):
        return []
    return [block for block in content if isinstance(block, dict) and block.get("type") == "tool_result"]


def last_user_text(messages):
    for message in reversed(messages):
        content = message.get("content")
        if isinstance(content, str):
            return content
        if isinstance(content, list):
            texts = [block.get("text", "") for block in content if isinstance(block, dict) and block.get("type") == "text"]
            if texts:
                return " ".join(texts)
    return ""


def answer(request, raw):
    """The message for a request, as the engine would send it."""
    seed = raw.decode("utf-8", "replace")
    model = request.get("model", "")
    messages = request.get("messages", [])
    content = []
    stop_reason = "end_turn"
    if model == "stand-in-tools":
        results = tool_results(messages)
        if results:
            observed = "; ".join(str(block.get("content")) for block in results)
            content.append({"type": "text", "text": f"Both calendars checked ({observed}). Let's meet at 15:00 ☕ — café on the 2nd floor.", "citations": None})
        else:
            if request.get("thinking"):
                content.append({"type": "thinking", "thinking": "The two calendars are independent, so I can check them at the same time.",
                                "signature": "EqQBCkYIBxgCKkB" + digest(seed, "sig")})
            content.append({"type": "text", "text": "I'll check both calendars at once.", "citations": None})
            for index, email in enumerate(["james@abc.com", "sarah@abc.com"]):
                content.append({"type": "tool_use", "id": "toolu_" + digest(seed, str(index)), "name": "check_calendar",
                                "input": {"email": email, "days": 7}})
            stop_reason = "tool_use"
    elif model == "stand-in-leak":
        content.append({"type": "text", "text": f"Debug: you called me with {KEY}."})
    else:
        content.append({"type": "text", "text": "Echo: " + last_user_text(messages)})
    output_tokens = sum(len(compact(block)) // 4 for block in content)
    return {
        "id": "msg_" + digest(seed), "type": "message", "role": "assistant", "model": model, "content": content,
        "stop_reason": stop_reason, "stop_sequence": None,
        "usage": {"input_tokens": len(raw) // 4, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": output_tokens},
    }


def events(message, model):
    """The message as the engine streams it: (event name, data text) pairs."""
    start = dict(message, content=[], stop_reason=None, usage=dict(message["usage"], output_tokens=1))
    yield "message_start", compact({"type": "message_start", "message": start})
    # The engine writes ping with a space after the colon: not compact JSON, so the transport must keep it verbatim.
    yield "ping", '{"type": "ping"}'
    for index, block in enumerate(message["content"]):
        if block["type"] == "text":
            empty = {"type": "text", "text": ""}
            deltas = [{"type": "text_delta", "text": part} for part in split(block["text"])]
        elif block["type"] == "thinking":
            empty = {"type": "thinking", "thinking": "", "signature": ""}
            deltas = [{"type": "thinking_delta", "thinking": part} for part in split(block["thinking"])]
            deltas.append({"type": "signature_delta", "signature": block["signature"]})
        else:
            empty = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
            deltas = [{"type": "input_json_delta", "partial_json": part} for part in split(compact(block["input"]))]
        yield "content_block_start", compact({"type": "content_block_start", "index": index, "content_block": empty})
        for number, delta in enumerate(deltas):
            yield "content_block_delta", compact({"type": "content_block_delta", "index": index, "delta": delta})
            if model == "stand-in-stream-error" and number == 0:
                yield "error", compact({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
                return
            if model == "stand-in-stream-drop" and number == 0:
                yield None, None
                return
        yield "content_block_stop", compact({"type": "content_block_stop", "index": index})
        if index == 0:
            yield "ping", '{"type": "ping"}'
    delta = {"type": "message_delta", "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
             "usage": {"output_tokens": message["usage"]["output_tokens"]}}
    yield "message_delta", compact(delta)
    yield "message_stop", compact({"type": "message_stop"})


def split(text):
    third = max(1, len(text) // 3)
    return [text[i:i + third] for i in range(0, len(text), third)] or [""]


class Engine(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes; avoid 40 ms delayed-ACK stalls

    def log_message(self, *args):
        pass

    def authorized(self):
        bearer = self.headers.get("Authorization", "")
        return bool(KEY) and (self.headers.get("x-api-key") == KEY or bearer == "Bearer " + KEY)

    def send_json(self, status, value, extra=(), encode=False):
        body = compact(value).encode()
        request_id = "req_" + digest(body.decode())
        if encode:
            body = gzip.compress(body, mtime=0)
            extra = list(extra) + [("Content-Encoding", "gzip")]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("request-id", request_id)
        self.send_header("anthropic-ratelimit-requests-remaining", "49")
        self.send_header("anthropic-ratelimit-tokens-remaining", "39000")
        self.send_header("Set-Cookie", "session=stand-in; Path=/")
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_error_shape(self, status, kind, message, extra=()):
        self.send_json(status, {"type": "error", "error": {"type": kind, "message": message}, "request_id": "req_" + digest(message)}, extra)

    def do_GET(self):
        if not self.authorized():
            return self.send_error_shape(401, "authentication_error", "invalid x-api-key")
        if self.path.startswith("/v1/_hangups"):
            return self.send_json(200, {"hangups": HANGUPS[0]})
        if self.path.startswith("/v1/models"):
            return self.send_json(200, {"data": [{"type": "model", "id": "stand-in-tools", "display_name": "Stand-in"}], "has_more": False})
        self.send_error_shape(404, "not_found_error", "Not found")

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not self.authorized():
            return self.send_error_shape(401, "authentication_error", "invalid x-api-key")
        if not self.path.startswith("/v1/messages"):
            return self.send_error_shape(404, "not_found_error", "Not found")
        request = json.loads(raw)
        model = request.get("model", "")
        with LOCK:
            attempt = ATTEMPTS.get(raw, 0)
            ATTEMPTS[raw] = attempt + 1
        failures = FAILURES.get(model, [])
        if attempt < len(failures):
            failure = failures[attempt]
            if failure == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            status, kind, message = failure
            return self.send_error_shape(status, kind, message, [("retry-after", "0.2"), ("x-should-retry", "true")])
        if model == "stand-in-garbage":
            body = b"<html>502 bad gateway</html>"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if model == "stand-in-silent":
            time.sleep(60)
            return
        if model == "stand-in-slow-stream":
            return self.slow_stream()
        if model == "stand-in-redirect":
            return self.send_json(307, {"moved": True}, [("Location", "/v1/elsewhere")])
        message = answer(request, raw)
        if model == "stand-in-gzip":
            accepted = self.headers.get("Accept-Encoding", "")
            message["content"].append({"type": "text", "text": "accepted: " + accepted})
            return self.send_json(200, message, encode="gzip" in accepted)
        if not request.get("stream"):
            time.sleep(0.02)
            return self.send_json(200, message)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("request-id", "req_" + digest(raw.decode("utf-8", "replace")))
        self.end_headers()
        time.sleep(0.02)
        for name, data in events(message, model):
            if name is None:
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            chunk = f"event: {name}\ndata: {data}\n\n".encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.flush()
            time.sleep(0.005)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def slow_stream(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for _ in range(300):
                chunk = b'event: ping\ndata: {"type": "ping"}\n\n'
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            with LOCK:
                HANGUPS[0] += 1
            self.close_connection = True


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Engine)
    server.daemon_threads = True
    if os.environ.get("STAND_IN_TLS_CERT"):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.environ["STAND_IN_TLS_CERT"], os.environ["STAND_IN_TLS_KEY"])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

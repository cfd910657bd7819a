#!/usr/bin/env python3
"""A scripted OpenAI-compatible server for vigil's tests: a separate process that speaks the chat completions API.

Usage: scripted-llm.py PORT_FILE REQUEST_LOG [FAILURES [FAIL_STATUS [DELAY_SECONDS]]]
Listens on a free loopback port and writes it to PORT_FILE; appends every request (path, headers, JSON body) to
REQUEST_LOG as one JSON line. The first FAILURES chat requests get FAIL_STATUS (503 by default; 429 for rate
limits) to exercise the client's retries; every chat answer waits DELAY_SECONDS first (to exercise timeouts).
Answers name the model and the question they were given, so a test can tell the answer came from here.
"""
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, request_log = sys.argv[1], sys.argv[2]
failures_left = [int(sys.argv[3]) if len(sys.argv) > 3 else 0]
fail_status = int(sys.argv[4]) if len(sys.argv) > 4 else 503
delay = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def record(self, body):
        with open(request_log, "a", encoding="utf-8") as log:
            log.write(json.dumps({"method": self.command, "path": self.path,
                                  "authorization": self.headers.get("Authorization"), "body": body}) + "\n")

    def send_json(self, status, doc):
        data = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.record(None)
        if self.path == "/v1/models":
            self.send_json(200, {"object": "list", "data": [{"id": "scripted", "object": "model", "owned_by": "test"}]})
        else:
            self.send_json(404, {"error": {"message": "no route " + self.path, "type": "not_found"}})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        self.record(body)
        if self.path != "/v1/chat/completions":
            self.send_json(404, {"error": {"message": "no route " + self.path, "type": "not_found"}})
            return
        if failures_left[0] > 0:
            failures_left[0] -= 1
            self.send_json(fail_status, {"error": {"message": "scripted failure", "type": "server_error"}})
            return
        time.sleep(delay)
        last = body["messages"][-1]["content"]
        text = last if isinstance(last, str) else " ".join(p.get("text", "") for p in last if p.get("type") == "text")
        answer = "SCRIPTED ANSWER by %s to: %s" % (body.get("model"), text[-200:])
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for piece in (answer[:20], answer[20:]):
                chunk = {"id": "c1", "object": "chat.completion.chunk", "model": body.get("model"),
                         "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                self.wfile.write(("data: " + json.dumps(chunk) + "\n\n").encode())
            self.wfile.write(b"data: [DONE]\n\n")
            return
        self.send_json(200, {"id": "c1", "object": "chat.completion", "model": body.get("model"),
                             "choices": [{"index": 0, "message": {"role": "assistant", "content": answer},
                                          "finish_reason": "stop"}],
                             "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)
server.serve_forever()

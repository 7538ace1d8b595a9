"""A local SMS gateway for tests and the demo: an HTTP server on 127.0.0.1 that accepts what Frappe's SMS
Settings send (GET query, form POST or JSON POST to /send) and records each message; GET /messages returns
them as JSON (`?to=<number>` for one number's). It delivers nothing. It also stands in for a stranger's server
in the browser tests: GET /pixel/<anything> is recorded (a remote image a page should never have loaded)
and listed at /pixels; and for the 12345 platform's callback: POST /callback is recorded (body and
signature header) and listed at /callbacks.

    python -m govservice.tests.sms_gateway --port 8025

In-process (unit tests): `with LocalGateway() as gateway: ... gateway.messages`.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

RECEIVER = "to"
MESSAGE = "text"


class JSONHandler(BaseHTTPRequestHandler):
	"""A local test server's handler: JSON answers, no request log (what it receives is its record)."""

	def log_message(self, format, *args):
		pass

	def _answer(self, status: int, body: dict | list) -> None:
		data = json.dumps(body, ensure_ascii=False).encode()
		self.send_response(status)
		self.send_header("Content-Type", "application/json; charset=utf-8")
		self.send_header("Content-Length", str(len(data)))
		self.end_headers()
		self.wfile.write(data)


class _Handler(JSONHandler):
	server: _Server

	def _record(self, params: dict) -> None:
		if self.server.fail:
			self._answer(503, {"error": "gateway down"})
			return
		if not params.get(RECEIVER) or not params.get(MESSAGE):
			self._answer(400, {"error": f"{RECEIVER} and {MESSAGE} are required"})
			return
		message = {
			"to": str(params[RECEIVER]),
			"text": str(params[MESSAGE]),
			"params": params,
			"at": time.time(),
		}
		with self.server.lock:
			self.server.messages.append(message)
		self._answer(200, {"status": "OK"})

	def do_GET(self):
		url = urlparse(self.path)
		query = {key: values[-1] for key, values in parse_qs(url.query).items()}
		if url.path == "/send":
			self._record(query)
		elif url.path.startswith("/pixel/"):
			with self.server.lock:
				self.server.pixels.append(url.path)
			self._answer(200, {})
		elif url.path == "/pixels":
			with self.server.lock:
				self._answer(200, list(self.server.pixels))
		elif url.path == "/callbacks":
			with self.server.lock:
				self._answer(200, list(self.server.callbacks))
		elif url.path == "/messages":
			with self.server.lock:
				found = [m for m in self.server.messages if not query.get("to") or m["to"] == query["to"]]
			self._answer(200, found)
		else:
			self._answer(404, {"error": "not found"})

	def do_POST(self):
		url = urlparse(self.path)
		length = int(self.headers.get("Content-Length") or 0)
		raw = self.rfile.read(length).decode()
		if (self.headers.get("Content-Type") or "").startswith("application/json"):
			params = json.loads(raw or "{}")
		else:
			params = {key: values[-1] for key, values in parse_qs(raw).items()}
		if url.path == "/send":
			self._record(params)
		elif url.path == "/callback":
			with self.server.lock:
				self.server.callbacks.append(
					{
						"body": raw,
						"signature": self.headers.get("X-Frappe-Webhook-Signature"),
						"at": time.time(),
					}
				)
			self._answer(200, {"status": "OK"})
		elif url.path == "/fail":  # tests switch the gateway down and up again
			self.server.fail = bool(params.get("down"))
			self._answer(200, {"fail": self.server.fail})
		else:
			self._answer(404, {"error": "not found"})


class _Server(ThreadingHTTPServer):
	daemon_threads = True

	def __init__(self, address):
		super().__init__(address, _Handler)
		self.messages: list[dict] = []
		self.pixels: list[str] = []
		self.callbacks: list[dict] = []
		self.lock = threading.Lock()
		self.fail = False


class ServerInThread:
	"""A local test server (with `lock` and `messages`) in a background thread, as a context manager."""

	def __init__(self, server):
		self.server = server
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

	@property
	def messages(self) -> list[dict]:
		with self.server.lock:
			return list(self.server.messages)

	def __enter__(self):
		self.thread.start()
		return self

	def __exit__(self, *exc) -> None:
		self.server.shutdown()
		self.server.server_close()


class LocalGateway(ServerInThread):
	"""The gateway in a background thread, on a free port of 127.0.0.1 unless one is given."""

	def __init__(self, port: int = 0):
		super().__init__(_Server(("127.0.0.1", port)))

	@property
	def url(self) -> str:
		return f"http://127.0.0.1:{self.server.server_address[1]}/send"

	def set_down(self, down: bool) -> None:
		self.server.fail = down

	@property
	def callbacks(self) -> list[dict]:
		with self.server.lock:
			return list(self.server.callbacks)

	@property
	def callback_url(self) -> str:
		return f"http://127.0.0.1:{self.server.server_address[1]}/callback"


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--port", type=int, default=8025)
	args = parser.parse_args()
	server = _Server(("127.0.0.1", args.port))
	print(f"local SMS gateway on http://127.0.0.1:{args.port}/send", flush=True)
	server.serve_forever()


if __name__ == "__main__":
	main()

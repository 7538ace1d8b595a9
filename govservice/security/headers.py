"""Headers every answer of the site carries (`after_request` hook), so that what slipped past the input rules
still cannot act: a Content-Security-Policy that lets desk, portal and print pages load images, fonts, frames
and scripts from the site itself only and post forms only to it, and no MIME sniffing. Behind nginx the
production configuration sends the same policy for the files nginx serves itself."""

import json

import frappe

POLICY = (
	"default-src 'self'",
	# the desk and Frappe's pages run inline and evaluated scripts of their own
	"script-src 'self' 'unsafe-inline' 'unsafe-eval'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: blob:",
	"font-src 'self' data:",
	"media-src 'self' data: blob:",
	"worker-src 'self' blob:",
	"frame-src 'self'",
	"form-action 'self'",
	"frame-ancestors 'self'",
	"base-uri 'self'",
	"object-src 'none'",
)


def content_security_policy(host: str | None, socketio_port: int | None) -> str:
	"""The policy; `connect-src` adds the realtime server when it listens on a port of its own (development
	and the test site; in production it is behind nginx, on the site's own origin)."""
	connect = ["'self'"]
	hostname = (host or "").rsplit(":", 1)[0].strip("[]")
	if socketio_port and hostname and all(ch.isalnum() or ch in ".-:" for ch in hostname):
		for scheme in ("http", "https", "ws", "wss"):
			connect.append(f"{scheme}://{hostname}:{int(socketio_port)}")
	return "; ".join((*POLICY, "connect-src " + " ".join(connect)))


def add_security_headers(response=None, request=None) -> None:
	if response is None:
		return
	response.headers["Content-Security-Policy"] = content_security_policy(
		getattr(request, "host", None), frappe.conf.get("socketio_port")
	)
	response.headers["X-Content-Type-Options"] = "nosniff"
	response.headers.setdefault("Referrer-Policy", "same-origin")
	drop_debug_messages(response)


def drop_debug_messages(response) -> None:
	"""Frappe answers a query it could not run with the query's text (`_debug_messages`), to whoever sent it:
	the app's access rules and the other users they name are nobody's business outside developer mode."""
	if frappe.conf.developer_mode or response.direct_passthrough or response.is_streamed:
		return
	if response.mimetype != "application/json":
		return
	data = response.get_data()
	if b'"_debug_messages"' not in data:
		return
	try:
		body = json.loads(data)
	except ValueError:
		return
	body.pop("_debug_messages", None)
	response.set_data(json.dumps(body))

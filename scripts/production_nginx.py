"""Completes the nginx configuration `bench setup nginx` generated (scripts/production generates it afresh
and runs this every time; a file completed already is refused):

- uploads are limited to the app's own limit (Frappe's 50m default otherwise lets nginx buffer what the app
  will refuse), with room for the form around the file;
- every answer, including the files nginx serves itself (a `location` with an `add_header` of its own
  inherits none of the server's), carries the site's Content-Security-Policy, X-Content-Type-Options,
  Referrer-Policy and, over HTTPS, HSTS; the copies the app sends are hidden so that each header is sent once;
- a name the bench does not serve gets no answer (a default server), instead of the first site.

usage: production_nginx.py NGINX_CONF --max-body BYTES --policy POLICY
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

MARK = "# govservice:"
FORM_ROOM = 64 * 1024  # the multipart envelope around a file of the largest size the app accepts
HIDDEN = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options")


def headers(policy: str, indent: str) -> list[str]:
	return [
		f'{indent}add_header Content-Security-Policy "{policy}" always; {MARK}',
		f"{indent}add_header X-Content-Type-Options nosniff always; {MARK}",
		f'{indent}add_header Referrer-Policy "same-origin" always; {MARK}',
		f'{indent}add_header X-Frame-Options "SAMEORIGIN" always; {MARK}',
		# empty (not sent) over plain HTTP, where browsers ignore it anyway
		f"{indent}add_header Strict-Transport-Security $govservice_hsts always; {MARK}",
	]


HEAD = f"""server_tokens off; {MARK} no nginx version in headers and error pages
map $scheme $govservice_hsts {{ {MARK} HSTS over HTTPS only
	https "max-age=63072000; includeSubDomains";
	default "";
}}
"""
# a request for a name the bench does not serve gets nothing (nginx would otherwise pick the first server)
TAIL = f"""server {{ {MARK} unknown names
	listen 80 default_server;
	listen [::]:80 default_server;
	server_name _;
	return 444;
}}
server {{ {MARK} unknown names
	listen 443 ssl default_server;
	listen [::]:443 ssl default_server;
	server_name _;
	ssl_reject_handshake on;
}}
"""


def complete(text: str, max_body: int, policy: str, web_ports: list[int] | None = None) -> str:
	if '"' in policy or "\n" in policy or ";" in policy.replace("; ", ""):
		raise SystemExit("the policy must be one line without quotes")
	if MARK in text:
		raise SystemExit("this file was completed already: complete the one bench generates")
	out: list[str] = [HEAD]
	upstream = False
	for line in text.splitlines():
		stripped = line.strip()
		indent = line[: len(line) - len(line.lstrip())]
		# the web processes behind the one upstream (scripts/production --web-processes)
		if stripped.startswith("upstream ") and stripped.endswith("-frappe {"):
			upstream = bool(web_ports)
		elif upstream and stripped.startswith("server "):
			out.extend(f"{indent}server 127.0.0.1:{port} fail_timeout=0; {MARK}" for port in web_ports)
			upstream = False
			continue
		# bench sets the realtime server's Origin to the site itself, which turns Frappe's own check of the
		# browser's Origin (another site's page opening a socket with the user's cookie) into a no-op
		if stripped.startswith("proxy_set_header Origin "):
			continue
		if stripped.startswith("client_max_body_size"):
			out.append(f"{indent}client_max_body_size {max_body + FORM_ROOM}; {MARK} the app's limit")
			continue
		# the server's own security headers are replaced by the set below (Frappe's Referrer-Policy lists two
		# values, and its HSTS asks for preloading the county cannot promise)
		if re.match(
			r"add_header (X-Frame-Options|Strict-Transport-Security|X-Content-Type-Options|"
			r"X-XSS-Protection|Referrer-Policy)\b",
			stripped,
		):
			continue
		out.append(line)
		if (stripped.startswith("location") and stripped.endswith("{")) or stripped.startswith("server {"):
			out.extend(headers(policy, indent + "\t"))
		if stripped.startswith("proxy_pass ") and "frappe" in stripped:
			out.extend(f"{indent}proxy_hide_header {name}; {MARK}" for name in HIDDEN)
	out.append(TAIL)
	return "\n".join(out) + "\n"


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("conf")
	parser.add_argument("--max-body", type=int, required=True)
	parser.add_argument("--policy", required=True)
	parser.add_argument("--web-ports", default="", help="comma-separated ports of the web processes")
	args = parser.parse_args()
	path = Path(args.conf)
	ports = [int(port) for port in args.web_ports.split(",") if port]
	path.write_text(complete(path.read_text(), args.max_body, args.policy, ports))


if __name__ == "__main__":
	main()

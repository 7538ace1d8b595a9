"""Development web server bound to 127.0.0.1: `bench serve` hard-codes 0.0.0.0.

Run from the bench's `sites` directory with the bench's Python. Same behaviour as `bench serve` otherwise
(static /assets and /files, auto-reload).
"""

import argparse
import os

import werkzeug.serving

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=8000)
parser.add_argument("--host", default=os.environ.get("GS_HOST", "127.0.0.1"))
parser.add_argument("--site", help="site to serve whatever the Host header says (like bench --site … serve)")
parser.add_argument("--no-reload", action="store_true", help="one process, no auto-reload (for tests)")
args = parser.parse_args()
_run_simple = werkzeug.serving.run_simple


def run_on_loopback(_hostname, port, application, **kwargs):
	return _run_simple(args.host, port, application, **kwargs)


werkzeug.serving.run_simple = run_on_loopback

import frappe.app  # noqa: E402

from govservice.security.boundary import install  # noqa: E402

install()  # the client's address and log-in names from the first request on (as the app's hook does later)

frappe.app.serve(port=args.port, site=args.site, sites_path=".", no_reload=args.no_reload)

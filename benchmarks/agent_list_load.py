"""An agent's case list under load through a running server (the production stack): N sessions of one demo
village agent read the first page of their cases (Frappe's list view call, read-only, so served by the
replica when the site reads from one) for a fixed time. Prints throughput and p50/p95, and where the site's
reads go (site config `read_from_replica`); run it once with the replica and once without to compare.

Run from the bench's `sites` directory with the bench's Python, on a scratch site with the demo loaded:

    ../env/bin/python ../apps/govservice/benchmarks/agent_list_load.py --site govservice.localhost \\
        --url https://govservice.localhost --cafile /etc/ssl/govservice/govservice.localhost.crt

It only reads and logs out its sessions at the end; it runs only on a site made for tests (`allow_tests`).
"""

from __future__ import annotations

import argparse
import json
import socket
import sys

import requests
from bench_common import open_test_site
from portal_load import run_phase


def demo_agent(site: str) -> dict:
	import frappe

	open_test_site(site)
	try:
		password = frappe.conf.get("govservice_demo_password")
		if not password:
			raise SystemExit("the site has no demo loaded (govservice-setup --demo)")
		user = frappe.get_all(
			"GS Agent",
			filters={"level": "Village", "is_active": 1},
			pluck="user",
			order_by="name",
			limit=1,
		)[0]
		return {"user": user, "password": password, "replica": bool(frappe.conf.get("read_from_replica"))}
	finally:
		frappe.destroy()


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--url", required=True)
	parser.add_argument("--cafile")
	parser.add_argument("--users", type=int, default=20)
	parser.add_argument("--seconds", type=float, default=30)
	args = parser.parse_args()
	agent = demo_agent(args.site)
	original = socket.getaddrinfo

	def loopback(host, *rest, **kwargs):  # the site's name is this machine
		return original("127.0.0.1" if host == args.site else host, *rest, **kwargs)

	socket.getaddrinfo = loopback
	sessions = []
	for _ in range(args.users):
		session = requests.Session()
		session.trust_env = False
		session.verify = args.cafile or True
		session.post(
			f"{args.url}/api/method/login", data={"usr": agent["user"], "pwd": agent["password"]}
		).raise_for_status()
		sessions.append(session)
	params = {
		"doctype": "GS Case",
		"fields": json.dumps(["name", "applicant_name", "item_name", "status", "deadline_date", "modified"]),
		"order_by": "creation desc",
		"start": 0,
		"page_length": 20,
	}
	print(json.dumps({"reads_from": "replica" if agent["replica"] else "primary"}), flush=True)
	try:
		run_phase(
			"agent case list",
			sessions,
			lambda session: session.get(f"{args.url}/api/method/frappe.desk.reportview.get", params=params),
			args.seconds,
		)
	finally:
		for session in sessions:
			session.get(f"{args.url}/api/method/logout")
	sys.exit(0)


if __name__ == "__main__":
	main()

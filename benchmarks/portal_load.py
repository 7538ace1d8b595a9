"""Load test of the portal: N concurrent portal users submit requests (with one PDF material) for a fixed
time, then the same number of sessions insert ToDo records through Frappe's REST API, as the baseline,
against the same server in the same run. Prints throughput, p50/p95 latency and errors for both.

Run from the bench's `sites` directory with the bench's Python, on a site with govservice:

    ../env/bin/python ../apps/govservice/benchmarks/portal_load.py --site govservice.localhost

It starts its own gunicorn on 127.0.0.1 (or uses --url), creates the portal accounts it needs, turns the
per-user hourly submission limit off for the run (restoring it however the run ends), and stops after
--seconds per phase. It runs only on a site made for tests (site config `allow_tests`, as scripts/test's site):
its accounts' passwords are written in this repository.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time

import requests
from bench_common import open_test_site, percentile, restored_settings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PASSWORD = "Load-Test-2026!x"


def prepare(site: str, users: int) -> dict:
	import frappe
	from frappe.utils.password import update_password

	open_test_site(site)
	try:
		from govservice.tests.e2e_setup import prepare as prepare_records
		from govservice.tests.utils import make_portal_user

		prepare_records()
		emails = []
		for index in range(users):
			email = make_portal_user(f"load{index:02d}@load.test")
			update_password(email, PASSWORD)
			emails.append(email)
		frappe.db.commit()
		return {"users": emails}
	finally:
		frappe.destroy()


def login(url: str, site: str, user: str, password: str) -> requests.Session:
	session = requests.Session()
	session.headers["Host"] = site  # gunicorn serves every site of the bench; the Host header picks one
	session.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}).raise_for_status()
	return session


def run_phase(name: str, sessions: list, call, seconds: float) -> dict:
	latencies, errors, lock = [], [], threading.Lock()
	deadline = time.perf_counter() + seconds

	def worker(session):
		while time.perf_counter() < deadline:
			start = time.perf_counter()
			try:
				response = call(session)
				ok = response.status_code == 200
				detail = response.status_code
			except requests.RequestException as exc:
				ok, detail = False, type(exc).__name__
			elapsed = time.perf_counter() - start
			with lock:
				(latencies if ok else errors).append(elapsed if ok else detail)

	threads = [threading.Thread(target=worker, args=(s,)) for s in sessions]
	begin = time.perf_counter()
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	wall = time.perf_counter() - begin
	ms = sorted(x * 1000 for x in latencies)
	result = {
		"phase": name,
		"users": len(sessions),
		"seconds": round(wall, 1),
		"ok": len(ms),
		"errors": len(errors),
		"throughput_per_s": round(len(ms) / wall, 2),
		"p50_ms": round(statistics.median(ms), 1) if ms else None,
		"p95_ms": round(percentile(ms, 0.95), 1) if ms else None,
		"error_kinds": sorted({str(e) for e in errors}),
	}
	print(json.dumps(result, ensure_ascii=False), flush=True)
	return result


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--users", type=int, default=20)
	parser.add_argument("--seconds", type=float, default=60)
	parser.add_argument("--workers", type=int, default=4, help="gunicorn workers when the script starts one")
	parser.add_argument("--port", type=int, default=8020)
	parser.add_argument("--url", help="use a running server instead of starting gunicorn")
	parser.add_argument("--admin-password", default=os.environ.get("GS_ADMIN_PASSWORD", "admin"))
	args = parser.parse_args()

	setup = prepare(args.site, args.users)
	with restored_settings(args.site, "GS Settings", {"portal_submissions_per_hour": 0}):
		run(args, setup)


def run(args, setup: dict) -> None:
	server = None
	url = args.url or f"http://127.0.0.1:{args.port}"
	if not args.url:
		gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
		server = subprocess.Popen(
			[
				gunicorn,
				"-b",
				f"127.0.0.1:{args.port}",
				"-w",
				str(args.workers),
				"-t",
				"120",
				"frappe.app:application",
			],
			env={**os.environ, "FRAPPE_SITE": args.site},
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
		)
		for _ in range(60):
			try:
				requests.get(f"{url}/api/method/ping", headers={"Host": args.site}, timeout=2)
				break
			except requests.RequestException:
				time.sleep(1)
	try:
		portal = [login(url, args.site, user, PASSWORD) for user in setup["users"]]
		# ToDo needs a desk user with the Desk User role: Administrator stands in for staff
		staff = [login(url, args.site, "Administrator", args.admin_password) for _ in setup["users"]]
		print(f"# {args.users} concurrent users, {args.seconds:.0f} s per phase, {url}", flush=True)
		run_phase(
			"portal submit_request (1 PDF material)",
			portal,
			lambda s: s.post(
				f"{url}/api/method/govservice.api.portal.submit_request",
				data={
					"service_item": "E2E-ONLINE",
					"phone": "13900000000",
					"id_number": "11010519491231002X",
				},
				files={"material-0": ("身份证.pdf", PDF, "application/pdf")},
			),
			args.seconds,
		)
		run_phase(
			"baseline: ToDo insert via REST",
			staff,
			lambda s: s.post(f"{url}/api/resource/ToDo", json={"description": "load baseline"}),
			args.seconds,
		)
	finally:
		if server:
			server.terminate()
			server.wait(10)


if __name__ == "__main__":
	main()

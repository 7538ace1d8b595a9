"""A province on one site: builds a synthetic province and times what each role asks of it.

Run from the bench's `sites` directory with the bench's Python, on a scratch site with govservice (it adds a
million cases; keep it off a real site):

    ../env/bin/python ../apps/govservice/benchmarks/province_bench.py --site province.localhost

Build (once; skipped when the province is there): 1 county → 30 townships → 900 villages (931 centres, a
nested set of its own after any tree already on the site), a county, a township and a village agent through
the app's own GS Agent records (which grant their User Permissions), 1,000,000 GS Case rows spread over
the villages (most), townships and county and over a year, and 2,000,000 GS Work Log rows, all with bulk
inserts. Then, over HTTP on gunicorn (2 workers, 127.0.0.1), per identity (Administrator, county, township
and village agent), median and p95 of 10 calls each: the case list as the desk asks for it (20 rows, its
default sort, and sorted by modification), the exact count (the list itself asks for a count bounded at
1,001), the overdue list (In Progress, deadline passed), one month of the Work Log Ledger (one page and its
total), opening one case; then the reminder job's time (in the process, rolled back), and the EXPLAIN of
every agent query. Prints JSON lines; asserts nothing. Run it on a quiet machine: right after the build (or
a large migrate) InnoDB is still purging and the figures wander.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta

import requests
from bench_common import open_test_site

PREFIX = "PB"
PASSWORD = "Province-Bench-2026x"
AGENTS = {
	"county": ("pb.county@bench.govservice", f"{PREFIX}县"),
	"township": ("pb.township@bench.govservice", f"{PREFIX}01镇"),
	"village": ("pb.village@bench.govservice", f"{PREFIX}01镇01村"),
}
STATES = (  # (workflow state, stage, share of cases)
	("Registered", "Registered", 0.05),
	("Awaiting Materials", "Awaiting Materials", 0.03),
	("Accepted", "Accepted", 0.07),
	("In Progress", "In Progress", 0.15),
	("Completed", "Completed", 0.10),
	("Archived", "Archived", 0.58),
	("Terminated", "Terminated", 0.02),
)
ACTIONS = ("Registered", "Accepted", "Started Handling", "Completed", "Archived", "Call to Applicant")
CHUNK = 20000


# --- building the province -------------------------------------------------------------------------------


def centre_rows(base: int) -> list[tuple]:
	"""The tree's rows (name, official name, level, parent, is_group, lft, rgt), numbered after `base`."""
	rows, counter = [], [base]

	def take() -> int:
		counter[0] += 1
		return counter[0]

	county = f"{PREFIX}县"
	county_lft = take()
	townships = []
	for t in range(1, 31):
		township = f"{PREFIX}{t:02d}镇"
		t_lft = take()
		villages = []
		for v in range(1, 31):
			lft = take()
			villages.append(
				(
					f"{township}{v:02d}村",
					f"{township}{v:02d}村便民服务站",
					"Village",
					township,
					0,
					lft,
					take(),
				)
			)
		townships.append((township, f"{township}便民服务中心", "Township", county, 1, t_lft, take()))
		rows.extend(villages)
	rows.extend(townships)
	rows.append((county, f"{county}政务服务中心", "County", None, 1, county_lft, take()))
	return rows


def insert_centres(frappe, prefix: str = "") -> list[tuple]:
	"""The province's tree, after any tree already on the site, with one bulk insert (not committed); names
	start with `prefix`. Returns its rows (name, official name, level, parent, is_group, lft, rgt)."""
	base = frappe.db.sql("select coalesce(max(rgt), 0) from `tabGS Service Centre`")[0][0]
	now = datetime.now()
	rows = [
		(prefix + name, prefix + official, level, prefix + parent if parent else None, group, lft, rgt)
		for name, official, level, parent, group, lft, rgt in centre_rows(base)
	]
	frappe.db.bulk_insert(
		"GS Service Centre",
		fields=[
			"name",
			"centre_name",
			"official_name",
			"level",
			"parent_gs_service_centre",
			"is_group",
			"lft",
			"rgt",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		values=[
			(name, name, official, level, parent, group, lft, rgt, now, now, "Administrator", "Administrator")
			for name, official, level, parent, group, lft, rgt in rows
		],
	)
	return rows


def build(site: str, cases: int, logs: int) -> dict:
	import frappe

	open_test_site(site)
	frappe.set_user("Administrator")
	try:
		from frappe.utils.password import update_password

		from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
		from govservice.tests.utils import make_agent, make_service_item, make_user

		year = datetime.now().year
		ensure_calendar_years([year, year + 1])
		county = f"{PREFIX}县"
		started = time.perf_counter()
		if not frappe.db.exists("GS Service Centre", county):
			insert_centres(frappe)
			frappe.db.commit()
		item = (
			frappe.db.get_value("GS Service Item", {"item_code": f"{PREFIX}-ITEM"})
			or make_service_item(
				f"{PREFIX}-ITEM", item_name="基准测试事项", is_published=1, offers_proxy=1
			).name
		)
		agents = {}
		for key, (email, centre) in AGENTS.items():
			make_user(email, roles=("GS Agent",), first_name=f"{key}代办员")
			update_password(email, PASSWORD)
			agents[key] = make_agent(email, centre, agent_name=f"{key}代办员").name
		frappe.db.commit()
		have = frappe.db.count("GS Case", {"name": ["like", f"{PREFIX}-CASE-%"]})
		if have < cases:
			insert_cases(frappe, have, cases, item, agents)
		have_logs = frappe.db.count("GS Work Log", {"name": ["like", f"{PREFIX}-LOG-%"]})
		if have_logs < logs:
			insert_logs(frappe, have_logs, logs, cases, agents)
		frappe.db.sql("analyze table `tabGS Case`, `tabGS Work Log`, `tabGS Service Centre`")
		print(json.dumps({"built_in_s": round(time.perf_counter() - started, 1)}), flush=True)
		sample = {
			key: frappe.db.get_value("GS Case", {"service_centre": AGENTS[key][1]}, "name") for key in AGENTS
		}
		return {"agents": {key: email for key, (email, _c) in AGENTS.items()}, "sample": sample}
	finally:
		frappe.destroy()


def case_centre(index: int) -> str:
	"""80% of the cases at a village, 15% at a township, 5% at the county."""
	slot = index % 20
	township = f"{PREFIX}{(index // 20) % 30 + 1:02d}镇"
	if slot == 0:
		return f"{PREFIX}县"
	if slot <= 3:
		return township
	return f"{township}{(index // 600) % 30 + 1:02d}村"


def scope_of(centre: str) -> tuple[str | None, str]:
	"""(township, county) of a centre of the province, as the app stores them on every scoped record."""
	county = f"{PREFIX}县"
	if centre == county:
		return None, county
	return centre[: len(PREFIX) + 3], county


def insert_cases(frappe, start: int, count: int, item: str, agents: dict) -> None:
	from frappe.utils import add_days, getdate

	rng = random.Random(start)
	today = getdate()
	now = datetime.now()
	weights = [share for _s, _t, share in STATES]
	agent_of_level = {
		"County": agents["county"],
		"Township": agents["township"],
		"Village": agents["village"],
	}
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"naming_series",
		"status",
		"stage",
		"applicant_type",
		"applicant_name",
		"id_number_masked",
		"phone",
		"service_item",
		"item_name",
		"promised_limit_days",
		"intake_channel",
		"urgency",
		"service_centre",
		"township_centre",
		"county_centre",
		"level",
		"agent",
		"agent_name",
		"received_on",
		"accepted_on",
		"deadline_date",
	]
	for chunk_start in range(start, count, CHUNK):
		values = []
		for index in range(chunk_start, min(chunk_start + CHUNK, count)):
			state, stage, _share = rng.choices(STATES, weights)[0]
			created = now - timedelta(days=rng.random() * 365, seconds=index % 60)
			centre = case_centre(index)
			level = (
				"County" if centre.endswith("县") else ("Township" if centre.endswith("镇") else "Village")
			)
			deadline = (
				add_days(today, rng.randint(-20, 20))
				if stage not in ("Registered", "Awaiting Materials")
				else None
			)
			values.append(
				(
					f"{PREFIX}-CASE-{index:07d}",
					created,
					created + timedelta(hours=rng.random() * 48),
					"Administrator",
					"Administrator",
					"GS-CASE-.YYYY.-.#####",
					state,
					stage,
					"Individual",
					f"申请人{index}",
					"422828********0012",
					"13800000000",
					item,
					"基准测试事项",
					10,
					"Window",
					"Normal",
					centre,
					*scope_of(centre),
					level,
					agent_of_level[level],
					"代办员",
					created,
					created if deadline else None,
					deadline,
				)
			)
		frappe.db.bulk_insert("GS Case", fields=fields, values=values)
		frappe.db.commit()
		print(json.dumps({"cases": chunk_start + len(values)}), flush=True)


def insert_logs(frappe, start: int, count: int, cases: int, agents: dict) -> None:
	rng = random.Random(start + 1)
	now = datetime.now()
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"log_on",
		"action",
		"gs_case",
		"service_centre",
		"township_centre",
		"county_centre",
		"agent",
		"user",
		"description",
	]
	for chunk_start in range(start, count, CHUNK):
		values = []
		for index in range(chunk_start, min(chunk_start + CHUNK, count)):
			case = rng.randrange(cases)
			logged = now - timedelta(days=rng.random() * 365, microseconds=index)
			values.append(
				(
					f"{PREFIX}-LOG-{index:08d}",
					logged,
					logged,
					"Administrator",
					"Administrator",
					logged,
					ACTIONS[index % len(ACTIONS)],
					f"{PREFIX}-CASE-{case:07d}",
					case_centre(case),
					*scope_of(case_centre(case)),
					agents["village"],
					"Administrator",
					"基准测试",
				)
			)
		frappe.db.bulk_insert("GS Work Log", fields=fields, values=values)
		frappe.db.commit()
		print(json.dumps({"work_logs": chunk_start + len(values)}), flush=True)


# --- timing over HTTP ------------------------------------------------------------------------------------


def login(url: str, site: str, user: str, password: str) -> requests.Session:
	session = requests.Session()
	session.headers["Host"] = site
	session.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}).raise_for_status()
	return session


def calls(sample: str) -> dict:
	today = datetime.now().date()
	month = (today - timedelta(days=30)).isoformat()
	list_fields = json.dumps(
		[
			"`tabGS Case`.`name`",
			"`tabGS Case`.`applicant_name`",
			"`tabGS Case`.`status`",
			"`tabGS Case`.`deadline_date`",
		]
	)
	return {
		"case list, 20 rows, default sort": (
			"frappe.desk.reportview.get",
			{
				"doctype": "GS Case",
				"fields": list_fields,
				"order_by": "`tabGS Case`.`creation` desc",
				"page_length": 20,
			},
		),
		"case list, 20 rows, modified desc": (
			"frappe.desk.reportview.get",
			{
				"doctype": "GS Case",
				"fields": list_fields,
				"order_by": "`tabGS Case`.`modified` desc",
				"page_length": 20,
			},
		),
		"list count (bounded at 1,001, as the list asks)": (
			"frappe.desk.reportview.get_count",
			{"doctype": "GS Case", "limit": 1001},
		),
		"exact count": ("frappe.desk.reportview.get_count", {"doctype": "GS Case"}),
		"overdue list": (
			"frappe.desk.reportview.get",
			{
				"doctype": "GS Case",
				"fields": list_fields,
				"filters": json.dumps(
					[["status", "=", "In Progress"], ["deadline_date", "<", today.isoformat()]]
				),
				"order_by": "`tabGS Case`.`creation` desc",
				"page_length": 20,
			},
		),
		"Work Log Ledger, one month (a page and the total)": (
			"frappe.desk.query_report.run",
			{
				"report_name": "Work Log Ledger",
				"filters": json.dumps({"from_date": month, "to_date": today.isoformat()}),
			},
		),
		"open one case": ("frappe.desk.form.load.getdoc", {"doctype": "GS Case", "name": sample}),
	}


def time_calls(url: str, session: requests.Session, identity: str, sample: str, repeat: int) -> None:
	for label, (method, args) in calls(sample).items():
		times, status = [], None
		for _ in range(repeat):
			start = time.perf_counter()
			response = session.post(f"{url}/api/method/{method}", data=args, timeout=300)
			times.append((time.perf_counter() - start) * 1000)
			status = response.status_code
			size = len(response.content)
		times.sort()
		print(
			json.dumps(
				{
					"identity": identity,
					"call": label,
					"median_ms": round(statistics.median(times), 1),
					"p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
					"status": status,
					"bytes": size,
				},
				ensure_ascii=False,
			),
			flush=True,
		)


def explain_and_reminders(site: str, users: dict) -> None:
	"""The EXPLAIN of each agent query (the SQL Frappe builds for that user), and the reminder job."""
	import frappe

	open_test_site(site)
	try:
		today = frappe.utils.today()
		month = frappe.utils.add_days(today, -30)
		for identity, user in users.items():
			frappe.set_user(user)
			queries = {
				"case list": frappe.get_list(
					"GS Case", fields=["name"], order_by="creation desc", limit_page_length=20, run=0
				),
				"exact count": frappe.get_list("GS Case", fields=["count(*) as n"], run=0),
				"overdue list": frappe.get_list(
					"GS Case",
					fields=["name"],
					filters=[["status", "=", "In Progress"], ["deadline_date", "<", today]],
					order_by="creation desc",
					limit_page_length=20,
					run=0,
				),
				"ledger page": frappe.get_list(
					"GS Work Log",
					fields=["name"],
					filters={"log_on": ["between", [f"{month} 00:00:00", f"{today} 23:59:59"]]},
					order_by="log_on asc",
					limit_page_length=500,
					run=0,
				),
			}
			for label, sql in queries.items():
				plan = frappe.db.sql(f"explain {sql}", as_dict=True)
				print(
					json.dumps(
						{
							"identity": identity,
							"explain": label,
							"plan": [
								{k: row.get(k) for k in ("table", "type", "key", "rows", "Extra")}
								for row in plan
							],
						},
						ensure_ascii=False,
					),
					flush=True,
				)
		frappe.set_user("Administrator")
		from govservice.casework.reminders import send_case_reminders

		frappe.db.set_single_value("GS Settings", "send_reminder_emails", 0)
		start = time.perf_counter()
		sent = send_case_reminders()
		print(
			json.dumps({"reminder job_s": round(time.perf_counter() - start, 2), "sent": sent}, default=str),
			flush=True,
		)
		frappe.db.rollback()  # the next run times the same work
	finally:
		frappe.destroy()


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--cases", type=int, default=1_000_000)
	parser.add_argument("--logs", type=int, default=2_000_000)
	parser.add_argument("--repeat", type=int, default=10)
	parser.add_argument("--port", type=int, default=8030)
	parser.add_argument("--admin-password", default=os.environ.get("GS_ADMIN_PASSWORD", "admin"))
	args = parser.parse_args()

	world = build(args.site, args.cases, args.logs)
	users = {f"{key} agent": email for key, email in world["agents"].items()}
	gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
	server = subprocess.Popen(
		[gunicorn, "-b", f"127.0.0.1:{args.port}", "-w", "2", "-t", "300", "frappe.app:application"],
		env={**os.environ, "FRAPPE_SITE": args.site},
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	url = f"http://127.0.0.1:{args.port}"
	try:
		for _ in range(60):
			try:
				requests.get(f"{url}/api/method/ping", headers={"Host": args.site}, timeout=2)
				break
			except requests.RequestException:
				time.sleep(1)
		print(f"# {args.cases:,} cases, {args.logs:,} work log rows; gunicorn 2 workers on {url}", flush=True)
		sessions = {"Administrator": login(url, args.site, "Administrator", args.admin_password)}
		for identity, email in users.items():
			sessions[identity] = login(url, args.site, email, PASSWORD)
		for identity, session in sessions.items():
			key = identity.split()[0]
			sample = world["sample"].get(key) or world["sample"]["village"]
			time_calls(url, session, identity, sample, args.repeat)
	finally:
		server.terminate()
		server.wait(10)
	explain_and_reminders(args.site, users)


if __name__ == "__main__":
	main()
